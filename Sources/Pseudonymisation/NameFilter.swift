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
    public var bits: SIMD4<UInt64> {
        didSet { ones = Self.count(bits) }
    }
    /// Bits set, kept beside the bits so that a Dice coefficient costs four popcounts, not twelve.
    public private(set) var ones: Int32

    public static let bitCount = 256
    /// Bits set per bigram: about 7 bigrams × 10 ≈ a quarter of the filter for a typical name.
    public static let hashesPerBigram = 10

    public init(bits: SIMD4<UInt64> = .zero) {
        self.bits = bits
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
}

extension TokenEncoder {
    /// The filter of a name's tokens, salted with the birth year (or a fixed salt when unknown):
    /// the bigrams of each token padded with `_` (amy: _a am my y_), each setting the bits that
    /// HMAC(key, "clk" ‖ salt ‖ bigram) selects.
    /// Long values (addresses) use fewer bits per bigram so that their filters do not fill up:
    /// a full filter agrees with every other and says nothing.
    func nameFilter(_ tokens: [String], salt: String, hashesPerBigram: Int = NameFilter.hashesPerBigram) -> NameFilter {
        var bits = SIMD4<UInt64>.zero
        var message = Array("clk\u{1F}\(salt)\u{1F}".utf8) + [0, 0]
        let last = message.count - 1
        for token in tokens {
            let padded = [UInt8(ascii: "_")] + Array(token.utf8) + [UInt8(ascii: "_")]
            for i in 0..<(padded.count - 1) {
                message[last - 1] = padded[i]
                message[last] = padded[i + 1]
                let words = message.withUnsafeBufferPointer { hmac.words($0) }
                // The 32 bytes of the MAC give 10 positions of 8 bits each (256 bits = 2⁸ positions).
                for i in 0..<hashesPerBigram {
                    let position = Int((words[i / 4] >> UInt32((i % 4) * 8)) & 0xFF)
                    bits[position >> 6] |= 1 << UInt64(position & 63)
                }
            }
        }
        return NameFilter(bits: bits)
    }
}
