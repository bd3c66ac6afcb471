import CohortModel
import CryptoPrimitives
import Extracts
import Foundation
import Pseudonymisation

/// An input file read whole, with its checksum for the manifest.
struct InputFile {
    let path: String
    let bytes: [UInt8]
    private var knownSHA256: String?
    private var readDocument: Result<CSVDocument, ExtractError>?

    init(path: String) throws(ExtractError) {
        try Self.checkExists(path)
        try self.init(path: path, reading: FileByteSource(path: path, fileName: Self.name(of: path)))
    }

    /// The file at `path`, read from `file` straight into the array, in the file's size: through
    /// `Data`, England's gigabyte of pupils was copied once more.
    init(path: String, reading file: some ByteSource) throws(ExtractError) {
        self.path = path
        var file = file
        var failure: ExtractError?
        var bytes = [UInt8](unsafeUninitializedCapacity: InputFile.size(of: path)) { buffer, filled in
            do throws(ExtractError) { filled = try file.fill(UnsafeMutableRawBufferPointer(buffer)) } catch { failure = error }
        }
        if let failure { throw failure }
        // A pipe, which has no size to go by, or a file that grew since its size was taken, is read
        // to its end.
        var chunk = [UInt8](repeating: 0, count: 65_536), read = chunk.count
        while read == chunk.count {
            read = try chunk.withUnsafeMutableBytes { buffer in Result { () throws(ExtractError) in try file.fill(buffer) } }.get()
            bytes += chunk.prefix(read)
        }
        self.bytes = bytes
    }

    init(name: String, bytes: [UInt8]) {
        path = name
        self.bytes = bytes
    }

    var name: String { Self.name(of: path) }

    func document() throws(ExtractError) -> CSVDocument {
        try (readDocument ?? Result { () throws(ExtractError) in try CSVDocument(fileName: name, bytes: bytes) }).get()
    }

    /// The file's SHA-256, as the manifest records it.
    var sha256: String { knownSHA256 ?? SHA256Digest.of(bytes).hex }

    /// The same file with its SHA-256 and its reading as a CSV document (text checked, rows found)
    /// worked out now, on a core that would otherwise wait, rather than when they are needed.
    func readAhead() -> InputFile {
        var file = self
        file.knownSHA256 = sha256
        file.readDocument = Result { () throws(ExtractError) in try document() }
        return file
    }

    static func name(of path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    /// The size of the regular file at `path` (links followed) in bytes; 0 for anything else, a
    /// pipe such as `<(unzip -p …)` included, which has no size to go by.
    static func size(of path: String) -> Int {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return 0 }
        return Int(status.st_size)
    }

    static func checkExists(_ path: String) throws(ExtractError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ExtractError(.unreadable, file: path, "no such file. Check the path.")
        }
        guard !isDirectory.boolValue else { throw ExtractError(.unreadable, file: path, "this is a folder; give the path of a file.") }
    }

}

/// A file opened once, its first bytes read to tell what it is and then handed back before the
/// rest: a pipe (`<(unzip -p …)`) cannot be opened a second time, and opened again its first
/// bytes would be lost.
struct SniffedFile: ByteSource {
    /// The first bytes, up to 4 KB (fewer in a shorter file).
    let head: [UInt8]
    private var replayed = 0
    private let file: FileByteSource

    init(path: String) throws(ExtractError) {
        try InputFile.checkExists(path)
        var file = try FileByteSource(path: path, fileName: InputFile.name(of: path))
        var bytes = [UInt8](repeating: 0, count: 4_096)
        let filled = try bytes.withUnsafeMutableBytes { buffer in Result { () throws(ExtractError) in try file.fill(buffer) } }.get()
        (self.file, head) = (file, Array(bytes.prefix(filled)))
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        guard replayed < head.count else { return try file.read(into: buffer) }
        let count = min(buffer.count, head.count - replayed)
        head.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + replayed, byteCount: count) }
        replayed += count
        return count
    }
}

/// A file streamed through a reader and checksummed on the way, so a national CIN census return
/// is read once, in constant memory, and still gets its SHA-256 in the manifest. The bytes read
/// are counted in `progress`.
final class HashingFileSource: ByteSource {
    private var file: SniffedFile
    private let progress: StageProgress?
    private var hasher = SHA256Digest.Hasher()

    init(_ file: SniffedFile, progress: StageProgress?) {
        self.file = file
        self.progress = progress
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        let count = try file.read(into: buffer)
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer.prefix(count)))
        progress?.advance(by: count)
        return count
    }

    /// The checksum of everything read so far (the whole file, once the reader has finished).
    func sha256() -> String {
        var copy = hasher
        return copy.finalize().hex
    }
}

extension SourceFile {
    /// A file's entry in the manifest: the counts of its own rows skipped and values ignored.
    init(role: String, file: String, sha256: String, encoding: TextEncoding, rows: Int, rejects: [RejectedRow]) {
        let own = rejects.filter { $0.file == file }
        let skipped = own.filter { $0.action == .rowSkipped }.count
        self.init(role: role, file: file, sha256: sha256, encoding: encoding.rawValue, rows: rows,
                  rowsSkipped: skipped, valuesIgnored: own.count - skipped)
    }
}
