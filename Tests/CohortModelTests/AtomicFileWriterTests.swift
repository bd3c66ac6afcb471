import CohortModel
import Foundation
import Testing

@Suite struct AtomicFileWriterTests {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("atomic-\(UUID().uuidString)")

    /// Pieces arrive in order; the target appears only at commit, and replaces an older file whole.
    @Test func aFileAppearsWholeAtCommit() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out.bin")
        try AtomicFileWriter.write(Array("old".utf8), to: target)
        var file = try AtomicFileWriter(target)
        for piece in 0..<3 { try file.write([UInt8](repeating: UInt8(piece), count: 100_000)) }
        #expect(try Data(contentsOf: target) == Data("old".utf8), "the old file stays until commit")
        try file.commit()
        let written = try Data(contentsOf: target)
        #expect(written.count == 300_000 && written.first == 0 && written.last == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.bin"])
    }

    /// A writer dropped before commit (an error part-way) leaves neither a partial file nor the target.
    @Test func anUncommittedFileLeavesNothing() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            var file = try AtomicFileWriter(folder.appendingPathComponent("out.bin"))
            try file.write([1, 2, 3])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aMissingFolderIsNamedInTheError() {
        let target = folder.appendingPathComponent("missing/out.bin")
        #expect { try AtomicFileWriter.write([1], to: target) } throws: { error in
            "\(error)".contains(target.path) && "\(error)".hasPrefix("cannot write")
        }
    }
}
