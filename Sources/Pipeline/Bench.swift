import CohortModel
import Extracts
import Foundation
import Linkage
import Measures
import Pseudonymisation
import Publishing
import SyntheticData

/// `cohortlink bench`: the whole pipeline on a generated population, stage by stage, with
/// throughput and peak memory, and the parallel stages run again on one thread to show how they
/// scale and that the result does not depend on the thread count.
public enum BenchRun {
    public struct Request: Sendable {
        public var pupils: Int
        public var socialCareChildren: Int?
        public var seed: UInt64
        public var threads: Int
        /// Run the parallel stages again on one thread, and compare.
        public var compareOneThread: Bool
        /// Blocks that would make more pairs are split (see `LinkageOptions`).
        public var maximumBlockPairs = defaultMaximumBlockPairs
        /// Where the pipeline stops: after linkage, after the measures, or (whole) after the release.
        public var lastStage = LastStage.release
        /// One LA, or the pupils spread over England's LAs.
        public var coverage = SyntheticConfig.Coverage.localAuthority

        public init(pupils: Int, socialCareChildren: Int?, seed: UInt64 = 7, threads: Int = defaultThreadCount, compareOneThread: Bool = true) {
            self.pupils = pupils
            self.socialCareChildren = socialCareChildren
            self.seed = seed
            self.threads = threads
            self.compareOneThread = compareOneThread
        }
    }

    public struct Report: Sendable {
        public var stages: [StageClock.Stage]
        /// Stages on one thread (same names), when compared.
        public var oneThread: [StageClock.Stage]
        public var sameResultOnOneThread: Bool?
        /// Where the run stopped, and so what the one-thread run was compared on.
        public var lastStage: LastStage
        public var children: Int
        public var pupils: Int
        public var links: Int
        /// Pairs each blocking rule generated, split and skipped.
        public var blocking: [BlockingRuleReport]
        /// What disclosure control did to the release, when the run went that far.
        public var release: Manifest.Disclosure?
        public var evaluation: LinkEvaluation
        public var threads: Int

        /// Wall time of the pipeline itself, generation excluded.
        public var pipelineSeconds: Double { stages.filter { $0.name != generationStage }.map(\.seconds).reduce(0, +) }
    }

    /// The last stage a bench runs.
    public enum LastStage: Sendable {
        case linkage, measures, release
    }

    static let generationStage = "generate (not part of the pipeline)"

    /// Reads the generated extracts, timing each.
    private static func read(_ la: SyntheticLA, threads: Int, clock: StageClock) throws -> ([SocialCareRecord], [EducationRecord]) {
        let socialCare = try clock.measure("read social care CSV", unit: "MB", amount: { _ in Double(la.socialCareCSV.count) / 1e6 }) {
            try SocialCareExtract.read(CSVDocument(fileName: "social_care.csv", bytes: la.socialCareCSV), threads: threads)
        }
        let education = try clock.measure("read education CSV", unit: "MB", amount: { _ in Double(la.educationCSV.count) / 1e6 }) {
            try EducationExtract.read(CSVDocument(fileName: "education.csv", bytes: la.educationCSV), threads: threads)
        }
        return (socialCare.records, education.records)
    }

    public static func run(_ request: Request, progress: ProgressReporter = .silent) throws -> Report {
        SystemMemory.prepare(people: request.pupils)
        let clock = progress.clock()
        var config = SyntheticConfig()
        config.coverage = request.coverage
        config.pupils = request.pupils
        config.socialCareChildren = request.socialCareChildren
        config.seed = request.seed
        config.years = 1
        // The extracts are generated again for the one-thread run rather than kept: held, their
        // records would add gigabytes to the memory the first run is measured with.
        func generatedRecords(_ clock: StageClock, threads: Int) throws -> (truth: [UInt8], schools: [School],
                                                                              socialCare: [SocialCareRecord], education: [EducationRecord]) {
            let la = clock.measure(generationStage) { SyntheticLA.generate(config) }
            let schools = try SchoolRegister.read(CSVDocument(fileName: "schools.csv", bytes: la.schoolsCSV)).records
            let (socialCare, education) = try read(la, threads: threads, clock: clock)
            return (la.truthLinksCSV, schools, socialCare, education)
        }
        let compare = request.compareOneThread && request.threads > 1

        let key = try ProjectKey(bytes: Array(repeating: 0x5A, count: 32))
        // The records are let go as soon as they are pseudonymised, the files as soon as they are read.
        func pseudonymise(_ clock: StageClock, threads: Int, _ socialCareRecords: consuming [SocialCareRecord],
                          _ educationRecords: consuming [EducationRecord]) -> (PseudonymisedSocialCare, PseudonymisedEducation) {
            var socialCare = Optional(consume socialCareRecords), education = Optional(consume educationRecords)
            let pseudonymiser = Pseudonymiser(key: key, threads: threads)
            let sc = clock.measure("pseudonymise social care", unit: "children", amount: { Double($0.children.count) }) {
                pseudonymiser.pseudonymise(socialCare: socialCare.take()!)
            }
            let ed = clock.measure("pseudonymise education", unit: "pupils", amount: { Double($0.pupils.count) }) {
                pseudonymiser.pseudonymise(education: education.take()!)
            }
            return (sc, ed)
        }
        let (truth, schools, socialCareRecords, educationRecords) = try generatedRecords(clock, threads: request.threads)
        let (sc, ed) = pseudonymise(clock, threads: request.threads, consume socialCareRecords, consume educationRecords)

        var options = AnalysisOptions()
        options.linkage.threads = request.threads
        options.linkage.maximumBlockPairs = request.maximumBlockPairs
        options.england = request.coverage == .england
        // Each run gives its data completed for linkage, its links, and what it made of them: the
        // measures, or the published tables' rows and their disclosure control.
        func analyse(_ sc: consuming PseudonymisedSocialCare, _ ed: consuming PseudonymisedEducation, clock: StageClock) throws
            -> (Analysis, LinkageResult, measures: [MeasureTable], tables: [[PublishedRow]], release: Manifest.Disclosure?) {
            let analysis = try Analysis(socialCare: sc, education: ed, schools: schools, options: options)
            switch request.lastStage {
            case .linkage: return (analysis, analysis.link(clock: clock), [], [], nil)
            case .measures:
                let linkage = analysis.link(clock: clock)
                return (analysis, linkage, analysis.measures(of: linkage, clock: clock), [], nil)
            case .release:
                let result = try analysis.run(clock: clock)
                return (analysis, result.linkage, [], result.tables.map(\.rows), result.disclosure)
            }
        }
        let (analysis, linkage, measures, tables, release) = try analyse(consume sc, consume ed, clock: clock)
        let (children, pupils) = (analysis.socialCare.children, analysis.education.pupils)
        let evaluation = try evaluate(linkage, children: children, pupils: pupils, truth: truth)

        var oneThread: [StageClock.Stage] = []
        var same: Bool?
        if compare {
            let serial = progress.clock()
            let (_, _, socialCare, education) = try generatedRecords(serial, threads: 1)
            let (sc1, ed1) = pseudonymise(serial, threads: 1, consume socialCare, consume education)
            options.linkage.threads = 1
            let (analysis1, linkage1, measures1, tables1, _) = try analyse(sc1, ed1, clock: serial)
            oneThread = serial.stages
            let sameData = analysis1.socialCare == analysis.socialCare && analysis1.education == analysis.education
            same = sameData && linkage1.links == linkage.links && measures1 == measures && tables1 == tables
        }
        return Report(stages: clock.stages, oneThread: oneThread, sameResultOnOneThread: same, lastStage: request.lastStage, children: children.count,
                      pupils: pupils.count, links: linkage.links.count, blocking: linkage.blocking, release: release, evaluation: evaluation,
                      threads: request.threads)
    }

    /// Links against the generator's truth, by row numbers.
    static func evaluate(_ linkage: LinkageResult, children: [PseudonymisedChild], pupils: [PseudonymisedPupil], truth: [UInt8]) throws -> LinkEvaluation {
        let document = try CSVDocument(fileName: "truth/links.csv", bytes: truth)
        var pairs = Set<RowPair>()
        try document.forEachRow { row in
            if let left = Int(row[0]), let right = Int(row[1]) { pairs.insert(RowPair(left, right)) }
        }
        let links = Set(linkage.links.map { RowPair(Int(children[Int($0.child)].row), Int(pupils[Int($0.pupil)].row)) })
        return LinkEvaluation(links: links, truth: pairs)
    }
}
