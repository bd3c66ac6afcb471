import CohortModel
import Foundation
import Pipeline
import Synchronization
import Testing

/// What a run's progress says: each long stage's steps, counted to their end.
@Suite struct ProgressReportTests {
    /// Every stage's progress, by stage name, as the reporter is handed them.
    final class Recorder: Sendable {
        let stages = Mutex<[(name: String, progress: StageProgress)]>([])
        let finished = Mutex<[StageClock.Stage]>([])
        var reporter: ProgressReporter {
            ProgressReporter { [self] event in
                switch event {
                case .started(let name, let progress): stages.withLock { $0.append((name, progress)) }
                case .finished(let stage): finished.withLock { $0.append(stage) }
                }
            }
        }

        func amount(of stage: String) -> Int? { finished.withLock { $0.first { $0.name == stage }.map { Int($0.amount) } } }

        func steps(of stage: String) -> [StageProgress.Snapshot] {
            stages.withLock { $0.first { $0.name == stage }?.progress.endedSteps } ?? []
        }
    }

    @Test func theLongStagesCountTheirStepsToTheEnd() throws {
        let la = try GeneratedLA(seed: 17, pupils: 3_000, years: 1)
        defer { la.remove() }
        let recorder = Recorder()
        _ = try Pipeline.run(la.request(links: true), progress: recorder.reporter)
        let educationRows = try String(contentsOfFile: la.path("education.csv"), encoding: .utf8).split(separator: "\n").count - 1
        let links = try String(contentsOfFile: la.folder.appendingPathComponent("links.csv").path, encoding: .utf8)
        #expect(!links.isEmpty)

        let education = recorder.steps(of: "read and pseudonymise education")
        #expect(education.map(\.step) == ["read education.csv", "make tokens"])
        #expect(education[0].done == educationRows && education[0].total == educationRows && education[0].unit == "rows")
        #expect(education[1].done == 3_000 && education[1].total == 3_000 && education[1].unit == "pupils")

        let socialCare = recorder.steps(of: "read and pseudonymise social care")
        #expect(socialCare.map(\.step) == ["read social_care.csv", "resolve the schools named", "make tokens"])
        #expect(socialCare.allSatisfy { $0.done == $0.total && $0.total > 0 })

        let blocking = try #require(recorder.steps(of: "blocking").first)
        #expect(blocking.step == "apply blocking rules" && blocking.done == blocking.total && blocking.total >= 4)
        let scoring = try #require(recorder.steps(of: "scoring").first)
        #expect(scoring.step == "score pairs" && scoring.done == scoring.total)
        #expect(scoring.total > 0 && scoring.total == recorder.amount(of: "blocking"), "every candidate pair is scored")
    }

    /// The CIN census is streamed: its step counts the file's bytes.
    @Test func theCINCensusCountsItsBytes() throws {
        let la = try GeneratedLA(seed: 18, pupils: 2_000, years: 1)
        defer { la.remove() }
        let recorder = Recorder()
        _ = try Pipeline.run(la.request(socialCare: la.path("social_care_cin.xml")), progress: recorder.reporter)
        let bytes = try #require(FileManager.default.attributesOfItem(atPath: la.path("social_care_cin.xml"))[.size] as? Int)
        let read = try #require(recorder.steps(of: "read and pseudonymise social care").first)
        #expect(read.step == "read social_care_cin.xml" && read.unit == "bytes")
        #expect(read.done == bytes && read.total == bytes)
    }
}
