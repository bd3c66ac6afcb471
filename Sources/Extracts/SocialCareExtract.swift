import CohortModel

/// One row of the flat social care extract: one episode of one child, identifiers as typed.
public struct SocialCareRecord: Sendable, Equatable {
    /// 1-based data row number in its file.
    public var row: Int
    public var childID: String
    public var upn: String
    public var formerUPN: String
    public var forename: String
    public var surname: String
    public var birthDate: Day?
    public var sex: Sex
    public var ethnicity: String
    public var postcode: String
    public var category: SocialCareCategory
    public var start: Day
    public var end: Day?
    public var schoolName: String
    public var schoolURN: Int?

    public init(row: Int, childID: String, upn: String = "", formerUPN: String = "", forename: String = "",
                surname: String = "", birthDate: Day?, sex: Sex = .unknown, ethnicity: String = "", postcode: String = "",
                category: SocialCareCategory, start: Day, end: Day? = nil, schoolName: String = "", schoolURN: Int? = nil) {
        self.row = row
        self.childID = childID
        self.upn = upn
        self.formerUPN = formerUPN
        self.forename = forename
        self.surname = surname
        self.birthDate = birthDate
        self.sex = sex
        self.ethnicity = ethnicity
        self.postcode = postcode
        self.category = category
        self.start = start
        self.end = end
        self.schoolName = schoolName
        self.schoolURN = schoolURN
    }
}

public enum SocialCareExtract {
    /// The columns of DATA-CONTRACT.md, with the spellings of common exports and statutory returns.
    public static let columns: [ColumnSpec] = [
        ColumnSpec("LAchildID", aliases: ["CHILD", "ChildID", "PersonID", "ChildIdentifier"], required: true),
        ColumnSpec("UPN"),
        ColumnSpec("FormerUPN"),
        ColumnSpec("Forename", aliases: ["FirstName", "GivenName", "Forenames"]),
        ColumnSpec("Surname", aliases: ["LastName", "FamilyName"]),
        ColumnSpec("PersonBirthDate", aliases: ["DOB", "DateOfBirth", "BirthDate"], required: true),
        ColumnSpec("Sex", aliases: ["GenderCurrent", "Gender"]),
        ColumnSpec("Ethnicity", aliases: ["ETHNIC", "EthnicCode"]),
        ColumnSpec("Postcode", aliases: ["PostCode", "HomePostcode"]),
        ColumnSpec("Category", aliases: ["EpisodeCategory", "EpisodeType"], required: true),
        ColumnSpec("StartDate", aliases: ["EpisodeStartDate", "DECOM"], required: true),
        ColumnSpec("EndDate", aliases: ["EpisodeEndDate", "DEC"]),
        ColumnSpec("SchoolName", aliases: ["School"]),
        ColumnSpec("SchoolURN"),
    ]

    public static func read(_ document: CSVDocument, threads: Int = defaultThreadCount) throws -> ReadResult<SocialCareRecord> {
        try readRows(document, columns: columns, threads: threads) { row in
            let childID = row.text("LAchildID")
            guard !childID.isEmpty else { return .rejected(row.skip("LAchildID", "LAchildID is empty")) }
            guard let category = row.value("Category", usual: SocialCareCategory.usual, SocialCareCategory.init(code:)) else {
                return .rejected(row.skip("Category", "Category is not CINP, CPP or CLA"))
            }
            guard let start = Day(parsing: row.text("StartDate")) else {
                return .rejected(row.skip("StartDate", "StartDate is missing or not a date (use yyyy-mm-dd or dd/mm/yyyy)"))
            }
            var end: Day?
            if row.has("EndDate") {
                guard let parsed = Day(parsing: row.text("EndDate")) else {
                    return .rejected(row.skip("EndDate", "EndDate is not a date (use yyyy-mm-dd or dd/mm/yyyy), or leave it empty for an open episode"))
                }
                guard parsed >= start else { return .rejected(row.skip("EndDate", "EndDate is before StartDate")) }
                end = parsed
            }
            var birth = row.day("PersonBirthDate")
            if let dob = birth, !plausibleBirthDate(dob, around: start) {
                row.ignore("PersonBirthDate", "not a plausible date of birth for a child")
                birth = nil
            }
            return .record(SocialCareRecord(
                row: row.number, childID: childID, upn: row.text("UPN"), formerUPN: row.text("FormerUPN"),
                forename: row.text("Forename"), surname: row.text("Surname"), birthDate: birth,
                sex: row.code("Sex", "not a sex code (M, F, U or 1, 2, 0, 9)", usual: Sex.usual, Sex.init(code:)) ?? .unknown,
                ethnicity: row.text("Ethnicity"), postcode: row.text("Postcode"), category: category,
                start: start, end: end, schoolName: row.text("SchoolName"),
                schoolURN: row.schoolNumber("SchoolURN", "not a school URN (a number)")))
        }
    }
}

/// A child's date of birth lies within 26 years before, and at most ~9 months after (unborn
/// children have episodes), the event it is recorded with.
func plausibleBirthDate(_ birth: Day, around event: Day) -> Bool {
    birth.number <= event.number + 280 && event.number - birth.number <= 26 * 366
}
