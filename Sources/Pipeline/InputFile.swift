import CohortModel
import CryptoPrimitives
import Extracts
import Foundation
import Pseudonymisation

/// An input file read whole, with its checksum for the manifest.
struct InputFile {
    let path: String
    let bytes: [UInt8]

    /// Read straight into the array, in the file's size: through `Data`, England's gigabyte of pupils
    /// was copied once more.
    init(path: String) throws(ExtractError) {
        try Self.checkExists(path)
        self.path = path
        let file = try FileByteSource(path: path, fileName: Self.name(of: path))
        var failure: ExtractError?
        var bytes = [UInt8](unsafeUninitializedCapacity: InputFile.size(of: path)) { buffer, filled in
            do throws(ExtractError) {
                while filled < buffer.count {
                    let read = try file.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])))
                    if read == 0 { break }
                    filled += read
                }
            } catch { failure = error }
        }
        // A file that grew since its size was taken is read to its end.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while failure == nil {
            let read = chunk.withUnsafeMutableBytes { buffer in Result { () throws(ExtractError) in try file.read(into: buffer) } }
            switch read {
            case .success(0): break
            case .success(let count): bytes.append(contentsOf: chunk.prefix(count)); continue
            case .failure(let error): failure = error
            }
            break
        }
        if let failure { throw failure }
        self.bytes = bytes
    }

    init(name: String, bytes: [UInt8]) {
        path = name
        self.bytes = bytes
    }

    var name: String { Self.name(of: path) }

    func document() throws(ExtractError) -> CSVDocument { try CSVDocument(fileName: name, bytes: bytes) }

    /// The file's SHA-256, as the manifest records it.
    var sha256: String { SHA256Digest.of(bytes).hex }

    static func name(of path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    /// The size of the file at `path` in bytes, 0 when it cannot be told (a pipe).
    static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func checkExists(_ path: String) throws(ExtractError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ExtractError(.unreadable, file: path, "no such file. Check the path.")
        }
        guard !isDirectory.boolValue else { throw ExtractError(.unreadable, file: path, "this is a folder; give the path of a file.") }
    }

    /// True when the file starts like XML (a CIN census return) rather than CSV: decided on its
    /// first bytes, without reading the rest.
    static func looksLikeXML(_ path: String) throws(ExtractError) -> Bool {
        try checkExists(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ExtractError(.unreadable, file: path, "cannot read the file. Check its permissions.")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4_096)) ?? Data()
        return CINCensus.looksLikeXML(Array(head))
    }
}

/// A file streamed through a reader and checksummed on the way, so a national CIN census return
/// is read once, in constant memory, and still gets its SHA-256 in the manifest. The bytes read
/// are counted in `progress`.
final class HashingFileSource: ByteSource {
    private let file: FileByteSource
    private let progress: StageProgress?
    private var hasher = SHA256Digest.Hasher()

    init(path: String, progress: StageProgress? = nil) throws(ExtractError) {
        try InputFile.checkExists(path)
        file = try FileByteSource(path: path, fileName: InputFile.name(of: path))
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
