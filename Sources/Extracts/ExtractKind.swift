/// Which extract a CSV file is, judged by its header, so that a file given in the wrong place (the
/// social care extract as the education extract) is named for what it is instead of being read as
/// something it is not.
public enum ExtractKind: Sendable, Equatable {
    case socialCare, education, schoolRegister

    public var name: String {
        switch self {
        case .socialCare: "social care extract"
        case .education: "education extract"
        case .schoolRegister: "school register"
        }
    }

    /// The name with its article: "an education extract".
    public var description: String { (self == .education ? "an " : "a ") + name }

    /// The kind whose distinctive columns the header has, or nil. A social care extract has a
    /// child identifier and episodes, a school register names establishments, and an education
    /// extract has UPNs and enrolment, attendance or attainment columns but neither of the others'
    /// (a social care extract also has UPNs, dates of birth and school URNs). A file missing one of
    /// its own columns is not taken for another kind: its reader names the missing column.
    public static func recognised(header: [String]) -> ExtractKind? {
        let present = Set(header.map(ColumnMap.key))
        func has(_ names: [String], of columns: [ColumnSpec], all: Bool = true) -> Bool {
            let found = names.map { name in columns.first { $0.name == name }!.keys.contains(where: present.contains) }
            return all ? !found.contains(false) : found.contains(true)
        }
        if has(["LAchildID", "Category", "StartDate"], of: SocialCareExtract.columns) { return .socialCare }
        if has(["URN", "EstablishmentName", "LA (code)"], of: SchoolRegister.columns) { return .schoolRegister }
        if has(["UPN"], of: EducationExtract.columns), !has(["LAchildID"], of: SocialCareExtract.columns),
           has(["NCyearActual", "EnrolStatus", "SessionsPossible", "FSMeligible", "SENprovision", "Attainment8"],
               of: EducationExtract.columns, all: false) {
            return .education
        }
        return nil
    }
}
