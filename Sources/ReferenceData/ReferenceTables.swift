import Extracts

/// The embedded tables as rows of fields, parsed by the same reader as every input file.
package enum ReferenceTables {
    package static func rows(_ text: String) -> [[String]] {
        guard let document = try? CSVDocument(fileName: "reference table", bytes: Array(text.utf8)) else { return [] }
        var rows = [document.header]
        try? document.forEachRow { row in rows.append((0..<row.fieldCount).map { row[$0] }) }
        return rows
    }
}

/// An English local authority with the codes EES geography needs.
public struct LocalAuthority: Sendable, Equatable {
    public let oldCode: Int
    public let newCode: String
    public let name: String
    public let regionCode: String
    public let regionName: String
}

/// DfE's local authorities (datasets/geography/local_authorities.csv).
public enum LocalAuthorities {
    public static let all: [LocalAuthority] = ReferenceTables.rows(EmbeddedTables.localAuthorities).dropFirst().compactMap { row in
        guard row.count >= 5, let code = Int(row[0]) else { return nil }
        return LocalAuthority(oldCode: code, newCode: row[1], name: row[2], regionCode: row[3], regionName: row[4])
    }

    public static func withOldCode(_ code: Int) -> LocalAuthority? { byOldCode[code] }

    /// Looked up for every child whose school is in another LA, and for every LA of England's release.
    private static let byOldCode = Dictionary(all.map { ($0.oldCode, $0) }, uniquingKeysWith: { first, _ in first })
}

/// Common English diminutives and the formal names they stand for (datasets/names/nicknames.csv),
/// lower case. A nickname may stand for several names (Sam: Samuel, Samantha).
public enum Nicknames {
    public static let formalNames: [String: [String]] = {
        var table: [String: [String]] = [:]
        for row in ReferenceTables.rows(EmbeddedTables.nicknames).dropFirst() where row.count >= 2 {
            table[row[0].lowercased(), default: []].append(row[1].lowercased())
        }
        return table
    }()
}
