import Extracts
import Foundation
import Linkage
import Pipeline
import SyntheticData
import Testing

/// `cohortlink link` on two files the generator wrote: each social care child (first episode row)
/// against the education extract, with and without the UPN mapped as the generic identifier.
@Suite struct GenericLinkTests {
    /// The generated LA's children, one row each, and the true (left row, right row) pairs.
    struct Files {
        let folder: URL
        let truth: Set<[Int]>
    }

    /// Writes the files into a new temporary folder; the test removes it.
    static func makeFiles() -> Files {
        var config = SyntheticConfig()
        (config.seed, config.pupils, config.years) = (41, 3_000, 1)
        let la = SyntheticLA.generate(config)
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cohortlink-link-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let columns = ["LAchildID", "UPN", "Forename", "Surname", "PersonBirthDate", "Sex", "Postcode"]
        var left = columns.joined(separator: ",") + "\n"
        var leftRowOfSocialCareRow: [Int: Int] = [:], seen = Set<String>()
        let document = try! CSVDocument(fileName: "social_care.csv", bytes: la.socialCareCSV)
        let index = columns.map { name in document.header.firstIndex(of: name)! }
        try! document.forEachRow { row in
            guard seen.insert(row[index[0]]).inserted else { return }
            left += index.map { "\"\(row[$0].replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ",") + "\n"
            leftRowOfSocialCareRow[row.number] = seen.count
        }
        try! Data(left.utf8).write(to: folder.appendingPathComponent("left.csv"))
        try! Data(la.educationCSV).write(to: folder.appendingPathComponent("right.csv"))
        let truth = String(decoding: la.truthLinksCSV, as: UTF8.self).split(separator: "\n").dropFirst().map { line in
            let rows = line.split(separator: ",").map { Int($0)! }
            return [leftRowOfSocialCareRow[rows[0]]!, rows[1]]
        }
        return Files(folder: folder, truth: Set(truth))
    }

    func link(_ files: Files, identifier: String?) throws -> (report: GenericLink.Report, links: Set<[Int]>) {
        let mapped = identifier.map { #", "identifier": ["\#($0)"]"# } ?? ""
        let json = #"{"left": {"forename": ["Forename"], "surname": ["Surname"], "birth_date": ["PersonBirthDate"], "sex": ["Sex"], "postcode": ["Postcode"]\#(mapped)},"#
            + #" "right": {"forename": ["Forename"], "surname": ["Surname"], "birth_date": ["DOB"], "sex": ["Sex"], "postcode": ["Postcode"]\#(mapped)}}"#
        let configuration = try JSONDecoder().decode(LinkConfiguration.self, from: Data(json.utf8))
        let output = files.folder.appendingPathComponent("links-\(identifier == nil ? "names" : "upn").csv")
        let report = try GenericLink.run(left: files.folder.appendingPathComponent("left.csv").path,
                                         right: files.folder.appendingPathComponent("right.csv").path,
                                         configuration: configuration, links: output)
        let rows = String(decoding: try Data(contentsOf: output), as: UTF8.self).split(separator: "\n").dropFirst()
        return (report, Set(rows.map { $0.split(separator: ",").prefix(2).map { Int($0)! } }))
    }

    @Test func theIdentifierIsComparedAndLinksAgreeWithTheTruth() throws {
        let files = Self.makeFiles()
        defer { try? FileManager.default.removeItem(at: files.folder) }
        let truth = files.truth
        let (withUPN, upnLinks) = try link(files, identifier: "UPN")
        let (withoutUPN, nameLinks) = try link(files, identifier: nil)
        let identifier = Comparison.identifier.rawValue
        // Mapped, the identifier is learnt: most true pairs agree on it exactly, few random pairs do.
        let model = try #require(withUPN.model)
        #expect(model.m[identifier][0] > 0.5)
        #expect(model.u[identifier][0] < 0.01)
        // Not mapped, it is missing for every pair: no level is ever observed.
        #expect(Set(try #require(withoutUPN.model).u[identifier]).count == 1)
        for links in [upnLinks, nameLinks] {
            let correct = links.intersection(truth).count
            #expect(Double(correct) / Double(links.count) > 0.95, "precision")
            #expect(Double(correct) / Double(truth.count) > 0.9, "recall")
        }
        #expect(upnLinks.intersection(truth).count >= nameLinks.intersection(truth).count)
    }
}
