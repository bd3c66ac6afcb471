import ReferenceData
import CohortModel

/// Forenames and surnames drawn by weight from the embedded name tables, in pools by origin.
///
/// A child's ethnicity picks the origin of each name separately (so a Mixed White and Black
/// Caribbean child may have an English forename and a Caribbean surname), then the name is drawn
/// from that origin's pool by its `weight`. Names are handed around as `Int32` indices and written
/// from pre-encoded bytes, because the generator draws tens of millions of them at national scale.
struct NamePools: Sendable {
    struct Name: Sendable {
        let text: String
        let bytes: [UInt8]
        let origin: Int
        /// A surname only women and girls carry (`Begum`, `Kaur`): never drawn for a boy.
        var femaleOnly = false
    }

    let forenames: [Name]
    let surnames: [Name]
    let origins: [String]
    /// Nicknames of each forename (formal → nickname, the reverse of `nicknames.csv`).
    let nicknames: [[String]]
    /// Every forename's (and surname's) UTF-8 bytes end to end, with start offsets (count + 1), so
    /// the writers append a slice instead of touching an array per name.
    let forenameBytes: FlatStrings
    let surnameBytes: FlatStrings
    /// For each surname, its feminine form (`Kowalski` → `Kowalska`) or -1; and the reverse.
    let feminineForm: [Int32]
    let masculineForm: [Int32]

    /// Pools of forename indices by origin and sex (0 male, 1 female).
    private let forenamePools: [[Pool?]]
    private let surnamePools: [Pool?]
    private let femaleOnlyPools: [Pool?]
    /// Chance that a girl of an origin carries a female-only surname instead of the family one
    /// (the tables' README suggests these shares).
    private let femaleOnlyShare: [Double]
    /// For each ethnicity (index into `Ethnicity.all`), the origin of a forename and of a surname.
    private let forenameOrigin: [WeightedChoice<Int>]
    private let surnameOrigin: [WeightedChoice<Int>]

    private struct Pool: Sendable {
        let members: [Int32]
        let table: AliasTable
        func draw(_ random: inout Random) -> Int32 { members[table.sample(&random)] }
    }

    static let shared = NamePools(forenameCSV: EmbeddedTables.forenames, surnameCSV: EmbeddedTables.surnames,
                                  femaleSurnameCSV: EmbeddedTables.femaleSurnames,
                                  femaleFormCSV: EmbeddedTables.surnameFemaleForms, nicknameCSV: EmbeddedTables.nicknames)

    init(forenameCSV: String, surnameCSV: String, femaleSurnameCSV: String = "", femaleFormCSV: String = "",
         nicknameCSV: String) {
        var origins: [String] = []
        var originIndex: [String: Int] = [:]
        func origin(_ label: String) -> Int {
            let key = label.lowercased()
            if let i = originIndex[key] { return i }
            originIndex[key] = origins.count
            origins.append(key)
            return origins.count - 1
        }

        var forenames: [Name] = [], forenameSex: [UInt8] = [], forenameWeight: [Double] = []
        let forenameRows = ReferenceTables.rows(forenameCSV)
        let fCols = NamePools.columns(forenameRows.first ?? [], ["name", "sex", "origin", "weight"])
        for row in forenameRows.dropFirst() where row.count > fCols.max()! {
            let text = row[fCols[0]].trimmingSpaces
            guard !text.isEmpty, let weight = Double(row[fCols[3]].trimmingSpaces), weight > 0 else { continue }
            let sexText = row[fCols[1]].trimmingSpaces.uppercased()
            let sex: UInt8 = sexText.hasPrefix("M") ? 1 : sexText.hasPrefix("F") ? 2 : 3  // 3: either
            forenames.append(Name(text: String(text), bytes: Array(text.utf8), origin: origin(String(row[fCols[2]].trimmingSpaces))))
            forenameSex.append(sex)
            forenameWeight.append(weight)
        }
        var surnames: [Name] = [], surnameWeight: [Double] = []
        let surnameRows = ReferenceTables.rows(surnameCSV)
        let sCols = NamePools.columns(surnameRows.first ?? [], ["name", "origin", "weight"])
        for row in surnameRows.dropFirst() where row.count > sCols.max()! {
            let text = row[sCols[0]].trimmingSpaces
            guard !text.isEmpty, let weight = Double(row[sCols[2]].trimmingSpaces), weight > 0 else { continue }
            surnames.append(Name(text: String(text), bytes: Array(text.utf8), origin: origin(String(row[sCols[1]].trimmingSpaces))))
            surnameWeight.append(weight)
        }
        precondition(!forenames.isEmpty && !surnames.isEmpty, "the embedded name tables are empty")
        let familySurnameCount = surnames.count
        var femaleOnlyWeight: [Double] = []
        let femaleRows = ReferenceTables.rows(femaleSurnameCSV)
        let fsCols = NamePools.columns(femaleRows.first ?? [], ["name", "origin", "weight"])
        for row in femaleRows.dropFirst() where row.count > fsCols.max()! {
            let text = row[fsCols[0]].trimmingSpaces
            guard !text.isEmpty, let weight = Double(row[fsCols[2]].trimmingSpaces), weight > 0 else { continue }
            surnames.append(Name(text: String(text), bytes: Array(text.utf8), origin: origin(String(row[fsCols[1]].trimmingSpaces)),
                                 femaleOnly: true))
            femaleOnlyWeight.append(weight)
        }
        // Feminine forms: looked up by (origin, masculine name); forms the surname table lacks
        // are added as names of their own (never drawn directly).
        var surnameIndex: [String: Int] = [:]
        for (i, name) in surnames.enumerated() where surnameIndex["\(name.origin)|\(name.text)"] == nil {
            surnameIndex["\(name.origin)|\(name.text)"] = i
        }
        var feminineForm = [Int32](repeating: -1, count: surnames.count)
        var masculineForm = [Int32](repeating: -1, count: surnames.count)
        let formRows = ReferenceTables.rows(femaleFormCSV)
        let ffCols = NamePools.columns(formRows.first ?? [], ["origin", "masculine", "feminine"])
        for row in formRows.dropFirst() where row.count > ffCols.max()! {
            let o = origin(String(row[ffCols[0]].trimmingSpaces))
            let masculine = String(row[ffCols[1]].trimmingSpaces), feminine = String(row[ffCols[2]].trimmingSpaces)
            guard let m = surnameIndex["\(o)|\(masculine)"], !feminine.isEmpty, feminine != masculine else { continue }
            let f: Int
            if let existing = surnameIndex["\(o)|\(feminine)"] {
                f = existing
            } else {
                f = surnames.count
                surnames.append(Name(text: feminine, bytes: Array(feminine.utf8), origin: o))
                surnameIndex["\(o)|\(feminine)"] = f
                feminineForm.append(-1)
                masculineForm.append(-1)
            }
            feminineForm[m] = Int32(f)
            masculineForm[f] = Int32(m)
        }

        var forenamePools: [[Pool?]] = []
        for o in origins.indices {
            var bySex: [Pool?] = []
            for sex: UInt8 in [1, 2] {
                let members = forenames.indices.filter { forenames[$0].origin == o && (forenameSex[$0] == sex || forenameSex[$0] == 3) }
                bySex.append(members.isEmpty ? nil : Pool(members: members.map { Int32($0) },
                                                          table: AliasTable(weights: members.map { forenameWeight[$0] })))
            }
            forenamePools.append(bySex)
        }
        var surnamePools: [Pool?] = [], femaleOnlyPools: [Pool?] = []
        for o in origins.indices {
            let members = (0..<familySurnameCount).filter { surnames[$0].origin == o }
            surnamePools.append(members.isEmpty ? nil : Pool(members: members.map { Int32($0) },
                                                             table: AliasTable(weights: members.map { surnameWeight[$0] })))
            let female = femaleOnlyWeight.indices.filter { surnames[familySurnameCount + $0].origin == o }
            femaleOnlyPools.append(female.isEmpty ? nil : Pool(members: female.map { Int32(familySurnameCount + $0) },
                                                               table: AliasTable(weights: female.map { femaleOnlyWeight[$0] })))
        }

        var formalToNicknames: [String: [String]] = [:]
        let nicknameRows = ReferenceTables.rows(nicknameCSV)
        let nCols = NamePools.columns(nicknameRows.first ?? [], ["nickname", "formal"])
        for row in nicknameRows.dropFirst() where row.count > nCols.max()! {
            let nickname = String(row[nCols[0]].trimmingSpaces), formal = row[nCols[1]].trimmingSpaces.lowercased()
            guard !nickname.isEmpty, !formal.isEmpty, nickname.lowercased() != formal else { continue }
            formalToNicknames[formal, default: []].append(nickname)
        }

        self.origins = origins
        self.forenames = forenames
        self.surnames = surnames
        self.nicknames = forenames.map { formalToNicknames[$0.text.lowercased()] ?? [] }
        self.forenameBytes = FlatStrings(forenames.map(\.bytes))
        self.surnameBytes = FlatStrings(surnames.map(\.bytes))
        self.forenamePools = forenamePools
        self.surnamePools = surnamePools
        self.femaleOnlyPools = femaleOnlyPools
        self.feminineForm = feminineForm
        self.masculineForm = masculineForm
        let shares: [String: Double] = [NameOrigins.bangladeshi: 0.25, NameOrigins.pakistani: 0.08, NameOrigins.indian: 0.05]
        femaleOnlyShare = origins.map { shares[$0] ?? 0 }
        forenameOrigin = Ethnicity.all.map { NameOrigins.choice(for: $0.code, part: .forename, origins: origins,
                                                                available: { o in forenamePools[o].contains { $0 != nil } }) }
        surnameOrigin = Ethnicity.all.map { NameOrigins.choice(for: $0.code, part: .surname, origins: origins,
                                                               available: { o in surnamePools[o] != nil }) }
    }

    /// Column positions of `wanted` in a header, by name; falls back to the stated order.
    private static func columns(_ header: [String], _ wanted: [String]) -> [Int] {
        let lower = header.map { $0.trimmingSpaces.lowercased() }
        return wanted.enumerated().map { i, name in lower.firstIndex(of: name) ?? i }
    }

    /// A forename for a child of this ethnicity. Given the family's surname origin, most children
    /// of a single-heritage family get a forename from the same pool (a Polish surname with a
    /// Polish forename); mixed-heritage children draw the two independently.
    func drawForename(male: Bool, ethnicity: Int, familyOrigin: Int? = nil, _ random: inout Random) -> Int32 {
        var origin = forenameOrigin[ethnicity].sample(&random)
        if let family = familyOrigin, !Ethnicity.all[ethnicity].isMixed, random.chance(0.8),
           forenamePools[family][male ? 0 : 1] != nil {
            origin = family
        }
        let sexPools = forenamePools[origin]
        if let pool = sexPools[male ? 0 : 1] ?? sexPools[male ? 1 : 0] { return pool.draw(&random) }
        return Int32(random.below(forenames.count))
    }

    /// A family surname (masculine form) for a child of this ethnicity.
    func drawSurname(ethnicity: Int, _ random: inout Random) -> Int32 {
        let origin = surnameOrigin[ethnicity].sample(&random)
        if let pool = surnamePools[origin] { return pool.draw(&random) }
        return Int32(random.below(surnames.count))
    }

    /// A child's own surname: the family surname, in its feminine form for most girls where the
    /// language inflects it, or for some South Asian girls a female-only surname such as `Begum`.
    func drawSurname(ethnicity: Int, male: Bool, _ random: inout Random) -> Int32 {
        let origin = surnameOrigin[ethnicity].sample(&random)
        if !male, femaleOnlyShare[origin] > 0, let pool = femaleOnlyPools[origin], random.chance(femaleOnlyShare[origin]) {
            return pool.draw(&random)
        }
        let family = surnamePools[origin]?.draw(&random) ?? Int32(random.below(surnames.count))
        return surname(family: family, male: male, &random)
    }

    /// The surname a child of this sex takes from a family surname (or from a sibling's surname,
    /// whatever its form); nil when the sibling's is a female-only surname.
    func surname(asSiblingOf other: Int32, male: Bool, _ random: inout Random) -> Int32? {
        guard !surnames[Int(other)].femaleOnly else { return nil }
        let family = masculineForm[Int(other)] >= 0 ? masculineForm[Int(other)] : other
        return surname(family: family, male: male, &random)
    }

    private func surname(family: Int32, male: Bool, _ random: inout Random) -> Int32 {
        // A few girls' records keep the masculine form: a realistic inconsistency.
        if !male && feminineForm[Int(family)] >= 0 && random.chance(0.92) { return feminineForm[Int(family)] }
        return family
    }
}

/// Many short byte strings stored end to end: one allocation, appended by slice.
struct FlatStrings: Sendable {
    let bytes: [UInt8]
    let starts: [Int32]
    /// True when some string holds a comma, quote or line break and must be quoted in a CSV.
    let anyNeedsQuoting: Bool

    init(_ strings: [[UInt8]]) {
        var bytes: [UInt8] = [], starts: [Int32] = [0]
        var quoting = false
        for s in strings {
            bytes += s
            starts.append(Int32(bytes.count))
            if CSV.needsQuoting(s) { quoting = true }
        }
        self.bytes = bytes
        self.starts = starts
        anyNeedsQuoting = quoting
    }

    subscript(_ i: Int32) -> ArraySlice<UInt8> { bytes[Int(starts[Int(i)])..<Int(starts[Int(i) + 1])] }

    /// Appends string `i` to `out` straight from the shared buffer (no slice, so no reference
    /// counting in the writers' hot loops).
    @inline(__always) func append(_ i: Int, to out: inout [UInt8]) {
        let start = Int(starts[i]), end = Int(starts[i + 1])
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
