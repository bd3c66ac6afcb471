import CohortModel
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
        let deterministic = f.evaluate(DeterministicLinker().link(children: f.children, pupils: f.pupils))
        #expect(probabilistic.f1 >= 0.99, "\(probabilistic.description)")
        #expect(probabilistic.f1 >= deterministic.f1, "\(probabilistic.description) vs \(deterministic.description)")
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

    @Test func higherThresholdGivesFewerLinks() {
        let f = Self.fixture
        let loose = ProbabilisticLinker(options: LinkageOptions(threshold: 0.5)).link(children: f.children, pupils: f.pupils)
        let strict = ProbabilisticLinker(options: LinkageOptions(threshold: 0.999_999)).link(children: f.children, pupils: f.pupils)
        #expect(strict.links.count < loose.links.count)
    }
}

/// Tokens of a generated LA and its true pairs as (child, pupil) indices.
struct LinkageFixture: Sendable {
    let children: [IdentityTokens]
    let pupils: [IdentityTokens]
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
        children = socialCare.children.map(\.tokens)
        pupils = education.pupils.map(\.tokens)
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
