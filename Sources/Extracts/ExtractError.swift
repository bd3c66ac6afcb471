/// A problem with an input file that stops the run. It names the file, and where it applies the
/// row and column, and says how to fix it; it never carries a value from the file, because values
/// are children's identifiers.
public struct ExtractError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Code: String, Sendable {
        case unreadable, empty, binary, wrongDelimiter, missingColumn, duplicateColumn, unterminatedQuote, noValidRows, badMapping
        /// The file is not the kind its option takes (an SSDA903 episodes file given as the social care extract).
        case wrongFormat
        /// Files that cannot be analysed together (returns of two LAs, an SSDA903 header without its episodes).
        case inconsistentInputs
    }

    public let code: Code
    public let file: String
    public let row: Int?
    public let column: String?
    public let message: String

    public init(_ code: Code, file: String, row: Int? = nil, column: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let row { place += ", row \(row)" }
        if let column { place += ", column '\(column)'" }
        return "\(place): \(message)"
    }
}

/// A row that was skipped, or a value that was ignored, with the reason: by file, data row number
/// (1-based, header not counted) and column, never by value.
public struct RejectedRow: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        case rowSkipped = "row skipped"
        case valueIgnored = "value ignored"
    }

    public let file: String
    public let row: Int
    public let column: String?
    public let reason: String
    public let action: Action

    public init(file: String, row: Int, column: String?, reason: String, action: Action) {
        self.file = file
        self.row = row
        self.column = column
        self.reason = reason
        self.action = action
    }
}
