import ArgumentParser
import CohortModel
import Disclosure
import Foundation
import Linkage
import Pipeline

/// Options every analysing command shares.
struct AnalysisFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Day on which social care status is judged (yyyy-mm-dd).",
                               discussion: "Default: 31 March of each academic year in the education extract."))
    var referenceDate: String?

    @Option(help: "Smallest count of children that is published; smaller counts become 'c'.")
    var minCount = 6

    @Option(help: "Round published counts to the nearest 5 or 10.")
    var roundCounts: Int?

    @Option(help: "Smallest posterior match probability for a probabilistic link.")
    var threshold = 0.5

    @Option(help: ArgumentHelp("How to link: probabilistic (Fellegi–Sunter) or deterministic (passes on exact keys, a baseline).",
                               valueName: "method"))
    var linkage = LinkageMethod.probabilistic

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    func validate() throws {
        if let referenceDate, Day(parsing: referenceDate) == nil {
            throw ValidationError("--reference-date '\(referenceDate)' is not a date; use yyyy-mm-dd, e.g. 2024-03-31.")
        }
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1.") }
        if let roundCounts, ![5, 10].contains(roundCounts) { throw ValidationError("--round-counts takes 5 or 10.") }
        guard threshold > 0 && threshold < 1 else { throw ValidationError("--threshold is a probability strictly between 0 and 1.") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    var options: AnalysisOptions {
        AnalysisOptions(referenceDate: referenceDate.flatMap { Day(parsing: $0) },
                        rules: DisclosureRules(minCount: minCount, roundCountsTo: roundCounts),
                        linkage: LinkageOptions(threshold: threshold, threads: threads ?? defaultThreadCount),
                        deterministic: linkage == .deterministic)
    }
}

enum LinkageMethod: String, ExpressibleByArgument, CaseIterable {
    case probabilistic, deterministic
}

/// Stage messages on standard error, unless quiet.
func progressReporter(quiet: Bool) -> ProgressReporter {
    quiet ? .silent : ProgressReporter { message in
        FileHandle.standardError.write(Data("cohortlink: \(message)…\n".utf8))
    }
}

/// Runs a command body, turning any error into one clear line and a non-zero exit.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("cohortlink: error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}
