import CohortModel
import Extracts
import Foundation

/// Maps the free-text school names of a social care extract to GIAS URNs.
///
/// Names are compared by their distinctive words (see `SchoolName`), weighted by how rare each
/// word is in the register, so `Oakfield` decides and `Park` barely counts. Candidates are taken in
/// tiers: schools whose distinctive words are exactly the typed ones, then schools that contain
/// all of them (`Larkhall` for "Ashby Primary Academy Larkhall"), then, for a name with a word no
/// school has, the closest by weighted overlap. Within the best tier, kind words (Catholic or
/// Church of England, nursery, college), the child's phase and the LA of the child's postcode break
/// ties; what they cannot separate is reported ambiguous rather than guessed. A name that says
/// "primary" is never matched to a school that teaches no primary pupils, nor "secondary" the
/// other way round. A closed school that converted resolves to the school it became.
public struct SchoolResolver: Sendable {
    private let index: SchoolIndex
    /// Register schools by URN (closed ones included), for callers that need the school's LA or phase.
    private let schools: [Int: School]

    public init(schools register: [School]) {
        index = SchoolIndex(register)
        schools = Dictionary(register.map { ($0.urn, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The register's record of a URN (e.g. one returned by `resolve`), for its LA, phase and name.
    public func school(urn: Int) -> School? { schools[urn] }

    /// Resolves one typed name. `postcode` is the child's home postcode (its LA favours that LA's
    /// schools); `phaseHint` the phase the child was in when the name was recorded, which chooses
    /// between equally good schools of different phases (without it, such a name is ambiguous).
    public func resolve(name: String, postcode: String? = nil, phaseHint: Phase? = nil) -> SchoolResolution {
        resolve(match(name: name), postcode: postcode, phaseHint: phaseHint)
    }

    /// What a typed name alone says: the costly part of `resolve`, the same for every child whose
    /// record names the school alike, so a caller with many records matches each name once.
    public func match(name: String) -> NameMatch {
        // Each word looked up once: reading the name asks about the words it keeps.
        var looked: [String: SchoolIndex.Word] = [:]
        func lookup(_ word: String) -> SchoolIndex.Word {
            if let known = looked[word] { return known }
            let found = index.lookup(word)
            looked[word] = found
            return found
        }
        let typed = SchoolName(name) { word in if case .known = lookup(word) { true } else { false } }
        guard !typed.core.isEmpty else { return NameMatch() }
        let words = typed.core.map(lookup)
        let close = index.closeTiers(for: words)
        for level in 0..<3 {
            // The loose tier only when no close one has a candidate: it is the costly one.
            let tier = level < close.count ? close[level] : index.overlapping(words, spelt: typed.core)
            // First by the name alone: how close, and whether the kind words agree.
            let scored = tier.compactMap { entry, closeness -> (Int, Double)? in
                Self.phaseFits(typed.kinds, index.entries[entry]) ? (entry, closeness + Self.kindScore(typed.kinds, index.entries[entry].kinds)) : nil
            }
            guard let top = scored.map(\.1).max() else { continue }
            guard top >= 0.5 else { return NameMatch() }
            return NameMatch(nearTop: scored.filter { $0.1 >= top - 0.1 }, district: Self.district(typed.location))
        }
        return NameMatch()
    }

    /// The school a name's match points to for one child: its phase, then its home's LA and district,
    /// decide between the schools the name fits equally well.
    public func resolve(_ match: NameMatch, postcode: String? = nil, phaseHint: Phase? = nil) -> SchoolResolution {
        guard !match.nearTop.isEmpty else { return .unresolved }
        var nearTop = match.nearTop.map { (index.entries[$0.entry], $0.score) }
        // Schools of both phases fit the name: the child's phase decides (some of them teach
        // it), or nothing does.
        if !Self.onePhase(nearTop.map(\.0)) {
            guard let phaseHint else { return Self.decision(nearTop.map { ($0.0.currentURN, $0.1) }) }
            nearTop = nearTop.filter { $0.0.teaches(phaseHint) }
        }
        // Then where: the LA of the child's home, the district, an open school.
        let district = match.district ?? postcode.flatMap { Self.district(of: $0) }
        let homeLA = district.flatMap { index.laOfDistrict[$0] }
        let districtID = district.flatMap { index.districtID($0) }
        return Self.decision(nearTop.map { school, score in
            var total = score
            if let homeLA, school.laCode == homeLA { total += 0.06 }
            if let districtID, school.district == districtID { total += 0.02 }
            if !school.isCurrent { total -= 0.05 }
            return (school.currentURN, total)
        })
    }

    /// One school when a single current URN scores clearly best; the close ones otherwise.
    private static func decision(_ scores: [(urn: Int, score: Double)]) -> SchoolResolution {
        var best: [Int: Double] = [:]
        for (urn, score) in scores { best[urn] = max(best[urn] ?? -.infinity, score) }
        guard let top = best.values.max() else { return .unresolved }
        let close = best.filter { $0.value >= top - 0.04 }.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.map(\.key)
        return close.count == 1 ? .resolved(urn: close[0]) : .ambiguous(urns: close)
    }

    /// True when all the schools teach one phase only, the same one (or any phase at all, as
    /// special schools and units do, alongside schools of one phase).
    private static func onePhase(_ schools: [SchoolIndex.Entry]) -> Bool {
        let primaryOnly = schools.contains { $0.teaches(.primary) && !$0.teaches(.secondary) }
        let secondaryOnly = schools.contains { $0.teaches(.secondary) && !$0.teaches(.primary) }
        return !(primaryOnly && secondaryOnly)
    }

    /// A name that says primary (or junior, infant) needs a school with primary pupils; one that
    /// says secondary (or high school) needs secondary pupils.
    private static func phaseFits(_ kinds: SchoolName.Kinds, _ school: SchoolIndex.Entry) -> Bool {
        if !kinds.isDisjoint(with: .saysPrimary) && !school.teaches(.primary) { return false }
        if !kinds.isDisjoint(with: .saysSecondary) && !school.teaches(.secondary) { return false }
        return true
    }

    /// Agreement of kind words. Abbreviating drops words but does not add them, so a kind word
    /// typed that the school's name lacks counts against it: a contradicting denomination
    /// heavily, a nursery, college or unit the school's name does not mention all but rules it
    /// out, an academy or free school a little. Agreement helps a little.
    private static func kindScore(_ typed: SchoolName.Kinds, _ school: SchoolName.Kinds) -> Double {
        let faiths = typed.intersection(.faiths), exclusive = typed.intersection(.exclusive)
        let others = typed.subtracting(faiths).subtracting(exclusive).subtracting(.school)
        var score = 0.0
        if !faiths.isEmpty {
            score += school.isSuperset(of: faiths) ? 0.05 : school.isDisjoint(with: .faiths) ? -0.15 : -0.3
        }
        score -= 0.6 * Double(exclusive.subtracting(school).rawValue.nonzeroBitCount)
        score += 0.02 * Double(exclusive.intersection(school).rawValue.nonzeroBitCount + others.intersection(school).rawValue.nonzeroBitCount)
        score -= 0.1 * Double(others.subtracting(school).rawValue.nonzeroBitCount)
        return score
    }

    /// The postcode district (outward code) of a full postcode: `SE15 4AB` → `SE15`. All `resolve`
    /// takes from a postcode, so callers can remember resolutions by name and district.
    public static func district(of postcode: String) -> String? {
        let compact = postcode.utf8.filter { isASCIILetterOrDigit($0) }.map { $0 >= 0x61 ? $0 - 0x20 : $0 }
        let outward = (5...7).contains(compact.count) ? compact.dropLast(3) : compact[...]
        return district(String(decoding: outward, as: UTF8.self))
    }

    /// `text` when it is a postcode district (`SE15`, `E1`, `SW1A`), upper-cased.
    static func district(_ text: String) -> String? {
        let bytes = text.utf8.filter { $0 != 0x20 }.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        let letters = bytes.prefix { $0 >= 0x41 && $0 <= 0x5A }.count
        let rest = bytes.dropFirst(letters)
        guard (1...2).contains(letters), let digit = rest.first, digit >= 0x30 && digit <= 0x39, rest.count <= 2,
              rest.allSatisfy(isASCIILetterOrDigit) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
}

/// The schools a typed name fits, by the name alone (`SchoolResolver.match(name:)`).
public struct NameMatch: Sendable {
    /// The schools scoring close to the best (register entries), each with its score; none when no
    /// school fits well enough.
    fileprivate var nearTop: [(entry: Int, score: Double)] = []
    /// The district the name itself gives (`Rye Hill Primary, SE13`), which outranks the child's home.
    fileprivate var district: String?
}
