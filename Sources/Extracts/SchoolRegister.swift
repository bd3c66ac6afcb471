import CohortModel

/// One establishment of the GIAS register.
public struct School: Sendable, Equatable {
    public var urn: Int
    public var name: String
    public var laCode: Int
    public var laName: String
    public var establishmentNumber: Int?
    public var type: String
    public var status: String
    public var phase: String
    public var postcode: String
    public var predecessorURN: Int?
    public var openDate: Day?
    public var closeDate: Day?

    /// GIAS's LAEstab: LA code followed by the 4-digit establishment number.
    public var laEstab: Int? { establishmentNumber.map { laCode * 10_000 + $0 } }

    /// GIAS status `Open` or `Open, but proposed to close`.
    public var isOpen: Bool { status.lowercased().hasPrefix("open") }

    /// Whether the school teaches this phase, from `PhaseOfEducation (name)`. Schools without a
    /// phase in GIAS (special schools, pupil referral units, alternative provision) may teach either.
    public func teaches(_ phase: Phase) -> Bool {
        switch self.phase.lowercased() {
        case "primary", "middle deemed primary": phase == .primary
        case "secondary", "middle deemed secondary", "16 plus": phase == .secondary
        case "nursery": false
        default: true  // all-through, not applicable, blank
        }
    }

    public init(urn: Int, name: String, laCode: Int, laName: String, establishmentNumber: Int? = nil,
                type: String = "", status: String = "Open", phase: String = "", postcode: String = "", predecessorURN: Int? = nil,
                openDate: Day? = nil, closeDate: Day? = nil) {
        self.urn = urn
        self.name = name
        self.laCode = laCode
        self.laName = laName
        self.establishmentNumber = establishmentNumber
        self.type = type
        self.status = status
        self.phase = phase
        self.postcode = postcode
        self.predecessorURN = predecessorURN
        self.openDate = openDate
        self.closeDate = closeDate
    }
}

/// The GIAS establishment extract as downloaded (`edubasealldata…csv`): Windows-1252, dates
/// `dd-mm-yyyy`, most of its 120+ columns ignored. Closed schools stay in it, so
/// `currentURNs(_:)` says which open school each closed one became.
public enum SchoolRegister {
    public static let columns: [ColumnSpec] = [
        ColumnSpec("URN", required: true),
        ColumnSpec("EstablishmentName", required: true),
        ColumnSpec("LA (code)", aliases: ["LACode"], required: true),
        ColumnSpec("LA (name)", aliases: ["LAName"]),
        ColumnSpec("EstablishmentNumber"),
        ColumnSpec("TypeOfEstablishment (name)"),
        ColumnSpec("EstablishmentStatus (name)"),
        ColumnSpec("PhaseOfEducation (name)"),
        ColumnSpec("Postcode"),
        ColumnSpec("PredecessorURN"),
        ColumnSpec("OpenDate"),
        ColumnSpec("CloseDate"),
    ]

    public static func read(_ document: CSVDocument) throws -> ReadResult<School> {
        try readRows(document, columns: columns) { row in
            guard let urn = Int(row.text("URN")), schoolNumbers.contains(urn) else {
                return .rejected(row.skip("URN", "URN is missing or not a number"))
            }
            guard let laCode = Int(row.text("LA (code)")) else {
                return .rejected(row.skip("LA (code)", "LA (code) is missing or not a number"))
            }
            return .record(School(
                urn: urn, name: row.text("EstablishmentName"), laCode: laCode, laName: row.text("LA (name)"),
                establishmentNumber: row.integer("EstablishmentNumber", "not a number"),
                type: row.text("TypeOfEstablishment (name)"), status: row.text("EstablishmentStatus (name)"),
                phase: row.text("PhaseOfEducation (name)"), postcode: row.text("Postcode"),
                predecessorURN: row.schoolNumber("PredecessorURN", "not a URN"),
                openDate: row.day("OpenDate"), closeDate: row.day("CloseDate")))
        }
    }
}
