import CohortModel

/// An SSDA903 return read: the looked-after children's identifiers (header) and their periods of
/// care (episodes) as `CLA` records.
public struct SSDA903Return: Sendable {
    /// The combined view: one `CLA` record per period of care; rows are episodes-file rows, and
    /// rejects of both files.
    public var source: SocialCareSource
    /// Each file as read, for provenance.
    public var header: ReadResult<ChildIdentifiers>
    public var episodes: ReadResult<SSDA903Episode>
}

/// The SSDA903 looked-after children return: a header table (`CHILD, SEX, DOB, ETHNIC, UPN, …`),
/// an episodes table (`CHILD, DECOM, RNE, LS, …, DEC, …`), dates `dd/mm/yyyy`, and `UN1`–`UN5` in
/// the UPN column for "no UPN, for this reason" (kept as placeholders, which identifier quality
/// counts and linkage ignores).
public enum SSDA903 {
    /// Which SSDA903 table a CSV file is, from its header.
    public enum Table: Equatable, Sendable {
        case header, episodes
        /// Another table of the return (missing episodes, UASC, reviews…), named by its tell-tale column.
        case other(String)
    }

    public static let headerColumns: [ColumnSpec] = [
        ColumnSpec("CHILD", required: true),
        ColumnSpec("SEX"),
        ColumnSpec("DOB"),
        ColumnSpec("ETHNIC"),
        ColumnSpec("UPN"),
        // Not in the return, but in case management systems' exports of it.
        ColumnSpec("Forename", aliases: ["FirstName"]),
        ColumnSpec("Surname", aliases: ["LastName"]),
    ]

    public static let episodeColumns: [ColumnSpec] = [
        ColumnSpec("CHILD", required: true),
        ColumnSpec("DECOM", required: true),
        ColumnSpec("DEC"),
        ColumnSpec("HOME_POST"),
        ColumnSpec("SchoolName"),
        ColumnSpec("SchoolURN"),
    ]

    /// The table this header belongs to, or nil when it is not an SSDA903 table (no `CHILD` column).
    public static func table(of header: [String]) -> Table? {
        let keys = Set(header.map(ColumnMap.key))
        guard keys.contains("child") else { return nil }
        if keys.contains("decom") { return .episodes }
        for (key, name) in [("missing", "missing episodes"), ("duc", "UASC"), ("review", "reviews"), ("prevperm", "previous permanence"),
                            ("dateinto", "placed for adoption"), ("sdq", "outcomes (OC2)")] where keys.contains(key) {
            return .other(name)
        }
        return keys.contains("upn") || keys.contains("ethnic") ? .header : .other("unknown")
    }

    /// Reads a return's header and episodes tables and joins each child's episodes into periods of
    /// care. A child in the episodes but not the header is kept (its identifiers may come from
    /// the CIN census); the header's children without episodes are named, with no record.
    public static func read(header: CSVDocument, episodes: CSVDocument) throws -> SSDA903Return {
        let children = try readHeader(header)
        let rows = try readEpisodes(episodes)
        var order: [String] = []
        var byChild: [String: [SSDA903Episode]] = [:]
        for episode in rows.records {
            if byChild[episode.childID] == nil { order.append(episode.childID) }
            byChild[episode.childID, default: []].append(episode)
        }
        var identities: [ChildIdentifiers] = []
        var named = Set<String>()
        for child in children.records where named.insert(child.childID).inserted { identities.append(child) }
        for id in order where named.insert(id).inserted { identities.append(ChildIdentifiers(childID: id)) }

        var records: [SocialCareRecord] = []
        var rejects = children.rejects + rows.rejects
        for i in identities.indices {
            var ids = identities[i]
            let periods = PeriodOfCare.periods(of: byChild[ids.childID] ?? [])
            if ids.postcode.isEmpty { ids.postcode = periods.last?.episodes.last { !$0.homePostcode.isEmpty }?.homePostcode ?? "" }
            identities[i].postcode = ids.postcode
            for period in periods {
                var record = SocialCareRecord(row: period.episodes[0].row, identifiers: ids, category: .lookedAfter,
                                              start: period.start, end: period.end)
                if let school = period.episodes.last(where: { !$0.schoolName.isEmpty || $0.schoolURN != nil }) {
                    record.schoolName = school.schoolName
                    record.schoolURN = school.schoolURN
                }
                if let birth = ids.birthDate, !plausibleBirthDate(birth, around: period.start) {
                    record.birthDate = nil
                    rejects.append(RejectedRow(file: episodes.fileName, row: record.row, column: "DOB",
                                               reason: "not a plausible date of birth for a child looked after from this DECOM",
                                               action: .valueIgnored))
                }
                records.append(record)
            }
            let starts = periods.map(\.start)
            if let birth = ids.birthDate, !starts.isEmpty, !starts.contains(where: { plausibleBirthDate(birth, around: $0) }) {
                identities[i].birthDate = nil
            }
        }
        let result = ReadResult(records: records, rejects: rejects, fileName: episodes.fileName,
                                encoding: episodes.encoding, rowCount: episodes.rowCount)
        return SSDA903Return(source: SocialCareSource(format: .ssda903, result: result, children: identities),
                             header: children, episodes: rows)
    }

    /// The header table: one row per child (a child repeated, as in several years' returns put
    /// together, is merged into its first row).
    static func readHeader(_ document: CSVDocument) throws -> ReadResult<ChildIdentifiers> {
        var result = try readRows(document, columns: headerColumns) { row -> RowOutcome<ChildIdentifiers> in
            let childID = row.text("CHILD")
            guard !childID.isEmpty else { return .rejected(row.skip("CHILD", "CHILD is empty")) }
            var ids = ChildIdentifiers(childID: childID)
            ids.upn = row.text("UPN")
            ids.forename = row.text("Forename")
            ids.surname = row.text("Surname")
            ids.birthDate = row.day("DOB")
            ids.sex = row.code("SEX", "not a sex code (1 male, 2 female)", usual: Sex.usual, Sex.init(code:)) ?? .unknown
            ids.ethnicity = row.optional("ETHNIC", "not a DfE ethnicity code") { code in
                StatutoryCodes.ethnicity.contains(code.uppercased()) ? code.uppercased() : nil
            } ?? ""
            return .record(ids)
        }
        var index: [String: Int] = [:]
        var merged: [ChildIdentifiers] = []
        for child in result.records {
            if let i = index[child.childID] { merged[i].fillMissing(from: child) }
            else {
                index[child.childID] = merged.count
                merged.append(child)
            }
        }
        result.records = merged
        return result
    }

    /// The episodes table: rows without a child or a usable `DECOM`, or ceasing before they
    /// began, are skipped.
    static func readEpisodes(_ document: CSVDocument) throws -> ReadResult<SSDA903Episode> {
        try readRows(document, columns: episodeColumns) { row in
            let childID = row.text("CHILD")
            guard !childID.isEmpty else { return .rejected(row.skip("CHILD", "CHILD is empty")) }
            guard let start = Day(parsing: row.text("DECOM")) else {
                return .rejected(row.skip("DECOM", "DECOM is missing or not a date (use dd/mm/yyyy)"))
            }
            var end: Day?
            if row.has("DEC") {
                guard let parsed = Day(parsing: row.text("DEC")) else {
                    return .rejected(row.skip("DEC", "DEC is not a date (use dd/mm/yyyy), or leave it empty for an open episode"))
                }
                guard parsed >= start else { return .rejected(row.skip("DEC", "DEC is before DECOM")) }
                end = parsed
            }
            return .record(SSDA903Episode(row: row.number, childID: childID, start: start, end: end,
                                          homePostcode: row.text("HOME_POST"), schoolName: row.text("SchoolName"),
                                          schoolURN: row.schoolNumber("SchoolURN", "not a school URN (a number)")))
        }
    }
}
