internal import COpenSSL

/// OpenSSL's one-shot `HMAC()`: sets the key up on every call. Kept as the reference the keyed
/// state is checked against in tests and measured against in benchmarks.
public enum OneShotHMAC {
    public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: KeyedHMAC.digestSize)
        var length: UInt32 = 0
        let result = HMAC(EVP_sha256(), key, Int32(key.count), message, message.count, &out, &length)
        precondition(result != nil && length == UInt32(KeyedHMAC.digestSize), "OpenSSL HMAC failed")
        return out
    }
}
