import CohortModel

/// The school census as the LA holds it: a pupil table (one row per enrolment per year, the
/// education extract's columns without the measures) and separate attendance, exclusions and KS4
/// tables, each optional.
public struct SchoolCensusTables: Sendable {
    public var pupils: CSVDocument
    public var attendance: CSVDocument?
    public var exclusions: CSVDocument?
    public var ks4: CSVDocument?

    public init(pupils: CSVDocument, attendance: CSVDocument? = nil, exclusions: CSVDocument? = nil, ks4: CSVDocument? = nil) {
        self.pupils = pupils
        self.attendance = attendance
        self.exclusions = exclusions
        self.ks4 = ks4
    }
}

/// The tables joined into education records, and each table as read (for provenance).
public struct SchoolCensusRead: Sendable {
    /// Rows of the pupil table, with the measures of the other tables filled in.
    public var pupils: ReadResult<EducationRecord>
    public var attendance: ReadResult<AttendanceRow>?
    public var exclusions: ReadResult<ExclusionRow>?
    public var ks4: ReadResult<KS4Row>?
}

public enum SchoolCensus {
    /// Reads the tables and joins them on UPN and academic year. A pupil's measures for a year go
    /// to the main registration (the first row that is not a subsidiary dual registration), so a
    /// dual-registered child counts once: terms and schools add up there. A table given replaces
    /// the pupil table's own columns for that measure. Rows matching no pupil are skipped, in
    /// their own file.
    public static func read(_ tables: SchoolCensusTables) throws -> SchoolCensusRead {
        var pupils = try EducationExtract.read(tables.pupils)
        let matchYears = pupils.records.contains { $0.academicYear != nil }
        var mainRow: [Key: Int] = [:]
        for (i, record) in pupils.records.enumerated() {
            let key = Key(upn: record.upn, year: matchYears ? record.academicYear : nil)
            if let current = mainRow[key], pupils.records[current].enrolStatus != .subsidiaryDual || record.enrolStatus == .subsidiaryDual {
                continue
            }
            mainRow[key] = i
        }
        func main<Row>(_ upn: String, _ year: AcademicYear?, _ row: Int, _ result: inout ReadResult<Row>) -> Int? {
            if let index = mainRow[Key(upn: upn, year: matchYears ? year : nil)] { return index }
            result.rejects.append(RejectedRow(file: result.fileName, row: row, column: "UPN",
                                              reason: "no pupil with this UPN in this academic year in the pupil table",
                                              action: .rowSkipped))
            return nil
        }

        var attendance = try tables.attendance.map(SchoolCensusTableRows.attendance)
        if var table = attendance {
            for i in pupils.records.indices {
                pupils.records[i].sessionsPossible = nil
                pupils.records[i].sessionsAuthorised = nil
                pupils.records[i].sessionsUnauthorised = nil
            }
            for row in table.records {
                guard let i = main(row.upn, row.year, row.row, &table) else { continue }
                pupils.records[i].sessionsPossible = (pupils.records[i].sessionsPossible ?? 0) + row.possible
                pupils.records[i].sessionsAuthorised = (pupils.records[i].sessionsAuthorised ?? 0) + row.authorised
                pupils.records[i].sessionsUnauthorised = (pupils.records[i].sessionsUnauthorised ?? 0) + row.unauthorised
            }
            attendance = table
        }

        var exclusions = try tables.exclusions.map(SchoolCensusTableRows.exclusions)
        if var table = exclusions {
            // The table lists every exclusion: a pupil without a row had none.
            for i in pupils.records.indices {
                pupils.records[i].suspensions = nil
                pupils.records[i].permanentExclusion = nil
            }
            for i in mainRow.values {
                pupils.records[i].suspensions = 0
                pupils.records[i].permanentExclusion = false
            }
            for row in table.records {
                guard let i = main(row.upn, row.year, row.row, &table) else { continue }
                switch row.kind {
                case .suspension: pupils.records[i].suspensions! += 1
                case .permanent: pupils.records[i].permanentExclusion = true
                case .lunchtime: break
                }
            }
            exclusions = table
        }

        var ks4 = try tables.ks4.map(SchoolCensusTableRows.ks4)
        if var table = ks4 {
            for i in pupils.records.indices {
                pupils.records[i].attainment8 = nil
                pupils.records[i].englishMaths95 = nil
            }
            for row in table.records {
                guard let i = main(row.upn, row.year, row.row, &table) else { continue }
                pupils.records[i].attainment8 = row.attainment8 ?? pupils.records[i].attainment8
                pupils.records[i].englishMaths95 = row.englishMaths95 ?? pupils.records[i].englishMaths95
            }
            ks4 = table
        }
        return SchoolCensusRead(pupils: pupils, attendance: attendance, exclusions: exclusions, ks4: ks4)
    }

    private struct Key: Hashable {
        let upn: String
        let year: AcademicYear?
    }
}
