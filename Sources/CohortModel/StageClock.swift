import Foundation

/// Times the stages of a long run, with how much each processed and the process's peak memory
/// so far, for `cohortlink bench` and progress reports. Used from one thread at a time.
public final class StageClock {
    public struct Stage: Sendable {
        public var name: String
        public var seconds: Double
        /// How much the stage processed, in `unit`s (rows, MB, pairs…), for a throughput.
        public var amount: Double
        public var unit: String
        /// Peak resident memory of the process at the end of the stage, in bytes.
        public var peakMemory: Int

        public var throughput: Double { seconds > 0 ? amount / seconds : 0 }
    }

    /// A stage starting (with the progress its work reports) or finishing, for progress reports.
    public enum Event: Sendable {
        case started(String, StageProgress)
        case finished(Stage)
    }

    public private(set) var stages: [Stage] = []
    private let observer: @Sendable (Event) -> Void

    public init(observer: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.observer = observer
    }

    /// Runs `body` as a stage, with a fresh `StageProgress.current`; `amount` is asked of its result.
    public func measure<T>(_ name: String, unit: String = "", amount: (T) -> Double = { _ in 0 }, _ body: () throws -> T) rethrows -> T {
        let progress = StageProgress()
        observer(.started(name, progress))
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try StageProgress.$current.withValue(progress) { try body() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let stage = Stage(name: name, seconds: seconds, amount: amount(result), unit: unit, peakMemory: Self.peakMemory())
        stages.append(stage)
        observer(.finished(stage))
        return result
    }

    /// The process's peak resident set size, in bytes.
    public static func peakMemory() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
