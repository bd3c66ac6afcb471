import Extracts
import Foundation

/// The shared sample files (../shared/samples beside the repository), read where they are: they
/// are public test data from other projects and are not copied into this one.
enum Samples {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/samples").standardized

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    static func csv(_ path: String) throws -> CSVDocument {
        try CSVDocument(fileName: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes(path))
    }

    static func cinCensus(_ path: String) throws -> CINCensusFile {
        try CINCensus.read(MemoryByteSource(bytes(path)), fileName: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// Every sample file, so a test can check that each one is read somewhere.
    static var all: [String] {
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return files.filter { !$0.hasSuffix(".md") && $0.contains(".") }.sorted()
    }
}
