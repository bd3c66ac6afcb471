import CohortModel
import Foundation
import SyntheticData

extension Pipeline {
    /// A synthetic local authority, or England, generated and written to `directory` with its truth,
    /// as two stages of progress.
    public static func generate(_ config: SyntheticConfig, to directory: URL, progress: ProgressReporter = .silent) throws {
        SystemMemory.prepare(people: config.pupils)
        let clock = progress.clock()
        let place = config.coverage == .england ? "England" : "a synthetic local authority"
        let la = clock.measure("generate \(place) (\(config.pupils) pupils, seed \(config.seed))", unit: "pupils",
                               amount: { _ in Double(config.pupils) }) {
            SyntheticLA.generate(config)
        }
        try clock.measure("write the files") {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try la.write(to: directory)
        }
    }
}
