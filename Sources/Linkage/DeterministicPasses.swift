import CohortModel
import Pseudonymisation

/// A deterministic linkage pass: records agree when they share a key built from tokens.
/// Child and pupil keys may differ (a child's swapped date of birth against a pupil's date).
struct DeterministicPass: Sendable {
    let name: String
    let childKeys: @Sendable (IdentityTokens) -> [UInt64]
    let pupilKeys: @Sendable (IdentityTokens) -> [UInt64]

    init(_ name: String, child: @escaping @Sendable (IdentityTokens) -> [UInt64],
         pupil: (@Sendable (IdentityTokens) -> [UInt64])? = nil) {
        self.name = name
        childKeys = child
        pupilKeys = pupil ?? child
    }
}

/// Combines tokens into one key; nil when any part is missing.
func combinedKey(_ pass: UInt64, _ parts: UInt64...) -> UInt64? {
    var h = pass &* 0x9E37_79B9_7F4A_7C15
    for part in parts {
        guard part != 0 else { return nil }
        h = (h ^ part) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
    }
    return h
}

private func nonZero(_ v: SIMD4<UInt64>) -> [UInt64] { (0..<4).map { v[$0] }.filter { $0 != 0 } }

private func sexCode(_ sex: Sex) -> UInt64 { sex == .unknown ? 0 : UInt64(sex.rawValue) + 1 }

/// Keys from every forename token × surname token, with the given date token(s) and extras.
private func nameKeys(_ pass: UInt64, dates: [UInt64], _ t: IdentityTokens, extra: UInt64 = 1) -> [UInt64] {
    var keys: [UInt64] = []
    for date in dates {
        for f in nonZero(t.forenames) {
            for s in nonZero(t.surnames) { if let k = combinedKey(pass, date, f, s, extra) { keys.append(k) } }
        }
    }
    return keys
}

/// The passes of the first linkage version, strictest first. Each accepts only links where the
/// child has exactly one candidate pupil and the pupil exactly one candidate child.
let deterministicPasses: [DeterministicPass] = [
    DeterministicPass("date of birth, sex, forename and surname") { t in
        nameKeys(1, dates: [t.birthDate], t, extra: sexCode(t.sex))
    },
    DeterministicPass("date of birth, forename and surname") { t in nameKeys(2, dates: [t.birthDate], t) },
    DeterministicPass("day and month swapped, forename and surname",
                      child: { t in nameKeys(3, dates: [t.birthDateSwapped], t) },
                      pupil: { t in nameKeys(3, dates: [t.birthDate], t) }),
    DeterministicPass("date of birth one day out, forename and surname",
                      child: { t in nameKeys(4, dates: [t.birthDateBefore, t.birthDateAfter], t) },
                      pupil: { t in nameKeys(4, dates: [t.birthDate], t) }),
    DeterministicPass("date of birth, surname sound and forename initial") { t in
        nonZero(t.surnamePhonetics).compactMap { combinedKey(5, t.birthDate, $0, t.forenameInitial) }
    },
    DeterministicPass("date of birth, forename sound and surname") { t in
        nonZero(t.surnames).compactMap { combinedKey(6, t.birthDate, t.forenamePhonetic, $0) }
    },
    DeterministicPass("date of birth, forename and postcode") { t in
        nonZero(t.forenames).compactMap { combinedKey(7, t.birthDate, $0, t.postcode) }
    },
    DeterministicPass("date of birth, surname, sex and postcode") { t in
        nonZero(t.surnames).compactMap { combinedKey(8, t.birthDate, $0, sexCode(t.sex), t.postcode) }
    },
    DeterministicPass("year and month of birth, sex, forename and surname") { t in
        nameKeys(9, dates: [t.birthYearMonth], t, extra: sexCode(t.sex))
    },
]
