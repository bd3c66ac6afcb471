import ArgumentParser
import CohortModel
import Foundation
import Linkage
import Pipeline
import Publishing
import SyntheticData

extension CohortLink {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the whole pipeline on a generated population, stage by stage.",
            discussion: """
            Generates pupils and children with a social worker in memory, then reads, pseudonymises, links, \
            measures and protects them, printing each stage's time, throughput and the peak memory so far. \
            The parallel stages are run again on one thread to show the speed-up and to check that the links, \
            measures and tables do not depend on the thread count.

            England, end to end, its release included (England's rows and each local authority's), \
            about 1 minute, 2.5–3 with the one-thread run: \
            cohortlink bench --scale national --pupils 9000000
            """)

        @Option(help: "la: one local authority; national: the pupils spread over England's LAs, as `generate --scale national`.")
        var scale: GenerationScale = .la

        @Option(help: "Pupils on roll.")
        var pupils = 40_000

        @Option(name: .customLong("social-care"), help: "Children in the social care extract (default: 5% of pupils for --scale la; for national, 1,600,000 per 9,000,000 pupils).")
        var socialCare: Int?

        @Option(help: "Random seed of the generated population.")
        var seed: UInt64 = 7

        @Option(help: "Worker threads (default: all cores).")
        var threads: Int?

        @Option(help: "Split a blocking rule's block when its children and pupils would make more pairs than this.")
        var maximumBlockPairs = defaultMaximumBlockPairs

        @Flag(help: "Skip the one-thread comparison.")
        var noCompare = false

        @Flag(help: "Stop after linkage: read, pseudonymise and link only.")
        var linkageOnly = false

        @Flag(help: "Stop after the measures: no disclosure control, no release.")
        var noRelease = false

        @Flag(help: "No progress messages (the report still follows).")
        var quiet = false

        func validate() throws {
            guard !(linkageOnly && noRelease) else { throw ValidationError("--linkage-only already stops before the release: give one of --linkage-only and --no-release.") }
        }

        func run() throws {
            try reportingErrors {
                var request = BenchRun.Request(pupils: pupils, socialCareChildren: socialCare ?? scale.socialCareChildren(pupils: pupils),
                                               seed: seed, threads: threads ?? defaultThreadCount, compareOneThread: !noCompare)
                request.coverage = scale.coverage
                request.maximumBlockPairs = maximumBlockPairs
                request.lastStage = linkageOnly ? .linkage : noRelease ? .measures : .release
                let report = try BenchRun.run(request, progress: progressReporter(quiet: quiet))
                print(benchTable(report))
            }
        }
    }
}

/// The bench report: a table of stages, and one of blocking rules.
func benchTable(_ report: BenchRun.Report) -> String {
    var out = textTable(benchStages(report))
    out += "\n\n" + textTable([["blocking rule", "pairs", "blocks split", "pairs skipped"]] + report.blocking.map {
        [$0.rule, String($0.pairs), String($0.blocksSplit), String($0.pairsSkipped)]
    })
    out += String(format: "\n\n%d children, %d pupils, %d threads: pipeline %.2f s (generation excluded), %d links; %@",
                  report.children, report.pupils, report.threads, report.pipelineSeconds, report.links, report.evaluation.description)
    if let release = report.release {
        let cells = release.tables.reduce(0) { $0 + $1.cells }
        let primary = release.tables.reduce(0) { $0 + $1.primary }, secondary = release.tables.reduce(0) { $0 + $1.secondary }
        out += "\nRelease: \(cells) cells in \(release.tables.count) tables, \(primary) suppressed as small counts and \(secondary) to protect them"
            + " (\(release.audit.rounds) rounds of protection and audit, \(release.audit.linearPrograms) linear programs)."
    }
    if let same = report.sameResultOnOneThread {
        let compared = switch report.lastStage {
        case .linkage: "the same pseudonyms and links."
        case .measures: "the same pseudonyms, links and measures."
        case .release: "the same pseudonyms, links and tables."
        }
        out += "\nOne thread gives " + (same ? compared : "DIFFERENT results: this is a bug.")
    }
    return out
}

/// One row per stage, with the one-thread time and speed-up where measured.
private func benchStages(_ report: BenchRun.Report) -> [[String]] {
    let serial = Dictionary(report.oneThread.map { ($0.name, $0) }, uniquingKeysWith: { (first: StageClock.Stage, _: StageClock.Stage) in first })
    var rows = [["stage", "seconds", "throughput", "peak memory", "1 thread (s)", "speed-up"]]
    for stage in report.stages {
        let one = serial[stage.name]
        rows.append([stage.name, String(format: "%.3f", stage.seconds), throughputText(stage) ?? "",
                     String(format: "%.2f GiB", Double(stage.peakMemory) / 1_073_741_824),
                     one.map { String(format: "%.3f", $0.seconds) } ?? "",
                     one.map { String(format: "%.2f×", $0.seconds / max(stage.seconds, 1e-9)) } ?? ""])
    }
    return rows
}
