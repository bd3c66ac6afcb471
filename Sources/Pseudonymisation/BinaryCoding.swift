import CryptoPrimitives
import Extracts

/// Little-endian fixed-width encoding for the pseudonymised file format.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ data: [UInt8]) {
        write(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    mutating func writeRaw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    /// Empties the buffer, keeping its memory for what comes next.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

/// Reads what `BinaryWriter` wrote, in order, from a source loaded a megabyte at a time: a national
/// file is decoded as it is read, never held whole. Refuses to read past the body's end, and
/// checksums the body as it is loaded so that `seal()` can check it against the file's last bytes.
struct BinaryReader {
    struct Truncated: Error {}

    /// The next bytes of the file into a buffer; how many, 0 at its end.
    typealias Source = (UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int

    private let next: Source
    private var window = [UInt8](repeating: 0, count: 1 << 20)
    /// The unread bytes are `window[start..<filled]`.
    private var start = 0, filled = 0
    /// Absolute positions: the next byte to read, the end of the body, and how far the file is loaded.
    private(set) var offset = 0
    let end: Int
    private var loaded = 0
    private var hasher = SHA256Digest.Hasher()
    /// A failure to read the file itself (not its content), kept to be reported as such.
    private(set) var failure: ExtractError?

    /// A file of `size` bytes whose last `sealSize` are the checksum of the body before them.
    init(size: Int, sealSize: Int, next: @escaping Source) {
        self.next = next
        end = max(0, size - sealSize)
    }

    /// At least `count` unread bytes in the window, loading more as needed.
    private mutating func require(_ count: Int) throws(Truncated) {
        guard filled - start < count else { return }
        if window.count < count { window += repeatElement(0, count: count - window.count) }
        window.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: $0.baseAddress! + start, byteCount: filled - start) }
        (filled, start) = (filled - start, 0)
        while filled < count {
            let read: Int
            do {
                read = try window.withUnsafeMutableBytes { buffer in
                    Result { () throws(ExtractError) in try next(UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])) }
                }.get()
            } catch {
                failure = error
                throw Truncated()
            }
            guard read > 0 else { throw Truncated() }
            let body = max(0, min(read, end - loaded))
            window.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[filled..<filled + body])) }
            (filled, loaded) = (filled + read, loaded + read)
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(Truncated) -> T {
        let size = MemoryLayout<T>.size
        guard end - offset >= size else { throw Truncated() }
        try require(size)
        let value = window.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }
        (start, offset) = (start + size, offset + size)
        return T(littleEndian: value)
    }

    /// A record count, checked against the bytes left so that a corrupt count cannot ask for
    /// more records than the file could hold.
    mutating func readCount(recordSize: Int) throws(Truncated) -> Int {
        let count = try read(UInt64.self)
        guard count <= UInt64((end - offset) / recordSize) else { throw Truncated() }
        return Int(count)
    }

    mutating func readData() throws(Truncated) -> [UInt8] {
        let count = try read(UInt64.self)
        guard count <= UInt64(end - offset) else { throw Truncated() }
        return try take(Int(count))
    }

    private mutating func take(_ count: Int) throws(Truncated) -> [UInt8] {
        try require(count)
        defer { (start, offset) = (start + count, offset + count) }
        return Array(window[start..<start + count])
    }

    /// True when the body, read to its end, matches the checksum after it, and nothing follows.
    mutating func seal(size sealSize: Int) throws(Truncated) -> Bool {
        while offset < end { _ = try take(min(end - offset, 1 << 20)) }
        let seal = try take(sealSize)
        guard filled == start else { return false }
        let more = try? window.withUnsafeMutableBytes { buffer in
            Result { () throws(ExtractError) in try next(buffer) }
        }.get()
        return more == 0 && hasher.finalize().bytes == seal
    }
}
