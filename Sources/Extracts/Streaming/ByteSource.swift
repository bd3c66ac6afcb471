#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes read in order, a buffer at a time: what the streaming readers consume, so that a file
/// larger than memory can be read in constant space.
public protocol ByteSource {
    /// Copies up to `buffer.count` next bytes into `buffer`; returns how many, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int
}

extension ByteSource {
    /// Reads until `buffer` is full or the source ends; returns how many bytes it read.
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let read = try self.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if read == 0 { break }
            filled += read
        }
        return filled
    }
}

/// Bytes already in memory (tests, small files, and data a caller has read for other reasons).
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// A file read through its descriptor with `read(2)`: the one owner of the descriptor, which it
/// closes when it goes away.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let fileName: String

    /// Opens `path` for reading; `fileName` is what errors call it.
    public init(path: String, fileName: String) throws(ExtractError) {
        descriptor = open(path, O_RDONLY)
        self.fileName = fileName
        guard descriptor >= 0 else {
            throw ExtractError(.unreadable, file: fileName, "cannot open the file (\(String(cString: strerror(errno)))). Check the path and its permissions.")
        }
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        while true {
            let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ExtractError(.unreadable, file: fileName, "reading the file failed (\(String(cString: strerror(errno)))).")
        }
    }
}

/// `read(2)`, named apart from the method above that it serves.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
