import CohortModel

/// Where a long run reports its stages: names, times, throughput, never data.
public struct ProgressReporter: Sendable {
    let observe: @Sendable (StageClock.Event) -> Void

    public init(_ observe: @escaping @Sendable (StageClock.Event) -> Void) { self.observe = observe }

    public static let silent = ProgressReporter { _ in }

    /// A clock whose stages are reported as they start and finish.
    func clock() -> StageClock { StageClock(observer: observe) }
}
