/// Encodings of values that repeat across people, kept by one worker while it encodes its share
/// of an extract: a date of birth costs six HMACs and a name filter one per bigram, but there are
/// only thousands of distinct dates and names among millions of people. Memoising never changes
/// a token, so the output does not depend on how work is split.
struct EncodingCache {
    struct DateTokens {
        var exact: UInt64, swapped: UInt64, before: UInt64, after: UInt64, yearMonth: UInt64, year: UInt64
        var yearBefore: UInt64, yearAfter: UInt64
    }

    struct PostcodeTokens {
        var full: UInt64, sector: UInt64, district: UInt64
    }

    struct ForenameTokens {
        var first: String?
        var tokens: SIMD4<UInt64> = .zero
        var formal: SIMD4<UInt64> = .zero
        var phonetic: UInt64 = 0
        var initial: UInt64 = 0
    }

    struct SurnameTokens {
        var parts: [String]
        var tokens: SIMD4<UInt64> = .zero
        var phonetics: SIMD4<UInt64> = .zero
    }

    var dates: [Int32: DateTokens] = [:]
    var postcodes: [String: PostcodeTokens] = [:]
    /// Forenames by (forename, middle names), as typed.
    var forenames: [[String]: ForenameTokens] = [:]
    var surnames: [String: SurnameTokens] = [:]
    private var filters: [FilterKey: NameFilter] = [:]

    private struct FilterKey: Hashable {
        var salt: String
        var tokens: [String]
    }

    /// The name filter of normalised tokens under a salt.
    mutating func filter(_ tokens: [String], salt: String, encoder: TokenEncoder) -> NameFilter {
        guard !tokens.isEmpty else { return NameFilter() }
        let key = FilterKey(salt: salt, tokens: tokens)
        if let filter = filters[key] { return filter }
        let filter = encoder.nameFilter(tokens, salt: salt)
        filters[key] = filter
        return filter
    }
}
