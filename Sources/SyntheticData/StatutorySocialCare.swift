import CohortModel
import Extracts

/// The synthetic social care extract re-encoded as the statutory returns an LA already makes: a
/// CIN census XML return (child in need and protection plans) and the SSDA903 header and
/// episodes tables (care). Read together they hold what the flat extract holds, so `run` on them
/// gives the same published tables.
///
/// Made from the flat extract's own rows (not from the generator's internals), so the two cannot
/// drift apart. The CIN census lists every child, as the real return lists looked-after children
/// too; identifiers the statutory returns have no place for (names, the school typed on an
/// episode) are written as LA-local elements and columns, as case management exports carry them.
public struct StatutorySocialCare: Sendable {
    /// `social_care_cin.xml`.
    public let cinCensusXML: [UInt8]
    /// `ssda903_header.csv`.
    public let ssda903HeaderCSV: [UInt8]
    /// `ssda903_episodes.csv`.
    public let ssda903EpisodesCSV: [UInt8]

    /// A child's identifiers and episodes from the flat extract, in file order.
    struct Child {
        var identifiers: ChildIdentifiers
        var episodes: [SocialCareRecord]
    }

    /// Re-encodes a flat social care extract (as `SyntheticLA` writes it) for the LA `laCode`, or
    /// for England when nil, with the census `referenceDate`.
    public init(socialCareCSV: [UInt8], laCode: Int?, referenceDate: Day, seed: UInt64) throws {
        let read = try SocialCareExtract.read(CSVDocument(fileName: "social_care.csv", bytes: socialCareCSV))
        let source = SocialCareSource(flat: read)
        var index: [String: Int] = [:]
        var children = source.children.enumerated().map { i, ids in
            index[ids.childID] = i
            return Child(identifiers: ids, episodes: [])
        }
        for record in read.records { children[index[record.childID]!].episodes.append(record) }
        cinCensusXML = CINCensusXML.write(children, laCode: laCode, referenceDate: referenceDate, seed: seed)
        (ssda903HeaderCSV, ssda903EpisodesCSV) = SSDA903CSV.write(children, seed: seed)
    }
}
