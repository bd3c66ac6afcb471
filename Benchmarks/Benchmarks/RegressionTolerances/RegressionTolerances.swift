import Benchmark

/// How far a benchmark may fall behind its committed threshold before
/// `swift package benchmark thresholds check` fails. The thresholds in `Thresholds/` are the p90 of each
/// metric from the last `update-thresholds.sh`; only regressions count, improvements pass. A metric
/// left out is held to its threshold exactly, so every measured metric is named here.
///
/// - timings (wall clock, throughput): a shared two-core machine moves by ±20% between runs and
///   sometimes 40%, so they may regress by half before the check fails (a 2× slowdown always does);
/// - memory: by a third;
/// - counts (mallocs): by a tenth;
/// - exact: what the engine computes (the cells and children a protection suppresses) may not grow;
/// - unchecked: baselines, measured only for the ratio against CohortLink in the same run, and
///   throughputs of a few iterations per second, which only round.
public func regressionTolerances(timings: [BenchmarkMetric] = [], memory: [BenchmarkMetric] = [], counts: [BenchmarkMetric] = [],
                                 exact: [BenchmarkMetric] = [], unchecked: [BenchmarkMetric] = []) -> [BenchmarkMetric: BenchmarkThresholds] {
    var tolerances: [BenchmarkMetric: BenchmarkThresholds] = [:]
    for (metrics, percent) in [(timings, 50.0), (memory, 35), (counts, 10), (exact, 0)] {
        for metric in metrics { tolerances[metric] = BenchmarkThresholds(relative: [.p90: percent]) }
    }
    for metric in unchecked { tolerances[metric] = BenchmarkThresholds(relative: [:], absolute: [:]) }
    return tolerances
}
