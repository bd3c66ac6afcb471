import CohortModel

/// One row of an attendance table: a pupil's sessions in a term or a whole year.
public struct AttendanceRow: Sendable, Equatable {
    public var row: Int
    public var upn: String
    public var year: AcademicYear?
    public var possible: Int
    public var authorised: Int
    public var unauthorised: Int
}

/// One row of an exclusions table: one suspension or permanent exclusion.
public struct ExclusionRow: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `FIXD`: a suspension (fixed-period exclusion).
        case suspension
        /// `PERM`.
        case permanent
        /// `LNCH`: a lunchtime exclusion, recorded but not counted as a suspension (as in DfE statistics).
        case lunchtime
    }

    public var row: Int
    public var upn: String
    public var year: AcademicYear?
    public var kind: Kind
}

/// One row of a KS4 results table.
public struct KS4Row: Sendable, Equatable {
    public var row: Int
    public var upn: String
    public var year: AcademicYear?
    public var attainment8: Double?
    public var englishMaths95: Bool?
}

/// Readers of the school census's separate tables. Each row names its pupil by UPN and academic
/// year, the key it is joined on.
enum SchoolCensusTableRows {
    static let attendanceColumns: [ColumnSpec] = [
        ColumnSpec("UPN", required: true),
        ColumnSpec("AcademicYear", aliases: ["ACADYR", "Year"]),
        ColumnSpec("SessionsPossible", aliases: ["PossibleSessions"], required: true),
        ColumnSpec("SessionsAuthorisedAbsence", aliases: ["AuthorisedAbsence", "AuthorisedAbsenceSessions"]),
        ColumnSpec("SessionsUnauthorisedAbsence", aliases: ["UnauthorisedAbsence", "UnauthorisedAbsenceSessions"]),
    ]

    static let exclusionColumns: [ColumnSpec] = [
        ColumnSpec("UPN", required: true),
        ColumnSpec("AcademicYear", aliases: ["ACADYR", "Year"]),
        ColumnSpec("Category", aliases: ["ExclusionCategory", "ExclusionType"], required: true),
        ColumnSpec("StartDate", aliases: ["ExclusionStartDate", "Date"]),
    ]

    static let ks4Columns: [ColumnSpec] = [
        ColumnSpec("UPN", aliases: ["KS4_UPN"], required: true),
        ColumnSpec("AcademicYear", aliases: ["KS4_ACADYR", "ACADYR", "Year"]),
        ColumnSpec("Attainment8", aliases: ["KS4_ATT8", "ATT8"]),
        ColumnSpec("EnglishMaths95", aliases: ["KS4_L2BASICS_95", "L2BASICS_95"]),
    ]

    static func attendance(_ document: CSVDocument) throws -> ReadResult<AttendanceRow> {
        try readRows(document, columns: attendanceColumns) { row in
            guard let (upn, year) = key(&row) else { return .rejected(row.skip("UPN", "UPN is empty")) }
            guard let possible = Int(row.text("SessionsPossible")), possible >= 0 else {
                return .rejected(row.skip("SessionsPossible", "SessionsPossible is missing or not a whole number"))
            }
            let authorised = row.count("SessionsAuthorisedAbsence") ?? 0, unauthorised = row.count("SessionsUnauthorisedAbsence") ?? 0
            guard authorised + unauthorised <= possible else {
                return .rejected(row.skip("SessionsPossible", "absence sessions exceed the possible sessions"))
            }
            return .record(AttendanceRow(row: row.number, upn: upn, year: year, possible: possible,
                                         authorised: authorised, unauthorised: unauthorised))
        }
    }

    static func exclusions(_ document: CSVDocument) throws -> ReadResult<ExclusionRow> {
        try readRows(document, columns: exclusionColumns) { row in
            guard let (upn, given) = key(&row) else { return .rejected(row.skip("UPN", "UPN is empty")) }
            let kind: ExclusionRow.Kind
            switch row.text("Category").uppercased() {
            case "FIXD", "FIXED", "SUSPENSION", "FIXED PERIOD": kind = .suspension
            case "PERM", "PERMANENT": kind = .permanent
            case "LNCH", "LUNCHTIME": kind = .lunchtime
            default: return .rejected(row.skip("Category", "not an exclusion category (FIXD, PERM or LNCH)"))
            }
            let year = given ?? row.day("StartDate").map { AcademicYear(containing: $0) }
            return .record(ExclusionRow(row: row.number, upn: upn, year: year, kind: kind))
        }
    }

    static func ks4(_ document: CSVDocument) throws -> ReadResult<KS4Row> {
        try readRows(document, columns: ks4Columns) { row in
            guard let (upn, year) = key(&row) else { return .rejected(row.skip("UPN", "UPN is empty")) }
            let attainment8 = row.optional("Attainment8", "not an Attainment 8 score from 0 to 90") {
                Double($0).flatMap { (0...90).contains($0) ? $0 : nil }
            }
            let basics = row.code("EnglishMaths95", "not 0/1 or true/false", usual: usualFlag, parseFlag)
            return .record(KS4Row(row: row.number, upn: upn, year: year, attainment8: attainment8, englishMaths95: basics))
        }
    }

    /// The row's UPN (normalised) and academic year; nil without a UPN. A malformed year is
    /// ignored (the row then matches a pupil table without years only).
    private static func key(_ row: inout MappedRow) -> (String, AcademicYear?)? {
        let upn = row.upn("UPN")
        guard !upn.isEmpty else { return nil }
        return (upn, row.optional("AcademicYear", "AcademicYear is not like 2023/24 or 202324") { AcademicYear(parsing: $0) })
    }
}
