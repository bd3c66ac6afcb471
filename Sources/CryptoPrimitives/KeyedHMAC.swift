internal import COpenSSL

/// HMAC-SHA256 keyed once, re-used for millions of short messages.
///
/// The key's inner and outer pad blocks are compressed once at construction; each message then
/// costs two SHA-256 block compressions when it is at most 55 bytes long (the common case for
/// identifiers), instead of the four plus key set-up that OpenSSL's one-shot `HMAC()` spends.
/// The value is a plain `Sendable` struct: every worker thread can use its own copy freely.
public struct KeyedHMAC: Sendable {
    /// Chaining values after absorbing `key ⊕ ipad` and `key ⊕ opad`.
    private let inner: SIMD8<UInt32>
    private let outer: SIMD8<UInt32>

    public static let blockSize = 64
    public static let digestSize = 32
    /// Longest message that fits, with its padding, into a single block after the pad block.
    static let singleBlockLimit = blockSize - 9

    public init(key: [UInt8]) {
        precondition(!key.isEmpty, "an HMAC key must not be empty")
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        if key.count > Self.blockSize {
            let digest = SHA256Digest.of(key)
            block.replaceSubrange(0..<Self.digestSize, with: digest.bytes)
        } else {
            block.replaceSubrange(0..<key.count, with: key)
        }
        inner = Self.compress(Self.initialState, block.map { $0 ^ 0x36 })
        outer = Self.compress(Self.initialState, block.map { $0 ^ 0x5c })
    }

    /// The full 32-byte MAC of `message`.
    public func mac(_ message: [UInt8]) -> [UInt8] {
        let state = message.withUnsafeBufferPointer { words($0) }
        var out = [UInt8](repeating: 0, count: Self.digestSize)
        for i in 0..<8 { Self.storeBigEndian(state[i], into: &out, at: i * 4) }
        return out
    }

    /// The first 64 bits of the MAC, big-endian: a compact token for equality matching.
    /// Collisions among n distinct values have probability about n²/2⁶⁵ (negligible at 10⁷ values).
    public func token(_ message: [UInt8]) -> UInt64 {
        message.withUnsafeBufferPointer { token($0) }
    }

    public func token(_ message: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let state = words(message)
        return UInt64(state[0]) << 32 | UInt64(state[1])
    }

    /// The MAC as its eight big-endian 32-bit words.
    public func words(_ message: UnsafeBufferPointer<UInt8>) -> SIMD8<UInt32> {
        let innerDigest: SIMD8<UInt32>
        if message.count <= Self.singleBlockLimit {
            innerDigest = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.blockSize) { block in
                _ = block.initialize(from: message)
                Self.pad(block, length: message.count)
                return Self.compress(inner, UnsafeBufferPointer(block))
            }
        } else {
            innerDigest = Self.longMessageDigest(state: inner, message: Array(message))
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.blockSize) { block in
            for i in 0..<8 {
                let w = innerDigest[i]
                block[i * 4] = UInt8(truncatingIfNeeded: w >> 24)
                block[i * 4 + 1] = UInt8(truncatingIfNeeded: w >> 16)
                block[i * 4 + 2] = UInt8(truncatingIfNeeded: w >> 8)
                block[i * 4 + 3] = UInt8(truncatingIfNeeded: w)
            }
            Self.pad(block, length: Self.digestSize)
            return Self.compress(outer, UnsafeBufferPointer(block))
        }
    }

    /// SHA-256 padding for a message of `length` bytes that follows one already-absorbed pad block.
    private static func pad(_ block: UnsafeMutableBufferPointer<UInt8>, length: Int) {
        block[length] = 0x80
        for i in (length + 1)..<blockSize { block[i] = 0 }
        let bits = UInt64(blockSize + length) * 8
        for i in 0..<8 { block[blockSize - 1 - i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i))) }
    }

    private static let initialState = SIMD8<UInt32>(
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    )

    private static func compress(_ state: SIMD8<UInt32>, _ block: [UInt8]) -> SIMD8<UInt32> {
        block.withUnsafeBufferPointer { compress(state, $0) }
    }

    /// One SHA-256 compression of a 64-byte block from the given chaining value.
    private static func compress(_ state: SIMD8<UInt32>, _ block: UnsafeBufferPointer<UInt8>) -> SIMD8<UInt32> {
        precondition(block.count >= blockSize)
        var context = SHA256_CTX()
        setChainingValue(state, of: &context)
        SHA256_Transform(&context, block.baseAddress)
        return chainingValue(of: context)
    }

    /// Digest of `message` hashed after one absorbed block whose chaining value is `state`.
    private static func longMessageDigest(state: SIMD8<UInt32>, message: [UInt8]) -> SIMD8<UInt32> {
        var context = SHA256_CTX()
        SHA256_Init(&context)
        setChainingValue(state, of: &context)
        context.Nl = UInt32(blockSize * 8)
        SHA256_Update(&context, message, message.count)
        var digest = [UInt8](repeating: 0, count: digestSize)
        SHA256_Final(&digest, &context)
        var words = SIMD8<UInt32>()
        for i in 0..<8 {
            words[i] = digest[i * 4 ..< i * 4 + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }
        return words
    }

    private static func setChainingValue(_ state: SIMD8<UInt32>, of context: inout SHA256_CTX) {
        context.h = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
    }

    private static func chainingValue(of context: SHA256_CTX) -> SIMD8<UInt32> {
        let h = context.h
        return SIMD8(h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7)
    }

    private static func storeBigEndian(_ word: UInt32, into bytes: inout [UInt8], at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: word >> 24)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: word >> 16)
        bytes[offset + 2] = UInt8(truncatingIfNeeded: word >> 8)
        bytes[offset + 3] = UInt8(truncatingIfNeeded: word)
    }
}
