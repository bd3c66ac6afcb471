/// A column the readers know, with the header spellings accepted for it.
public struct ColumnSpec: Sendable {
    public let name: String
    public let aliases: [String]
    public let isRequired: Bool

    public init(_ name: String, aliases: [String] = [], required: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.isRequired = required
    }

    var keys: [String] { ([name] + aliases).map(ColumnMap.key) }
}

/// Where each known column sits in a file's header.
///
/// Headers match case-insensitively, ignoring spaces, `_`, `-` and brackets, so `LA (code)`,
/// `la_code` and `LACode` are one column. A missing required column stops the run with one error
/// naming the file and the column, and the spellings that would have been accepted.
public struct ColumnMap: Sendable {
    private var positions: [String: Int] = [:]

    public init(header: [String], columns: [ColumnSpec], fileName: String) throws(ExtractError) {
        var byKey: [String: Int] = [:]
        for (index, title) in header.enumerated() {
            let key = Self.key(title)
            if !key.isEmpty && byKey[key] == nil { byKey[key] = index }
        }
        for spec in columns {
            let found = spec.keys.compactMap { byKey[$0] }
            if found.count > 1, Set(found).count > 1 {
                throw ExtractError(.duplicateColumn, file: fileName, column: spec.name,
                                   "more than one column could be '\(spec.name)' (\(Set(found).sorted().map { header[$0] }.joined(separator: ", "))). Rename or remove all but one.")
            }
            if let index = found.first {
                positions[spec.name] = index
            } else if spec.isRequired {
                let accepted = ([spec.name] + spec.aliases).joined(separator: ", ")
                throw ExtractError(.missingColumn, file: fileName, column: spec.name,
                                   "required column '\(spec.name)' is missing. Add it, or rename your column to one of: \(accepted).")
            }
        }
    }

    /// The column's index, or nil when the file does not have it.
    public subscript(name: String) -> Int? { positions[name] }

    static func key(_ title: String) -> String {
        String(title.lowercased().unicodeScalars.filter { !" _-()\t".unicodeScalars.contains($0) }.map(Character.init))
    }
}
