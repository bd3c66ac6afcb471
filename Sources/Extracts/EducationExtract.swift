import CohortModel

/// One row of the education extract: one pupil's enrolment at one school in one academic year.
public struct EducationRecord: Sendable, Equatable {
    public var row: Int
    public var upn: String
    public var formerUPN: String
    public var forename: String
    public var middleNames: String
    public var surname: String
    public var birthDate: Day?
    public var sex: Sex
    public var ethnicity: String
    public var postcode: String
    /// The school as the file gives it: a URN, or an LAEstab (LA code × 10000 + establishment number).
    public var urn: Int?
    public var laEstab: Int?
    public var ncYear: NCYear?
    public var enrolStatus: EnrolStatus
    public var fsmEligible: Bool?
    public var sen: SENProvision?
    public var sessionsPossible: Int?
    public var sessionsAuthorised: Int?
    public var sessionsUnauthorised: Int?
    public var suspensions: Int?
    public var permanentExclusion: Bool?
    public var attainment8: Double?
    public var englishMaths95: Bool?
    public var academicYear: AcademicYear?

    public init(row: Int, upn: String, birthDate: Day? = nil, sex: Sex = .unknown, urn: Int? = nil) {
        self.row = row
        self.upn = upn
        formerUPN = ""
        forename = ""
        middleNames = ""
        surname = ""
        self.birthDate = birthDate
        self.sex = sex
        ethnicity = ""
        postcode = ""
        self.urn = urn
        enrolStatus = .current
    }
}

public enum EducationExtract {
    public static let columns: [ColumnSpec] = [
        ColumnSpec("UPN", required: true),
        ColumnSpec("FormerUPN"),
        ColumnSpec("Surname", aliases: ["PreferredSurname", "LegalSurname", "LastName"]),
        ColumnSpec("Forename", aliases: ["PreferredForename", "LegalForename", "FirstName"]),
        ColumnSpec("MiddleNames", aliases: ["MiddleName"]),
        ColumnSpec("DOB", aliases: ["PersonBirthDate", "DateOfBirth", "BirthDate"], required: true),
        ColumnSpec("Sex", aliases: ["Gender"], required: true),
        ColumnSpec("Ethnicity", aliases: ["EthnicCode"]),
        ColumnSpec("Postcode", aliases: ["PostCode"]),
        ColumnSpec("URN", aliases: ["SchoolURN"]),
        ColumnSpec("LAEstab", aliases: ["DfENumber", "LAESTAB"]),
        ColumnSpec("NCyearActual", aliases: ["NCYear", "YearGroup"]),
        ColumnSpec("EnrolStatus"),
        ColumnSpec("FSMeligible", aliases: ["FSM"]),
        ColumnSpec("SENprovision", aliases: ["SEN"]),
        ColumnSpec("SessionsPossible"),
        ColumnSpec("SessionsAuthorisedAbsence", aliases: ["AuthorisedAbsence"]),
        ColumnSpec("SessionsUnauthorisedAbsence", aliases: ["UnauthorisedAbsence"]),
        ColumnSpec("Suspensions"),
        ColumnSpec("PermanentExclusion"),
        ColumnSpec("Attainment8", aliases: ["KS4_ATT8"]),
        ColumnSpec("EnglishMaths95", aliases: ["KS4_L2BASICS_95"]),
        ColumnSpec("AcademicYear"),
    ]

    public static func read(_ document: CSVDocument, threads: Int = defaultThreadCount) throws -> ReadResult<EducationRecord> {
        let map = try ColumnMap(header: document.header, columns: columns, fileName: document.fileName)
        guard map["URN"] != nil || map["LAEstab"] != nil else {
            throw ExtractError(.missingColumn, file: document.fileName, column: "URN",
                               "required column 'URN' (or 'LAEstab') is missing. Add the school's URN to every row.")
        }
        return try readRows(document, columns: columns, threads: threads) { row in
            let upn = row.upn("UPN")
            guard !upn.isEmpty else { return .rejected(row.skip("UPN", "UPN is empty")) }
            var record = EducationRecord(row: row.number, upn: upn)
            record.urn = row.schoolNumber("URN", "not a school URN (a number)")
            record.laEstab = row.schoolNumber("LAEstab", "not an LAEstab number")
            guard record.urn != nil || record.laEstab != nil else {
                return .rejected(row.skip("URN", "the school (URN or LAEstab) is missing or not a number"))
            }
            if row.has("AcademicYear") {
                guard let year = row.value("AcademicYear", usual: AcademicYear.usual, AcademicYear.init(parsing:)) else {
                    return .rejected(row.skip("AcademicYear", "AcademicYear is not like 2023/24 or 202324"))
                }
                record.academicYear = year
            }
            record.formerUPN = row.text("FormerUPN")
            record.forename = row.text("Forename")
            record.middleNames = row.text("MiddleNames")
            record.surname = row.text("Surname")
            record.birthDate = row.day("DOB")
            record.sex = row.code("Sex", "not a sex code (M, F, U)", usual: Sex.usual, Sex.init(code:)) ?? .unknown
            record.ethnicity = row.text("Ethnicity")
            record.postcode = row.text("Postcode")
            record.ncYear = row.code("NCyearActual", "not an NC year (R, X, 1 to 14)", usual: NCYear.usual, NCYear.init(code:))
            record.enrolStatus = row.code("EnrolStatus", "not an enrolment status (C, M, S)", usual: EnrolStatus.usual,
                                          EnrolStatus.init(code:)) ?? .current
            record.fsmEligible = row.code("FSMeligible", "not 0/1 or true/false", usual: usualFlag, parseFlag)
            record.sen = row.code("SENprovision", "not a SEN provision code (E, K, N)", usual: SENProvision.usual, SENProvision.init(code:))
            readAttendance(&row, into: &record)
            record.suspensions = row.count("Suspensions")
            record.permanentExclusion = row.code("PermanentExclusion", "not 0/1 or true/false", usual: usualFlag, parseFlag)
            record.attainment8 = row.optional("Attainment8", "not an Attainment 8 score from 0 to 90") {
                Double($0).flatMap { (0...90).contains($0) ? $0 : nil }
            }
            record.englishMaths95 = row.code("EnglishMaths95", "not 0/1 or true/false", usual: usualFlag, parseFlag)
            return .record(record)
        }
    }

    /// Sessions are read together: absences that exceed the possible sessions make all three unusable.
    private static func readAttendance(_ row: inout MappedRow, into record: inout EducationRecord) {
        let possible = row.count("SessionsPossible")
        let authorised = row.count("SessionsAuthorisedAbsence")
        let unauthorised = row.count("SessionsUnauthorisedAbsence")
        if let possible, (authorised ?? 0) + (unauthorised ?? 0) > possible {
            row.ignore("SessionsPossible", "absence sessions exceed the possible sessions; attendance ignored for this row")
            return
        }
        record.sessionsPossible = possible
        record.sessionsAuthorised = authorised
        record.sessionsUnauthorised = unauthorised
    }
}
