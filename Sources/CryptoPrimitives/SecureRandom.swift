internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`).
public enum SecureRandom {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "OpenSSL could not produce secure random bytes (RAND_bytes failed)." }
    }

    public static func bytes(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard count == 0 || RAND_bytes(&out, Int32(count)) == 1 else { throw Failure() }
        return out
    }
}
