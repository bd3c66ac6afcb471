import Dispatch
import Synchronization

/// How far the running stage has got, for a progress bar: the step it is on (reading rows, making
/// tokens, scoring pairs…), how many units of it are done out of how many, and for how long it has
/// run. Counts and step names only, never data.
///
/// `StageClock.measure` makes one per stage and sets it as `StageProgress.current` on the calling
/// thread for the stage's duration, so work deep inside a stage reports without every function
/// between carrying it; parallel work reads it before it fans out and reports from any worker.
public final class StageProgress: Sendable {
    @TaskLocal public static var current: StageProgress?

    /// The step under way, as a progress bar shows it.
    public struct Snapshot: Sendable, Equatable {
        public var step: String
        public var unit: String
        public var done: Int
        public var total: Int
        /// Since the step began.
        public var seconds: Double

        public init(step: String, unit: String, done: Int, total: Int, seconds: Double) {
            (self.step, self.unit, self.done, self.total, self.seconds) = (step, unit, done, total, seconds)
        }

        public var fraction: Double { total > 0 ? min(1, Double(done) / Double(total)) : 0 }

        /// Units per second so far, once any are done.
        public var rate: Double? { done > 0 && seconds > 0 ? Double(done) / seconds : nil }

        /// The time the rest of the step should take at the rate so far.
        public var secondsLeft: Double? { rate.map { Double(max(0, total - done)) / $0 } }
    }

    private struct Step {
        var name: String, unit: String, total: Int, start: UInt64
    }

    private let step = Mutex<Step?>(nil)
    private let done = Atomic<Int>(0)
    private let ended = Mutex<[Snapshot]>([])

    public init() {}

    /// Runs `body` as a step of the current stage's progress, when there is one, and ends the step
    /// when `body` returns. `body` is handed the progress to report to (from any thread).
    public static func step<T>(_ name: String, total: Int, unit: String, _ body: (StageProgress?) throws -> T) rethrows -> T {
        let progress = current
        progress?.begin(name, total: total, unit: unit)
        defer { progress?.end() }
        return try body(progress)
    }

    /// Starts a step of `total` units (rows, pupils, pairs); the count starts again from zero.
    private func begin(_ name: String, total: Int, unit: String) {
        step.withLock { $0 = Step(name: name, unit: unit, total: total, start: DispatchTime.now().uptimeNanoseconds) }
        done.store(0, ordering: .relaxed)
    }

    /// Ends the step under way: until the next begins, the stage shows only its clock.
    private func end() {
        guard let last = snapshot else { return }
        step.withLock { $0 = nil }
        ended.withLock { $0.append(last) }
    }

    /// The steps ended so far, each as it stood when it ended.
    public var endedSteps: [Snapshot] { ended.withLock { $0 } }

    /// Counts `units` more done. Callers report in batches (a chunk of rows, thousands of pairs), not
    /// per unit: each call is an atomic add shared by every worker.
    public func advance(by units: Int) {
        done.add(units, ordering: .relaxed)
    }

    /// The step under way, or nil before the stage begins one.
    public var snapshot: Snapshot? {
        step.withLock { step in
            step.map { step in
                Snapshot(step: step.name, unit: step.unit, done: done.load(ordering: .relaxed), total: step.total,
                         seconds: Double(DispatchTime.now().uptimeNanoseconds - step.start) / 1e9)
            }
        }
    }
}
