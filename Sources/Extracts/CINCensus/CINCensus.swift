import CohortModel

/// A CIN census return read whole: the episodes as the flat extract's records, every child (for
/// merging with SSDA903), and what its header says.
public struct CINCensusFile: Sendable {
    public var header: CINCensusHeader
    public var source: SocialCareSource
    /// Children with no usable CIN or protection plan (a referral or assessment only, or looked
    /// after, whose care episodes come from SSDA903): named, but with no episode here.
    public var childrenWithoutPlans: Int
}

public enum CINCensus {
    /// Reads a whole return. Looked-after episodes are not in the CIN census: read SSDA903 for them.
    public static func read(_ source: any ByteSource, fileName: String) throws(ExtractError) -> CINCensusFile {
        var reader = CINCensusReader(source: source, fileName: fileName)
        var records: [SocialCareRecord] = []
        var rejects: [RejectedRow] = []
        var children: [ChildIdentifiers] = []
        var withoutPlans = 0
        while let child = try reader.next() {
            rejects += child.rejects
            guard let identifiers = child.identifiers else { continue }
            children.append(identifiers)
            if child.records.isEmpty { withoutPlans += 1 }
            records += child.records
        }
        guard reader.childCount > 0 else {
            throw ExtractError(.wrongFormat, file: fileName,
                               "no <Child> elements: this is not a CIN census return. Give the CIN census XML, or a CSV extract.")
        }
        let result = ReadResult(records: records, rejects: rejects, fileName: fileName,
                                encoding: reader.sawWindows1252 ? .windows1252 : .utf8, rowCount: reader.childCount)
        return CINCensusFile(header: reader.header,
                             source: SocialCareSource(format: .cinCensus, result: result, children: children, laCode: reader.header.laCode),
                             childrenWithoutPlans: withoutPlans)
    }

    /// True when the bytes start (after a byte-order mark and white space) with `<`: XML, not CSV.
    public static func looksLikeXML(_ bytes: some Collection<UInt8>) -> Bool {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        return rest.first { !isXMLSpace($0) } == UInt8(ascii: "<")
    }
}
