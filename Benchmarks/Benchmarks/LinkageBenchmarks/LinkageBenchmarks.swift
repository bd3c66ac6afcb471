import Benchmark
import RegressionTolerances
import CohortModel
import Extracts
import Linkage
import Pseudonymisation
import SyntheticData

/// A generated LA (40,000 pupils, 2,000 children), pseudonymised, with its candidate pairs.
struct Fixture: Sendable {
    let children: LinkageRecords
    let pupils: LinkageRecords
    let pairs: [UInt64]
    let scorer: PairScorer

    init() {
        let la = SyntheticLA.generate(SyntheticConfig())
        let pseudonymiser = Pseudonymiser(key: try! ProjectKey(bytes: Array(repeating: 1, count: 32)))
        children = LinkageRecords(pseudonymiser.pseudonymise(socialCare: try! SocialCareExtract.read(
            CSVDocument(fileName: "sc", bytes: la.socialCareCSV)).records).tokens)
        pupils = LinkageRecords(pseudonymiser.pseudonymise(education: try! EducationExtract.read(
            CSVDocument(fileName: "ed", bytes: la.educationCSV)).records).tokens)
        pairs = candidatePairs(children: children, pupils: pupils).pairs
        scorer = PairScorer(model: FellegiSunterModel.trained(children: children, pupils: pupils), pupils: pupils)
    }
}

/// The Dice level of the forename comparison written plainly, bit by bit: the baseline the
/// popcount version is measured against.
func naiveDiceLevel(_ a: NameFilter, _ b: NameFilter) -> Int {
    var common = 0, ones = 0
    for bit in 0..<NameFilter.bitCount {
        let x = (a.bits[bit / 64] >> UInt64(bit % 64)) & 1, y = (b.bits[bit / 64] >> UInt64(bit % 64)) & 1
        common += Int(x & y)
        ones += Int(x + y)
    }
    let dice = ones == 0 ? 0 : Double(2 * common) / Double(ones)
    return ones == 0 ? 2 : dice >= 0.85 ? 0 : dice >= 0.65 ? 1 : 2
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3),
                                           thresholds: regressionTolerances(timings: [.wallClock, .throughput]))
    let fixture = Fixture()
    let filters = fixture.pupils.identities.map(\.surnameFilter)

    // One iteration is one comparison as scoring makes it (which of the forename's Dice thresholds,
    // 0.85 and 0.65, the pair reaches), through a pool of 2¹⁵ filters indexed by masks (no division
    // in the loop), each filter compared with the whole pool in turn as anonlink compares blocks: the
    // throughput column reads comparisons per second.
    let pool = (0..<32_768).map { filters[$0 % filters.count] }
    Benchmark("Dice level, 256-bit filters, popcount (per comparison, 1 thread)", configuration: .init(scalingFactor: .mega)) { benchmark in
        var sum = 0
        pool.withUnsafeBufferPointer { pool in
            for i in benchmark.scaledIterations { sum &+= pool[i & 32_767].diceLevel(pool[(i >> 15) & 32_767], high: 85, low: 65) }
        }
        blackHole(sum)
    }

    Benchmark("Dice level, 256-bit filters, bit by bit: baseline (per comparison)",
              configuration: .init(scalingFactor: .kilo, thresholds: regressionTolerances(unchecked: [.wallClock, .throughput]))) { benchmark in
        var sum = 0
        for i in benchmark.scaledIterations { sum &+= naiveDiceLevel(pool[i & 32_767], pool[(i >> 15) & 32_767]) }
        blackHole(sum)
    }

    // One iteration scores every candidate pair of the LA once; throughput × pairs = pairs per second.
    Benchmark("Scoring \(fixture.pairs.count) candidate pairs, all threads") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(fixture.scorer.scored(fixture.pairs, keeping: 0, children: fixture.children, pupils: fixture.pupils))
        }
    }

    Benchmark("Scoring \(fixture.pairs.count) candidate pairs, 1 thread: baseline",
              configuration: .init(thresholds: regressionTolerances(unchecked: [.wallClock, .throughput]))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(fixture.scorer.scored(fixture.pairs, keeping: 0, children: fixture.children, pupils: fixture.pupils, threads: 1))
        }
    }

    Benchmark("Blocking 2,000 children against 40,000 pupils, all threads") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(candidatePairs(children: fixture.children, pupils: fixture.pupils).pairs.count) }
    }
}
