import CryptoPrimitives

/// A 256-bit Bloom-filter encoding (a cryptographic long-term key, CLK) of a name's bigrams,
/// for fuzzy comparison without the name: similar spellings share most bits.
///
/// Bit positions come from the keyed HMAC of each bigram, not from plain double hashing, so
/// nobody without the key can encode a dictionary of names and compare. Hardening against
/// frequency and pattern-mining attacks: each filter is salted with the person's year of birth,
/// so the same name gives unrelated bit patterns in different birth years and the filters of
/// one popular name are spread over ~18 cohorts. The trade-off: names of records whose birth
/// years disagree cannot be compared by filter, only by exact tokens.
public struct NameFilter: Sendable, Hashable {
    /// The 256 bits as four words: a stored `SIMD4` would align the filter to 32 bytes and pad it
    /// to 64, where it takes 40.
    @usableFromInline var words: (UInt64, UInt64, UInt64, UInt64)
    /// Bits set, kept beside the bits so that a Dice coefficient costs four popcounts, not twelve.
    public private(set) var ones: Int32

    public var bits: SIMD4<UInt64> {
        @inlinable get { SIMD4(words.0, words.1, words.2, words.3) }
        set {
            words = (newValue[0], newValue[1], newValue[2], newValue[3])
            ones = Self.count(newValue)
        }
    }

    public static let bitCount = 256
    /// Bits set per bigram: about 7 bigrams × 10 ≈ a quarter of the filter for a typical name.
    public static let hashesPerBigram = 10

    public static func == (a: NameFilter, b: NameFilter) -> Bool { a.bits == b.bits }

    public func hash(into hasher: inout Hasher) { hasher.combine(bits) }

    public init(bits: SIMD4<UInt64> = .zero) {
        words = (bits[0], bits[1], bits[2], bits[3])
        ones = Self.count(bits)
    }

    @inlinable public var isEmpty: Bool { ones == 0 }

    @inlinable
    static func count(_ bits: SIMD4<UInt64>) -> Int32 {
        Int32(bits[0].nonzeroBitCount + bits[1].nonzeroBitCount + bits[2].nonzeroBitCount + bits[3].nonzeroBitCount)
    }

    /// The Dice coefficient 2|A∩B| / (|A|+|B|), 0 when both are empty.
    @inlinable
    public func dice(_ other: NameFilter) -> Double {
        let total = ones + other.ones
        return total == 0 ? 0 : Double(2 * Self.count(bits & other.bits)) / Double(total)
    }

    /// Which of two Dice thresholds, given in hundredths (`high` ≥ `low`), the pair reaches: 0 for
    /// `high` or more, 1 for `low` or more, 2 below (and when both filters are empty). Compared in
    /// integers, 200·|A∩B| ≥ t·(|A|+|B|): no division, and the same answer as comparing `dice(_:)`
    /// with t/100, since 2|A∩B|/(|A|+|B|) with at most 512 bits is never within a rounding error of
    /// a threshold it does not equal. Without branches: pairs come in no predictable order.
    @inlinable
    public func diceLevel(_ other: NameFilter, high: Int32, low: Int32) -> Int {
        // At most 512 × 100: wrapping arithmetic cannot wrap, and has no overflow checks to branch on.
        let total = ones &+ other.ones
        let common = 200 &* Self.count(bits & other.bits)
        let reached = (total > 0 && common >= high &* total ? 1 : 0) &+ (total > 0 && common >= low &* total ? 1 : 0)
        return 2 &- reached
    }
}

extension NameFilter {
    /// The salt of a name's filter: the year of birth, or a fixed word when it is not known.
    static func salt(birthYear: Int?) -> String { birthYear.map { String($0) } ?? "unknown" }

    /// Calls `body` with each bigram of each token padded with `_` (amy: _a am my y_).
    static func forEachBigram(of tokens: some Sequence<String>, _ body: (UInt8, UInt8) -> Void) {
        for token in tokens {
            var previous = UInt8(ascii: "_")
            for byte in token.utf8 {
                body(previous, byte)
                previous = byte
            }
            body(previous, UInt8(ascii: "_"))
        }
    }
}

/// The HMAC message of one bigram under a salt, "clk" ‖ salt ‖ bigram, and the bits it sets.
struct BigramMessage {
    private let hmac: KeyedHMAC
    private let hashesPerBigram: Int
    private var message: [UInt8]

    init(encoder: TokenEncoder, salt: String, hashesPerBigram: Int) {
        hmac = encoder.hmac
        self.hashesPerBigram = hashesPerBigram
        message = Array("clk\u{1F}\(salt)\u{1F}".utf8) + [0, 0]
    }

    mutating func bits(_ first: UInt8, _ second: UInt8) -> SIMD4<UInt64> {
        message[message.count - 2] = first
        message[message.count - 1] = second
        let words = message.withUnsafeBufferPointer { hmac.words($0) }
        var bits = SIMD4<UInt64>.zero
        // The 32 bytes of the MAC give 10 positions of 8 bits each (256 bits = 2⁸ positions).
        for i in 0..<hashesPerBigram {
            let position = Int((words[i / 4] >> UInt32((i % 4) * 8)) & 0xFF)
            bits[position >> 6] |= 1 << UInt64(position & 63)
        }
        return bits
    }
}

extension TokenEncoder {
    /// The filter of a name's tokens, salted with the birth year (or a fixed salt when unknown):
    /// the bigrams of each token padded with `_` (amy: _a am my y_), each setting the bits that
    /// HMAC(key, "clk" ‖ salt ‖ bigram) selects.
    /// Long values (addresses) use fewer bits per bigram so that their filters do not fill up:
    /// a full filter agrees with every other and says nothing.
    func nameFilter(_ tokens: [String], salt: String, hashesPerBigram: Int = NameFilter.hashesPerBigram) -> NameFilter {
        var message = BigramMessage(encoder: self, salt: salt, hashesPerBigram: hashesPerBigram)
        var bits = SIMD4<UInt64>.zero
        NameFilter.forEachBigram(of: tokens) { first, second in bits |= message.bits(first, second) }
        return NameFilter(bits: bits)
    }
}
