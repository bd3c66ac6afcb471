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

    /// What forenames (or middle names) as typed give: their parts' tokens and, for the first part,
    /// its formal names, phonetic code, initial and bigrams. Plain values, so a lookup copies no
    /// reference (the names' arrays were retained and released for each of 400,000 pupils).
    struct GivenNameTokens {
        /// The first four parts' tokens.
        var parts: SIMD4<UInt64> = .zero
        var partCount = 0
        /// The first part and the formal names it may be a diminutive of (Bob: bob, robert).
        var formal: SIMD4<UInt64> = .zero
        var phonetic: UInt64 = 0
        var initial: UInt64 = 0
        var bigrams = Bigrams()
    }

    /// What a surname as typed gives: its parts' tokens and phonetic codes (and all parts joined
    /// when there are several), and the bigrams of all its parts.
    struct SurnameTokens {
        var tokens: SIMD4<UInt64> = .zero
        var phonetics: SIMD4<UInt64> = .zero
        var bigrams = Bigrams()
    }

    struct PostcodeTokens {
        var full: UInt64 = 0, sector: UInt64 = 0, district: UInt64 = 0
        /// A UK postcode (`Postcode.isValid`), not another country's or none.
        var isPostcode = false
    }

    /// Where a name's bigrams are in `bigramPool`: a name's filter ORs its bigrams' remembered bits.
    struct Bigrams {
        var start: Int32 = 0, count: Int32 = 0
    }

    var dates = CacheTable<Int32, DateTokens>()
    /// By postcode as typed.
    var postcodes = CacheTable<String, PostcodeTokens>()
    /// By surname as typed.
    var surnames = CacheTable<String, SurnameTokens>()
    /// By forenames or middle names as typed.
    var givenNames = CacheTable<String, GivenNameTokens>()
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
    /// Noted bigrams: each its `BigramTable` slot (`unremembered` when it has none) over its two bytes.
    private var bigramPool: [UInt32] = []
    private static let unremembered: UInt32 = 0xFFFF

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

    /// The bigrams of normalised name tokens (`NameFilter.forEachBigram`), noted in `bigramPool`.
    mutating func bigrams(of tokens: some Sequence<String>) -> Bigrams {
        let start = bigramPool.count
        NameFilter.forEachBigram(of: tokens) { first, second in
            let slot = BigramTable.slot(first, second).map(UInt32.init) ?? Self.unremembered
            bigramPool.append(slot << 16 | UInt32(first) << 8 | UInt32(second))
        }
        return Bigrams(start: Int32(start), count: Int32(bigramPool.count - start))
    }

    /// The name filter of noted bigrams salted with a year of birth, as `encoder.nameFilter(tokens,
    /// salt:)` gives it for their tokens, from remembered bits.
    mutating func filter(_ bigrams: Bigrams, birthYear: Int?, encoder: TokenEncoder) -> NameFilter {
        guard bigrams.count > 0 else { return NameFilter() }
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
        for i in Int(bigrams.start)..<Int(bigrams.start + bigrams.count) {
            let bigram = bigramPool[i]
            let (slot, first, second) = (bigram >> 16, UInt8(truncatingIfNeeded: bigram >> 8), UInt8(truncatingIfNeeded: bigram))
            guard slot != Self.unremembered else {
                bits |= bigramMessages[table].bits(first, second)
                continue
            }
            let entry = table * BigramTable.size + Int(slot)
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
