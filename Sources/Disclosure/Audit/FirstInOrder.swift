extension Sequence {
    /// The first `count` elements of `sorted(by:)`, without sorting the rest: for picking a few
    /// partners out of the hundreds of schools that share an LA's relations.
    func first(_ count: Int, in areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        var best: [Element] = []
        best.reserveCapacity(count + 1)
        guard count > 0 else { return best }
        for element in self {
            if best.count == count {
                guard areInIncreasingOrder(element, best[count - 1]) else { continue }
                best.removeLast()
            }
            var position = best.count
            while position > 0 && areInIncreasingOrder(element, best[position - 1]) { position -= 1 }
            best.insert(element, at: position)
        }
        return best
    }
}
