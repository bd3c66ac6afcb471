import Foundation

/// A Fellegi–Sunter model: for each comparison level, m = P(level | match) and
/// u = P(level | non-match), and the prior probability λ that a candidate pair is a match.
/// A pair's match weight is log₂ of its posterior odds.
public struct FellegiSunterModel: Sendable, Codable, Equatable {
    /// m[comparison][level], missing level excluded.
    public var m: [[Double]]
    public var u: [[Double]]
    public var prior: Double
    /// EM iterations of each training block, and whether every block converged.
    public var emIterations: [Int] = []
    public var converged = false

    /// Weights are capped so that a probability estimated as 0 cannot make a pair certain.
    static let floor = 1e-6

    public init(m: [[Double]], u: [[Double]], prior: Double) {
        self.m = m
        self.u = u
        self.prior = prior
    }

    /// Starting m-probabilities: the best level likely, the worst unlikely, for matches.
    public static func initial(u: [[Double]], prior: Double = 0.05) -> FellegiSunterModel {
        let m = Comparison.allCases.map { comparison -> [Double] in
            let n = comparison.levels.count
            var levels = [Double](repeating: 0.05 / Double(max(1, n - 2)), count: n)
            levels[0] = 0.9
            levels[n - 1] = 0.05
            return normalised(levels)
        }
        return FellegiSunterModel(m: m, u: u, prior: prior)
    }

    /// log₂(m/u) of one level; 0 for the missing level.
    public func levelWeight(_ comparison: Int, _ level: Int) -> Double {
        guard level < m[comparison].count else { return 0 }
        return log2(max(m[comparison][level], Self.floor) / max(u[comparison][level], Self.floor))
    }

    /// The match weight of every pattern: prior log-odds plus each level's weight.
    public func patternWeights() -> [Double] {
        var weights = [Double](repeating: log2(prior / (1 - prior)), count: Comparison.patternCount)
        // A comparison's level is `(pattern / stride) % radix`: runs of `stride` patterns share a
        // level, cycling through the levels, so each run gets its weight without a division.
        var stride = 1
        for comparison in Comparison.allCases {
            let levelWeights = (0..<comparison.radix).map { levelWeight(comparison.rawValue, $0) }
            weights.withUnsafeMutableBufferPointer { weights in
                var start = 0
                while start < weights.count {
                    for weight in levelWeights {
                        for pattern in start..<min(start + stride, weights.count) { weights[pattern] += weight }
                        start += stride
                    }
                }
            }
            stride *= comparison.radix
        }
        return weights
    }

    /// One expectation–maximisation fit on the pattern counts of a training block: m of the
    /// comparisons not `excluded`, and the block's own match proportion, with u held at its
    /// estimate from random pairs. Comparisons the block was built on are excluded: within the
    /// block they agree by construction and say nothing about matches. Deterministic.
    func fitEM(patternCounts: [PatternCount], excluding excluded: Set<Comparison>, maxIterations: Int = 200,
               tolerance: Double = 1e-7) -> EMFit {
        let used = Comparison.allCases.filter { !excluded.contains($0) }.map(\.rawValue)
        let observed = patternCounts.map { (levels: Comparison.levels(of: $0.pattern), count: Double($0.count)) }
        let total = observed.reduce(0) { $0 + $1.count }
        var fit = EMFit(m: m, proportion: 0.5, iterations: 0, converged: false)
        guard total > 0 else { return fit }
        for iteration in 1...maxIterations {
            var matchMass = m.map { [Double](repeating: 0, count: $0.count) }
            var expectedMatches = 0.0
            for (levels, count) in observed {
                var logOdds = log(fit.proportion / (1 - fit.proportion))
                for c in used where levels[c] < m[c].count {
                    logOdds += log(max(fit.m[c][levels[c]], Self.floor)) - log(max(u[c][levels[c]], Self.floor))
                }
                let posterior = 1 / (1 + exp(-logOdds))
                expectedMatches += posterior * count
                for c in used where levels[c] < m[c].count { matchMass[c][levels[c]] += posterior * count }
            }
            var change = 0.0
            for c in used where matchMass[c].reduce(0, +) > 0 {
                let updated = Self.normalised(matchMass[c])
                change = max(change, zip(updated, fit.m[c]).map { abs($0 - $1) }.max() ?? 0)
                fit.m[c] = updated
            }
            let proportion = min(max(expectedMatches / total, Self.floor), 1 - Self.floor)
            change = max(change, abs(proportion - fit.proportion))
            fit.proportion = proportion
            fit.iterations = iteration
            if change < tolerance {
                fit.converged = true
                break
            }
        }
        return fit
    }

    /// The result of one EM fit on one training block.
    struct EMFit {
        var m: [[Double]]
        /// The estimated share of matches among the block's pairs.
        var proportion: Double
        var iterations: Int
        var converged: Bool
    }

    static func normalised(_ values: [Double]) -> [Double] {
        let sum = values.reduce(0, +)
        return values.map { $0 / sum }
    }
}

/// u-probabilities from the level counts of random pairs, with add-one smoothing so that a
/// level never seen among non-matches is rare, not impossible.
func uProbabilities(fromPatternCounts counts: [PatternCount]) -> [[Double]] {
    var mass = Comparison.allCases.map { [Double](repeating: 1, count: $0.levels.count) }
    for seen in counts {
        for (c, level) in Comparison.levels(of: seen.pattern).enumerated() where level < mass[c].count {
            mass[c][level] += Double(seen.count)
        }
    }
    return mass.map(FellegiSunterModel.normalised)
}

extension FellegiSunterModel {
    /// The fitted parameters as a readable table: comparison, level, m, u and the match weight.
    public var summary: String {
        var lines = [String(format: "prior (match probability of a random pair) %.3g; EM iterations %@", prior,
                            emIterations.map(String.init).joined(separator: ", "))]
        for comparison in Comparison.allCases {
            for (level, name) in comparison.levels.enumerated() {
                lines.append(String(format: "  %-14@ %-26@ m %.4f  u %.6f  weight %+6.2f", comparison.name, name,
                                    m[comparison.rawValue][level], u[comparison.rawValue][level], levelWeight(comparison.rawValue, level)))
            }
        }
        return lines.joined(separator: "\n")
    }
}
