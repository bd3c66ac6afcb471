extension Array where Element == Int {
    /// The index of `value` in this array, which must be in increasing order: a binary search, for the
    /// audit's per-block lookups, which a dictionary's hashing would dominate.
    func index(ofSorted value: Int) -> Int? {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low] == value ? low : nil
    }
}
