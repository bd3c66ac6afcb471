/// Where a long run reports its stages. Messages are aggregates and stage names only.
public struct ProgressReporter: Sendable {
    let report: @Sendable (String) -> Void

    public init(_ report: @escaping @Sendable (String) -> Void) { self.report = report }

    public static let silent = ProgressReporter { _ in }

    func stage(_ name: String) { report(name) }
}
