/// FNV-1a of a key's UTF-8 bytes: the same in every run (Swift's `Hasher` is seeded per process), and
/// cheaper than putting strings in a `Set` to tell whether any repeats.
@inlinable @Sendable
public func stableHash(_ key: String) -> UInt64 {
    var key = key
    return key.withUTF8 { bytes in
        bytes.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
