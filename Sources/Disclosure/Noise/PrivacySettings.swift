/// Settings of the differential-privacy mode (rule 10) beyond the budget in `DisclosureRules`.
public struct PrivacySettings: Sendable {
    /// A secret key from which the noise is derived, so that the same key gives the same release.
    /// Whoever holds it can subtract the noise: keep it like the project key, never beside the outputs.
    /// `nil` draws fresh noise from OpenSSL's generator.
    public var seed: [UInt8]?
    /// For each table, the most one child can add to the sum of the table's finest cells (those that
    /// are the total of nothing): 1 for a fully cross-classified table, the number of breakdown topics
    /// for a table that breaks one total down several ways, times the cap on events per child for event
    /// counts. This is the L1 sensitivity the noise is scaled to; the engine checks what it can.
    public var contributionBounds: [String: Int]

    public init(seed: [UInt8]? = nil, contributionBounds: [String: Int] = [:]) {
        self.seed = seed
        self.contributionBounds = contributionBounds
    }
}
