import Foundation
import Pseudonymisation
import SyntheticData

/// The main job on built-in data: a synthetic LA with a fixed seed, an ephemeral key, the whole
/// pipeline, and the links checked against the generator's truth.
public enum DemoRun {
    public static let seed: UInt64 = 20_240_331

    public struct Report: Sendable {
        public var run: RunReport
        public var input: URL
        public var evaluation: LinkEvaluation
    }

    public static func run(into directory: URL, pupils: Int = 40_000, progress: ProgressReporter = .silent) throws -> Report {
        var config = SyntheticConfig()
        config.pupils = pupils
        config.seed = seed
        let input = directory.appendingPathComponent("input")
        try Pipeline.generate(config, to: input, progress: progress)
        let links = input.appendingPathComponent("links.csv")
        let request = RunRequest(
            socialCare: input.appendingPathComponent("social_care.csv").path,
            education: input.appendingPathComponent("education.csv").path,
            schools: input.appendingPathComponent("schools.csv").path,
            key: try ProjectKey.generate(), output: directory.appendingPathComponent("release"), links: links)
        let report = try Pipeline.run(request, progress: progress)
        let evaluation = try LinkEvaluation.compare(links: links.path, truth: input.appendingPathComponent("truth/links.csv").path)
        return Report(run: report, input: input, evaluation: evaluation)
    }
}
