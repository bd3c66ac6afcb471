import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file all at once or not at all: bytes go to a temporary file in the same directory,
/// which is flushed and then renamed over the target (rename is atomic within a file system).
/// Written with POSIX calls so a multi-gigabyte buffer is never copied into `Data`.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let operation: String
        let code: Int32
        var description: String { "could not \(operation) \(path): \(String(cString: strerror(code)))" }
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        let path = url.path
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: temporary, operation: "create", code: errno) }
        var failure: WriteError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = WriteError(path: temporary, operation: "write", code: errno)
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = WriteError(path: temporary, operation: "flush", code: errno) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw failure
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, operation: "rename into", code: code)
        }
    }
}
