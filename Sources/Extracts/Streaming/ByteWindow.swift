#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A window onto a byte stream: the unread bytes `position..<limit` of one owned buffer, refilled
/// from a source when a token runs past the end.
///
/// The only place the streaming readers do pointer arithmetic. The buffer has a fixed size, so
/// memory does not grow with the file; it grows only for a single token longer than the window
/// (a huge comment), up to `maximumCapacity`.
struct ByteWindow: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let maximumCapacity: Int
    /// End of the valid bytes.
    private(set) var limit = 0
    /// Next unread byte.
    var position = 0
    /// True once the source has reported its end.
    private(set) var isExhausted = false

    init(capacity: Int = 1 << 20, maximumCapacity: Int = 64 << 20) {
        precondition(capacity > 0 && capacity <= maximumCapacity)
        base = .allocate(capacity: capacity)
        self.capacity = capacity
        self.maximumCapacity = maximumCapacity
    }

    deinit { base.deallocate() }

    /// Moves the bytes from `keep` on to the front of the buffer and reads more after them.
    /// Offsets held by the caller move down by `keep`. Returns false when the source is exhausted
    /// and nothing new arrived.
    mutating func refill(keeping keep: Int, from source: inout any ByteSource, fileName: String) throws(ExtractError) -> Bool {
        assert(keep >= 0 && keep <= limit)
        let kept = limit - keep
        if keep > 0 && kept > 0 { memmove(base, base + keep, kept) }
        position -= keep
        limit = kept
        if limit == capacity {
            guard capacity < maximumCapacity else {
                throw ExtractError(.unreadable, file: fileName,
                                   "one XML tag, comment or CDATA section is longer than \(maximumCapacity >> 20) MiB; the file is not a CIN census return.")
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: min(maximumCapacity, capacity * 2))
            grown.update(from: base, count: limit)
            base.deallocate()
            base = grown
            capacity = min(maximumCapacity, capacity * 2)
        }
        guard !isExhausted else { return false }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: base + limit, count: capacity - limit))
        if count == 0 { isExhausted = true }
        limit += count
        return count > 0
    }

    /// The valid bytes `0..<limit`, for scanning.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: limit))
    }

    /// Offset of the first `byte` in `range`, or nil.
    func first(_ byte: UInt8, in range: Range<Int>) -> Int? {
        assert(range.lowerBound >= 0 && range.upperBound <= limit)
        guard !range.isEmpty, let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Offset of the first occurrence of `pattern` in `range`, or nil. (`memmem` is a GNU
    /// extension the Glibc module does not export; `memchr` on the first byte is as fast here.)
    func first(_ pattern: StaticString, in range: Range<Int>) -> Int? {
        assert(range.lowerBound >= 0 && range.upperBound <= limit)
        let length = pattern.utf8CodeUnitCount
        var from = range.lowerBound
        while from + length <= range.upperBound, let at = first(pattern.utf8Start[0], in: from..<(range.upperBound - length + 1)) {
            if memcmp(base + at, pattern.utf8Start, length) == 0 { return at }
            from = at + 1
        }
        return nil
    }

    subscript(offset: Int) -> UInt8 {
        assert(offset >= 0 && offset < limit)
        return base[offset]
    }

    /// True when the bytes at `offset` spell `prefix` (false when the window ends first).
    func has(_ prefix: StaticString, at offset: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        return offset + count <= limit && memcmp(base + offset, prefix.utf8Start, count) == 0
    }
}
