/// What one linkage rule contributed.
public struct RuleSummary: Sendable, Equatable {
    public var rule: String
    public var method: LinkMethod
    public var links: Int
}

public struct LinkageResult: Sendable {
    public var links: [Link]
    public var rules: [RuleSummary]
    /// The fitted model, blocking report, pairs scored and expected quality (probabilistic linkage only).
    public var model: FellegiSunterModel?
    public var blocking: [BlockingRuleReport] = []
    public var pairsScored = 0
    public var quality: ExpectedQuality?
}
