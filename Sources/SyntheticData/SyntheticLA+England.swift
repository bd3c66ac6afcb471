import CohortModel
import Foundation
import ReferenceData

extension SyntheticLA {
    /// England: every LA of `LocalAuthorities.all` generated as its own LA (its share of the
    /// pupils and children, its schools, its postcodes), in parallel, and the LAs' files joined in
    /// LA order into one national extract each.
    ///
    /// Each LA adopts a few of its neighbours' schools, where some of its pupils go. Truth
    /// links are renumbered to the joined files, and `truth/measures.csv` is England's (every LA's
    /// totals merged): one LA's measures would leave most of the generated data unchecked.
    static func generateEngland(_ config: SyntheticConfig) -> SyntheticLA {
        let names = NamePools.shared
        let years = config.academicYears
        let latestYear = years[years.count - 1]
        let sizes = EnglandSizes(pupils: max(0, config.pupils), children: config.resolvedSocialCareChildren, seed: config.seed)
        let (plans, ownRegisters) = englandPlans(sizes, seed: config.seed, names: names, latestYear: latestYear)
        var parts = StageProgress.step("generate the LAs", total: plans.count, unit: "LAs") { progress in
            parallelMap(plans.count, chunks: plans.count, progress: progress, state: {}) { _, i in
                plans[i].generate(years: years, names: names)
            }
        }

        // Joined in LA order: rows and links move down by the rows of the LAs before.
        var links: [(Int, Int)] = []
        var truth = TruthMeasures(years: years, socialCare: nil)
        var socialCareRows = 0, educationRows = 0
        for part in parts {
            links += part.links.map { ($0.0 + socialCareRows, $0.1 + educationRows) }
            truth.merge(part.truth)
            socialCareRows += part.summary.socialCareRows
            educationRows += part.summary.educationRows
        }
        let rolls = NeighbourSchools.rollsWithCrossBorderPupils(parts.map(\.rolls), registers: plans.map(\.register))
        var schoolFiles = plans.indices.map { i in
            SchoolsCSV.write(register: ownRegisters[i], geography: plans[i].geography, names: names, rolls: rolls[i],
                             latestYear: latestYear)
        }
        let summary = GenerationSummary(combining: parts.map(\.summary))
        let schoolNameTruth = parts.flatMap(\.schoolNameTruth)
        var socialCareFiles = parts.map(\.socialCareCSV)
        var educationFiles = parts.map(\.educationCSV)
        parts = []
        return SyntheticLA(config: config, socialCareCSV: CSV.joined(&socialCareFiles), educationCSV: CSV.joined(&educationFiles),
                           schoolsCSV: CSV.joined(&schoolFiles), truthLinksCSV: linksCSV(links), truthMeasuresCSV: truth.csv(),
                           summary: summary, schoolNameTruth: schoolNameTruth)
    }

    /// One plan per LA, and each LA's register before it adopted its neighbours' schools (what
    /// schools.csv holds: the adopted copies are the neighbours' own schools).
    ///
    /// The registers are made one LA after another because they share one URN sequence.
    private static func englandPlans(_ sizes: EnglandSizes, seed: UInt64, names: NamePools,
                                     latestYear: AcademicYear) -> (plans: [LocalAuthorityPlan], ownRegisters: [SchoolRegister]) {
        var urns = URNAllocator()
        var plans: [LocalAuthorityPlan] = []
        var firstChild = 0, generatedBefore = 0
        for (i, la) in sizes.authorities.enumerated() {
            let geography = Geography(laCode: la.oldCode)
            let register = SchoolRegister(pupils: max(1, sizes.pupils[i]), geography: geography, names: names,
                                          seed: sizes.seeds[i], latestYear: latestYear, urns: &urns,
                                          inventsNeighbourSchools: false)
            plans.append(LocalAuthorityPlan(
                laCode: la.oldCode, pupils: sizes.pupils[i], socialCareChildren: sizes.children[i], seed: sizes.seeds[i],
                geography: geography, register: register, socialCare: .england(seed: seed, firstChild: firstChild),
                upnSlice: Double(generatedBefore) / Double(max(1, sizes.totalPeople)), inEngland: true))
            firstChild += sizes.children[i]
            generatedBefore += sizes.pupils[i] + sizes.children[i]
        }
        let ownRegisters = plans.map(\.register)
        let planIndex = Dictionary(uniqueKeysWithValues: sizes.authorities.enumerated().map { ($1.oldCode, $0) })
        for i in plans.indices {
            var random = Random(seed: sizes.seeds[i], stream: .authorities, 1)
            let authorities = plans[i].geography.authorities
            let neighbourSchools = authorities.indices.dropFirst().flatMap { a in
                NeighbourSchools.pick(from: ownRegisters[planIndex[authorities[a].oldCode]!], as: a, &random)
            }
            plans[i].register.adoptNeighbourSchools(neighbourSchools)
        }
        return (plans, ownRegisters)
    }
}

/// How big each of England's LAs is: a typical size for its kind (a shire county has about four
/// times the pupils of a unitary authority), spread log-normally so that no two are alike, the
/// City of London and the Isles of Scilly with a few hundred; children with a social worker in
/// proportion; each LA with its own seed. All follow from the seed.
struct EnglandSizes: Sendable {
    let authorities: [LocalAuthority]
    let pupils: [Int]
    let children: [Int]
    let seeds: [UInt64]

    /// Pupils and children of every LA together.
    var totalPeople: Int { pupils.reduce(0, +) + children.reduce(0, +) }

    /// Typical pupils relative to a unitary authority (E06), by the kind in the GSS code: shire
    /// counties (E10), metropolitan districts (E08), London boroughs (E09).
    static let typicalSize: [String: Double] = ["E10": 4.3, "E08": 1.7, "E09": 1.3, "E06": 1]
    /// LAs with a few hundred pupils, far below their kind's.
    static let tinyAuthorities: Set<Int> = [201, 420]

    init(pupils total: Int, children totalChildren: Int, seed: UInt64) {
        authorities = LocalAuthorities.all
        var random = Random(seed: seed, stream: .authorities)
        let weights = authorities.map { la in
            let typical = EnglandSizes.tinyAuthorities.contains(la.oldCode) ? 0.01 : EnglandSizes.typicalSize[String(la.newCode.prefix(3)), default: 1]
            return typical * exp(0.35 * random.normal())
        }
        pupils = apportion(total, weights)
        children = apportion(totalChildren, weights)
        seeds = authorities.indices.map { _ in random.next() }
    }
}

/// The schools of neighbouring LAs that an LA's pupils cross the border to.
enum NeighbourSchools {
    /// Up to three primaries and two secondaries of `register`'s own open schools, copied with
    /// `authority` re-pointed at the neighbour's index in the adopting LA's `Geography`.
    static func pick(from register: SchoolRegister, as authority: Int, _ random: inout Random) -> [School] {
        var picked: [School] = []
        for (pool, count) in [(register.primaries, 3), (register.secondaries, 2)] {
            var remaining = pool
            for _ in 0..<min(count, remaining.count) {
                var school = register.schools[remaining.remove(at: random.below(remaining.count))]
                school.authority = authority
                picked.append(school)
            }
        }
        return picked
    }

    /// Each LA's rolls for its own schools, with the pupils other LAs sent to them added: those
    /// were counted against the other LA's copy of the school, found again by URN.
    static func rollsWithCrossBorderPupils(_ rolls: [[SchoolsCSV.Roll]], registers: [SchoolRegister]) -> [[SchoolsCSV.Roll]] {
        var crossing: [Int: SchoolsCSV.Roll] = [:]
        for (r, register) in registers.enumerated() {
            for s in register.outOfArea {
                crossing[register.schools[s].urn, default: .init()].add(rolls[r][s])
            }
        }
        return registers.indices.map { r in
            rolls[r].indices.map { s in
                var roll = rolls[r][s]
                if registers[r].schools[s].authority == 0, let extra = crossing[registers[r].schools[s].urn] { roll.add(extra) }
                return roll
            }
        }
    }
}
