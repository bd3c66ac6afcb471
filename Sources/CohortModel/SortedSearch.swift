extension RandomAccessCollection where Element: Comparable {
    /// In a collection sorted in increasing order, the first index whose element is not below
    /// `value` (`endIndex` if none), by binary search.
    @inlinable
    public func lowerBound(_ value: Element) -> Index {
        var low = startIndex, remaining = count
        while remaining > 0 {
            let half = remaining / 2
            let middle = index(low, offsetBy: half)
            if self[middle] < value {
                low = index(after: middle)
                remaining -= half + 1
            } else {
                remaining = half
            }
        }
        return low
    }

    /// Where a sorted collection holds `value` (its first place), by binary search; nil when it does not.
    @inlinable
    public func index(sorted value: Element) -> Index? {
        let i = lowerBound(value)
        return i < endIndex && self[i] == value ? i : nil
    }
}
