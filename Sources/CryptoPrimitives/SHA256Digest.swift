internal import COpenSSL

/// A SHA-256 digest, used for input file checksums in the manifest and for the pseudonymised
/// file format's checksum.
public struct SHA256Digest: Sendable, Hashable {
    public let bytes: [UInt8]

    public var hex: String { bytes.map { hexByte($0) }.joined() }

    public static func of(_ data: some Collection<UInt8>) -> SHA256Digest {
        var hasher = Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// Incremental SHA-256, for data read in chunks.
    public struct Hasher {
        private var context = SHA256_CTX()

        public init() { SHA256_Init(&context) }

        public mutating func update(_ data: some Collection<UInt8>) {
            let done = data.withContiguousStorageIfAvailable { buffer in
                SHA256_Update(&context, buffer.baseAddress, buffer.count)
            }
            if done == nil {
                let copy = Array(data)
                SHA256_Update(&context, copy, copy.count)
            }
        }

        public mutating func finalize() -> SHA256Digest {
            var out = [UInt8](repeating: 0, count: KeyedHMAC.digestSize)
            SHA256_Final(&out, &context)
            return SHA256Digest(bytes: out)
        }
    }
}

/// Two lowercase hex digits.
public func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
}
