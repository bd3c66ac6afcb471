import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written whole or not at all, in as many pieces as the writer likes: they go to a
/// temporary file beside the target, flushed and renamed over it once complete (rename is atomic
/// within a file system, so a reader sees the old file or the new one). Until `commit`, dropping the
/// writer or any failure removes the temporary file and leaves the target untouched. Written with
/// POSIX calls, so a gigabyte is never gathered in memory or copied into `Data`.
public struct AtomicFileWriter: ~Copyable {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        let operation: String
        let code: Int32
        public var description: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))." }
    }

    private let path: String
    private let temporary: String
    private let descriptor: Int32
    private var committed = false

    public init(_ url: URL) throws(WriteError) {
        path = url.path
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)").path
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, operation: "write", code: errno) }
    }

    deinit {
        if !committed {
            close(descriptor)
            unlink(temporary)
        }
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(WriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, operation: "write", code: errno)
            }
            offset += written
        }
    }

    public mutating func write(_ bytes: some ContiguousBytes) throws(WriteError) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(WriteError) in try write(buffer) } }.get()
    }

    /// Flushes the file to disk and puts it in place.
    public consuming func commit() throws(WriteError) {
        let flushed = fsync(descriptor) == 0 ? nil : errno
        close(descriptor)
        committed = true
        if let flushed {
            unlink(temporary)
            throw WriteError(path: path, operation: "flush", code: flushed)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, operation: "put in place", code: code)
        }
    }

    /// Writes `bytes` as the whole file.
    public static func write(_ bytes: [UInt8], to url: URL) throws(WriteError) {
        var file = try AtomicFileWriter(url)
        try file.write(bytes)
        try file.commit()
    }
}
