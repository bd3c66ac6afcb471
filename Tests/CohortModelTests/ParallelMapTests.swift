import CohortModel
import Synchronization
import Testing

@Suite struct ParallelMapTests {
    /// Every index in its place whatever the chunks and threads, and one state per worker, kept across
    /// the chunks it takes (a worker's cache is made once, not once per chunk).
    @Test(arguments: [1, 2, 3])
    func statesArePerWorkerAndResultsDoNotDependOnTheSplit(threads: Int) {
        let made = StatesMade()
        let result = parallelMap(10_000, chunks: 37, threads: threads, state: { made.count.add(1, ordering: .relaxed); return 0 }) { seen, i in
            seen += 1
            return i * 2
        }
        #expect(result == (0..<10_000).map { $0 * 2 })
        #expect(made.count.load(ordering: .relaxed) == threads)
    }

    /// Every index is in exactly one worker's ranges, and there is one state per worker.
    @Test(arguments: [1, 2, 3])
    func accumulatesEveryIndexOnceInOneStatePerWorker(threads: Int) {
        let states = parallelAccumulate(10_000, chunks: 37, threads: threads, state: { [Int]() }) { seen, range in seen += range }
        #expect(states.count == threads)
        #expect(states.flatMap(\.self).sorted() == Array(0..<10_000))
        #expect(parallelAccumulate(0, chunks: 8, threads: threads, state: { 0 }) { total, range in total += range.count } .reduce(0, +) == 0)
    }

    /// `--threads` becomes every stage's default, and can be taken back (results never depend on it,
    /// so other tests running meanwhile are only slower or faster).
    @Test func theChosenThreadCountIsEveryStagesDefault() {
        let machine = defaultThreadCount
        useThreads(1)
        #expect(defaultThreadCount == 1)
        useThreads(0)
        #expect(defaultThreadCount == 1)
        useThreads(nil)
        #expect(defaultThreadCount == machine)
    }

    private final class StatesMade: Sendable {
        let count = Atomic(0)
    }
}
