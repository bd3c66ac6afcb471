import Dispatch
import Foundation

/// The engine's default number of threads: every core.
@usableFromInline let allCores = ProcessInfo.processInfo.activeProcessorCount

/// Maps `0..<count` on up to `threads` cores, in order; each index's result is written once into its
/// own slot.
///
/// The same as CohortModel's `parallelMap`, which Disclosure cannot import: it sits below CohortModel
/// in the module stack. The audit's linear programs, one per component or block, are independent.
func parallelMap<T: Sendable>(_ count: Int, threads: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 1, threads > 1 else { return (0..<count).map(transform) }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialised in
        let slots = Slots(base: buffer.baseAddress!)
        // One index per iteration: programs differ wildly in size, so fine-grained work balances best.
        DispatchQueue.concurrentPerform(iterations: count) { i in (slots.base + i).initialize(to: transform(i)) }
        initialised = count
    }
}

/// `background()` worked out on another thread while `body()` runs on this one (whose own
/// `parallelMap`s keep every core: a `parallelMap` inside another runs on one thread); one after the
/// other on one thread.
func whileComputing<A: Sendable, B>(threads: Int, _ background: @escaping @Sendable () -> A, _ body: () -> B) -> (A, B) {
    guard threads > 1 else { return (background(), body()) }
    let slot = Slot<A>()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        slot.value = background()
        group.leave()
    }
    let b = body()
    group.wait()
    return (slot.value!, b)
}

/// A value written by one thread before it leaves a dispatch group, read after waiting on the group.
private final class Slot<T>: @unchecked Sendable {
    var value: T?
}

/// A reviewed `@unchecked Sendable`, like `Slot`: a base pointer that concurrent iterations
/// write through at their own index only.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// Things lent to concurrent iterations, each to one at a time, and made when none is free: one
/// worker's scratch, without knowing which worker runs an iteration. A reviewed `@unchecked Sendable`:
/// the free list is only touched under the lock, and a thing lent is used by its borrower alone.
final class Lender<T: AnyObject>: @unchecked Sendable {
    private let make: () -> T
    private let lock = NSLock()
    private var free: [T] = []

    init(_ make: @escaping () -> T) { self.make = make }

    func lend<R>(_ body: (T) -> R) -> R {
        let thing = lock.withLock { free.popLast() } ?? make()
        defer { lock.withLock { free.append(thing) } }
        return body(thing)
    }
}
