import Benchmark
import RegressionTolerances
import Disclosure

/// Protection and audit of releases shaped like CohortLink's school table (see `NationalRelease`).
/// The engine (`.minimumLoss`, which also runs the baseline) is measured against the usual
/// next-smallest heuristic on the same release in the same run; the information loss of each is
/// reported as custom metrics, so their ratio is read off one run.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(600),
                                           maxIterations: 1)

    // Two local authorities of 132 schools, the national average: about 14,500 cells.
    let region = NationalRelease(schools: 264, localAuthorities: 2)
    for strategy in SuppressionStrategy.allCases {
        Benchmark("Protect and audit 2 LAs (264 schools), \(strategy)",
                  configuration: .init(metrics: [.wallClock, .custom("cells suppressed"), .custom("children suppressed")],
                                       thresholds: regressionTolerances(timings: [.wallClock],
                                                                        exact: [.custom("cells suppressed"), .custom("children suppressed")]))) { benchmark in
            let request = ProtectionRequest(cells: region.cells, relations: region.relations, strategy: strategy)
            let result = try request.protect()
            benchmark.measurement(.custom("cells suppressed"), result.loss.cellsSuppressed)
            benchmark.measurement(.custom("children suppressed"), result.loss.childrenSuppressed)
            blackHole(result)
        }
    }

    // The national release: 20,000 schools in 152 LAs, about 1.09 million cells.
    Benchmark("Protect and audit England (20,000 schools)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident, .custom("cells suppressed")],
                                   thresholds: regressionTolerances(timings: [.wallClock], memory: [.peakMemoryResident],
                                                                    exact: [.custom("cells suppressed")]))) { benchmark in
        let national = NationalRelease(schools: 20_000)
        benchmark.startMeasurement()
        let result = try ProtectionRequest(cells: national.cells, relations: national.relations).protect()
        benchmark.stopMeasurement()
        benchmark.measurement(.custom("cells suppressed"), result.loss.cellsSuppressed)
        blackHole(result)
    }
}
