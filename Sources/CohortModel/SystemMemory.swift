#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// How the process hands memory back to the system. glibc's allocator keeps freed blocks for
/// reuse: blocks up to 32 MB come from its heaps and stay there when freed, and at England's scale
/// the records' millions of strings and the workers' parts of pair arrays, once let go, were a
/// gigabyte and more of the peak that no later stage reused. The functions are looked up at run
/// time (Swift's Glibc module leaves out `malloc.h`); elsewhere they do nothing.
public enum SystemMemory {
    /// Work this large (England's nine million pupils: over a gigabyte of extracts, and gigabytes
    /// of pseudonymised files) hands large blocks back as soon as they are freed.
    private static let largeScalePeople = 2_000_000
    private static let largeScaleInputBytes = 512 << 20

    /// Chooses how freed memory is handled from the size of the work, before it starts. At England's
    /// scale (`returnLargeBlocksWhenFreed`) the peak stays under its ceiling. Below it, freed memory is
    /// kept for the next stage's arrays (`keepFreedMemory`), which then need no fresh pages from the
    /// kernel.
    public static func prepare(people: Int = 0, inputBytes: Int = 0) {
        let large = people >= largeScalePeople || inputBytes >= largeScaleInputBytes
        largeScale.store(large, ordering: .relaxed)
        if large { returnLargeBlocksWhenFreed() } else { keepFreedMemory() }
    }

    private static let largeScale = Atomic(false)

    /// True in England-sized work (`prepare`), where stages let go of what they have read before they
    /// make what comes next, rather than work from both at once.
    public static var isLargeScale: Bool { largeScale.load(ordering: .relaxed) }

    /// Blocks of 1 MB and more are mapped on their own and given back as soon as they are freed.
    static func returnLargeBlocksWhenFreed() {
        mallopt(mmapThreshold, 1 << 20)
    }

    /// Blocks up to 32 MB (glibc's largest threshold) come from the heaps, which are not trimmed when
    /// freed and grow 64 MB at a time. At 400,000 pupils the run has 107,000 page faults instead of
    /// 200,000 and takes 1.57 s instead of 1.69 s (medians of 8 alternating runs), at 350 MB instead of 300.
    static func keepFreedMemory() {
        mallopt(mmapThreshold, 32 << 20)
        mallopt(trimThreshold, .max)
        mallopt(topPad, 64 << 20)
    }

    // glibc's mallopt parameters (malloc.h). Setting the mmap threshold also stops glibc moving it.
    private static let (trimThreshold, topPad, mmapThreshold): (Int32, Int32, Int32) = (-1, -2, -3)

    private static func mallopt(_ parameter: Int32, _ value: Int32) {
        #if canImport(Glibc)
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        if let mallopt = dlsym(nil, "mallopt") { _ = unsafeBitCast(mallopt, to: Option.self)(parameter, value) }
        #endif
    }

    /// Gives back the whole memory pages of the elements `range` of the buffer at `base`, which the
    /// caller will never read again (a sorted input merged past them, an array's capacity beyond its
    /// count): a stream's consumed part need not stay resident until the whole is freed. Pages the
    /// range shares with anything else are kept.
    public static func discard<T>(_ range: Range<Int>, at base: UnsafePointer<T>) {
        #if canImport(Glibc)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base + range.lowerBound) + page - 1) / page * page
        let end = Int(bitPattern: base + range.upperBound) / page * page
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_DONTNEED)
        #endif
    }

    /// Gives back the free memory glibc's heaps hold, after a stage has let go of many small blocks, in
    /// England-sized work; smaller work keeps it for the stages to come.
    public static func returnFreedMemory() {
        #if canImport(Glibc)
        guard isLargeScale else { return }
        typealias Trim = @convention(c) (Int) -> Int32
        if let trim = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(trim, to: Trim.self)(0) }
        #endif
    }
}
