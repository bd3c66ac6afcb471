import Benchmark
import RegressionTolerances
import Extracts
import SyntheticData

/// Reading a 400,000-pupil education extract (about 40 MB): CohortLink's reader (RFC 4180 quoting,
/// header aliases, validation, every column parsed into typed records, chunks parsed in parallel)
/// against the least a reader can do, measured in the same run: decoding the bytes as a `String`
/// and splitting lines at commas, with no quoting, no types and no checks. Throughput in MB/s.
let benchmarks: @Sendable () -> Void = {
    let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, megabytesPerSecond, .peakMemoryResidentDelta],
                                           timeUnits: .milliseconds, maxDuration: .seconds(30), maxIterations: 5,
                                           thresholds: regressionTolerances(timings: [.wallClock, megabytesPerSecond],
                                                                            memory: [.peakMemoryResidentDelta]))
    var config = SyntheticConfig()
    config.pupils = 400_000
    config.years = 1
    let csv = SyntheticLA.generate(config).educationCSV
    let megabytes = Double(csv.count) / 1e6

    Benchmark("Education CSV, 400,000 pupils: CohortLink's reader, typed and validated records") { benchmark in
        let start = ContinuousClock.now
        let result = try EducationExtract.read(CSVDocument(fileName: "education.csv", bytes: csv))
        precondition(!result.records.isEmpty)
        blackHole(result.records.count)
        benchmark.measurement(megabytesPerSecond, rate(megabytes, since: start))
    }

    Benchmark("Education CSV, 400,000 pupils: split lines at commas, untyped (baseline)",
              configuration: .init(thresholds: regressionTolerances(unchecked: [.wallClock, megabytesPerSecond, .peakMemoryResidentDelta]))) { benchmark in
        let start = ContinuousClock.now
        var fields = 0
        for line in String(decoding: csv, as: UTF8.self).split(separator: "\n") {
            fields += line.split(separator: ",", omittingEmptySubsequences: false).count
        }
        blackHole(fields)
        benchmark.measurement(megabytesPerSecond, rate(megabytes, since: start))
    }
}

/// Megabytes per second since `start`, rounded down.
func rate(_ megabytes: Double, since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    return Int(megabytes / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
}
