import CohortModel
import Foundation
import Pseudonymisation

/// Options of the probabilistic linker.
public struct LinkageOptions: Sendable {
    /// Pairs whose posterior match probability is below this are never linked.
    public var threshold = 0.5
    public var rules = defaultBlockingRules
    /// Rules for the children `rules` gave no candidate above the threshold (empty: none).
    public var secondChanceRules = secondChanceBlockingRules
    /// Blocks that would make more pairs than this are split by their rule's refinements; those
    /// still too large are skipped and reported.
    public var maximumBlockPairs = defaultMaximumBlockPairs
    public var threads = defaultThreadCount
    /// Link each record at most once (the cohort's case: a child is one pupil). Off, every pair
    /// above the threshold is a link.
    public var oneToOne = true

    public init(threshold: Double = 0.5, threads: Int = defaultThreadCount) {
        self.threshold = threshold
        self.threads = threads
    }
}

/// Links without labels: UPN links first, then a Fellegi–Sunter model (u from random pairs,
/// m and the prior by EM) scores every blocked pair, and a one-to-one assignment takes the
/// strongest pairs above the threshold.
public struct ProbabilisticLinker: Sendable {
    public var options: LinkageOptions

    public init(options: LinkageOptions = LinkageOptions()) { self.options = options }

    /// `truth`, when known (generated data), adds pair completeness to the blocking report;
    /// `clock` times the stages.
    public func link(children: LinkageRecords, pupils: LinkageRecords, truth: Set<UInt64>? = nil,
                     clock: StageClock = StageClock()) -> LinkageResult {
        let threads = options.threads
        // Training first: its blocks and random pairs are let go before blocking makes the candidate
        // pairs (2 GB at England's scale), rather than held beside them.
        let model = clock.measure("training (u from random pairs, m by EM)") {
            FellegiSunterModel.trained(children: children, pupils: pupils, threads: threads)
        }
        var blocking = clock.measure("blocking", unit: "pairs", amount: { Double($0.pairs.count) }) {
            candidatePairs(children: children, pupils: pupils, rules: options.rules, maximumBlockPairs: options.maximumBlockPairs,
                           truth: truth, threads: threads)
        }
        let minimumWeight = log2(options.threshold / (1 - options.threshold))
        // The scorer's term frequencies (every pupil's names counted) are part of scoring's time.
        var (scorer, scored) = clock.measure("scoring", unit: "pairs", amount: { _ in Double(blocking.pairs.count) }) {
            let scorer = PairScorer(model: model, pupils: pupils, threads: threads)
            return (scorer, scorer.scored(blocking.pairs, keeping: minimumWeight, children: children, pupils: pupils, threads: threads))
        }
        var pairsScored = blocking.pairs.count
        blocking.pairs = []  // 2 GB at England's scale, and assignment needs only the pairs kept
        if !options.secondChanceRules.isEmpty {
            // Pairs both passes make score below the threshold again (their child had none above it), so
            // they are never kept twice.
            let unlinked = scored.bestOfChild.map { $0 < minimumWeight }
            _ = clock.measure("second chance (children without a likely candidate)", unit: "pairs",
                          amount: { Double($0) }) {
                let second = candidatePairs(children: children, pupils: pupils, rules: options.secondChanceRules,
                                            maximumBlockPairs: options.maximumBlockPairs, only: unlinked, truth: truth, threads: threads)
                scored.add(scorer.scored(second.pairs, keeping: minimumWeight, children: children, pupils: pupils, threads: threads))
                blocking.rules += second.rules
                pairsScored += second.pairs.count
                return second.pairs.count
            }
        }
        return clock.measure("assignment") {
            assign(children: children, pupils: pupils, scored: scored, scorer: scorer, minimumWeight: minimumWeight, model: model,
                   blocking: blocking.rules, pairsScored: pairsScored)
        }
    }

    private func assign(children: LinkageRecords, pupils: LinkageRecords, scored: ScoredPairs, scorer: PairScorer,
                        minimumWeight: Double, model: FellegiSunterModel, blocking: [BlockingRuleReport], pairsScored: Int) -> LinkageResult {
        func weight(_ c: Int32, _ p: Int32) -> Double { scorer.weight(child: Int(c), pupil: Int(p), children: children, pupils: pupils) }
        var state = AssignmentState(children: children.count, pupils: pupils.count)
        // A UPN link must also convince the model, UPN agreement included, and be the best candidate of
        // its child and of its pupil: another child's UPN typed into a record (a twin's, a sibling's,
        // a mistyped one) can come with a date of birth close enough, but then names, sex and address
        // say otherwise, and the right pupil, with every identifier but the UPN, scores higher.
        let upn = upnCandidates(children: children, pupils: pupils, threads: options.threads).filter { c, p in
            let w = weight(c, p)
            return w >= minimumWeight && w >= scored.bestOfChild[Int(c)] && w >= scored.bestOfPupil[Int(p)]
        }
        var rules = [state.accept(upn, rule: "UPN with date of birth agreeing", method: .upn, weight: weight)]
        let (pairs, weights) = (scored.pairs, scored.weights)
        let ranked = pairs.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : pairs[$0] < pairs[$1] }
        rules.append(state.accept(ranked.map { (Int32(CandidatePairs.child(pairs[$0])), Int32(CandidatePairs.pupil(pairs[$0]))) },
                                  rule: "Fellegi–Sunter match probability ≥ \(options.threshold)", method: .probabilistic,
                                  oneToOne: options.oneToOne, weight: weight))
        return LinkageResult(
            links: state.links.sorted { $0.child < $1.child }, rules: rules, model: model, blocking: blocking,
            pairsScored: pairsScored, quality: ExpectedQuality(links: state.links, bestWeightOfChild: scored.bestOfChild))
    }
}

/// Children whose valid UPN (or former UPN) is exactly one pupil's, with dates of birth agreeing
/// (exactly, swapped, a day out or in year and month) as a guard against another child's UPN.
func upnCandidates(children: LinkageRecords, pupils: LinkageRecords, threads: Int = defaultThreadCount) -> [(Int32, Int32)] {
    let byUPN = KeyIndex(pupils, threads: threads, keys: upnKeys)
    let candidates = parallelChunks(children.count, threads: threads) { range -> [(Int32, Int32)] in
        var candidates: [(Int32, Int32)] = []
        var found: [Int32] = [], tokens: [UInt64] = []
        children.forEachInPlace(range) { c, child in
            found.removeAll(keepingCapacity: true)
            tokens.removeAll(keepingCapacity: true)
            upnKeys(child, &tokens)
            for token in tokens {
                for i in byUPN.block(token) {
                    let p = byUPN.records[i]
                    if !found.contains(p) && child.identity.pointee.birthDatesAgreeLoosely(with: pupils.identities[Int(p)]) { found.append(p) }
                }
            }
            if found.count == 1 { candidates.append((Int32(c), found[0])) }
        }
        return candidates
    }
    return mutuallyUnique(Array(candidates.joined()))
}

/// A record's UPN and former UPN tokens.
let upnKeys: KeyMaker = { t, keys in
    keys.appendKey(t.upn)
    keys.appendKey(t.formerUPN)
}

/// The model's own estimate of linkage quality, without labels: expected precision is the mean
/// posterior of the links made; expected recall divides the expected true links made by the
/// expected number of children with a true match (each child's best candidate posterior).
public struct ExpectedQuality: Sendable, Codable, Equatable {
    public var precision: Double
    public var recall: Double

    /// `bestWeightOfChild`: each child's highest candidate weight (−∞ for a child with none).
    init(links: [Link], bestWeightOfChild: [Double]) {
        func posterior(_ w: Double) -> Double { 1 / (1 + exp2(-w)) }
        let made = links.reduce(0) { $0 + posterior($1.weight) }
        let expectedMatches = bestWeightOfChild.reduce(0) { $0 + posterior($1) }
        precision = links.isEmpty ? 1 : made / Double(links.count)
        recall = expectedMatches > 0 ? min(1, made / expectedMatches) : 1
    }
}
