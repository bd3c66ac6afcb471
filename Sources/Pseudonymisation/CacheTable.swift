import CPrefetch
import CohortModel

/// A key the encoders' caches hash themselves: one pass over a few bytes, where `Dictionary` seeds a
/// fresh SipHash `Hasher` for every lookup (a third of the time encoding 400,000 pupils went on
/// hashing names, dates and postcode parts for lookups that nearly all hit).
protocol CacheKey: Equatable {
    var cacheHash: UInt64 { get }
}

extension String: CacheKey {
    var cacheHash: UInt64 { stableHash(self) }
}

extension Int32: CacheKey {
    var cacheHash: UInt64 { UInt64(UInt32(bitPattern: self)) }
}

/// An open-addressing hash table with linear probing, for caches that only grow.
struct CacheTable<Key: CacheKey, Value> {
    private struct Slot {
        var hash: UInt64
        var key: Key
        var value: Value
    }

    private var slots: [Slot?] = Array(repeating: nil, count: 64)
    private var count = 0

    /// The table's hash of `key`: `prefetch` it, look up other tables' keys, then look them all up,
    /// and the processor waits for their memory together rather than once for each table.
    func hash(of key: Key) -> UInt64 { Self.mixed(key.cacheHash) }

    /// Starts bringing in the slot where a lookup of `hash` begins.
    func prefetch(_ hash: UInt64) {
        slots.withUnsafeBufferPointer { slots in
            let slot = slots.baseAddress! + (Int(truncatingIfNeeded: hash) & (slots.count - 1))
            cohortlink_prefetch(slot)
            cohortlink_prefetch(UnsafeRawPointer(slot) + MemoryLayout<Slot?>.size - 1)
        }
    }

    /// The value of `key`, whose `hash(of:)` is `hash`.
    subscript(key: Key, hash hash: UInt64) -> Value? {
        var i = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while let slot = slots[i] {
            if slot.hash == hash && slot.key == key { return slot.value }
            i = (i + 1) & (slots.count - 1)
        }
        return nil
    }

    subscript(key: Key) -> Value? {
        get { self[key, hash: hash(of: key)] }
        set {
            guard let newValue else { preconditionFailure("cache entries are never removed") }
            if 2 * (count + 1) > slots.count { grow() }
            insert(Slot(hash: Self.mixed(key.cacheHash), key: key, value: newValue))
        }
    }

    private mutating func insert(_ slot: Slot) {
        var i = Int(truncatingIfNeeded: slot.hash) & (slots.count - 1)
        while let existing = slots[i] {
            if existing.hash == slot.hash && existing.key == slot.key {
                slots[i] = slot
                return
            }
            i = (i + 1) & (slots.count - 1)
        }
        slots[i] = slot
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        count = 0
        for case let slot? in old { insert(slot) }
    }

    /// The hash's bits spread over the low ones the table's mask keeps (a multiply-xorshift finaliser).
    private static func mixed(_ hash: UInt64) -> UInt64 {
        var h = hash
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
