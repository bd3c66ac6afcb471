@testable import Disclosure
import Foundation
import Testing

@Suite struct SecondarySuppressionTests {
    /// T = 3 + 10 + 12 + 40: the 3 alone would be the total minus the visible parts.
    let single = ProtectionRequest(
        cells: [("T", 65, true), ("a", 3, false), ("b", 10, false), ("c", 12, false), ("d", 40, false)].map {
            ReleaseCell(key: $0.0, table: "t", value: $0.1, isTotal: $0.2)
        },
        relations: [AdditiveRelation(total: 0, parts: [1, 2, 3, 4])])

    @Test func aLoneSuppressedPartGetsTheNextSmallestPartner() throws {
        let result = try single.protect()
        #expect(result.cells.map(\.status) == [.published, .primary, .secondary, .published, .published])
        #expect(result.cells[0].published == 65)
        #expect(result.loss == InformationLoss(cellsSuppressed: 2, childrenSuppressed: 13))
        // One relation is exact by propagation: a + b = 13, so the 3 could be anything from 0 to 13.
        #expect(result.cells[1].interval == FeasibleInterval(lower: 0, upper: 13))
        Checks.ruleFive(single, result)
        Checks.attackerRecoversNothing(single, result)
    }

    @Test func suppressedPartsMustAddUpToTheMinimumCount() throws {
        var request = single
        request.cells[2].value = 1
        request.cells[0].value = 56
        // 3 + 1 = 4 < 6: a third cell is needed.
        let result = try request.protect()
        #expect(result.cells.map(\.status) == [.published, .primary, .primary, .secondary, .published])
        Checks.ruleFive(request, result)
        Checks.attackerRecoversNothing(request, result)
    }

    @Test func aTotalIsSuppressedOnlyWhenNothingElseWill() throws {
        // 2 + 3 + 0: the parts cannot reach 6, so the total must go.
        let request = ProtectionRequest(
            cells: [ReleaseCell(key: "T", table: "t", value: 5, isChildCount: false, isTotal: true),
                    ReleaseCell(key: "a", table: "t", value: 2), ReleaseCell(key: "b", table: "t", value: 3),
                    ReleaseCell(key: "z", table: "t", value: 0)],
            relations: [AdditiveRelation(total: 0, parts: [1, 2, 3])])
        let result = try request.protect()
        #expect(result.cells.map(\.status) == [.secondary, .primary, .primary, .published])
    }

    /// Widening around a cell the audit found too narrow looks past zeros: a hidden zero can only move
    /// up, so it gives the cell no room to rise against it. Here T1 = X + Y + Z with T1, X, Y hidden and
    /// Z = 0, and T2 = Y + W: W (one hidden cell further out) goes first, then the total T2, and the
    /// zero only when nothing else is left.
    @Test func wideningLooksPastZeros() {
        let cells = [("T1", 5, true), ("X", 2, false), ("Y", 3, false), ("Z", 0, false), ("T2", 12, true), ("W", 9, false)].map {
            ReleaseCell(key: $0.0, table: "t", value: $0.1, isTotal: $0.2)
        }
        let release = LinkedRelease(cells: cells, values: cells.map(\.value),
                                    relations: [AdditiveRelation(total: 0, parts: [1, 2, 3]), AdditiveRelation(total: 4, parts: [2, 5])],
                                    ledger: nil)
        var suppression = SecondarySuppression(release: release, suppressed: [true, true, true, false, false, false], minCount: 6,
                                               strategy: .minimumLoss)
        for _ in 0..<4 { _ = suppression.widen(around: 1) }
        #expect(suppression.added == [5, 4, 3])
    }

    /// The KS4 pupil counts of a generated England's release: each LA's groups add up to its `Any social
    /// worker`, each group's LAs to England's, England's breakdowns to its totals. The City of London's
    /// 2 and the Isles of Scilly's 1 child on a plan at KS4 stay narrowed to 0–3 while their own rows
    /// are hidden: widening along England's sum hid LA after LA, each pinned by its own row, for 10
    /// rounds (449 cells, 659,218 children); a rectangle of another LA's two groups gives them room.
    @Test func aSmallLAsCellGetsARectangleNotEveryLA() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/england-ks4-pupils.json")
        let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let cells = (fixture["cells"] as! [[Any]]).map {
            ReleaseCell(key: $0[0] as! String, table: "cohort_measures", value: $0[1] as! Int, isTotal: ($0[2] as! Int) == 1)
        }
        let relations = (fixture["relations"] as! [[Int]]).map { AdditiveRelation(total: $0[0], parts: Array($0.dropFirst())) }
        let request = ProtectionRequest(cells: cells, relations: relations)
        let result = try request.protect()
        #expect(result.loss.cellsSuppressed <= 20 && result.loss.childrenSuppressed <= 1_000, "\(result.loss)")
        #expect(result.audit.rounds <= 3)
        Checks.ruleFive(request, result)
    }

    /// A 3 × 2 × 3 table where looking one relation ahead avoids a cascade the heuristic walks into.
    @Test func theEngineLosesLessThanTheNextSmallestHeuristic() throws {
        let table = CrossTable(sizes: [3, 2, 3], finest: [27, 31, 6, 37, 2, 5, 30, 6, 31, 17, 1, 6, 38, 2, 32, 1, 14, 20])
        var request = ProtectionRequest(cells: table.cells, relations: table.relations)
        let engine = try request.protect()
        request.strategy = .nextSmallest
        let heuristic = try request.protect()
        #expect(engine.strategy == .minimumLoss)
        #expect(engine.loss == InformationLoss(cellsSuppressed: 14, childrenSuppressed: 205))
        #expect(heuristic.loss == InformationLoss(cellsSuppressed: 18, childrenSuppressed: 306))
        Checks.ruleFive(request, engine)
    }

    @Test func zerosAreShownAndNeverPrimary() throws {
        let request = ProtectionRequest(
            cells: [ReleaseCell(key: "T", table: "t", value: 20, isTotal: true), ReleaseCell(key: "a", table: "t", value: 0),
                    ReleaseCell(key: "b", table: "t", value: 20)],
            relations: [AdditiveRelation(total: 0, parts: [1, 2])])
        let result = try request.protect()
        #expect(result.cells.allSatisfy { $0.status == .published })
        #expect(result.cells.map(\.shown) == [.number("20"), .number("0"), .number("20")])
    }

    @Test func countsAreRoundedAfterSuppression() throws {
        var request = single
        request.rules.roundCountsTo = 5
        let result = try request.protect()
        #expect(result.cells.map(\.published) == [65, nil, nil, 10, 40])
        request.rules.roundCountsTo = 10
        #expect(try request.protect().cells.map(\.shown) == [.number("70"), .symbol(.confidential), .symbol(.confidential), .number("10"), .number("40")])
    }

    /// A key given twice is refused, named, even though the release itself could be protected.
    @Test func repeatedKeysAreRejected() throws {
        #expect(try single.protect().cells.count == single.cells.count)
        var request = single
        request.cells[3].key = request.cells[1].key
        #expect(throws: DisclosureError(.invalidRequest, key: request.cells[1].key,
                                        "Cell key \(request.cells[1].key) appears twice; keys must identify one population each.")) {
            try request.protect()
        }
    }

    /// Of several keys given twice, the one whose second appearance comes first is named, as a
    /// reader going down the cells would find it.
    @Test func theFirstRepeatedKeyIsNamed() throws {
        var request = single
        (request.cells[4].key, request.cells[3].key) = (request.cells[0].key, request.cells[2].key)
        #expect(throws: DisclosureError(.invalidRequest, key: request.cells[2].key,
                                        "Cell key \(request.cells[2].key) appears twice; keys must identify one population each.")) {
            try request.protect()
        }
    }

    @Test func unbalancedRelationsAreRejected() {
        var request = single
        request.cells[0].value = 64
        #expect(throws: DisclosureError.self) { try request.protect() }
        do {
            _ = try request.protect()
        } catch {
            #expect(error.code == .unbalancedRelation && error.key == "T")
        }
    }
}
