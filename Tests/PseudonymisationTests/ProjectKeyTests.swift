import Foundation
@testable import Pseudonymisation
import Testing

@Suite struct ProjectKeyTests {
    private func temporaryPath() -> String {
        NSTemporaryDirectory() + "cohortlink-key-test-\(UUID().uuidString)"
    }

    @Test func generatedKeyIsWrittenPrivateAndLoadsBack() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let key = try ProjectKey.generate()
        try key.write(to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 32)
        #expect(try ProjectKey.load(from: path).id == key.id)
    }

    @Test func refusesToOverwrite() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ProjectKey.generate().write(to: path)
        #expect(throws: KeyError.self) { try ProjectKey.generate().write(to: path) }
    }

    @Test func refusesShortKeys() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 1, count: 16), attributes: [.posixPermissions: 0o600]))
        do {
            _ = try ProjectKey.load(from: path)
            Issue.record("a 16-byte key was accepted")
        } catch {
            #expect(error.code == .tooShort && error.description.contains("16 bytes"))
        }
    }

    @Test func refusesKeysOthersCanRead() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 1, count: 32), attributes: [.posixPermissions: 0o644]))
        do {
            _ = try ProjectKey.load(from: path)
            Issue.record("a world-readable key was accepted")
        } catch {
            #expect(error.code == .tooOpen && error.description.contains("chmod 600"))
        }
    }

    @Test func keyNeverAppearsInItsDescriptionOrErrors() throws {
        let key = try ProjectKey(bytes: Array(repeating: 0xAB, count: 32))
        #expect(!String(describing: key).lowercased().contains("abab"))
        #expect(!key.id.contains("abab"))
    }
}
