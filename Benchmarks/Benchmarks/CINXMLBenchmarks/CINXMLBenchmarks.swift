import Benchmark
import RegressionTolerances
import Extracts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SyntheticData

/// A national CIN census return: 400,000 children (about 600 MB), written by the generator once
/// and kept in the temporary folder for later runs.
enum NationalReturn {
    static let children = 400_000

    static let url: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cohortlink-cin-\(children)-seed7.xml")
        if !FileManager.default.fileExists(atPath: url.path) {
            var config = SyntheticConfig()
            config.pupils = 500_000
            config.socialCareChildren = children
            config.years = 1
            config.seed = 7
            let xml = try! SyntheticLA.generate(config).statutorySocialCare().cinCensusXML
            try! Data(xml).write(to: url, options: .atomic)
        }
        return url
    }()

    static var megabytes: Double { Double((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0) / 1e6 }
}

/// Counts `<Child>` elements: the least a Foundation `XMLParser` delegate can do with the file.
final class ChildCounter: NSObject, XMLParserDelegate {
    var children = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "Child" { children += 1 }
    }
}

/// The streaming CIN census reader on a national return, against Foundation's `XMLParser` on the
/// same bytes (streamed too, counting children only), measured in the same run. Throughput in
/// MB/s; `peakMemoryResidentDelta` is how far memory grew while reading: constant in the file size.
let benchmarks: @Sendable () -> Void = {
    let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, megabytesPerSecond, .peakMemoryResidentDelta, .mallocCountTotal],
                                           timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3,
                                           thresholds: regressionTolerances(timings: [.wallClock, megabytesPerSecond],
                                                                            memory: [.peakMemoryResidentDelta], counts: [.mallocCountTotal]))
    let url = NationalReturn.url, megabytes = NationalReturn.megabytes

    Benchmark("CIN census XML, 400,000 children: streaming reader (children and plans as records)") { benchmark in
        let start = ContinuousClock.now
        var reader = CINCensusReader(source: try FileByteSource(path: url.path, fileName: url.lastPathComponent),
                                     fileName: url.lastPathComponent)
        var records = 0
        while let child = try reader.next() { records += child.records.count }
        blackHole(records)
        precondition(reader.childCount == NationalReturn.children)
        benchmark.measurement(megabytesPerSecond, rate(megabytes, since: start))
    }

    Benchmark("CIN census XML, 400,000 children: Foundation XMLParser, counting children (baseline)",
              configuration: .init(thresholds: regressionTolerances(unchecked: [.wallClock, megabytesPerSecond, .peakMemoryResidentDelta, .mallocCountTotal]))) { benchmark in
        let start = ContinuousClock.now
        let counter = ChildCounter()
        let parser = XMLParser(stream: InputStream(url: url)!)
        parser.delegate = counter
        precondition(parser.parse() && counter.children == NationalReturn.children)
        benchmark.measurement(megabytesPerSecond, rate(megabytes, since: start))
    }
}

/// Megabytes per second since `start`, rounded down.
func rate(_ megabytes: Double, since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    return Int(megabytes / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
}
