import CohortModel
import Dispatch
import Foundation
import Pipeline

/// Stage progress on standard error. On a terminal, the running stage is one line, redrawn four
/// times a second: its step, a bar, rate and time left when the work reports them, else its clock;
/// replaced when it finishes by its time and throughput. Elsewhere (CI logs, redirects), one plain
/// line as each stage starts and finishes, and one every `logInterval` seconds while a long stage
/// runs. Stage names, counts and timings only.
final class TerminalProgress: @unchecked Sendable {
    /// Seconds between the lines a log gets on a stage still running.
    static let logInterval = 10.0

    private let queue = DispatchQueue(label: "cohortlink.progress")
    private let interactive = isatty(STDERR_FILENO) != 0
    private let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.map { max(40, $0) } ?? 80
    private var running: (name: String, progress: StageProgress, start: DispatchTime)?
    private var ticker: DispatchSourceTimer?

    var reporter: ProgressReporter {
        ProgressReporter { [self] event in queue.sync { handle(event) } }
    }

    private func handle(_ event: StageClock.Event) {
        switch event {
        case .started(let name, let progress):
            running = (name, progress, .now())
            if interactive { drawRunningLine() } else { write("cohortlink: \(name)…\n") }
            let interval = interactive ? 0.25 : Self.logInterval
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + interval, repeating: interval)
            timer.setEventHandler { [weak self] in self?.interactive == true ? self?.drawRunningLine() : self?.writeLogLine() }
            timer.resume()
            ticker = timer
        case .finished(let stage):
            ticker?.cancel()
            ticker = nil
            running = nil
            let summary = String(format: "%@ in %.2f s", stage.name, stage.seconds) + (throughputText(stage).map { " (\($0))" } ?? "")
            write(interactive ? "\r\u{1B}[2K  ✓ \(summary)\n" : "cohortlink: \(summary)\n")
        }
    }

    private var elapsed: Double {
        running.map { Double(DispatchTime.now().uptimeNanoseconds - $0.start.uptimeNanoseconds) / 1e9 } ?? 0
    }

    private func drawRunningLine() {
        guard let running else { return }
        write("\r\u{1B}[2K" + ProgressLine.terminal(stage: running.name, step: running.progress.snapshot, seconds: elapsed, columns: columns))
    }

    private func writeLogLine() {
        guard let running else { return }
        write("cohortlink: " + ProgressLine.log(stage: running.name, step: running.progress.snapshot, seconds: elapsed) + "\n")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// The text of a running stage's progress: its step's share done, rate and time left when the
/// stage's work reports a step, otherwise how long it has run.
enum ProgressLine {
    static let barWidth = 16

    /// "  … read and pseudonymise education: make tokens ███████░░░░░░░░░  41% · 412 k pupils/s · 2 s left",
    /// without the stage's name when the line would not fit in `columns`.
    static func terminal(stage: String, step: StageProgress.Snapshot?, seconds: Double, columns: Int) -> String {
        guard let step, step.total > 0 else { return String(format: "  … %@  %.1f s", stage, seconds) }
        let filled = Int((step.fraction * Double(barWidth)).rounded(.down))
        var tail = "\(step.step) " + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            + String(format: " %3d%%", Int((step.fraction * 100).rounded(.down)))
        if let rate = step.rate { tail += " · " + scaled(rate) + "\(step.unit)/s" }
        if let left = step.secondsLeft { tail += " · " + duration(left) + " left" }
        let full = "  … \(stage): \(tail)"
        return full.count < columns ? full : String("  … \(tail)".prefix(columns - 1))
    }

    /// "read and pseudonymise education: make tokens 41% of 400 k pupils (412 k pupils/s, about 2 s left), 3.1 s so far"
    static func log(stage: String, step: StageProgress.Snapshot?, seconds: Double) -> String {
        let sofar = String(format: "%.1f s so far", seconds)
        guard let step, step.total > 0 else { return "\(stage): \(sofar)" }
        var detail: [String] = []
        if let rate = step.rate { detail.append(scaled(rate) + "\(step.unit)/s") }
        if let left = step.secondsLeft { detail.append("about " + duration(left) + " left") }
        let percent = Int((step.fraction * 100).rounded(.down))
        return "\(stage): \(step.step) \(percent)% of \(scaled(Double(step.total)))\(step.unit)"
            + (detail.isEmpty ? "" : " (\(detail.joined(separator: ", ")))") + ", \(sofar)"
    }

    /// "1 min 05 s", "12 s".
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole < 60 ? "\(whole) s" : String(format: "%d min %02d s", whole / 60, whole % 60)
    }
}

/// "1.23 M rows/s" for a stage that counted what it processed, nil otherwise.
func throughputText(_ stage: StageClock.Stage) -> String? {
    guard stage.amount > 0, stage.seconds > 0 else { return nil }
    return scaled(stage.throughput) + "\(stage.unit)/s"
}

/// A count or rate to three significant figures with its prefix and a space: "412 k ", "1.23 M ", "87 ".
func scaled(_ value: Double) -> String {
    let (number, prefix): (Double, String) = value >= 1e6 ? (value / 1e6, "M ") : value >= 1e3 ? (value / 1e3, "k ") : (value, "")
    return String(format: "%.3g %@", number, prefix)
}
