import ArgumentParser
import Foundation
import Pipeline
import Pseudonymisation
import SyntheticData

extension CohortLink {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole pipeline on a built-in synthetic local authority.",
            discussion: """
            Generates a realistic LA (fixed seed), makes an ephemeral key, links, measures and publishes into \
            OUT/release, keeps the synthetic inputs and their ground truth in OUT/input, and prints the \
            headline table and how well the links match the truth.
            """)

        @Option(help: "Folder for the demo's inputs and release.")
        var out = "cohortlink-demo"

        @Option(help: "Pupils in the synthetic LA.")
        var pupils = 40_000

        @Flag(help: "Print only the results.")
        var quiet = false

        func run() throws {
            try reportingErrors {
                let report = try DemoRun.run(into: URL(fileURLWithPath: out), pupils: pupils, progress: progressReporter(quiet: quiet))
                print(report.run.summary)
                print("Linkage against the synthetic truth: \(report.evaluation.description)")
                print("Release (aggregates only): \(report.run.output.path)/ — \(report.run.files.joined(separator: ", "))")
                print("Synthetic inputs and truth: \(report.input.path)/")
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pseudonymise, link, measure and publish in one process.",
            discussion: """
            For an analyst allowed to see both raw extracts: identifiers are normalised and tokenised in memory \
            and never written. OUT receives cohort_measures.csv (+ .meta.csv), linkage_quality.csv, report.html, \
            manifest.json and rejects.csv, all aggregate and disclosure-controlled (primary and secondary \
            suppression, audited). The folder is replaced whole, only when every file is ready.
            """)

        @OptionGroup var extracts: ExtractFlags

        @Option(help: "School register: the GIAS establishment extract as downloaded.")
        var schools: String

        @Option(help: "Project key file (from `cohortlink keygen`).")
        var key: String

        @Option(help: "Output folder for the release.")
        var out: String

        @Option(help: ArgumentHelp("Also write linked row numbers to this file, for evaluation against known truth.",
                                   discussion: "Off by default. Holds row numbers only, but it is row-level: do not publish it."))
        var links: String?

        @OptionGroup var analysis: AnalysisFlags

        @Flag(help: "No progress messages.")
        var quiet = false

        func validate() throws {
            guard !extracts.socialCare.isEmpty, extracts.education != nil else {
                throw ValidationError("give the social care extract with --social-care and the education extract with --education.")
            }
        }

        func run() throws {
            try reportingErrors {
                let request = RunRequest(inputs: extracts.inputs, schools: schools, key: try ProjectKey.load(from: key),
                                         output: URL(fileURLWithPath: out), links: links.map { URL(fileURLWithPath: $0) },
                                         options: try analysis.options())
                let report = try Pipeline.run(request, progress: progressReporter(quiet: quiet))
                print(report.summary)
                print("Wrote \(report.files.joined(separator: ", ")) to \(report.output.path)/")
                if report.rowsSkipped + report.valuesIgnored > 0 {
                    print("\(report.rowsSkipped) input rows skipped and \(report.valuesIgnored) values ignored: see rejects.csv.")
                }
            }
        }
    }

    struct KeyGen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Make a new project key: 32 random bytes, readable only by you (mode 0600).",
            discussion: "Share it only with the data custodians of this project, by a secure route. Never overwrites a file.")

        @Option(help: "Where to write the key.")
        var out: String

        func run() throws {
            try reportingErrors {
                let key = try ProjectKey.generate()
                try key.write(to: out)
                print("Wrote a new project key to \(out) (key id \(key.id)).")
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a realistic synthetic local authority, or England, with its ground truth.",
            discussion: """
            Writes social_care.csv, education.csv, schools.csv (GIAS-style, Windows-1252) and truth/ (the true \
            links and the true unsuppressed measures), and the social care extract again as the statutory returns: \
            social_care_cin.xml (CIN census) with ssda903_header.csv and ssda903_episodes.csv. The same seed always \
            gives the same bytes.

            --scale national spreads the pupils over England's 153 LAs, of unequal sizes: each with its own schools \
            (about 23,000 open for 9,000,000 pupils, LAEstab numbers under the LA's code, URNs unique), pupils at school in \
            their own LA or a neighbouring one, and children with a social worker whose earlier episodes may have \
            been recorded by another LA (social_care.csv then ends with an LA column naming the LA that recorded \
            each episode; the CIN census names no LA). truth/measures.csv is then England's. Give --pupils for a \
            smaller England (e.g. --scale national --pupils 400000).
            """)

        @Option(help: "Output folder.")
        var out: String

        @Option(help: "la: one local authority (40,000 pupils); national: England's LAs (9,000,000 pupils, 1,600,000 children with a social worker, one year).")
        var scale: GenerationScale = .la

        @Option(help: "Pupils on roll (default: that of --scale).")
        var pupils: Int?

        @Option(name: .customLong("social-care"), help: "Children in the social care extract (default: 5% of pupils for --scale la; for national, 1,600,000 per 9,000,000 pupils).")
        var socialCare: Int?

        @Option(help: "Random seed.")
        var seed: UInt64 = 1

        @Option(help: "Academic years in the education extract (default: 2, or 1 for --scale national).")
        var years: Int?

        @Flag(help: "No progress messages.")
        var quiet = false

        func validate() throws {
            guard (pupils ?? scale.pupils) >= 100 else { throw ValidationError("--pupils must be at least 100.") }
            guard (1...10).contains(years ?? scale.years) else { throw ValidationError("--years must be from 1 to 10.") }
            if let socialCare, socialCare < 1 { throw ValidationError("--social-care must be at least 1.") }
        }

        func run() throws {
            try reportingErrors {
                var config = SyntheticConfig()
                config.coverage = scale.coverage
                config.pupils = pupils ?? scale.pupils
                config.socialCareChildren = socialCare ?? scale.socialCareChildren(pupils: config.pupils)
                config.seed = seed
                config.years = years ?? scale.years
                let directory = URL(fileURLWithPath: out)
                try Pipeline.generate(config, to: directory, progress: progressReporter(quiet: quiet))
                print("Wrote \(config.pupils) pupils and \(config.resolvedSocialCareChildren) children with a social worker (seed \(seed)) to \(directory.path)/")
            }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a links file with the truth: precision, recall and F1.",
            discussion: "Both files start with the columns social_care_row,education_row (1-based data rows).")

        @Option(help: "Links written by `run --links` or `analyse --links`.")
        var links: String

        @Option(help: "The truth, e.g. truth/links.csv from `generate`.")
        var truth: String

        func run() throws {
            try reportingErrors {
                print(try LinkEvaluation.compare(links: links, truth: truth).description)
            }
        }
    }
}

/// The raw input files of `run` and `pseudonymise`, as the analyst has them: nothing to reshape by hand.
struct ExtractFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Social care extract: a CSV (one row per episode), a CIN census XML return, or an SSDA903 header table.",
        discussion: "Repeat to combine files (e.g. the CIN census and SSDA903): a child in several is one child, matched by LAchildID/CHILD.",
        valueName: "file"))
    var socialCare: [String] = []

    @Option(help: ArgumentHelp("SSDA903 episodes table, for an SSDA903 header given with --social-care (in the same order if several).",
                               valueName: "file"))
    var episodes: [String] = []

    @Option(help: ArgumentHelp("Education extract (CSV, one row per pupil enrolment per year), or the school census pupil table.",
                               valueName: "file"))
    var education: String?

    @Option(help: ArgumentHelp("School census attendance table (per term or year), joined to --education on UPN and year.", valueName: "file"))
    var attendance: String?

    @Option(help: ArgumentHelp("School census exclusions table: one row per suspension (FIXD) or permanent exclusion (PERM).",
                               valueName: "file"))
    var exclusions: String?

    @Option(help: ArgumentHelp("KS4 results table (KS4_ATT8, KS4_L2BASICS_95).", valueName: "file"))
    var ks4: String?

    @Option(help: ArgumentHelp("YAML file renaming your export's columns to the data contract's.",
                               discussion: "Examples for Mosaic- and Liquidlogic-style exports are in datasets/mappings/.", valueName: "file"))
    var mapping: String?

    func validate() throws {
        if !episodes.isEmpty && socialCare.isEmpty {
            throw ValidationError("--episodes needs its SSDA903 header table, given with --social-care.")
        }
        if education == nil && [attendance, exclusions, ks4].contains(where: { $0 != nil }) {
            throw ValidationError("--attendance, --exclusions and --ks4 are joined to the pupil table: give that with --education.")
        }
    }

    var inputs: ExtractInputs {
        ExtractInputs(socialCare: socialCare, episodes: episodes, education: education, attendance: attendance,
                      exclusions: exclusions, ks4: ks4, mapping: mapping)
    }
}
