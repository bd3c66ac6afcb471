import Benchmark
import RegressionTolerances
import CohortModel
import Extracts
import Pseudonymisation
import SyntheticData

/// Pseudonymising a 40,000-pupil education extract (every identifier to keyed HMAC tokens, both
/// names to keyed Bloom filters, identifier quality measured) on all threads against one thread in
/// the same run. The throughput column reads extracts per second; × 40,000 for pupils per second.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], timeUnits: .milliseconds, maxDuration: .seconds(10),
                                           thresholds: regressionTolerances(timings: [.wallClock], unchecked: [.throughput]))
    let records = try! EducationExtract.read(CSVDocument(fileName: "education.csv", bytes: SyntheticLA.generate(SyntheticConfig()).educationCSV)).records
    let key = try! ProjectKey(bytes: Array(repeating: 7, count: 32))

    Benchmark("Pseudonymise 40,000 pupils (HMAC tokens and Bloom filters), all threads") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Pseudonymiser(key: key).pseudonymise(education: records).pupils.count) }
    }

    Benchmark("Pseudonymise 40,000 pupils (HMAC tokens and Bloom filters), 1 thread: baseline",
              configuration: .init(thresholds: regressionTolerances(unchecked: [.wallClock, .throughput]))) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Pseudonymiser(key: key, threads: 1).pseudonymise(education: records).pupils.count) }
    }
}
