import CohortModel
import Foundation
import Pseudonymisation

/// A block of pairs the model is trained on, and the comparisons it cannot inform.
struct TrainingBlock: Sendable {
    let rule: BlockingRule
    let excluded: Set<Comparison>
}

/// Pairs born on the same day: they train every comparison but the date of birth.
let sameBirthDate = TrainingBlock(
    rule: BlockingRule("training: same date of birth") { t in t.birthDate == 0 ? [] : [t.birthDate] },
    excluded: [.birthDate])

/// Pairs sharing a forename and a surname token: they train the date of birth (and the rest).
let sameNames = TrainingBlock(
    rule: BlockingRule("training: same forename and surname") { t in
        var keys: [UInt64] = []
        for i in 0..<4 where t.forenames[i] != 0 {
            for j in 0..<4 where t.surnames[j] != 0 {
                if let key = combinedKey(21, t.forenames[i], t.surnames[j]) { keys.append(key) }
            }
        }
        return keys
    },
    excluded: [.forename, .surname])

extension FellegiSunterModel {
    /// Trains a model without labels, as Splink does: u from random pairs; m by EM within
    /// blocks, each comparison learnt from the blocks not built on it (estimates averaged where
    /// several blocks inform one); the prior from the same-birth-date block's match share,
    /// scaled up by the share of true matches whose dates of birth agree exactly.
    public static func trained(children: [IdentityTokens], pupils: [IdentityTokens], threads: Int = defaultThreadCount) -> FellegiSunterModel {
        let random = randomPairs(children: children.count, pupils: pupils.count, threads: threads)
        var model = FellegiSunterModel.initial(u: uProbabilities(fromPatternCounts:
            patternCounts(random, children: children, pupils: pupils, threads: threads)))
        var estimates = Comparison.allCases.map { _ in [[Double]]() }
        var fits: [(block: TrainingBlock, pairs: Int, fit: EMFit)] = []
        for block in [sameBirthDate, sameNames] {
            let pairs = candidatePairs(children: children, pupils: pupils, rules: [block.rule],
                                       threads: threads).pairs
            let fit = model.fitEM(patternCounts: patternCounts(pairs, children: children, pupils: pupils, threads: threads),
                                  excluding: block.excluded)
            for c in Comparison.allCases where !block.excluded.contains(c) { estimates[c.rawValue].append(fit.m[c.rawValue]) }
            fits.append((block, pairs.count, fit))
        }
        for c in Comparison.allCases where !estimates[c.rawValue].isEmpty {
            let runs = estimates[c.rawValue]
            model.m[c.rawValue] = normalised(runs[0].indices.map { level in runs.map { $0[level] }.reduce(0, +) / Double(runs.count) })
        }
        let birthDateRun = fits[0]
        let exactBirthDateShare = max(model.m[Comparison.birthDate.rawValue][0], 0.01)
        let expectedMatches = min(birthDateRun.fit.proportion * Double(birthDateRun.pairs) / exactBirthDateShare,
                                  Double(min(children.count, pupils.count)))
        let allPairs = Double(max(1, children.count)) * Double(max(1, pupils.count))
        model.prior = min(max(expectedMatches / allPairs, floor), 1 - floor)
        model.emIterations = fits.map(\.fit.iterations)
        model.converged = fits.allSatisfy(\.fit.converged)
        return model
    }
}
