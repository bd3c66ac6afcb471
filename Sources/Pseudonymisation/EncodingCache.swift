import CohortModel

/// Encodings of values that repeat across people, kept by one worker while it encodes its share
/// of an extract: a date of birth costs eight HMACs and a name filter one per bigram, but there
/// are only thousands of distinct dates, names and bigrams among millions of people, and a
/// household's children share a postcode (400,000 pupils live at 29,000). Memoising never changes a
/// token, so the output does not depend on how work is split.
struct EncodingCache {
    struct DateTokens {
        var exact: UInt64, swapped: UInt64, before: UInt64, after: UInt64, yearMonth: UInt64, year: UInt64
        var yearBefore: UInt64, yearAfter: UInt64
    }

    /// What a first forename gives beyond its own token.
    struct FirstNameTokens {
        /// The name and the formal names it may be a diminutive of (Bob: bob, robert).
        var formal: SIMD4<UInt64> = .zero
        var phonetic: UInt64 = 0
        var initial: UInt64 = 0
    }

    struct SurnameTokens {
        var parts: [String]
        var tokens: SIMD4<UInt64> = .zero
        var phonetics: SIMD4<UInt64> = .zero
    }

    struct PostcodeTokens {
        var full: UInt64 = 0, sector: UInt64 = 0, district: UInt64 = 0
    }

    var dates = CacheTable<Int32, DateTokens>()
    /// By postcode as typed.
    var postcodes = CacheTable<String, PostcodeTokens>()
    var surnames = CacheTable<String, SurnameTokens>()
    var firstNames = CacheTable<String, FirstNameTokens>()
    /// Normalised tokens of names as typed.
    private var nameParts = CacheTable<String, [String]>()
    /// Tokens of values from small vocabularies (names, phonetic codes, years, postcode sectors…).
    private var tokens = CacheTable<LabelledValue, UInt64>()
    private var dayTokens = CacheTable<Int32, UInt64>()

    private struct LabelledValue: CacheKey {
        var label: TokenLabel
        var value: String

        /// The value's alone: one value rarely has several labels, and the key's equality tells them apart.
        var cacheHash: UInt64 { stableHash(value) }
    }

    /// The bits each bigram of name characters sets, one table of `BigramTable.size` per salt
    /// (year of birth), each entry computed on first use.
    private var tables = CacheTable<Int32, Int>()
    private var bigramBits: [SIMD4<UInt64>] = []
    private var bigramKnown: [Bool] = []
    private var bigramMessages: [BigramMessage] = []

    /// `NameNormalisation.tokens(name)`, remembered.
    mutating func parts(of name: String) -> [String] {
        if let parts = nameParts[name] { return parts }
        let parts = NameNormalisation.tokens(name)
        nameParts[name] = parts
        return parts
    }

    /// `encoder.token(label, value)`, remembered.
    mutating func token(_ label: TokenLabel, _ value: String, encoder: TokenEncoder) -> UInt64 {
        let key = LabelledValue(label: label, value: value)
        if let token = tokens[key] { return token }
        let token = encoder.token(label, value)
        tokens[key] = token
        return token
    }

    /// The token of a date (of birth), remembered.
    mutating func token(of day: Day, encoder: TokenEncoder) -> UInt64 {
        if let token = dayTokens[day.number] { return token }
        let token = encoder.token(.date, day.description)
        dayTokens[day.number] = token
        return token
    }

    /// The name filter of normalised tokens salted with a year of birth, as
    /// `encoder.nameFilter(tokens, salt:)` gives it, from remembered bigrams.
    mutating func filter(_ tokens: some Collection<String>, birthYear: Int?, encoder: TokenEncoder) -> NameFilter {
        guard !tokens.isEmpty else { return NameFilter() }
        let table: Int, year = Int32(clamping: birthYear ?? -1)
        if let known = tables[year] { table = known } else {
            table = bigramMessages.count
            tables[year] = table
            bigramMessages.append(BigramMessage(encoder: encoder, salt: NameFilter.salt(birthYear: birthYear),
                                                hashesPerBigram: NameFilter.hashesPerBigram))
            bigramBits += repeatElement(.zero, count: BigramTable.size)
            bigramKnown += repeatElement(false, count: BigramTable.size)
        }
        var bits = SIMD4<UInt64>.zero
        NameFilter.forEachBigram(of: tokens) { first, second in
            guard let slot = BigramTable.slot(first, second) else {
                bits |= bigramMessages[table].bits(first, second)
                return
            }
            let entry = table * BigramTable.size + slot
            if !bigramKnown[entry] {
                bigramBits[entry] = bigramMessages[table].bits(first, second)
                bigramKnown[entry] = true
            }
            bits |= bigramBits[entry]
        }
        return NameFilter(bits: bits)
    }
}

/// Bigrams of the characters of normalised names (`_`, a–z, 0–9) numbered densely; other bytes
/// are rare and not remembered.
private enum BigramTable {
    static let symbols = 37
    static let size = symbols * symbols

    static func slot(_ first: UInt8, _ second: UInt8) -> Int? {
        guard let a = index(first), let b = index(second) else { return nil }
        return a * symbols + b
    }

    private static func index(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "_"): 0
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a")) + 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0")) + 27
        default: nil
        }
    }
}
