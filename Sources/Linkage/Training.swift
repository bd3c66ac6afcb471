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
    rule: BlockingRule("training: same date of birth") { t, keys in keys.appendKey(t.birthDate) },
    excluded: [.birthDate])

/// Pairs sharing a forename and a surname token: they train the date of birth (and the rest).
let sameNames = TrainingBlock(
    rule: BlockingRule("training: same forename and surname") { t, keys in
        for i in 0..<4 where t.forenames[i] != 0 { keys.appendKeys(21, t.surnames, with: t.forenames[i]) }
    },
    excluded: [.forename, .surname])

extension FellegiSunterModel {
    /// Trains a model without labels, as Splink does: u from random pairs; m by EM within
    /// blocks, each comparison learnt from the blocks not built on it (estimates averaged where
    /// several blocks inform one); the prior from the same-birth-date block's match share,
    /// scaled up by the share of true matches whose dates of birth agree exactly. Blocks are
    /// built for at most `sampleSize` children, evenly spaced, and never split: a day of birth in
    /// England holds 1,800 pupils, and EM needs a sample of its pairs, not all 3 billion. Some
    /// 6,000 children (4,000 or so with a match) pin each m to about a percentage point: at
    /// 400,000 pupils (20,000 children) the links were the same, or one apart, as with 20,000 on
    /// three seeds, the same F1, and training took 0.07 s instead of 0.11 s.
    public static func trained(children: LinkageRecords, pupils: LinkageRecords, sampleSize: Int = 6_000,
                               threads: Int = defaultThreadCount) -> FellegiSunterModel {
        let random = randomPairs(children: children.count, pupils: pupils.count, threads: threads)
        var model = FellegiSunterModel.initial(u: uProbabilities(fromPatternCounts:
            patternCounts(random, children: children, pupils: pupils, threads: threads)))
        var estimates = Comparison.allCases.map { _ in [[Double]]() }
        var fits: [(block: TrainingBlock, pairs: Int, fit: EMFit)] = []
        let step = (children.count + sampleSize - 1) / max(sampleSize, 1)
        let sample = step > 1 ? children.sample(stride(from: 0, to: children.count, by: step)) : children
        for block in [sameBirthDate, sameNames] {
            let pairs = candidatePairs(children: sample, pupils: pupils, rules: [block.rule], maximumBlockPairs: .max,
                                       threads: threads).pairs
            let fit = model.fitEM(patternCounts: patternCounts(pairs, children: sample, pupils: pupils, threads: threads),
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
        let sampled = Double(children.count) / Double(max(sample.count, 1))
        let expectedMatches = min(birthDateRun.fit.proportion * Double(birthDateRun.pairs) * sampled / exactBirthDateShare,
                                  Double(min(children.count, pupils.count)))
        let allPairs = Double(max(1, children.count)) * Double(max(1, pupils.count))
        model.prior = min(max(expectedMatches / allPairs, floor), 1 - floor)
        model.emIterations = fits.map(\.fit.iterations)
        model.converged = fits.allSatisfy(\.fit.converged)
        return model
    }
}
