/// What the audit did, for the manifest and the benchmark: how much was settled by propagation alone
/// and how much needed linear programming.
public struct AuditStatistics: Sendable, Equatable, Codable {
    /// Connected components of suppressed cells that the attacker cannot pin by propagation.
    public var components = 0
    public var largestComponent = 0
    /// Components settled exactly by propagation, because their relations form no cycle.
    public var settledByPropagation = 0
    /// Linear programs solved (each a maximisation or a minimisation).
    public var linearPrograms = 0
    public var pivots = 0
    /// Rounds of the protect-then-audit loop.
    public var rounds = 0

    public init() {}

    mutating func add(_ other: AuditStatistics) {
        components += other.components
        largestComponent = max(largestComponent, other.largestComponent)
        settledByPropagation += other.settledByPropagation
        linearPrograms += other.linearPrograms
        pivots += other.pivots
        rounds += other.rounds
    }
}
