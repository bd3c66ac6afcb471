/// How a link was made.
public enum LinkMethod: String, Sendable, CaseIterable, Codable {
    /// A valid UPN (or former UPN) shared, with dates of birth agreeing.
    case upn
    /// A deterministic pass on tokens with relaxed keys.
    case deterministic
    /// The Fellegi–Sunter model, above the match threshold.
    case probabilistic

    public var label: String {
        switch self {
        case .upn: "UPN"
        case .deterministic: "Deterministic passes"
        case .probabilistic: "Probabilistic"
        }
    }
}

/// One social care child linked to one pupil.
public struct Link: Sendable, Equatable {
    /// Index into the social care children.
    public var child: Int32
    /// Index into the education pupils.
    public var pupil: Int32
    /// The evidence for the link, as a log₂ likelihood ratio.
    public var weight: Double
    public var method: LinkMethod
    /// The rule or pass that made it.
    public var rule: String

    public init(child: Int32, pupil: Int32, weight: Double, method: LinkMethod, rule: String) {
        self.child = child
        self.pupil = pupil
        self.weight = weight
        self.method = method
        self.rule = rule
    }
}
