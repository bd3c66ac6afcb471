@testable import cohortlink
import CohortModel
import Testing

@Suite struct ProgressLineTests {
    let tokens = StageProgress.Snapshot(step: "make tokens", unit: "pupils", done: 164_000, total: 400_000, seconds: 0.4)

    @Test func aStepShowsItsBarShareRateAndTimeLeft() {
        let line = ProgressLine.terminal(stage: "pseudonymise", step: tokens, seconds: 0.5, columns: 100)
        #expect(line == "  … pseudonymise: make tokens ██████░░░░░░░░░░  41% · 410 k pupils/s · 1 s left")
    }

    /// A long stage name gives way to the step rather than wrap the line, which would break the redraw.
    @Test(arguments: [40, 60, 80, 160])
    func theLineAlwaysFits(_ columns: Int) {
        let stage = "read and pseudonymise education from a very long export name"
        let line = ProgressLine.terminal(stage: stage, step: tokens, seconds: 0.5, columns: columns)
        #expect(line.count < columns)
        #expect(line.contains("make tokens"))
        if columns >= 160 { #expect(line.contains(stage)) }
    }

    @Test func withoutAStepTheStageShowsItsClock() {
        #expect(ProgressLine.terminal(stage: "disclosure control and audit", step: nil, seconds: 12.34, columns: 80)
                == "  … disclosure control and audit  12.3 s")
        #expect(ProgressLine.log(stage: "disclosure control and audit", step: nil, seconds: 12.34)
                == "disclosure control and audit: 12.3 s so far")
    }

    @Test func aLogLineSaysHowFarInWords() {
        #expect(ProgressLine.log(stage: "read and pseudonymise education", step: tokens, seconds: 20.5)
                == "read and pseudonymise education: make tokens 41% of 400 k pupils (410 k pupils/s, about 1 s left), 20.5 s so far")
    }

    @Test func durations() {
        #expect(ProgressLine.duration(0.2) == "1 s")
        #expect(ProgressLine.duration(59) == "59 s")
        #expect(ProgressLine.duration(65) == "1 min 05 s")
    }
}
