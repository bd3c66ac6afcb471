import CohortModel

/// Facts about one generation, for tests and for reporting what each realism knob produced.
/// `package` because it describes the ground truth, which no published output may expose.
package struct GenerationSummary: Sendable {
    /// Pupils on roll (distinct) in each year of the window, oldest first.
    package let pupilsByYear: [Int]
    package let educationRows: Int
    package let dualRegistrations: Int
    package let pupilsWithFormerUPN: Int
    package let twinPupils: Int
    package let primarySchools: Int, secondarySchools: Int, outOfAreaSchools: Int
    package let socialCareChildren: Int
    package let socialCareRows: Int
    package let links: Int
    /// Children by kind: on roll, at school in another LA, aged 0–4, aged 16–17.
    package let onRoll: Int, outOfArea: Int, underFive: Int, postSixteen: Int
    /// Children in each group (CINP, CPP, CLA, none) at the latest reference date.
    package let latestGroups: [Int]
    /// Each social care child's kind and deliberate perturbations, in `children` order.
    package let perturbations: [(kind: UInt8, flags: UInt32, everLookedAfter: Bool)]
    /// Social care children who carry a former UPN in the education extract.
    package let socialCareWithFormerUPN: Int

    init(population: Population, socialCare: SocialCareHistory, enrolment: Enrolment, register: SchoolRegister,
         identities: [RecordedIdentity], links: [(Int, Int)]) {
        var byYear = [Int](repeating: 0, count: population.years.count)
        var dual = 0
        for row in enrolment.rows {
            if row.status != 2 { byYear[Int(row.year)] += 1 }
            if row.status == 1 { dual += 1 }
        }
        pupilsByYear = byYear
        educationRows = enrolment.rows.count
        dualRegistrations = dual
        pupilsWithFormerUPN = population.people.filter { $0.isOnRoll && $0.hasFormerUPN }.count
        twinPupils = population.people.filter { $0.isOnRoll && $0.twin >= 0 }.count
        primarySchools = register.primaries.count
        secondarySchools = register.secondaries.count
        outOfAreaSchools = register.outOfArea.count
        socialCareChildren = socialCare.children.count
        socialCareRows = socialCare.episodes.count
        self.links = links.count
        var kinds = [0, 0, 0, 0]
        var groups = [0, 0, 0, 0]
        for (c, child) in socialCare.children.enumerated() {
            kinds[Int(child.kind.rawValue)] += 1
            let g = Int(socialCare.group(child: c, year: population.latest))
            groups[g == 0 ? 3 : g - 1] += 1
        }
        onRoll = kinds[0]; outOfArea = kinds[1]; underFive = kinds[2]; postSixteen = kinds[3]
        latestGroups = groups
        socialCareWithFormerUPN = socialCare.children.filter { population.people[Int($0.person)].hasFormerUPN }.count
        perturbations = socialCare.children.indices.map {
            (socialCare.children[$0].kind.rawValue, identities[$0].perturbations.rawValue, socialCare.children[$0].everLookedAfter)
        }
    }

    /// The summary of England from its LAs' (at least one, in LA order, as their files are joined).
    init(combining parts: [GenerationSummary]) {
        func total(_ value: (GenerationSummary) -> Int) -> Int { parts.reduce(0) { $0 + value($1) } }
        func totals(_ values: (GenerationSummary) -> [Int]) -> [Int] {
            parts.dropFirst().reduce(values(parts[0])) { zip($0, values($1)).map(+) }
        }
        pupilsByYear = totals(\.pupilsByYear)
        educationRows = total(\.educationRows)
        dualRegistrations = total(\.dualRegistrations)
        pupilsWithFormerUPN = total(\.pupilsWithFormerUPN)
        twinPupils = total(\.twinPupils)
        primarySchools = total(\.primarySchools)
        secondarySchools = total(\.secondarySchools)
        outOfAreaSchools = total(\.outOfAreaSchools)
        socialCareChildren = total(\.socialCareChildren)
        socialCareRows = total(\.socialCareRows)
        links = total(\.links)
        onRoll = total(\.onRoll)
        outOfArea = total(\.outOfArea)
        underFive = total(\.underFive)
        postSixteen = total(\.postSixteen)
        latestGroups = totals(\.latestGroups)
        perturbations = parts.flatMap(\.perturbations)
        socialCareWithFormerUPN = total(\.socialCareWithFormerUPN)
    }

    /// Share of children (of the given kinds) whose record carries `flag`.
    package func rate(_ flag: UInt32, kinds: Set<UInt8> = [0, 1, 3], lookedAfterOnly: Bool = false) -> Double {
        let pool = perturbations.filter { kinds.contains($0.kind) && (!lookedAfterOnly || $0.everLookedAfter) }
        guard !pool.isEmpty else { return 0 }
        return Double(pool.filter { $0.flags & flag != 0 }.count) / Double(pool.count)
    }
}
