import Benchmark
import RegressionTolerances
import CryptoPrimitives

/// Keyed-state HMAC against OpenSSL's one-shot HMAC(), measured in the same run on the same
/// short identifiers (the ratio is what matters on a noisy machine).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3),
                                           thresholds: regressionTolerances(timings: [.wallClock, .throughput], counts: [.mallocCountTotal]))

    let key = (0..<32).map { UInt8($0) }
    let identifiers = (0..<4_096).map { Array("dob\u{1F}2012-03-\($0 % 28 + 1)-\($0)".utf8) }

    Benchmark("HMAC-SHA256 token, keyed state (per identifier)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let hmac = KeyedHMAC(key: key)
        for i in benchmark.scaledIterations { blackHole(hmac.token(identifiers[i % identifiers.count])) }
    }

    Benchmark("HMAC-SHA256, one-shot HMAC() (per identifier)",
              configuration: .init(scalingFactor: .kilo, thresholds: regressionTolerances(unchecked: [.wallClock, .throughput, .mallocCountTotal]))) { benchmark in
        for i in benchmark.scaledIterations { blackHole(OneShotHMAC.mac(key: key, message: identifiers[i % identifiers.count])) }
    }
}
