import Yams

/// `--mapping mapping.yml`: renames a local export's columns to the data contract's, so an
/// analyst points CohortLink at the file their case management or MIS system writes, unedited.
///
/// ```yaml
/// social_care:          # one section per input
///   PERSON_ID: LAchildID  # your column: the contract's column
///   DOB: PersonBirthDate
/// ```
/// Names match as headers do (case, spaces, `_` and brackets ignored). Every mistake in the file
/// is an error naming the section and the entry, so a mapping never half-applies silently.
public struct ColumnMapping: Sendable {
    /// The inputs a mapping can rename columns of.
    public enum Role: String, CaseIterable, Sendable {
        case socialCare = "social_care", education, attendance, exclusions, ks4

        var title: String {
            switch self {
            case .socialCare: "the social care extract"
            case .education: "the education extract (pupil table)"
            case .attendance: "the attendance table"
            case .exclusions: "the exclusions table"
            case .ks4: "the KS4 table"
            }
        }

        var columns: [ColumnSpec] {
            switch self {
            case .socialCare: SocialCareExtract.columns
            case .education: EducationExtract.columns
            case .attendance: SchoolCensusTableRows.attendanceColumns
            case .exclusions: SchoolCensusTableRows.exclusionColumns
            case .ks4: SchoolCensusTableRows.ks4Columns
            }
        }
    }

    /// Per role: (local column as written, contract column's name), in file order.
    private var renames: [Role: [(local: String, target: String)]] = [:]

    /// Parses and checks a mapping file's text.
    public init(yaml: String, fileName: String) throws(ExtractError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.error(fileName, "is not valid YAML (\(Self.describe(error))). Check its indentation and colons.")
        } catch {
            throw Self.error(fileName, "is not valid YAML. Check its indentation and colons.")
        }
        guard let root else { throw Self.error(fileName, "is empty. Give at least one section, e.g. 'social_care:' with 'YourColumn: LAchildID' under it.") }
        guard let sections = root.mapping else {
            throw Self.error(fileName, "must be a map of sections (\(Self.roleList)) to column renames.")
        }
        for (key, value) in sections {
            guard let name = key.string, let role = Role(rawValue: name) else {
                throw Self.error(fileName, "has an unknown section '\(key.string ?? "?")'\(Self.line(key)). Use \(Self.roleList).")
            }
            renames[role] = try Self.renames(value, role: role, fileName: fileName)
        }
    }

    /// The document with its columns renamed as the mapping's section for `role` says.
    public func apply(to document: CSVDocument, role: Role) throws(ExtractError) -> CSVDocument {
        guard let pairs = renames[role], !pairs.isEmpty else { return document }
        var renamed = document
        for (local, target) in pairs {
            guard let index = document.header.firstIndex(where: { ColumnMap.key($0) == ColumnMap.key(local) }) else {
                throw ExtractError(.badMapping, file: document.fileName, column: local,
                                   "the column mapping renames '\(local)' to '\(target)', but this file has no column '\(local)'. Correct the mapping's '\(role.rawValue)' section or the file.")
            }
            renamed.header[index] = target
        }
        return renamed
    }

    private static func renames(_ node: Node, role: Role, fileName: String) throws(ExtractError) -> [(local: String, target: String)] {
        guard let pairs = node.mapping else {
            throw error(fileName, "section '\(role.rawValue)'\(line(node)) must list renames as 'YourColumn: ContractColumn', one per line.")
        }
        var result: [(local: String, target: String)] = []
        for (key, value) in pairs {
            guard let local = key.string, let wanted = value.string, !local.isEmpty, !wanted.isEmpty else {
                throw error(fileName, "section '\(role.rawValue)'\(line(key)): each entry must be 'YourColumn: ContractColumn', both plain names.")
            }
            guard let spec = role.columns.first(where: { spec in spec.keys.contains(ColumnMap.key(wanted)) }) else {
                let known = role.columns.map(\.name).joined(separator: ", ")
                throw error(fileName, "section '\(role.rawValue)'\(line(value)): '\(wanted)' is not a column of \(role.title). Use one of: \(known).")
            }
            if let clash = result.first(where: { $0.target == spec.name }) {
                throw error(fileName, "section '\(role.rawValue)'\(line(key)): both '\(clash.local)' and '\(local)' are renamed to '\(spec.name)'. Keep one.")
            }
            result.append((local, spec.name))
        }
        return result
    }

    private static var roleList: String { Role.allCases.map(\.rawValue).joined(separator: ", ") }

    private static func error(_ fileName: String, _ message: String) -> ExtractError {
        ExtractError(.badMapping, file: fileName, "the column mapping file \(message)")
    }

    private static func line(_ node: Node) -> String { node.mark.map { " (line \($0.line))" } ?? "" }

    /// Yams's problem and line, without the echo of the file it appends.
    private static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            "\(problem) at line \(mark.line)"
        case let .duplicatedKeysInMapping(duplicates, context):
            "repeated key \(duplicates.joined(separator: ", ")) at line \(context.mark.line)"
        default:
            "unreadable"
        }
    }
}
