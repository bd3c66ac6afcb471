import CohortModel
import Pseudonymisation

/// The identifiers compared for every candidate pair, each with agreement levels from the
/// strongest evidence to disagreement. A missing value on either side is its own level, which
/// contributes nothing to the match weight (as in Fellegi–Sunter).
public enum Comparison: Int, CaseIterable, Sendable, Codable {
    case forename, surname, birthDate, postcode, sex, upn, identifier, address, school

    public var name: String {
        switch self {
        case .forename: "forename"
        case .surname: "surname"
        case .birthDate: "date of birth"
        case .postcode: "postcode"
        case .sex: "sex"
        case .upn: "UPN"
        case .identifier: "identifier"
        case .address: "address"
        case .school: "school"
        }
    }

    public var levels: [String] {
        switch self {
        case .forename: ["exact token", "nickname, or Dice ≥ 0.85", "Dice ≥ 0.65", "different"]
        case .surname: ["exact token", "Dice ≥ 0.85", "Dice ≥ 0.65", "different"]
        case .birthDate: ["exact", "day and month swapped", "one day apart", "same year and month", "within a year", "years apart"]
        case .postcode: ["full", "sector", "district", "different"]
        case .sex, .upn, .school: ["same", "different"]
        case .identifier, .address: ["exact", "Dice ≥ 0.8", "Dice ≥ 0.6", "different"]
        }
    }

    /// The level index that stands for "missing on either side".
    public var missingLevel: Int { levels.count }

    /// Levels plus the missing level: the radix of this comparison in a pattern.
    var radix: Int { levels.count + 1 }

    /// Number of distinct comparison patterns (every combination of levels, missing included).
    static let patternCount = allCases.reduce(1) { $0 * $1.radix }

    /// The level of each comparison encoded in a pattern.
    static func levels(of pattern: Int) -> [Int] {
        var rest = pattern
        return allCases.map { comparison in
            defer { rest /= comparison.radix }
            return rest % comparison.radix
        }
    }
}

@inline(__always)
private func anyShared(_ a: SIMD4<UInt64>, _ b: SIMD4<UInt64>) -> Bool {
    for i in 0..<4 where a[i] != 0 {
        if any(b .== SIMD4(repeating: a[i])) { return true }
    }
    return false
}

@inline(__always)
private func nameLevel(_ a: SIMD4<UInt64>, _ b: SIMD4<UInt64>, _ fa: NameFilter, _ fb: NameFilter, comparable: Bool,
                       formalA: SIMD4<UInt64> = .zero, formalB: SIMD4<UInt64> = .zero) -> Int {
    if a[0] == 0 || b[0] == 0 { return 4 }
    if anyShared(a, b) { return 0 }
    if anyShared(formalA, formalB) { return 1 }
    guard comparable, !fa.isEmpty, !fb.isEmpty else { return 3 }
    return 1 + fa.diceLevel(fb, high: 85, low: 65)
}

/// Exact, two Dice levels, different, or missing (4), for a token with its bigram filter.
@inline(__always)
private func fuzzyLevel(_ a: UInt64, _ b: UInt64, _ fa: NameFilter, _ fb: NameFilter) -> Int {
    if a == 0 || b == 0 { return 4 }
    if a == b { return 0 }
    return 1 + fa.diceLevel(fb, high: 80, low: 60)
}

/// The comparison pattern of a pair: each comparison's level, in mixed radix. Records are read
/// in place through pointers: copying two ~300-byte records per pair would cost more than comparing them.
@inline(__always)
func comparisonPattern(_ a: RecordInPlace, _ b: RecordInPlace) -> Int {
    var identifier = 4, address = 4
    if let fa = a.further?.pointee, let fb = b.further?.pointee {
        identifier = fuzzyLevel(fa.identifier, fb.identifier, fa.identifierFilter, fb.identifierFilter)
        address = fuzzyLevel(fa.address, fb.address, fa.addressFilter, fb.addressFilter)
    }
    return comparisonPattern(a.identity.pointee, b.identity.pointee, identifier: identifier, address: address)
}

@inline(__always)
private func comparisonPattern(_ x: IdentityTokens, _ y: IdentityTokens, identifier: Int, address: Int) -> Int {
    // Filters are salted by year of birth: they compare only within one birth year.
    let filtersComparable = x.birthYear == y.birthYear
    // Forename and surname written the wrong way round agree exactly, crosswise (name tokens share one label).
    let swapped = anyShared(x.forenames, y.surnames) && anyShared(x.surnames, y.forenames)
    let forename = swapped ? 0 : nameLevel(x.forenames, y.forenames, x.forenameFilter, y.forenameFilter, comparable: filtersComparable,
                                           formalA: x.forenameFormal, formalB: y.forenameFormal)
    let surname = swapped ? 0 : nameLevel(x.surnames, y.surnames, x.surnameFilter, y.surnameFilter, comparable: filtersComparable)
    let birthDate: Int
    if x.birthDate == 0 || y.birthDate == 0 { birthDate = 6 }
    else if x.birthDate == y.birthDate { birthDate = 0 }
    else if x.birthDate == y.birthDateSwapped { birthDate = 1 }
    else if x.birthDate == y.birthDateBefore || x.birthDate == y.birthDateAfter { birthDate = 2 }
    else if x.birthYearMonth == y.birthYearMonth { birthDate = 3 }
    else if x.birthYear == y.birthYear || x.birthYear == y.birthYearBefore || x.birthYear == y.birthYearAfter { birthDate = 4 }
    else { birthDate = 5 }
    let postcode: Int
    if x.postcode == 0 || y.postcode == 0 { postcode = 4 }
    else if x.postcode == y.postcode { postcode = 0 }
    else if x.postcodeSector == y.postcodeSector { postcode = 1 }
    else if x.postcodeDistrict == y.postcodeDistrict { postcode = 2 }
    else { postcode = 3 }
    let sex = x.sex == .unknown || y.sex == .unknown ? 2 : x.sex == y.sex ? 0 : 1
    let upn: Int
    if (x.upn == 0 && x.formerUPN == 0) || (y.upn == 0 && y.formerUPN == 0) { upn = 2 }
    else { upn = x.sharesUPN(with: y) ? 0 : 1 }
    let school = x.school == 0 || y.school == 0 ? 2 : x.school == y.school ? 0 : 1
    return forename + 5 * (surname + 5 * (birthDate + 7 * (postcode + 5 * (sex + 3 * (upn + 3 * (identifier + 5 * (address + 5 * school)))))))
}
