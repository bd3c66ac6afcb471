import CohortModel
import Foundation

/// One establishment of the synthetic school register.
struct School: Sendable {
    enum Phase: UInt8, Sendable { case primary, secondary, alternative }

    struct EstablishmentType: Sendable {
        let code: Int, name: String, groupCode: Int, groupName: String
        var isAcademy: Bool { groupCode == 10 || groupCode == 11 }

        static let community = EstablishmentType(code: 1, name: "Community school", groupCode: 4, groupName: "Local authority maintained schools")
        static let voluntaryAided = EstablishmentType(code: 2, name: "Voluntary aided school", groupCode: 4, groupName: "Local authority maintained schools")
        static let voluntaryControlled = EstablishmentType(code: 3, name: "Voluntary controlled school", groupCode: 4, groupName: "Local authority maintained schools")
        static let foundation = EstablishmentType(code: 5, name: "Foundation school", groupCode: 4, groupName: "Local authority maintained schools")
        static let pupilReferralUnit = EstablishmentType(code: 14, name: "Pupil referral unit", groupCode: 4, groupName: "Local authority maintained schools")
        static let academyConverter = EstablishmentType(code: 28, name: "Academy converter", groupCode: 10, groupName: "Academies")
        static let academySponsorLed = EstablishmentType(code: 34, name: "Academy sponsor led", groupCode: 10, groupName: "Academies")
        static let freeSchool = EstablishmentType(code: 35, name: "Free schools", groupCode: 11, groupName: "Free Schools")
        static let academyAlternative = EstablishmentType(code: 44, name: "Academy alternative provision converter", groupCode: 10, groupName: "Academies")
    }

    enum Religion: UInt8, Sendable { case none, catholic, churchOfEngland }

    var urn: Int
    /// Index into `Geography.authorities` (0 is the home LA).
    var authority: Int
    var establishmentNumber: Int
    var name: String
    /// What people call the school for short (`Oakfield`), the social workers' favourite.
    var stem: String
    var phase: Phase
    var type: EstablishmentType
    var religion: Religion
    var isOpen: Bool
    var openDate: Day?
    var closeDate: Day?
    var capacity: Int
    var postcode: Postcode
    var street: String
    /// Half-day sessions the school is open in a year (schools differ by a few INSET days).
    var possibleSessions: Int
    /// The school's own pull on absence and attainment (a random effect, mean 0).
    var effect: Double
    var headForename: Int32
    var headSurname: Int32
    /// Ways the name gets shortened in case notes ("St Mary's RC Prim"), worked out once.
    var abbreviations: [String] = []

    var statutoryAges: (low: Int, high: Int) {
        switch phase {
        case .primary: (type.code == 1 ? 3 : 4, 11)
        case .secondary: (11, type.isAcademy || religion != .none ? 18 : 16)
        case .alternative: (5, 16)
        }
    }
}

/// The register: the home LA's open schools pupils attend, the closed schools academies replaced,
/// and schools in neighbouring LAs: invented for a stand-alone LA, where some children with a
/// social worker go to school; copies of the neighbours' own for one of England's LAs, where some
/// pupils go.
struct SchoolRegister: Sendable {
    var schools: [School]
    /// Indices of the home LA's open schools by phase, and their intake weights.
    let primaries: [Int], secondaries: [Int], alternatives: [Int]
    let primaryIntake: AliasTable, secondaryIntake: AliasTable
    /// Indices of schools in neighbouring LAs (all open).
    private(set) var outOfArea: [Int]

    /// A stand-alone LA's register, with schools invented for its neighbours.
    init(pupils: Int, geography: Geography, names: NamePools, seed: UInt64, latestYear: AcademicYear) {
        var urns = URNAllocator()
        self.init(pupils: pupils, geography: geography, names: names, seed: seed, latestYear: latestYear, urns: &urns,
                  inventsNeighbourSchools: true)
    }

    /// The register of one LA; its URNs come from `urns`, which England's LAs share so that URNs
    /// are unique nationally. Without `inventsNeighbourSchools`, the neighbours' schools are left
    /// for `adoptNeighbourSchools` (England's LAs have real neighbours).
    init(pupils: Int, geography: Geography, names: NamePools, seed: UInt64, latestYear: AcademicYear,
         urns: inout URNAllocator, inventsNeighbourSchools: Bool) {
        var random = Random(seed: seed, stream: .schools)
        let scale = Double(pupils) / 40_000
        let primaryCount = max(2, Int((80 * scale).rounded()))
        let secondaryCount = max(1, Int((20 * scale).rounded()))
        let alternativeCount = max(1, Int((2 * scale).rounded()))

        var builder = Builder(geography: geography, names: names, latestYear: latestYear, urns: urns)
        var stems = SchoolNames.stems
        // A seeded Fisher–Yates, so the name order depends on the seed only.
        for i in stride(from: stems.count - 1, to: 0, by: -1) { stems.swapAt(i, random.below(i + 1)) }
        var nextStem = 0
        func stem() -> String {
            let base = stems[nextStem % stems.count]
            let round = nextStem / stems.count
            nextStem += 1
            if round == 0 { return base }
            let suffix = SchoolNames.suffixes[(round - 1) % SchoolNames.suffixes.count]
            let extra = (round - 1) / SchoolNames.suffixes.count
            return extra == 0 ? "\(base) \(suffix)" : "\(base) \(suffix) \(extra + 1)"
        }

        var primaries: [Int] = [], secondaries: [Int] = [], alternatives: [Int] = []
        for _ in 0..<primaryCount { primaries.append(builder.add(.primary, authority: 0, stem: stem(), curlyShare: 0.12, &random)) }
        for _ in 0..<secondaryCount { secondaries.append(builder.add(.secondary, authority: 0, stem: stem(), curlyShare: 0.12, &random)) }
        for _ in 0..<alternativeCount { alternatives.append(builder.add(.alternative, authority: 0, stem: stem(), curlyShare: 0, &random)) }

        // Neighbouring LAs: the nearest take most of the out-of-borough pupils.
        var outOfArea: [Int] = []
        let neighbours = geography.authorities.count - 1
        if inventsNeighbourSchools && neighbours > 0 {
            for i in 0..<40 {
                let authority = 1 + min(neighbours - 1, Int(Double(neighbours) * pow(random.unit(), 1.6)))
                let phase: School.Phase = i % 5 < 3 ? .primary : .secondary
                outOfArea.append(builder.add(phase, authority: authority, stem: stem(), curlyShare: 0.3, &random))
            }
            // A bilingual school guarantees a name outside ASCII, as real registers have.
            let ecole = builder.add(.primary, authority: 1, stem: "Belle Rive", curlyShare: 0, &random)
            builder.schools[ecole].name = "École Belle Rive Bilingual Primary School"
            outOfArea.append(ecole)
        }
        for i in builder.schools.indices {
            var variants = Random(seed: seed, stream: .schoolNames, UInt64(builder.schools[i].urn))
            var seen: [String] = []
            for _ in 0..<8 {
                let text = SchoolNames.abbreviated(builder.schools[i].name, &variants)
                if !seen.contains(text) { seen.append(text) }
            }
            builder.schools[i].abbreviations = seen
        }
        schools = builder.schools
        urns = builder.urns
        self.primaries = primaries
        self.secondaries = secondaries
        self.alternatives = alternatives
        self.outOfArea = outOfArea
        let schoolsSoFar = builder.schools
        primaryIntake = AliasTable(weights: primaries.map { Double(schoolsSoFar[$0].capacity) })
        secondaryIntake = AliasTable(weights: secondaries.map { Double(schoolsSoFar[$0].capacity) })
    }

    /// Adds copies of schools in neighbouring LAs, where some pupils cross the border to go to
    /// school; `authority` of each copy must index the neighbour in this LA's `Geography`.
    mutating func adoptNeighbourSchools(_ neighbourSchools: [School]) {
        outOfArea += schools.count..<(schools.count + neighbourSchools.count)
        schools += neighbourSchools
    }

    /// The neighbours' schools of `phase` this LA's pupils may cross the border to.
    func outOfArea(_ phase: School.Phase) -> [Int] { outOfArea.filter { schools[$0].phase == phase } }

    /// Makes schools with unique URNs and establishment numbers, and the closed predecessors of
    /// converter academies (GIAS keeps both, often with the same name).
    private struct Builder {
        let geography: Geography
        let names: NamePools
        let latestYear: AcademicYear
        var schools: [School] = []
        var urns: URNAllocator
        /// Establishment numbers taken in each LA (indexed like `Geography.authorities`).
        var usedEstablishments: [Set<Int>]

        init(geography: Geography, names: NamePools, latestYear: AcademicYear, urns: URNAllocator) {
            self.geography = geography
            self.names = names
            self.latestYear = latestYear
            self.urns = urns
            usedEstablishments = Array(repeating: [], count: geography.authorities.count)
        }

        /// DfE numbering: 1xxx PRUs, 2xxx community primaries, 3xxx voluntary primaries,
        /// 4xxx secondaries, 5xxx foundation and academies. Beyond a range's capacity (only at
        /// national scale in one LA) the number moves on through the unused thousands.
        mutating func establishmentNumber(authority: Int, phase: School.Phase, type: School.EstablishmentType,
                                          _ random: inout Random) -> Int {
            let base: Int
            switch (phase, type.code) {
            case (.alternative, _): base = 1100
            case (.primary, 2), (.primary, 3): base = 3300
            case (.primary, 5), (_, 28), (_, 34), (_, 35): base = phase == .primary ? 2000 : 5400
            case (.primary, _): base = 2000
            default: base = 4000
            }
            var candidate = base + random.between(0, 60)
            // Once all 9,000 four-digit numbers are taken (a national population in one LA),
            // numbers repeat: URNs stay unique, and they are what identifies a school.
            guard usedEstablishments[authority].count < 9000 else { return candidate }
            while usedEstablishments[authority].contains(candidate) {
                candidate = 1000 + (candidate - 1000 + random.between(1, 7)) % 9000
            }
            usedEstablishments[authority].insert(candidate)
            return candidate
        }

        mutating func add(_ phase: School.Phase, authority: Int, stem: String, curlyShare: Double, _ random: inout Random) -> Int {
            let type: School.EstablishmentType
            var religion = School.Religion.none
            switch phase {
            case .primary:
                type = WeightedChoice<School.EstablishmentType>([(.community, 45), (.voluntaryAided, 25), (.voluntaryControlled, 5),
                                                                 (.foundation, 4), (.academyConverter, 12), (.academySponsorLed, 6),
                                                                 (.freeSchool, 3)]).sample(&random)
                if type.code == 2 { religion = random.chance(0.55) ? .catholic : .churchOfEngland }
                if type.code == 3 { religion = .churchOfEngland }
                if type.code == 28 && random.chance(0.3) { religion = random.chance(0.5) ? .catholic : .churchOfEngland }
            case .secondary:
                type = WeightedChoice<School.EstablishmentType>([(.community, 10), (.voluntaryAided, 15), (.foundation, 5),
                                                                 (.academyConverter, 35), (.academySponsorLed, 25), (.freeSchool, 10)])
                    .sample(&random)
                if type.code == 2 { religion = random.chance(0.6) ? .catholic : .churchOfEngland }
            case .alternative:
                type = random.chance(0.7) ? .pupilReferralUnit : .academyAlternative
            }
            let curly = random.chance(curlyShare)
            let name = Builder.name(phase: phase, type: type, religion: religion, stem: stem, curly: curly, &random)
            // Saints' schools are known by the saint ("St Mary's"), the others by their stem.
            let known = name.hasPrefix("St ") ? String(name.prefix { $0 != " " } + " " + name.dropFirst(3).prefix { $0 != " " }) : stem
            let la = geography.authorities[authority]
            let district = la.districts[random.below(la.districts.count)]
            let capacity: Int
            switch phase {
            case .primary: capacity = 210 * random.between(1, 3) + (random.chance(0.3) ? 30 : 0)
            case .secondary: capacity = 150 * random.between(5, 10)
            case .alternative: capacity = random.between(40, 120)
            }
            let openDate: Day?
            if type.isAcademy {
                openDate = Day(year: random.between(2011, latestYear.startYear - 1), month: random.pick([4, 9, 1]), day: 1)
            } else {
                openDate = random.chance(0.2) ? Day(year: random.between(1950, 2005), month: 9, day: 1) : nil
            }
            let street = "\(random.between(1, 240)) \(stem.split(separator: " ").first.map(String.init) ?? stem) \(random.pick(["Road", "Street", "Lane", "Grove", "Avenue", "Place", "Way"]))"
            var head = Random(seed: UInt64(schools.count), stream: .schoolNames, UInt64(authority))
            let headMale = head.chance(0.35)
            let school = School(
                urn: urns.next(academy: type.isAcademy, &random), authority: authority,
                establishmentNumber: establishmentNumber(authority: authority, phase: phase, type: type, &random),
                name: name, stem: known, phase: phase, type: type, religion: religion, isOpen: true,
                openDate: openDate, closeDate: nil, capacity: capacity,
                postcode: Postcode.random(district: district, &random), street: street,
                possibleSessions: 380 - 2 * random.between(0, 3) + (random.chance(0.2) ? 2 : 0),
                effect: random.normal() * 0.25,
                headForename: names.drawForename(male: headMale, ethnicity: Ethnicity.code("WBRI"), &head),
                headSurname: names.drawSurname(ethnicity: Ethnicity.code("WBRI"), &head))
            // A converter academy replaced a maintained school of the same name: the closed
            // record stays in GIAS and is what an old case note may point at.
            if type.code == 28, let opened = openDate {
                var predecessor = school
                predecessor.urn = urns.next(academy: false, &random)
                predecessor.type = religion == .none ? .community : .voluntaryAided
                predecessor.isOpen = false
                predecessor.openDate = nil
                predecessor.closeDate = opened.adding(days: -1)
                predecessor.effect = 0
                schools.append(predecessor)
            }
            schools.append(school)
            return schools.count - 1
        }

        static func name(phase: School.Phase, type: School.EstablishmentType, religion: School.Religion, stem: String,
                         curly: Bool, _ random: inout Random) -> String {
            let saint = SchoolNames.saint(SchoolNames.saints[random.below(SchoolNames.saints.count)], curly: curly)
            switch phase {
            case .primary:
                switch religion {
                case .catholic: return random.chance(0.8) ? "\(saint) Catholic Primary School" : "Our Lady of \(stem) RC Primary School"
                case .churchOfEngland:
                    return random.chance(0.6) ? "\(saint) Church of England Primary School" : "\(stem) CofE Primary School"
                case .none:
                    switch type.code {
                    case 28: return random.chance(0.6) ? "\(stem) Primary School" : "\(stem) Primary Academy"
                    case 34: return "\(random.pick(SchoolNames.sponsors)) Primary Academy \(stem)"
                    case 35: return "\(stem) Free School"
                    default: return random.chance(0.1) ? "\(stem) Community Primary School" : "\(stem) Primary School"
                    }
                }
            case .secondary:
                switch religion {
                case .catholic: return random.chance(0.5) ? "\(saint) Catholic College" : "\(saint) Catholic School"
                case .churchOfEngland: return "\(saint) Church of England Academy"
                case .none:
                    switch type.code {
                    case 34: return "\(random.pick(SchoolNames.sponsors)) Academy \(stem)"
                    case 28: return random.chance(0.5) ? "\(stem) Academy" : "\(stem) School"
                    case 35: return "\(stem) Free School"
                    default: return random.chance(0.5) ? "\(stem) School" : "\(stem) College"
                    }
                }
            case .alternative:
                return type.code == 14 ? "\(stem) Pupil Referral Unit" : "\(stem) Alternative Provision Academy"
            }
        }
    }
}

/// Hands out unique URNs: maintained schools' from the low 100,000s, academies' from the
/// 130,000s, in small random steps, as GIAS numbers them.
struct URNAllocator: Sendable {
    private var used: Set<Int> = []
    private var nextMaintained = 100_800
    private var nextAcademy = 136_500

    mutating func next(academy: Bool, _ random: inout Random) -> Int {
        while true {
            let candidate: Int
            if academy {
                nextAcademy += random.between(1, 40)
                candidate = nextAcademy
            } else {
                nextMaintained += random.between(1, 6)
                candidate = nextMaintained
            }
            if candidate <= 999_999, used.insert(candidate).inserted { return candidate }
            if candidate > 999_999 { nextAcademy = 160_000; nextMaintained = 100_000 }
        }
    }
}
