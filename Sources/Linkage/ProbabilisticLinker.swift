import CohortModel
import Foundation
import Pseudonymisation

/// Options of the probabilistic linker.
public struct LinkageOptions: Sendable {
    /// Pairs whose posterior match probability is below this are never linked.
    public var threshold = 0.5
    public var rules = defaultBlockingRules
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
    public func link(children: [IdentityTokens], pupils: [IdentityTokens], truth: Set<UInt64>? = nil,
                     clock: StageClock = StageClock()) -> LinkageResult {
        let threads = options.threads
        let blocking = clock.measure("blocking", unit: "pairs", amount: { Double($0.pairs.count) }) {
            candidatePairs(children: children, pupils: pupils, rules: options.rules, maximumBlockPairs: options.maximumBlockPairs,
                           truth: truth, threads: threads)
        }
        let model = clock.measure("training (u from random pairs, m by EM)") {
            FellegiSunterModel.trained(children: children, pupils: pupils, threads: threads)
        }
        let weights = clock.measure("scoring", unit: "pairs", amount: { Double($0.count) }) {
            PairScorer(model: model, pupils: pupils, threads: threads).weights(blocking.pairs, children: children, pupils: pupils, threads: threads)
        }
        return clock.measure("assignment") {
            assign(children: children, pupils: pupils, blocking: blocking, weights: weights, model: model)
        }
    }

    private func assign(children: [IdentityTokens], pupils: [IdentityTokens], blocking: CandidatePairs, weights: [Double],
                        model: FellegiSunterModel) -> LinkageResult {
        // Pairs are sorted, so a link's weight is found by binary search: a dictionary of every
        // candidate pair would cost more than the whole assignment at scale.
        func weight(_ c: Int32, _ p: Int32) -> Double {
            blocking.index(of: CandidatePairs.pair(Int(c), Int(p))).map { weights[$0] } ?? 0
        }

        let minimumWeight = log2(options.threshold / (1 - options.threshold))
        var state = AssignmentState(children: children.count, pupils: pupils.count)
        // A UPN link must also convince the model, UPN agreement included, and be the best candidate of
        // its child and of its pupil: another child's UPN typed into a record (a twin's, a sibling's,
        // a mistyped one) can come with a date of birth close enough, but then names, sex and address
        // say otherwise, and the right pupil, with every identifier but the UPN, scores higher.
        var bestOfChild = [Double](repeating: -.infinity, count: children.count)
        var bestOfPupil = [Double](repeating: -.infinity, count: pupils.count)
        for (pair, w) in zip(blocking.pairs, weights) {
            let (c, p) = (CandidatePairs.child(pair), CandidatePairs.pupil(pair))
            bestOfChild[c] = max(bestOfChild[c], w)
            bestOfPupil[p] = max(bestOfPupil[p], w)
        }
        let upn = upnCandidates(children: children, pupils: pupils, threads: options.threads).filter { c, p in
            let w = weight(c, p)
            return w >= minimumWeight && w >= bestOfChild[Int(c)] && w >= bestOfPupil[Int(p)]
        }
        var rules = [state.accept(upn, rule: "UPN with date of birth agreeing", method: .upn, weight: weight)]
        let ranked = blocking.pairs.indices.filter { weights[$0] >= minimumWeight }
            .sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : blocking.pairs[$0] < blocking.pairs[$1] }
        rules.append(state.accept(ranked.map { (Int32(CandidatePairs.child(blocking.pairs[$0])), Int32(CandidatePairs.pupil(blocking.pairs[$0]))) },
                                  rule: "Fellegi–Sunter match probability ≥ \(options.threshold)", method: .probabilistic,
                                  oneToOne: options.oneToOne, weight: weight))
        return LinkageResult(
            links: state.links.sorted { $0.child < $1.child }, rules: rules, model: model, blocking: blocking.rules,
            pairsScored: blocking.pairs.count,
            quality: ExpectedQuality(links: state.links, bestWeightOfChild: bestOfChild))
    }
}

/// Children whose valid UPN (or former UPN) is exactly one pupil's, with dates of birth agreeing
/// (exactly, swapped, a day out or in year and month) as a guard against another child's UPN.
func upnCandidates(children: [IdentityTokens], pupils: [IdentityTokens], threads: Int = defaultThreadCount) -> [(Int32, Int32)] {
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
                    if !found.contains(p) && children[c].birthDatesAgreeLoosely(with: pupils[Int(p)]) { found.append(p) }
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
