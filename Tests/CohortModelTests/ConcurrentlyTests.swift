import CohortModel
import Foundation
import Testing

@Suite struct ConcurrentlyTests {
    private struct Failure: Error {}

    /// Both results come back, the background's worked out while the body ran.
    @Test func givesBothResults() {
        let (squares, sum) = concurrently({ (0..<1_000).map { $0 * $0 } }) { (0..<1_000).reduce(0, +) }
        #expect(squares.count == 1_000 && squares[999] == 998_001)
        #expect(sum == 499_500)
    }

    /// A body that throws still waits for the background work before the error is passed on.
    @Test func aFailingBodyWaitsForTheBackground() {
        let finished = Finished()
        #expect(throws: Failure.self) {
            _ = try concurrently({ () -> Int in
                Thread.sleep(forTimeInterval: 0.05)
                finished.mark()
                return 1
            }) { () throws -> Int in throw Failure() }
        }
        #expect(finished.isMarked)
    }

    private final class Finished: @unchecked Sendable {
        private let lock = NSLock()
        private var marked = false
        func mark() { lock.withLock { marked = true } }
        var isMarked: Bool { lock.withLock { marked } }
    }
}
