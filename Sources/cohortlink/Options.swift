import ArgumentParser
import CohortModel
import Disclosure
import Foundation
import Linkage
import Pipeline
import SyntheticData

/// Options every analysing command shares.
struct AnalysisFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Day on which social care status is judged (yyyy-mm-dd).",
                               discussion: "Default: 31 March of each academic year in the education extract."))
    var referenceDate: String?

    @Option(help: "Smallest count of children that is published; smaller counts become 'c'.")
    var minCount = 6

    @Option(help: "Round published counts to the nearest 5 or 10.")
    var roundCounts: Int?

    @Option(help: ArgumentHelp("How wide the range an attacker can infer for a suppressed count must stay.",
                               discussion: "Default: --min-count. The audit refuses to write a release that leaves a narrower range."))
    var protectionLevel: Int?

    @Option(help: ArgumentHelp("A ledger of earlier releases, read and then updated beside the outputs.",
                               discussion: "Cells suppressed before stay protected, so a re-run cannot be differenced against an earlier release."))
    var ledger: String?

    @Option(help: ArgumentHelp("Add differential-privacy noise to counts with this total ε.",
                               discussion: "Discrete Laplace noise, each child's contribution bounded, the budget split across tables and recorded in the manifest."))
    var privacyBudget: Double?

    @Option(help: ArgumentHelp("Secret seed of the noise: the same seed gives the same release.",
                               discussion: "Whoever holds it can remove the noise: keep it like the project key. Without it, noise comes fresh from OpenSSL."))
    var seed: String?

    @Option(help: "Smallest posterior match probability for a probabilistic link.")
    var threshold = 0.5

    @Option(help: ArgumentHelp("How to link: probabilistic (Fellegi–Sunter) or deterministic (passes on exact keys, a baseline).",
                               valueName: "method"))
    var linkage = LinkageMethod.probabilistic

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(help: ArgumentHelp("Publish England's release: the extracts cover every local authority.",
                             discussion: "The tables then have England's rows, with every breakdown, and each local authority's totals (the pupils of its schools), protected together; schools' figures are left to each LA's own release. By default the release is the local authority whose schools most pupils attend, with its schools."))
    var england = false

    func validate() throws {
        if let referenceDate, Day(parsing: referenceDate) == nil {
            throw ValidationError("--reference-date '\(referenceDate)' is not a date; use yyyy-mm-dd, e.g. 2024-03-31.")
        }
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1.") }
        if let roundCounts, ![5, 10].contains(roundCounts) { throw ValidationError("--round-counts takes 5 or 10.") }
        guard threshold > 0 && threshold < 1 else { throw ValidationError("--threshold is a probability strictly between 0 and 1.") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
        if let protectionLevel, protectionLevel < 1 { throw ValidationError("--protection-level must be at least 1.") }
        if let privacyBudget, !(privacyBudget > 0) { throw ValidationError("--privacy-budget is an ε greater than 0, e.g. 1.0.") }
        if seed != nil && privacyBudget == nil { throw ValidationError("--seed only applies with --privacy-budget.") }
    }

    /// The analysis settings; `--threads` also becomes every stage's default from here on (reading
    /// and pseudonymising included).
    func options() throws -> AnalysisOptions {
        if threads != nil { useThreads(threads) }
        var options = AnalysisOptions(
            referenceDate: referenceDate.flatMap { Day(parsing: $0) },
            rules: DisclosureRules(minCount: minCount, roundCountsTo: roundCounts, protectionLevel: protectionLevel, privacyBudget: privacyBudget),
            linkage: LinkageOptions(threshold: threshold, threads: threads ?? defaultThreadCount),
            deterministic: linkage == .deterministic)
        options.ledgerPath = ledger
        options.england = england
        options.privacy.seed = seed.map { Array($0.utf8) }
        return options
    }
}

enum LinkageMethod: String, ExpressibleByArgument, CaseIterable {
    case probabilistic, deterministic
}

/// Stage progress on standard error, unless quiet.
func progressReporter(quiet: Bool) -> ProgressReporter {
    quiet ? .silent : TerminalProgress().reporter
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

/// Presets of `generate --scale`: one LA, or England's LAs.
enum GenerationScale: String, ExpressibleByArgument, CaseIterable {
    case la, national

    var coverage: SyntheticConfig.Coverage { self == .la ? .localAuthority : .england }
    var pupils: Int { self == .la ? 40_000 : 9_000_000 }
    /// Children with a social worker for `pupils` pupils: 5% in one LA (nil, the generator's
    /// default), England's 1.6 million for 9 million pupils in England.
    func socialCareChildren(pupils: Int) -> Int? {
        self == .la ? nil : Int((Double(pupils) * 1_600_000 / 9_000_000).rounded())
    }
    var years: Int { self == .la ? 2 : 1 }
}
