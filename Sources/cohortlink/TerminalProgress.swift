import CohortModel
import Dispatch
import Foundation
import Pipeline

/// Stage progress on standard error. On a terminal, the running stage is one line whose clock
/// ticks, replaced when it finishes by its time and throughput; elsewhere (CI logs, redirects),
/// one plain line as each stage starts and one as it finishes. Stage names and timings only.
final class TerminalProgress: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cohortlink.progress")
    private let interactive = isatty(STDERR_FILENO) != 0
    private var running: (name: String, start: DispatchTime)?
    private var ticker: DispatchSourceTimer?

    var reporter: ProgressReporter {
        ProgressReporter { [self] event in queue.sync { handle(event) } }
    }

    private func handle(_ event: StageClock.Event) {
        switch event {
        case .started(let name):
            running = (name, .now())
            if interactive {
                drawRunningLine()
                let timer = DispatchSource.makeTimerSource(queue: queue)
                timer.schedule(deadline: .now() + 0.25, repeating: 0.25)
                timer.setEventHandler { [weak self] in self?.drawRunningLine() }
                timer.resume()
                ticker = timer
            } else {
                write("cohortlink: \(name)…\n")
            }
        case .finished(let stage):
            ticker?.cancel()
            ticker = nil
            running = nil
            let summary = String(format: "%@ in %.2f s", stage.name, stage.seconds) + (throughputText(stage).map { " (\($0))" } ?? "")
            write(interactive ? "\r\u{1B}[2K  ✓ \(summary)\n" : "cohortlink: \(summary)\n")
        }
    }

    private func drawRunningLine() {
        guard let running else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - running.start.uptimeNanoseconds) / 1e9
        write(String(format: "\r\u{1B}[2K  … %@  %.1f s", running.name, seconds))
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// "1.23 M rows/s" for a stage that counted what it processed, nil otherwise.
func throughputText(_ stage: StageClock.Stage) -> String? {
    guard stage.amount > 0, stage.seconds > 0 else { return nil }
    let rate = stage.throughput
    let (scaled, prefix): (Double, String) = rate >= 1e6 ? (rate / 1e6, "M ") : rate >= 1e3 ? (rate / 1e3, "k ") : (rate, "")
    return String(format: "%.3g %@%@/s", scaled, prefix, stage.unit)
}
