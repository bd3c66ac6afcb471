import CohortModel
import Foundation
import Extracts
@testable import Linkage
import Pipeline
import Pseudonymisation
import SyntheticData
import Testing

/// Linkage on a generated LA, pseudonymised with a fixed key, scored against the generator's truth.
@Suite struct LinkerTests {
    static let fixture = LinkageFixture(seed: 77, pupils: 6_000)

    @Test func parallelAndSerialScoringGiveIdenticalLinks() {
        let f = Self.fixture
        let serial = ProbabilisticLinker(options: LinkageOptions(threads: 1)).link(children: f.children, pupils: f.pupils)
        let parallel = ProbabilisticLinker(options: LinkageOptions(threads: 4)).link(children: f.children, pupils: f.pupils)
        #expect(serial.links == parallel.links)
        #expect(serial.model == parallel.model)
        #expect(serial.blocking == parallel.blocking)
    }

    @Test func probabilisticLinkageIsAccurateAndAtLeastAsGoodAsTheDeterministicBaseline() {
        let f = Self.fixture
        let probabilistic = f.evaluate(ProbabilisticLinker().link(children: f.children, pupils: f.pupils))
        let deterministic = f.evaluate(DeterministicLinker().link(children: f.children.identities, pupils: f.pupils.identities))
        #expect(probabilistic.f1 >= 0.99, "\(probabilistic.description)")
        #expect(probabilistic.f1 >= deterministic.f1, "\(probabilistic.description) vs \(deterministic.description)")
    }

    /// Each pupil's name tokens carry the log share of the pupils who have the token (once per
    /// pupil, whether as forename or surname), counted the same on any number of threads.
    @Test func termFrequenciesAreEachTokensShareOfThePupils() {
        let pupils = Self.fixture.pupils
        var counts: [UInt64: Int] = [:]
        for identity in pupils.identities {
            for token in Set((0..<4).flatMap { [identity.forenames[$0], identity.surnames[$0]] }) where token != 0 { counts[token, default: 0] += 1 }
        }
        func logShares(_ tokens: SIMD4<UInt64>) -> SIMD4<Float> {
            var logs = SIMD4<Float>(repeating: 0)
            for i in 0..<4 where tokens[i] != 0 { logs[i] = log2(Float(counts[tokens[i]]!) / Float(pupils.count)) }
            return logs
        }
        for threads in [1, 3] {
            let frequencies = TermFrequencies(pupils: pupils, threads: threads)
            #expect(frequencies.forenames == pupils.identities.map { logShares($0.forenames) })
            #expect(frequencies.surnames == pupils.identities.map { logShares($0.surnames) })
        }
    }

    @Test func everyRecordIsLinkedAtMostOnce() {
        let f = Self.fixture
        let links = ProbabilisticLinker().link(children: f.children, pupils: f.pupils).links
        #expect(Set(links.map(\.child)).count == links.count)
        #expect(Set(links.map(\.pupil)).count == links.count)
    }

    @Test func blockingFindsAlmostEveryTruePair() {
        let f = Self.fixture
        let blocking = candidatePairs(children: f.children, pupils: f.pupils, truth: f.truePairs)
        let found = Set(blocking.pairs).intersection(f.truePairs).count
        #expect(Double(found) / Double(f.truePairs.count) >= 0.998)
        #expect(blocking.rules.allSatisfy { $0.truePairsFound != nil && $0.pairsSkipped == 0 })
        #expect(blocking.pairs == blocking.pairs.sorted() && Set(blocking.pairs).count == blocking.pairs.count)
    }

    /// England's blocks are thousands of pupils wide; on a small LA a tiny limit makes blocks that
    /// large relative to it, so the split is exercised here.
    @Test func blocksTooLargeAreSplitByTheirRulesRefinementsAndStillFindTheTruePairs() {
        let f = Self.fixture
        let whole = candidatePairs(children: f.children, pupils: f.pupils, maximumBlockPairs: .max)
        let split = candidatePairs(children: f.children, pupils: f.pupils, maximumBlockPairs: 2)
        #expect(split.rules.contains { $0.blocksSplit > 0 })
        #expect(whole.rules.allSatisfy { $0.blocksSplit == 0 && $0.pairsSkipped == 0 })
        #expect(split.pairs.count < whole.pairs.count * 9 / 10, "\(split.pairs.count) of \(whole.pairs.count)")
        // A split block is part of a whole one: splitting only ever removes pairs.
        #expect(Set(split.pairs).isSubset(of: Set(whole.pairs)))
        let found = Set(split.pairs).intersection(f.truePairs).count
        #expect(Double(found) / Double(f.truePairs.count) >= 0.99)
        let serial = candidatePairs(children: f.children, pupils: f.pupils, maximumBlockPairs: 2, threads: 1)
        #expect(serial.pairs == split.pairs && serial.rules == split.rules)
    }

    /// Each block too large is split on its own: a child and a pupil of it are paired exactly when they
    /// share one of the rule's refinements whose part is small enough, and the rest is counted as
    /// skipped, as worked out here pair by pair for every default rule.
    @Test func aSplitBlockPairsExactlyThoseSharingARefinementInAPartSmallEnough() {
        let f = Self.fixture
        let maximum = 2
        func keySets(_ records: LinkageRecords, _ maker: KeyMaker) -> [Set<UInt64>] {
            var sets: [Set<UInt64>] = []
            records.forEachInPlace(0..<records.count) { _, t in
                var keys: [UInt64] = []
                maker(t, &keys)
                sets.append(Set(keys))
            }
            return sets
        }
        var splitSomewhere = false
        for rule in defaultBlockingRules {
            let (childKeys, pupilKeys) = (keySets(f.children, rule.keys), keySets(f.pupils, rule.keys))
            let (childRefinements, pupilRefinements) = (keySets(f.children, rule.refinements), keySets(f.pupils, rule.refinements))
            var childrenOf: [UInt64: [Int]] = [:], pupilsOf: [UInt64: [Int]] = [:]
            for (c, keys) in childKeys.enumerated() { for key in keys { childrenOf[key, default: []].append(c) } }
            for (p, keys) in pupilKeys.enumerated() { for key in keys { pupilsOf[key, default: []].append(p) } }
            var expected = Set<UInt64>(), skipped = 0, split = 0
            for (key, children) in childrenOf {
                let pupils = pupilsOf[key] ?? []
                guard children.count * pupils.count > maximum else {
                    for c in children { for p in pupils { expected.insert(CandidatePairs.pair(c, p)) } }
                    continue
                }
                split += 1
                skipped += children.count { childRefinements[$0].isEmpty } * pupils.count
                for refinement in Set(children.flatMap { childRefinements[$0] }) {
                    let (partChildren, partPupils) = (children.filter { childRefinements[$0].contains(refinement) },
                                                      pupils.filter { pupilRefinements[$0].contains(refinement) })
                    guard partChildren.count * partPupils.count <= maximum else {
                        skipped += partChildren.count * partPupils.count
                        continue
                    }
                    for c in partChildren { for p in partPupils { expected.insert(CandidatePairs.pair(c, p)) } }
                }
            }
            let blocked = candidatePairs(children: f.children, pupils: f.pupils, rules: [rule], maximumBlockPairs: maximum)
            let missed = expected.subtracting(blocked.pairs).count, extra = Set(blocked.pairs).subtracting(expected).count
            #expect(missed == 0 && extra == 0 && blocked.pairs.count == expected.count && blocked.pairs == blocked.pairs.sorted(), "\(rule.name): \(missed) pairs missed, \(extra) extra")
            #expect(blocked.rules[0].blocksSplit == split && blocked.rules[0].pairsSkipped == skipped, "\(rule.name)")
            splitSomewhere = splitSomewhere || split > 0
        }
        #expect(splitSomewhere)
    }

    /// At England's scale the model is trained on evenly spaced children, not all 1.6 million: a
    /// third of this LA's children must give nearly the model all of them give.
    @Test func trainingOnASampleOfChildrenGivesNearlyTheSameModel() {
        let f = Self.fixture
        let full = FellegiSunterModel.trained(children: f.children, pupils: f.pupils)
        let sampled = FellegiSunterModel.trained(children: f.children, pupils: f.pupils, sampleSize: f.children.count / 3)
        #expect(sampled != full)
        for c in Comparison.allCases {
            for (m, n) in zip(full.m[c.rawValue], sampled.m[c.rawValue]) { #expect(abs(m - n) < 0.1, "\(c) m: \(m) against \(n)") }
        }
        #expect(sampled.prior / full.prior > 0.67 && sampled.prior / full.prior < 1.5, "prior \(full.prior) against \(sampled.prior)")
    }

    /// A rule with nothing to split by skips its blocks too large, and counts every pair it skipped.
    @Test func pairsOfBlocksThatCannotBeSplitAreCountedNotDropped() {
        let f = Self.fixture
        let birthDate = BlockingRule("date of birth, unsplittable") { t, keys in keys.appendKey(t.birthDate) }
        let whole = candidatePairs(children: f.children, pupils: f.pupils, rules: [birthDate], maximumBlockPairs: .max)
        let none = candidatePairs(children: f.children, pupils: f.pupils, rules: [birthDate], maximumBlockPairs: 0)
        #expect(none.pairs.isEmpty)
        #expect(none.rules[0].pairsSkipped == whole.pairs.count)
        #expect(none.rules[0].blocksSplit > 0)
    }

    /// Children whose record carries their twin's UPN: a twin is planted beside each child's own
    /// pupil (same date of birth, surname, postcode and school; another forename and sex; a UPN of
    /// its own), and the child's UPN is set to the twin's. The UPN pass proposes the twin; the link
    /// must still go wherever the model, UPN agreement included, puts the higher weight (or nowhere,
    /// when neither pair reaches the threshold).
    @Test func aTwinsUPNNeverOverridesTheModel() throws {
        let f = Self.fixture
        var children = f.children.identities, pupils = f.pupils.identities
        let linked = Set(f.truePairs.map { CandidatePairs.pupil($0) })
        var spare = pupils.indices.filter { !linked.contains($0) && pupils[$0].upn != 0 }.makeIterator()
        var planted: [(child: Int, own: Int, twin: Int)] = []
        for pair in f.truePairs.sorted().prefix(40) {
            guard let q = spare.next() else { break }
            let (c, p) = (CandidatePairs.child(pair), CandidatePairs.pupil(pair))
            var twin = pupils[p]
            (twin.upn, twin.formerUPN) = (pupils[q].upn, 0)
            (twin.forenames, twin.forenameFormal, twin.forenamePhonetic, twin.forenameInitial, twin.forenameFilter) =
                (pupils[q].forenames, pupils[q].forenameFormal, pupils[q].forenamePhonetic, pupils[q].forenameInitial, pupils[q].forenameFilter)
            twin.sex = pupils[p].sex == .male ? .female : .male
            pupils[q] = twin
            (children[c].upn, children[c].formerUPN) = (twin.upn, 0)
            planted.append((c, p, q))
        }
        let (childRecords, pupilRecords) = (LinkageRecords(children), LinkageRecords(pupils))
        let result = ProbabilisticLinker().link(children: childRecords, pupils: pupilRecords)
        let pupilOf = Dictionary(uniqueKeysWithValues: result.links.map { (Int($0.child), Int($0.pupil)) })
        let scorer = PairScorer(model: try #require(result.model), pupils: pupilRecords)
        var ownPreferred = 0
        for twins in planted {
            let weights = [twins.own, twins.twin].map { scorer.weight(child: twins.child, pupil: $0, children: childRecords, pupils: pupilRecords) }
            let preferred = weights[0] >= weights[1] ? twins.own : twins.twin
            if preferred == twins.own { ownPreferred += 1 }
            if weights.max()! >= 0 {  // posterior ≥ 0.5, the default threshold
                #expect(pupilOf[twins.child] == preferred, "child \(twins.child): weights \(weights)")
            } else {
                #expect(pupilOf[twins.child] != twins.twin, "child \(twins.child): weights \(weights)")
            }
        }
        // Most planted twins differ from the child by forename and sex, which outweighs one UPN.
        #expect(ownPreferred > planted.count / 2)
    }

    /// Children whose names are both misspelt and whose date of birth is a day out, with no UPN,
    /// share no key of the default rules with their pupil: only the second chance, bands of their
    /// name filters' bits, finds them, and it looks only at children left without a likely candidate.
    @Test func theSecondChanceFindsChildrenTheRulesMiss() {
        let f = Self.fixture
        var children = f.children.identities
        let planted = f.truePairs.sorted().prefix(30).map { (child: CandidatePairs.child($0), pupil: CandidatePairs.pupil($0)) }
        for (n, pair) in planted.enumerated() {
            var child = children[pair.child]
            let misspelt = UInt64(0xBAD0_0000) + UInt64(n) * 16  // tokens no pupil has; the filters stay (a letter or two apart)
            (child.upn, child.formerUPN) = (0, 0)
            (child.forenames, child.forenameFormal, child.surnames) = (SIMD4(misspelt + 1, 0, 0, 0), SIMD4(misspelt + 1, 0, 0, 0), SIMD4(misspelt + 2, 0, 0, 0))
            (child.forenamePhonetic, child.forenameInitial, child.surnamePhonetics) = (misspelt + 3, misspelt + 4, SIMD4(misspelt + 5, 0, 0, 0))
            let pupil = f.pupils.identities[pair.pupil]
            (child.birthDate, child.birthDateSwapped, child.birthDateBefore, child.birthDateAfter) = (pupil.birthDateAfter, 0, pupil.birthDate, misspelt + 6)
            children[pair.child] = child
        }
        let records = LinkageRecords(children)
        func truePupils(_ result: LinkageResult) -> Int {
            let pupilOf = Dictionary(uniqueKeysWithValues: result.links.map { (Int($0.child), Int($0.pupil)) })
            return planted.count { pupilOf[$0.child] == $0.pupil }
        }
        var withoutSecondChance = LinkageOptions()
        withoutSecondChance.secondChanceRules = []
        let without = ProbabilisticLinker(options: withoutSecondChance).link(children: records, pupils: f.pupils)
        let with = ProbabilisticLinker().link(children: records, pupils: f.pupils)
        #expect(truePupils(without) == 0)
        #expect(truePupils(with) >= planted.count * 8 / 10, "\(truePupils(with)) of \(planted.count)")
        // Blocked for the children without a likely candidate only, the bands make a fraction of their pairs for all.
        let secondChance = try! #require(with.blocking.last)
        let forAll = candidatePairs(children: records, pupils: f.pupils, rules: secondChanceBlockingRules).pairs.count
        #expect(secondChance.rule.hasPrefix("second chance") && secondChance.pairs > 0 && secondChance.pairs < forAll / 2,
                "\(secondChance.pairs) pairs, \(forAll) for every child")
        #expect(with.links.count > without.links.count)
    }

    /// The rules' pairs are merged into one array in place, from its back: the union must be every
    /// pair of every rule once, in order, whatever the overlaps (none, some, one array inside another).
    @Test func rulesPairsAreMergedIntoTheirSortedUnion() {
        var state: UInt64 = 11
        func sortedUniqueSample(_ count: Int, below limit: UInt64) -> [UInt64] {
            Array(Set((0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return (state >> 20) % limit
            })).sorted()
        }
        // The two large arrays are long enough for the merge to give back their pages as it passes; the
        // caller still holds them, so it must do that on copies, not on the arrays compared below.
        let arrays = [sortedUniqueSample(5_000, below: 20_000), [], sortedUniqueSample(3_000, below: 1_000_000),
                      sortedUniqueSample(8_000, below: 20_000), [0, 19_999, 5_000_000],
                      sortedUniqueSample(400_000, below: 3_000_000), sortedUniqueSample(350_000, below: 3_000_000)]
        let union = Set(arrays.joined()).sorted()
        for threads in [1, 2, 3] {
            var taken = arrays + [arrays[0]]
            #expect(sortedUnion(&taken, threads: threads) == union, "\(threads) threads")
            #expect(taken.isEmpty)
        }
    }

    @Test func higherThresholdGivesFewerLinks() {
        let f = Self.fixture
        let loose = ProbabilisticLinker(options: LinkageOptions(threshold: 0.5)).link(children: f.children, pupils: f.pupils)
        let strict = ProbabilisticLinker(options: LinkageOptions(threshold: 0.999_999)).link(children: f.children, pupils: f.pupils)
        #expect(strict.links.count < loose.links.count)
    }
}

/// Tokens of a generated LA and its true pairs as (child, pupil) indices.
struct LinkageFixture: Sendable {
    let children: LinkageRecords
    let pupils: LinkageRecords
    let truePairs: Set<UInt64>

    init(seed: UInt64, pupils count: Int) {
        var config = SyntheticConfig()
        config.seed = seed
        config.pupils = count
        let la = SyntheticLA.generate(config)
        let socialCareRecords = try! SocialCareExtract.read(CSVDocument(fileName: "social_care.csv", bytes: la.socialCareCSV)).records
        let educationRecords = try! EducationExtract.read(CSVDocument(fileName: "education.csv", bytes: la.educationCSV)).records
        let key = try! ProjectKey(bytes: Array(repeating: 3, count: 32))
        let pseudonymiser = Pseudonymiser(key: key)
        let socialCare = pseudonymiser.pseudonymise(socialCare: socialCareRecords)
        let education = pseudonymiser.pseudonymise(education: educationRecords)
        children = LinkageRecords(socialCare.tokens)
        pupils = LinkageRecords(education.tokens)
        let childOfRow = Dictionary(uniqueKeysWithValues: socialCare.children.enumerated().map { (Int($1.row), $0) })
        let pupilOfRow = Dictionary(uniqueKeysWithValues: education.pupils.enumerated().map { (Int($1.row), $0) })
        let truth = String(decoding: la.truthLinksCSV, as: UTF8.self).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",").map { Int($0)! }
        }
        truePairs = Set(truth.map { CandidatePairs.pair(childOfRow[$0[0]]!, pupilOfRow[$0[1]]!) })
    }

    func evaluate(_ result: LinkageResult) -> LinkEvaluation {
        LinkEvaluation(links: Set(result.links.map { RowPair(Int($0.child), Int($0.pupil)) }),
                       truth: Set(truePairs.map { RowPair(CandidatePairs.child($0), CandidatePairs.pupil($0)) }))
    }
}
