/// SplitMix64 (Steele, Lea and Flood): a tiny, well-mixed deterministic generator, and its mixing
/// function as a hash of 64-bit values. Fixed seeds make generated data, random pairs and test
/// fixtures the same on every run.
public struct SplitMix64: Sendable {
    /// The golden-ratio increment between successive states.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// A number in `0..<bound`, by remainder (its bias is negligible for the small bounds used).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// The finaliser: every bit of the result depends on every bit of `value`.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
