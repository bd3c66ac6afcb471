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

    /// GIAS's LAEstab: LA code followed by the 4-digit establishment number.
    public var laEstab: Int? { establishmentNumber.map { laCode * 10_000 + $0 } }

    public init(urn: Int, name: String, laCode: Int, laName: String, establishmentNumber: Int? = nil,
                type: String = "", status: String = "Open", phase: String = "", postcode: String = "", predecessorURN: Int? = nil) {
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
    }
}

/// The GIAS establishment extract as downloaded (`edubasealldata…csv`): most of its 120+ columns are ignored.
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
    ]

    public static func read(_ document: CSVDocument) throws -> ReadResult<School> {
        try readRows(document, columns: columns) { row in
            guard let urn = Int(row.text("URN")) else { return .rejected(row.skip("URN", "URN is missing or not a number")) }
            guard let laCode = Int(row.text("LA (code)")) else {
                return .rejected(row.skip("LA (code)", "LA (code) is missing or not a number"))
            }
            return .record(School(
                urn: urn, name: row.text("EstablishmentName"), laCode: laCode, laName: row.text("LA (name)"),
                establishmentNumber: row.optional("EstablishmentNumber", "not a number") { Int($0) },
                type: row.text("TypeOfEstablishment (name)"), status: row.text("EstablishmentStatus (name)"),
                phase: row.text("PhaseOfEducation (name)"), postcode: row.text("Postcode"),
                predecessorURN: row.optional("PredecessorURN", "not a URN") { Int($0) }))
        }
    }
}
