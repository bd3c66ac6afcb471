/// Sorts `keys` ascending and moves `values[i]` with `keys[i]`: a least-significant-digit radix
/// sort on 11-bit digits, linear in the count and stable (equal keys keep their order), which
/// skips the digits every key shares. Hash keys and packed pairs sort several times faster than
/// by comparison.
@inlinable
public func radixSort<Value>(_ keys: inout [UInt64], carrying values: inout [Value]) {
    precondition(keys.count == values.count, "one value per key")
    let count = keys.count
    guard count > 1 else { return }
    let bits = 11, buckets = 1 << bits, mask = UInt64(buckets - 1)
    var otherKeys = keys, otherValues = values
    var histogram = [Int](repeating: 0, count: buckets)
    for shift in stride(from: 0, to: 64, by: bits) {
        for i in histogram.indices { histogram[i] = 0 }
        for key in keys { histogram[Int((key >> UInt64(shift)) & mask)] += 1 }
        if histogram.contains(count) { continue }
        var offset = 0
        for i in histogram.indices {
            let size = histogram[i]
            histogram[i] = offset
            offset += size
        }
        keys.withUnsafeBufferPointer { from in
            otherKeys.withUnsafeMutableBufferPointer { to in
                values.withUnsafeBufferPointer { fromValues in
                    otherValues.withUnsafeMutableBufferPointer { toValues in
                        for i in 0..<count {
                            let digit = Int((from[i] >> UInt64(shift)) & mask)
                            let target = histogram[digit]
                            histogram[digit] = target + 1
                            to[target] = from[i]
                            toValues[target] = fromValues[i]
                        }
                    }
                }
            }
        }
        swap(&keys, &otherKeys)
        swap(&values, &otherValues)
    }
}

/// `keys` sorted ascending (see `radixSort(_:carrying:)`).
@inlinable
public func radixSorted(_ keys: [UInt64]) -> [UInt64] {
    var keys = keys
    var none: [Void] = Array(repeating: (), count: keys.count)
    radixSort(&keys, carrying: &none)
    return keys
}
