/// A set of blocking keys for membership tests at memory speed: open addressing over a power-of-two
/// table, probed linearly from the key's low bits. Blocking keys are HMAC-derived, so their low bits
/// are already uniform and need no further hashing.
struct KeySet: Sendable {
    private let slots: [UInt64]
    private let mask: Int
    /// Zero marks an empty slot, so a zero key is remembered apart.
    private let hasZero: Bool

    init(_ keys: some Collection<UInt64>) {
        var capacity = 16
        while capacity < 2 * keys.count { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        var hasZero = false
        for key in keys {
            guard key != 0 else { hasZero = true; continue }
            var i = Int(truncatingIfNeeded: key) & (capacity - 1)
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & (capacity - 1) }
            slots[i] = key
        }
        (self.slots, mask, self.hasZero) = (slots, capacity - 1, hasZero)
    }

    func contains(_ key: UInt64) -> Bool {
        key == 0 ? hasZero : slot(of: key) != nil
    }

    /// Slots in the table: values kept beside the set, one per slot, are found through `slot(of:)`.
    var capacity: Int { slots.count }

    /// The slot holding a nonzero `key`, or nil when the set lacks it.
    func slot(of key: UInt64) -> Int? {
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let slot = slots[i]
            if slot == key { return i }
            if slot == 0 { return nil }
            i = (i + 1) & mask
        }
    }
}
