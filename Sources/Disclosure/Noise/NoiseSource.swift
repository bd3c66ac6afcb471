import CryptoPrimitives

/// Uniform random bits for the noise: a keyed stream for reproducible releases, or OpenSSL's DRBG.
///
/// The keyed stream is HMAC-SHA256(seed, counter), a pseudorandom function in counter mode: without the
/// seed its output cannot be told from random, and with it the same release comes out again.
struct NoiseSource {
    private let keyed: KeyedHMAC?
    private var counter: UInt64 = 0
    private var words: [UInt64] = []
    private var position = 0

    init(seed: [UInt8]?) {
        keyed = seed.map { KeyedHMAC(key: $0) }
    }

    mutating func next() throws(DisclosureError) -> UInt64 {
        if position == words.count { try refill() }
        defer { position += 1 }
        return words[position]
    }

    private mutating func refill() throws(DisclosureError) {
        position = 0
        if let keyed {
            var message = [UInt8](repeating: 0, count: 8)
            for i in 0..<8 { message[i] = UInt8(truncatingIfNeeded: counter >> UInt64(56 - 8 * i)) }
            counter += 1
            words = Self.words(keyed.mac(message))
        } else {
            do { words = Self.words(try SecureRandom.bytes(256)) } catch {
                throw DisclosureError(.invalidRequest, "OpenSSL could not produce secure random bytes for the noise; retry, or give a seed.")
            }
        }
    }

    /// Big-endian 64-bit words of `bytes`, whose count is a multiple of 8.
    private static func words(_ bytes: [UInt8]) -> [UInt64] {
        stride(from: 0, to: bytes.count, by: 8).map { start in
            var word: UInt64 = 0
            for byte in bytes[start ..< start + 8] { word = word << 8 | UInt64(byte) }
            return word
        }
    }

    /// Uniform on `0 ..< bound`, by rejection so that no value is favoured.
    mutating func uniform(below bound: UInt64) throws(DisclosureError) -> UInt64 {
        precondition(bound > 0)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let x = try next()
            if x < limit { return x % bound }
        }
    }

    /// True with probability `numerator / denominator`, exactly.
    mutating func bernoulli(_ numerator: UInt64, _ denominator: UInt64) throws(DisclosureError) -> Bool {
        try uniform(below: denominator) < numerator
    }
}
