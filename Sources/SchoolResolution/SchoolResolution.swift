/// What a free-text school name resolved to.
public enum SchoolResolution: Sendable, Hashable {
    /// One school: its current URN (a closed school that converted resolves to its successor).
    case resolved(urn: Int)
    /// Several schools fit equally well (two St Mary's primaries and nothing to tell them apart);
    /// their current URNs, best first. Still evidence: the child is at one of them.
    case ambiguous(urns: [Int])
    /// No school in the register fits: a nursery, a college, a school abroad, or text too garbled.
    case unresolved

    /// The URN when resolved.
    public var urn: Int? {
        if case .resolved(let urn) = self { return urn }
        return nil
    }
}

/// How many names resolved, were ambiguous or unresolved (blank names are not counted).
public struct SchoolResolutionSummary: Sendable, Equatable, CustomStringConvertible {
    public var resolved = 0
    public var ambiguous = 0
    public var unresolved = 0

    public init() {}

    public init(_ results: some Sequence<SchoolResolution>) {
        for result in results { add(result) }
    }

    public mutating func add(_ result: SchoolResolution) {
        switch result {
        case .resolved: resolved += 1
        case .ambiguous: ambiguous += 1
        case .unresolved: unresolved += 1
        }
    }

    public var total: Int { resolved + ambiguous + unresolved }

    public var description: String { "\(resolved) resolved, \(ambiguous) ambiguous, \(unresolved) unresolved" }
}
