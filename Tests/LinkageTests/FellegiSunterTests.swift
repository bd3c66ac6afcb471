import Foundation
import CohortModel
@testable import Linkage
import Testing

extension SplitMix64 {
    /// A level drawn with the given probabilities, for simulated comparison vectors.
    mutating func draw(_ probabilities: [Double]) -> Int {
        var x = unit()
        for (i, p) in probabilities.enumerated() {
            if x < p { return i }
            x -= p
        }
        return probabilities.count - 1
    }
}

/// Counts of patterns as `patternCounts` gives them: those seen, in pattern order.
private func seen(_ counts: [Int: Int]) -> [PatternCount] {
    counts.sorted { $0.key < $1.key }.map { PatternCount(pattern: $0.key, count: $0.value) }
}

private func pattern(_ levels: [Int]) -> Int {
    var pattern = 0
    for (comparison, level) in zip(Comparison.allCases, levels).reversed() { pattern = pattern * comparison.radix + level }
    return pattern
}

@Suite struct FellegiSunterTests {
    let trueM: [[Double]] = [
        [0.85, 0.06, 0.04, 0.05], [0.80, 0.08, 0.04, 0.08], [0.90, 0.03, 0.03, 0.01, 0.02, 0.01],
        [0.70, 0.10, 0.10, 0.10], [0.97, 0.03], [0.93, 0.07], [0.9, 0.04, 0.03, 0.03], [0.6, 0.3, 0.05, 0.05], [0.7, 0.3],
    ]
    let trueU: [[Double]] = [
        [0.01, 0.005, 0.02, 0.965], [0.005, 0.003, 0.01, 0.982], [0.001, 0.001, 0.002, 0.02, 0.1, 0.876],
        [0.002, 0.02, 0.1, 0.878], [0.5, 0.5], [0.001, 0.999], [0.0005, 0.001, 0.01, 0.9885], [0.001, 0.01, 0.05, 0.939], [0.02, 0.98],
    ]

    @Test func patternEncodingRoundTrips() {
        for p in [0, 1, 17, 499, Comparison.patternCount - 1] { #expect(pattern(Comparison.levels(of: p)) == p) }
        #expect(Comparison.patternCount == 5 * 5 * 7 * 5 * 3 * 3 * 5 * 5 * 3)
    }

    /// Vectors drawn from known m, u and prior: EM, given u, must find m and the prior again.
    @Test func emRecoversKnownParameters() {
        var random = SplitMix64(state: 42)
        var counts: [Int: Int] = [:]
        let prior = 0.2
        for _ in 0..<200_000 {
            let isMatch = random.unit() < prior
            let levels = Comparison.allCases.map { c in random.draw(isMatch ? trueM[c.rawValue] : trueU[c.rawValue]) }
            counts[pattern(levels), default: 0] += 1
        }
        let model = FellegiSunterModel.initial(u: trueU)
        let fit = model.fitEM(patternCounts: seen(counts), excluding: [])
        #expect(fit.converged)
        #expect(abs(fit.proportion - prior) < 0.01)
        for c in Comparison.allCases {
            for (estimate, truth) in zip(fit.m[c.rawValue], trueM[c.rawValue]) {
                #expect(abs(estimate - truth) < 0.02, "\(c.name): \(estimate) vs \(truth)")
            }
        }
    }

    /// An excluded comparison keeps its starting m and does not sway the posterior.
    @Test func excludedComparisonsAreLeftAlone() {
        var random = SplitMix64(state: 7)
        var counts: [Int: Int] = [:]
        for _ in 0..<50_000 {
            let isMatch = random.unit() < 0.3
            var levels = Comparison.allCases.map { c in random.draw(isMatch ? trueM[c.rawValue] : trueU[c.rawValue]) }
            levels[Comparison.birthDate.rawValue] = 0  // the block was built on exact dates of birth
            counts[pattern(levels), default: 0] += 1
        }
        let model = FellegiSunterModel.initial(u: trueU)
        let fit = model.fitEM(patternCounts: seen(counts), excluding: [.birthDate])
        #expect(fit.m[Comparison.birthDate.rawValue] == model.m[Comparison.birthDate.rawValue])
        #expect(abs(fit.proportion - 0.3) < 0.02)
    }

    @Test func weightsAreLogLikelihoodRatios() {
        let model = FellegiSunterModel(m: trueM, u: trueU, prior: 0.5)
        #expect(abs(model.levelWeight(Comparison.upn.rawValue, 0) - log2(0.93 / 0.001)) < 1e-9)
        #expect(model.levelWeight(Comparison.upn.rawValue, Comparison.upn.missingLevel) == 0)
        let weights = model.patternWeights()
        let allMissing = pattern(Comparison.allCases.map(\.missingLevel))
        #expect(weights[allMissing] == 0)
    }
}
