import CohortModel
import Testing

@Suite struct StageProgressTests {
    /// Every index a parallel map does is counted once, on one thread and on many, whatever the
    /// batches and chunks (the remainder of each chunk included), and the step records its end.
    @Test(arguments: [1, 4_095, 4_096, 4_097, 50_001])
    func aParallelMapCountsEveryIndexOnce(_ count: Int) {
        for threads in [1, 2, 3] {
            let progress = StageProgress()
            let squares = StageProgress.$current.withValue(progress) {
                StageProgress.step("square", total: count, unit: "numbers") { progress in
                    parallelMap(count, chunks: threads * 3, threads: threads, progress: progress, state: {}) { _, i in i * i }
                }
            }
            #expect(squares == (0..<count).map { $0 * $0 })
            #expect(progress.snapshot == nil, "the step ends with its body")
            let ended = progress.endedSteps
            #expect(ended.map(\.step) == ["square"] && ended.map(\.unit) == ["numbers"])
            #expect(ended.first?.done == count && ended.first?.total == count, "\(count) on \(threads) threads")
        }
    }

    @Test func aStepOutsideAStageRunsWithoutProgress() {
        let seen = StageProgress.step("alone", total: 10, unit: "things") { $0 == nil }
        #expect(seen)
    }

    /// The clock makes a progress per stage, hands it to the observer and to the stage's work.
    @Test func theClockGivesEachStageItsOwnProgress() {
        let clock = StageClock()
        let first = clock.measure("first") { StageProgress.current }
        let second = clock.measure("second") { StageProgress.current }
        #expect(first != nil && second != nil && first !== second)
        #expect(StageProgress.current == nil, "no progress outside a stage")
    }

    @Test func rateAndTimeLeftFollowTheCountSoFar() {
        let halfway = StageProgress.Snapshot(step: "read", unit: "rows", done: 500, total: 1_000, seconds: 2)
        #expect(halfway.fraction == 0.5)
        #expect(halfway.rate == 250)
        #expect(halfway.secondsLeft == 2)
        let notStarted = StageProgress.Snapshot(step: "read", unit: "rows", done: 0, total: 1_000, seconds: 1)
        #expect(notStarted.rate == nil && notStarted.secondsLeft == nil && notStarted.fraction == 0)
        let overCounted = StageProgress.Snapshot(step: "read", unit: "rows", done: 1_200, total: 1_000, seconds: 1)
        #expect(overCounted.fraction == 1 && overCounted.secondsLeft == 0)
    }
}
