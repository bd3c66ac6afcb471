import ArgumentParser
import Foundation
import Pipeline
import Pseudonymisation

extension CohortLink {
    struct Pseudonymise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "At a data custodian: turn one raw extract into a pseudonymised file for the analyst.",
            discussion: """
            Identifiers are normalised, then replaced by keyed HMAC-SHA256 tokens and keyed Bloom-filter \
            encodings; the file holds no identifier, not even normalised, plus the attributes the measures \
            need, the rejected rows (by row number) and a checksum. Both custodians must use the same key.
            """)

        @Option(help: "Project key file (from `cohortlink keygen`).")
        var key: String

        @OptionGroup var extracts: ExtractFlags

        @Option(help: ArgumentHelp("School register (GIAS), to resolve the schools that social care records name.",
                                   discussion: "Optional. The resolved URNs travel in the file (a school is not an identifier) and help linkage."))
        var schools: String?

        @Option(help: "The pseudonymised file to write.")
        var out: String

        @Flag(help: "No progress messages.")
        var quiet = false

        func validate() throws {
            guard extracts.socialCare.isEmpty != (extracts.education == nil) else {
                throw ValidationError("give the social care files (--social-care) or the education files (--education), not both.")
            }
        }

        func run() throws {
            try reportingErrors {
                var inputs = extracts.inputs
                inputs.schools = schools
                let summary = try Pipeline.pseudonymise(inputs, key: try ProjectKey.load(from: key), output: URL(fileURLWithPath: out),
                                                       progress: progressReporter(quiet: quiet))
                print("Wrote \(out): \(summary), pseudonymised.")
            }
        }
    }

    struct Analyse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "At the analyst: link pseudonymised extracts and publish, without any key.",
            discussion: "Refuses files pseudonymised under different keys. Outputs are the same as `run`'s.")

        @Option(help: "Pseudonymised social care file.")
        var socialCare: String

        @Option(help: "Pseudonymised education file.")
        var education: String

        @Option(help: "School register: the GIAS establishment extract as downloaded.")
        var schools: String

        @Option(help: "Output folder for the release.")
        var out: String

        @Option(help: ArgumentHelp("Also write linked row numbers to this file, for evaluation against known truth.",
                                   discussion: "Off by default. Holds row numbers only, but it is row-level: do not publish it."))
        var links: String?

        @OptionGroup var analysis: AnalysisFlags

        @Flag(help: "No progress messages.")
        var quiet = false

        func run() throws {
            try reportingErrors {
                let request = AnalyseRequest(socialCare: socialCare, education: education, schools: schools,
                                             output: URL(fileURLWithPath: out), links: links.map { URL(fileURLWithPath: $0) },
                                             options: try analysis.options())
                let report = try Pipeline.analyse(request, progress: progressReporter(quiet: quiet))
                print(report.summary)
                print("Wrote \(report.files.joined(separator: ", ")) to \(report.output.path)/")
            }
        }
    }
}
