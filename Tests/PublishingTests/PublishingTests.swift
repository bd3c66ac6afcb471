import CohortModel
import Disclosure
import Foundation
import Measures
@testable import Publishing
import Testing

@Suite struct TidyDataTests {
    private let area = Area(oldLACode: "210", newLACode: "E09000028", laName: "Southwark", regionCode: "E12000007", regionName: "London")

    private func table() -> PublishedTable {
        let rows = SocialCareGroup.allCases.map { group in
            PublishedRow(level: .localAuthority, urn: nil, group: group, topic: .total, category: "Total",
                         values: Indicator.allCases.map { _ in .symbol(.confidential) })
        }
        return PublishedTable(year: AcademicYear(startYear: 2023), referenceDate: AcademicYear(startYear: 2023).referenceDate, rows: rows)
    }

    @Test func eesMandatoryColumnsAndSnakeCaseNames() {
        let header = TidyData.header
        #expect(Array(header.prefix(3)) == ["time_period", "time_identifier", "geographic_level"])
        for column in header {
            #expect(column.count <= 50)
            #expect(column.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(column)")
        }
    }

    @Test func csvRowsCarryTimePeriodGeographyAndFilters() throws {
        let text = String(decoding: TidyData.csv([table()], area: area, schoolNames: [:]), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1 + SocialCareGroup.allCases.count)
        #expect(lines[1].hasPrefix("202324,Academic year,Local authority,E92000001,England,E12000007,London,210,E09000028,Southwark,,,Child in need plan,Total,Total,c,"))
    }

    @Test func metadataDescribesEveryFilterAndIndicator() {
        let text = String(decoding: TidyData.metadata(), as: UTF8.self)
        let names = text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
        #expect(Set(names) == Set(TidyData.filterColumns + Indicator.allCases.map(\.column)))
    }

    @Test func csvWriterQuotesOnlyWhatNeedsIt() {
        var writer = CSVWriter(header: ["a", "b"])
        writer.row(["x, y", "say \"hi\""])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n")
    }
}

@Suite struct OutputDirectoryTests {
    private func scratch() -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cohortlink-out-\(UUID().uuidString)")
    }

    @Test func nothingAppearsUntilCommit() throws {
        let url = scratch()
        defer { try? FileManager.default.removeItem(at: url) }
        var directory = try OutputDirectory(url)
        try directory.write(Array("a".utf8), to: "one.csv")
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try directory.write(Array("{}".utf8), to: OutputDirectory.marker)
        try directory.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() == ["manifest.json", "one.csv"])
    }

    @Test func discardedRunLeavesTheOldReleaseAndNoDebris() throws {
        let url = scratch()
        defer { try? FileManager.default.removeItem(at: url) }
        var first = try OutputDirectory(url)
        try first.write(Array("{}".utf8), to: OutputDirectory.marker)
        try first.commit()
        var second = try OutputDirectory(url)
        try second.write(Array("half".utf8), to: "cohort_measures.csv")
        second.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.path) == ["manifest.json"])
        let siblings = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix(".\(url.lastPathComponent)") })
    }

    @Test func refusesAFolderWithSomeoneElsesFiles() throws {
        let url = scratch()
        defer { try? FileManager.default.removeItem(at: url) }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: url.appendingPathComponent("thesis.docx").path, contents: Data()))
        #expect(throws: OutputError.self) { try OutputDirectory(url) }
    }
}
