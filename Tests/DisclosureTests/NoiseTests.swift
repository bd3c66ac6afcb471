@testable import Disclosure
import Foundation
import Testing

@Suite struct NoiseTests {
    let seed = Array("a secret noise key for tests".utf8)

    /// Twenty thousand draws at scale 2 match P(k) ∝ exp(-|k|/2) by a chi-squared test (fixed seed, so
    /// the test is deterministic; the threshold is the 0.1% point of χ² with 12 degrees of freedom).
    @Test func discreteLaplaceHasTheStatedDistribution() throws {
        var random = NoiseSource(seed: seed)
        let sampler = DiscreteLaplace(t: 2, s: 1)
        var counts: [Int: Int] = [:]
        let draws = 20_000
        var sum = 0, squares = 0
        for _ in 0..<draws {
            let z = try sampler.sample(&random)
            counts[max(-6, min(6, z)), default: 0] += 1
            sum += z
            squares += z * z
        }
        let alpha = exp(-0.5)
        func probability(_ k: Int) -> Double { (1 - alpha) / (1 + alpha) * pow(alpha, Double(abs(k))) }
        // The two end bins hold their tails: Σ_{|k| ≥ 6} P(k) on each side.
        func binProbability(_ k: Int) -> Double { abs(k) < 6 ? probability(k) : probability(6) / (1 - alpha) }
        let chiSquared = (-6...6).reduce(0.0) { total, k in
            let expected = Double(draws) * binProbability(k)
            let observed = Double(counts[k, default: 0])
            return total + (observed - expected) * (observed - expected) / expected
        }
        #expect(chiSquared < 32.9)
        let variance = 2 * alpha / ((1 - alpha) * (1 - alpha))
        #expect(abs(Double(sum) / Double(draws)) < 4 * (variance / Double(draws)).squareRoot())
        #expect(abs(Double(squares) / Double(draws) - variance) < 0.1 * variance)
    }

    @Test func bernoulliOfExpIsExactInLaw() throws {
        var random = NoiseSource(seed: seed)
        let trials = 20_000
        let hits = try (0..<trials).reduce(0) { n, _ in try DiscreteLaplace.bernoulliExp(3, 2, &random) ? n + 1 : n }
        let p = exp(-1.5)
        #expect(abs(Double(hits) / Double(trials) - p) < 4 * (p * (1 - p) / Double(trials)).squareRoot())
    }

    /// A table by sex and, separately, by phase: two breakdowns of one total that share no cells.
    func request(seed: [UInt8]?) -> ProtectionRequest {
        let values = [("T", 120, true), ("F", 50, false), ("M", 70, false), ("P", 80, false), ("S", 40, false)]
        var request = ProtectionRequest(
            cells: values.map { ReleaseCell(key: $0.0, table: "pupils", value: $0.1, isTotal: $0.2) }
                + [ReleaseCell(key: "LA T", table: "summary", value: 120, isTotal: true)],
            relations: [AdditiveRelation(total: 0, parts: [1, 2]), AdditiveRelation(total: 0, parts: [3, 4]),
                        AdditiveRelation(total: 5, parts: [0])],
            rules: DisclosureRules(privacyBudget: 1))
        request.privacy = PrivacySettings(seed: seed, contributionBounds: ["pupils": 2])
        return request
    }

    @Test func noisyTotalsAddUpAndTheBudgetIsRecorded() throws {
        let result = try request(seed: seed).protect()
        let shown = result.cells.map { $0.published! }
        #expect(shown[0] == shown[1] + shown[2] && shown[0] == shown[3] + shown[4] && shown[5] == shown[0])
        #expect(shown.allSatisfy { $0 >= 0 })
        #expect(result.tables.map(\.epsilon) == [1.0, 0.0])
        #expect(result.tables.map(\.table) == ["pupils", "summary"])
    }

    @Test func theSameSeedGivesTheSameReleaseAndAnotherSeedAnother() throws {
        let first = try request(seed: seed).protect(), again = try request(seed: seed).protect()
        #expect(first.cells == again.cells)
        let others = try (0..<5).map { try request(seed: seed + [UInt8($0)]).protect().cells.map(\.published) }
        #expect(others.contains { $0 != first.cells.map(\.published) })
    }

    @Test func aMissingContributionBoundIsRefused() {
        var request = request(seed: seed)
        request.privacy.contributionBounds = [:]
        #expect(throws: DisclosureError.self) { try request.protect() }
        // One child reaches two finest cells of the table (one per breakdown), so a bound of 1 is too small.
        request.privacy.contributionBounds = ["pupils": 1]
        #expect(throws: DisclosureError.self) { try request.protect() }
    }
}
