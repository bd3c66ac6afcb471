import CohortModel

/// Everything one LA's generation depends on: its size, seed, place and schools, and how it sits
/// among England's LAs. A stand-alone LA is one plan; England is one plan per LA.
struct LocalAuthorityPlan: Sendable {
    var laCode: Int
    var pupils: Int
    var socialCareChildren: Int
    var seed: UInt64
    var geography: Geography
    var register: SchoolRegister
    var socialCare: SocialCareHistory.Scope
    /// Where the LA's UPN serial numbers start, as a share of the serial space (see `UPNAllocator`).
    var upnSlice = 0.0
    /// One of England's LAs: some pupils go to school in the neighbours' (real) schools, and each
    /// social care episode names the LA that recorded it.
    var inEngland = false

    /// Generates the LA's pupils and children with a social worker and writes its two extracts.
    func generate(years: [AcademicYear], names: NamePools) -> LocalAuthorityExtracts {
        var population = Population(years: years, geography: geography, upnSlice: upnSlice)
        population.generatePupils(max(0, pupils), laCode: laCode, names: names, seed: seed)
        Enrolment.assignSchools(&population, register: register, crossesBorders: inEngland, seed: seed)
        let socialCare = SocialCareHistory(population: &population, count: socialCareChildren, laCode: laCode,
                                           names: names, seed: seed, scope: socialCare)
        let enrolment = Enrolment(population: population, register: register, socialCare: socialCare, seed: seed)
        let education = EducationCSV.write(population: population, register: register, enrolment: enrolment,
                                           socialCare: socialCare, names: names, seed: seed)
        let social = SocialCareCSV.write(socialCare: socialCare, population: population, register: register,
                                         names: names, recordsLA: inEngland, seed: seed)

        // Links: each social care child on roll, first row in each file.
        var firstEducationRow = [Int32](repeating: 0, count: population.people.count)
        for (i, row) in enrolment.rows.enumerated() where firstEducationRow[Int(row.person)] == 0 {
            firstEducationRow[Int(row.person)] = Int32(i + 1)
        }
        var links: [(Int, Int)] = []
        for (c, child) in socialCare.children.enumerated() {
            let row = Int(firstEducationRow[Int(child.person)])
            if row > 0 { links.append((social.firstRow[c], row)) }
        }
        links.sort { $0.0 < $1.0 }

        let summary = GenerationSummary(population: population, socialCare: socialCare, enrolment: enrolment,
                                        register: register, identities: social.identities, links: links)
        return LocalAuthorityExtracts(socialCareCSV: social.csv, educationCSV: education.csv, truth: education.truth,
                                      rolls: education.rolls, links: links, summary: summary,
                                      schoolNameTruth: social.schoolTruth)
    }
}

/// One LA's generated extracts and their truth, before England's LAs are joined.
struct LocalAuthorityExtracts: Sendable {
    var socialCareCSV: [UInt8]
    var educationCSV: [UInt8]
    var truth: TruthMeasures
    /// Census rolls, indexed like the plan's `register.schools`.
    var rolls: [SchoolsCSV.Roll]
    /// `(social care row, education row)`, 1-based within this LA's files, in social care order.
    var links: [(Int, Int)]
    var summary: GenerationSummary
    var schoolNameTruth: [Int?]
}
