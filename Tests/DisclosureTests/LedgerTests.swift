import Disclosure
import Foundation
import Testing

@Suite struct LedgerTests {
    let request = ProtectionRequest(
        cells: [ReleaseCell(key: "T", table: "t", value: 39, isTotal: true), ReleaseCell(key: "a", table: "t", value: 3),
                ReleaseCell(key: "b", table: "t", value: 7), ReleaseCell(key: "c", table: "t", value: 9),
                ReleaseCell(key: "d", table: "t", value: 20)],
        relations: [AdditiveRelation(total: 0, parts: [1, 2, 3, 4])], releaseID: "2024")

    @Test func theLedgerHoldsOnlyWhatWasPublishedAndSurvivesAFile() throws {
        let ledger = try request.protect().ledger
        #expect(ledger.releases[0].cells.map(\.shown) == [39, nil, nil, 9, 20])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Ledger.read(from: path) == Ledger())
        try Data(ledger.json()).write(to: URL(fileURLWithPath: path))
        #expect(try Ledger.read(from: path) == ledger)
    }

    @Test func anotherFormatVersionIsRefused() throws {
        var ledger = Ledger()
        ledger.version = 99
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(ledger.json()).write(to: URL(fileURLWithPath: path))
        #expect(throws: DisclosureError.self) { try Ledger.read(from: path) }
    }

    @Test func aRevisedCellIsNotPublicAndAHiddenOneStaysHidden() throws {
        var next = request
        next.ledger = try request.protect().ledger
        // c was revised from 9 to 10 (and d from 20 to 19): c's old figure no longer describes it.
        next.cells[3].value = 10
        next.cells[4].value = 19
        let result = try next.protect()
        #expect(result.cells.map(\.status) == [.published, .primary, .secondary, .published, .published])
    }

    @Test func aPrimaryCellPublishedBeforeCannotBeProtected() throws {
        // The earlier release used a minimum count of 3, so it showed the 3.
        var earlier = request
        earlier.rules.minCount = 3
        var next = request
        next.ledger = try earlier.protect().ledger
        #expect(throws: DisclosureError.self) { try next.protect() }
        do { _ = try next.protect() } catch { #expect(error.key == "a" && error.code == .auditFailed) }
    }
}
