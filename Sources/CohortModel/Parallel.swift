import Dispatch
import Foundation
import Synchronization

/// Maps `0..<count` to values on all cores, in order: each index's result is written once into
/// its own slot of a pre-sized buffer, so no worker ever touches shared mutable state, and the
/// result is the same whatever the number of threads.
///
/// The maps are `@inlinable` so that they are specialised for each caller's types: called across
/// modules as generics, every element went through value witnesses (training's million random
/// pairs took four times as long on one thread as on two).
@inlinable
public func parallelMap<T: Sendable>(_ count: Int, threads: Int = defaultThreadCount,
                                     _ transform: @Sendable (Int) -> T) -> [T] {
    parallelMap(count, chunks: Swift.max(1, threads) * 8, threads: threads, state: {}) { _, i in transform(i) }
}

/// `parallelMap` in `chunks` contiguous ranges, which each worker takes one after another as it
/// becomes free, with its own `state` (a cache, scratch space) made by `makeState` and kept across
/// the chunks it takes: the results are written straight into place, and are the same whatever the
/// split as long as `transform`'s value does not depend on the state. Each index done is counted in
/// `progress`, in batches. `finish` is handed each worker's state when it is done (counts to add up).
@inlinable
public func parallelMap<T: Sendable, State>(_ count: Int, chunks requested: Int, threads: Int = defaultThreadCount,
                                            progress: StageProgress? = nil, state makeState: @Sendable () -> State,
                                            _ transform: @Sendable (inout State, Int) -> T,
                                            finish: @Sendable (consuming State) -> Void = { _ in }) -> [T] {
    guard count > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialised in
        let slots = DisjointSlots(buffer.baseAddress!)
        // Each worker lets its state go where it finishes, in parallel: the pupils' token caches
        // took 15 ms to free on one thread once both workers were done.
        forEachChunk(count, chunks: requested, threads: threads, state: makeState, { state, range in
            for batch in range.batches(of: 4_096) {
                for i in batch { (slots.base + i).initialize(to: transform(&state, i)) }
                progress?.advance(by: batch.count)
            }
        }, finish: { _, state in finish(state) })
        initialised = count
    }
}

/// `body` over `chunks` contiguous ranges of `0..<count`, which each worker takes one after another
/// as it becomes free, accumulating into its own `state`; returns the workers' states, for a total
/// that does not depend on which worker took which range (counts, sums of integers).
@inlinable
public func parallelAccumulate<State>(_ count: Int, chunks requested: Int, threads: Int = defaultThreadCount,
                                      state makeState: @Sendable () -> State,
                                      _ body: @Sendable (inout State, Range<Int>) -> Void) -> [State] {
    [State](unsafeUninitializedCapacity: workerCount(count, chunks: requested, threads: threads)) { buffer, initialised in
        let states = DisjointSlots(buffer.baseAddress!)
        initialised = forEachChunk(count, chunks: requested, threads: threads, state: makeState, body) { worker, state in
            (states.base + worker).initialize(to: state)
        }
    }
}

/// How many workers `forEachChunk` starts.
@inlinable
func workerCount(_ count: Int, chunks requested: Int, threads: Int) -> Int {
    Swift.min(chunkCount(count, chunks: requested, threads: threads), Swift.max(1, threads))
}

@inlinable
func chunkCount(_ count: Int, chunks requested: Int, threads: Int) -> Int {
    threads <= 1 ? 1 : Swift.min(Swift.max(count, 1), Swift.max(1, requested))
}

/// The workers of `parallelMap` and `parallelAccumulate`: each makes its state, takes chunks as it
/// becomes free, and hands its state to `finish` with its number; returns the number of workers.
@inlinable
func forEachChunk<State>(_ count: Int, chunks requested: Int, threads: Int, state makeState: @Sendable () -> State,
                         _ body: @Sendable (inout State, Range<Int>) -> Void,
                         finish: @Sendable (Int, consuming State) -> Void) -> Int {
    let chunks = chunkCount(count, chunks: requested, threads: threads)
    let workers = workerCount(count, chunks: requested, threads: threads)
    let next = ChunkCounter()
    @Sendable func work(_ worker: Int) {
        var state = makeState()
        while let chunk = next.take(below: chunks) { body(&state, chunkRange(chunk, of: chunks, count: count)) }
        finish(worker, state)
    }
    if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
    return workers
}

/// The next chunk for whichever worker asks first.
@usableFromInline
final class ChunkCounter: Sendable {
    private let next = Atomic(0)

    @usableFromInline init() {}

    /// The next chunk, or nil once all `chunks` are taken.
    @usableFromInline func take(below chunks: Int) -> Int? {
        let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return chunk < chunks ? chunk : nil
    }
}

/// `background()` worked out on another thread while `body()` runs on this one: two pieces of serial
/// work that do not depend on each other (a release's report and its tidy data) take the longer's
/// time, not the sum. `body`'s own parallel work keeps every core. One after the other on one thread.
public func concurrently<A: Sendable, B>(threads: Int = defaultThreadCount, _ background: @escaping @Sendable () -> A,
                                         _ body: () throws -> B) rethrows -> (A, B) {
    guard threads > 1 else { return (background(), try body()) }
    let result = BackgroundResult<A>()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        result.value = background()
        group.leave()
    }
    do {
        let b = try body()
        group.wait()
        return (result.value!, b)
    } catch {
        group.wait()
        throw error
    }
}

/// A reviewed `@unchecked Sendable`: written by the background thread before it leaves the group,
/// read only after waiting on it.
private final class BackgroundResult<T>: @unchecked Sendable {
    var value: T?
}

/// Runs `body` over `chunks` contiguous ranges covering `0..<count` in parallel and returns the
/// chunk results in chunk order, for work whose per-chunk result is merged serially afterwards.
@inlinable
public func parallelChunks<T: Sendable>(_ count: Int, chunks requested: Int = defaultThreadCount * 8,
                                        threads: Int = defaultThreadCount,
                                        _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let chunks = Swift.max(1, Swift.min(requested, count))
    return parallelMap(chunks, threads: threads) { body(chunkRange($0, of: chunks, count: count)) }
}

/// Workers' parts joined end to end, each part let go as soon as it is copied, so the peak is the
/// whole plus one part rather than twice the whole (England's candidate pairs are gigabytes).
/// The parts must have no other holder for their memory to be freed.
@inlinable
public func concatenated<T>(_ parts: inout [[T]]) -> [T] {
    var whole: [T] = []
    whole.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for i in parts.indices {
        whole.append(contentsOf: parts[i])
        parts[i] = []
    }
    parts = []
    return whole
}

extension Range<Int> {
    /// The range in consecutive pieces of at most `size`: a long loop reports its progress between them.
    @inlinable
    public func batches(of size: Int) -> some Sequence<Range<Int>> {
        stride(from: lowerBound, to: upperBound, by: size).lazy.map { $0..<Swift.min($0 + size, upperBound) }
    }
}

/// The `chunk`-th of `chunks` near-equal contiguous ranges of `0..<count`.
@inlinable
public func chunkRange(_ chunk: Int, of chunks: Int, count: Int) -> Range<Int> {
    (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
}

/// Where the `chunk`-th of `chunks` near-equal ranges of `0..<count` starts once moved forward past
/// every index that `continuesRun` (the element at `i` belongs with the one at `i - 1`): slices that
/// never split a run of equal keys, for workers that each take whole runs.
@inlinable
public func runAlignedStart(_ chunk: Int, of chunks: Int, count: Int, continuesRun: (Int) -> Bool) -> Int {
    var start = chunkRange(chunk, of: chunks, count: count).lowerBound
    while start > 0 && start < count && continuesRun(start) { start += 1 }
    return start
}

/// Worker threads to use: what `useThreads` chose (the command line's `--threads`), else
/// `COHORTLINK_THREADS`, else the machine's active cores.
public var defaultThreadCount: Int {
    let chosen = chosenThreadCount.load(ordering: .relaxed)
    return chosen > 0 ? chosen : machineThreadCount
}

/// Makes `threads` every stage's default number of worker threads from now on (`--threads`); nil
/// goes back to the environment's or the machine's.
public func useThreads(_ threads: Int?) {
    chosenThreadCount.store(threads.map { max(1, $0) } ?? 0, ordering: .relaxed)
}

private let chosenThreadCount = Atomic(0)

private let machineThreadCount: Int = {
    if let text = ProcessInfo.processInfo.environment["COHORTLINK_THREADS"], let n = Int(text), n > 0 { return n }
    return ProcessInfo.processInfo.activeProcessorCount
}()

/// A reviewed `@unchecked Sendable`: a base pointer that concurrent iterations write
/// through at disjoint indices only (each index belongs to exactly one chunk or worker).
public struct DisjointSlots<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    @inlinable public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// An array's elements read by every worker through a pointer, valid inside `withSharedElements`.
/// Workers indexing one shared array each retain and release its storage, a single atomic count
/// their cores take from each other on every element (the pupils' identities: 0.1 s of 400,000
/// pupils' pseudonymising). A reviewed `@unchecked Sendable`: the elements are only read.
public struct SharedElements<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeBufferPointer<Element>
    @inlinable init(_ base: UnsafeBufferPointer<Element>) { self.base = base }

    @inlinable public var count: Int { base.count }
    @inlinable public subscript(i: Int) -> Element { base[i] }
    @inlinable public subscript(range: Range<Int>) -> Slice<UnsafeBufferPointer<Element>> { base[range] }
}

extension Array {
    /// `body` with the elements shared for reading by every worker.
    @inlinable
    public func withSharedElements<R>(_ body: (SharedElements<Element>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try body(SharedElements($0)) }
    }
}
