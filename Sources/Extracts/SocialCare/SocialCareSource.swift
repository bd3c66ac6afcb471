/// One social care input, read: its episodes with what was rejected, every child it names (with
/// episodes or not), and the LA it declares.
///
/// A child can be named without episodes: the CIN census lists looked-after children whose care
/// episodes are in SSDA903, and their identifiers there are what links them.
public struct SocialCareSource: Sendable {
    public enum Format: String, Sendable {
        case flatCSV = "flat CSV"
        case cinCensus = "CIN census XML"
        case ssda903 = "SSDA903"
    }

    public var format: Format
    public var result: ReadResult<SocialCareRecord>
    /// Every child of the file in order of first appearance, identifiers merged within the file.
    public var children: [ChildIdentifiers]
    /// The LA's old three-digit code, when the file says (the CIN census header does).
    public var laCode: Int?

    public init(format: Format, result: ReadResult<SocialCareRecord>, children: [ChildIdentifiers], laCode: Int? = nil) {
        self.format = format
        self.result = result
        self.children = children
        self.laCode = laCode
    }

    /// A flat extract: its children are those of its rows.
    public init(flat result: ReadResult<SocialCareRecord>) {
        var index: [String: Int] = [:]
        var children: [ChildIdentifiers] = []
        index.reserveCapacity(result.records.count)
        for record in result.records {
            if let i = index[record.childID] {
                children[i].fillMissing(from: record.identifiers)
            } else {
                index[record.childID] = children.count
                children.append(record.identifiers)
            }
        }
        self.init(format: .flatCSV, result: result, children: children)
    }
}
