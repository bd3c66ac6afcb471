/// Why the engine refuses a release: one sentence naming the cell and the reason. Never carries a value
/// that is suppressed, since error text ends up in logs.
public struct DisclosureError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable, Equatable {
        /// The request itself is malformed (an index out of range, a negative count, a missing setting).
        case invalidRequest
        /// A relation's total is not the sum of its parts, so the engine's view of the data is wrong.
        case unbalancedRelation
        /// A primary cell stays narrower than its protection level whatever else is suppressed.
        case auditFailed
        /// The ledger file cannot be read or belongs to another format version.
        case invalidLedger
    }

    public var code: Code
    /// The key of the cell concerned, when there is one.
    public var key: String?
    public var description: String

    public init(_ code: Code, key: String? = nil, _ description: String) {
        self.code = code
        self.key = key
        self.description = description
    }
}
