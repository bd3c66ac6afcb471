import Dispatch

/// Sorts `keys` ascending and moves `values[i]` with `keys[i]`: a radix sort, linear in the count
/// and stable (equal keys keep their order), so the result is the same whatever the thread count.
/// Hash keys and packed pairs sort several times faster than by comparison.
///
/// Large arrays are first split in parallel by the 8 bits below the highest bit in which any two
/// keys differ (each worker counting, then placing, its own slice, so the split is stable), and
/// the 256 parts are then sorted in parallel: England's blocking sorts arrays of 100 million keys.
@inlinable
public func radixSort<Value: Sendable>(_ keys: inout [UInt64], carrying values: inout [Value], threads: Int = defaultThreadCount) {
    precondition(keys.count == values.count, "one value per key")
    let count = keys.count
    guard threads > 1, count >= 1 << 18 else { return serialRadixSort(&keys, carrying: &values) }
    let source = keys, sourceValues = values
    let differing = parallelChunks(count, threads: threads) { range in
        range.reduce(UInt64(0)) { $0 | (source[$1] ^ source[0]) }
    }.reduce(0, |)
    guard differing != 0 else { return }
    let shift = UInt64(max(0, 63 - differing.leadingZeroBitCount - 7))
    @Sendable @inline(__always) func part(_ key: UInt64) -> Int { Int((key >> shift) & 0xFF) }

    let slices = threads * 4
    let counts = parallelMap(slices, threads: threads) { slice -> [Int] in
        var histogram = [Int](repeating: 0, count: 256)
        for i in chunkRange(slice, of: slices, count: count) { histogram[part(source[i])] += 1 }
        return histogram
    }
    // Each slice's first place in each part: parts in order, and within a part, slices in order.
    var firstPlace = counts, partStart = [Int](repeating: 0, count: 257)
    var next = 0
    for p in 0..<256 {
        partStart[p] = next
        for slice in 0..<slices {
            firstPlace[slice][p] = next
            next += counts[slice][p]
        }
    }
    partStart[256] = count
    let places = firstPlace
    keys = [UInt64](unsafeUninitializedCapacity: count) { keyBuffer, keysMade in
        values = [Value](unsafeUninitializedCapacity: count) { valueBuffer, valuesMade in
            let (keySlots, valueSlots) = (DisjointSlots(keyBuffer.baseAddress!), DisjointSlots(valueBuffer.baseAddress!))
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                var place = places[slice]
                for i in chunkRange(slice, of: slices, count: count) {
                    let p = part(source[i])
                    (keySlots.base + place[p]).initialize(to: source[i])
                    (valueSlots.base + place[p]).initialize(to: sourceValues[i])
                    place[p] += 1
                }
            }
            valuesMade = count
        }
        keysMade = count
    }
    let starts = partStart
    keys.withUnsafeMutableBufferPointer { keyBuffer in
        values.withUnsafeMutableBufferPointer { valueBuffer in
            let (keySlots, valueSlots) = (DisjointSlots(keyBuffer.baseAddress!), DisjointSlots(valueBuffer.baseAddress!))
            DispatchQueue.concurrentPerform(iterations: 256) { p in
                let range = starts[p]..<starts[p + 1]
                guard range.count > 1 else { return }
                var partKeys = Array(UnsafeBufferPointer(start: keySlots.base + range.lowerBound, count: range.count))
                var partValues = Array(UnsafeBufferPointer(start: valueSlots.base + range.lowerBound, count: range.count))
                serialRadixSort(&partKeys, carrying: &partValues)
                for (j, i) in range.enumerated() {
                    (keySlots.base + i).pointee = partKeys[j]
                    (valueSlots.base + i).pointee = partValues[j]
                }
            }
        }
    }
}

/// The radix sort on one thread: least significant digit first, on 11-bit digits, skipping the
/// digits every key shares.
@inlinable
func serialRadixSort<Value>(_ keys: inout [UInt64], carrying values: inout [Value]) {
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

/// Sorts `keys` ascending in place (see `radixSort(_:carrying:threads:)`).
@inlinable
public func radixSort(_ keys: inout [UInt64], threads: Int = defaultThreadCount) {
    var none: [Void] = Array(repeating: (), count: keys.count)
    radixSort(&keys, carrying: &none, threads: threads)
}

/// `keys` sorted ascending (see `radixSort(_:carrying:threads:)`).
@inlinable
public func radixSorted(_ keys: [UInt64], threads: Int = defaultThreadCount) -> [UInt64] {
    var keys = keys
    radixSort(&keys, threads: threads)
    return keys
}
