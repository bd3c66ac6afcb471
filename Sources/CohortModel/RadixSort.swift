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
    guard let shift = partShift(source, threads: threads) else { return }
    @Sendable @inline(__always) func part(_ key: UInt64) -> Int { Int((key >> shift) & 0xFF) }

    let slices = threads * 4
    let counts = partCounts(source, shift: shift, slices: slices, threads: threads)
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

/// Where the parallel sorts split keys: the shift that brings the 8 bits below the highest bit in
/// which any two keys differ to the bottom; nil when all keys are equal.
@inlinable
func partShift(_ keys: [UInt64], threads: Int) -> UInt64? {
    guard let first = keys.first else { return nil }
    let differing = parallelChunks(keys.count, threads: threads) { range in
        range.reduce(UInt64(0)) { $0 | (keys[$1] ^ first) }
    }.reduce(0, |)
    return differing == 0 ? nil : UInt64(max(0, 63 - differing.leadingZeroBitCount - 7))
}

/// How many keys of each of `slices` contiguous slices fall in each of the 256 parts.
@inlinable
func partCounts(_ keys: [UInt64], shift: UInt64, slices: Int, threads: Int) -> [[Int]] {
    parallelMap(slices, threads: threads) { slice -> [Int] in
        var histogram = [Int](repeating: 0, count: 256)
        for i in chunkRange(slice, of: slices, count: keys.count) { histogram[Int((keys[i] >> shift) & 0xFF)] += 1 }
        return histogram
    }
}

/// The radix sort on one thread: least significant digit first, on 11-bit digits, skipping the
/// digits every key shares. Every digit's histogram is counted in one pass over the keys, before
/// the first digit is placed.
@inlinable
func serialRadixSort<Value>(_ keys: inout [UInt64], carrying values: inout [Value]) {
    let count = keys.count
    guard count > 1 else { return }
    let bits = 11, buckets = 1 << bits, mask = UInt64(buckets - 1), digits = (64 + bits - 1) / bits
    var histograms = [Int](repeating: 0, count: buckets * digits)
    histograms.withUnsafeMutableBufferPointer { histograms in
        for key in keys {
            for digit in 0..<digits { histograms[digit * buckets + Int((key >> UInt64(digit * bits)) & mask)] += 1 }
        }
    }
    var otherKeys = keys, otherValues = values
    for digit in 0..<digits {
        let histogram = histograms[digit * buckets..<(digit + 1) * buckets]
        if histogram.contains(count) { continue }
        var place = [Int](repeating: 0, count: buckets), offset = 0
        for (i, size) in histogram.enumerated() {
            place[i] = offset
            offset += size
        }
        let shift = UInt64(digit * bits)
        keys.withUnsafeBufferPointer { from in
            otherKeys.withUnsafeMutableBufferPointer { to in
                values.withUnsafeBufferPointer { fromValues in
                    otherValues.withUnsafeMutableBufferPointer { toValues in
                        place.withUnsafeMutableBufferPointer { place in
                            for i in 0..<count {
                                let bucket = Int((from[i] >> shift) & mask)
                                let target = place[bucket]
                                place[bucket] = target + 1
                                to[target] = from[i]
                                toValues[target] = fromValues[i]
                            }
                        }
                    }
                }
            }
        }
        swap(&keys, &otherKeys)
        swap(&values, &otherValues)
    }
}

/// Sorts `keys` ascending. Arrays of 16 M keys or more are sorted in place, with no second array
/// of them: split by their top differing byte (an American flag sort: every key is swapped straight
/// into its part, on one core), then the 256 parts sorted in parallel, each with scratch of its own
/// size. Not stable, which keys alone cannot show. England's blocking sorts a billion bytes of pairs
/// this way. Smaller arrays are split in parallel into a second array, as values are carried: an
/// LA's million pairs of a rule sorted in 17 ms instead of 20. (`inPlaceFrom` is there for tests.)
@inlinable
public func radixSort(_ keys: inout [UInt64], threads: Int = defaultThreadCount, inPlaceFrom: Int = 1 << 24) {
    let count = keys.count
    guard threads > 1, count >= max(inPlaceFrom, 1 << 18) else {
        var none: [Void] = Array(repeating: (), count: count)
        return radixSort(&keys, carrying: &none, threads: threads)
    }
    guard let shift = partShift(keys, threads: threads) else { return }
    @inline(__always) func part(_ key: UInt64) -> Int { Int((key >> shift) & 0xFF) }
    var starts = [Int](repeating: 0, count: 257)
    for counts in partCounts(keys, shift: shift, slices: threads, threads: threads) {
        for p in 0..<256 { starts[p + 1] += counts[p] }
    }
    for p in 0..<256 { starts[p + 1] += starts[p] }
    let partStarts = starts
    keys.withUnsafeMutableBufferPointer { buffer in
        // Each part's next free place; a key taken from a wrong place is swapped into its part until
        // the key that belongs here comes back.
        var next = Array(partStarts.dropLast())
        for p in 0..<256 {
            while next[p] < partStarts[p + 1] {
                var key = buffer[next[p]]
                var home = part(key)
                while home != p {
                    swap(&key, &buffer[next[home]])
                    next[home] += 1
                    home = part(key)
                }
                buffer[next[p]] = key
                next[p] += 1
            }
        }
        let slots = DisjointSlots(buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: 256) { p in
            let range = partStarts[p]..<partStarts[p + 1]
            guard range.count > 1 else { return }
            var partKeys = Array(UnsafeBufferPointer(start: slots.base + range.lowerBound, count: range.count))
            var none: [Void] = Array(repeating: (), count: range.count)
            serialRadixSort(&partKeys, carrying: &none)
            partKeys.withUnsafeBufferPointer { (slots.base + range.lowerBound).update(from: $0.baseAddress!, count: range.count) }
        }
    }
}
