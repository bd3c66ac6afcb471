import Foundation

/// Writes a run's outputs all-or-nothing: files go into a hidden sibling folder, which replaces
/// the output folder only once every file is complete. A failed run leaves the old outputs (or
/// nothing) in place, never half a release.
public struct OutputDirectory {
    public let url: URL
    private let staging: URL
    private var written: [String] = []

    /// The name of the file that marks a folder as CohortLink's own, safe to replace.
    public static let marker = "manifest.json"

    public init(_ url: URL) throws {
        self.url = url.standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: self.url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputError("\(self.url.path) is a file, not a folder. Choose a folder for --out.")
            }
            let contents = try manager.contentsOfDirectory(atPath: self.url.path)
            guard contents.isEmpty || contents.contains(Self.marker) else {
                throw OutputError("\(self.url.path) already holds files that CohortLink did not write. Choose a new or empty folder for --out.")
            }
        }
        let parent = self.url.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError("cannot create the folder \(parent.path): check the path and permissions.")
        }
        staging = parent.appendingPathComponent(".\(self.url.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError("cannot write in \(parent.path): check that it exists and is writable.")
        }
    }

    /// Stages one file (a relative path, folders created as needed).
    public mutating func write(_ bytes: [UInt8], to name: String) throws {
        let target = staging.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try Data(bytes).write(to: target)
        } catch {
            throw OutputError("cannot write \(name) in \(url.path): \(error.localizedDescription)")
        }
        written.append(name)
    }

    public var fileNames: [String] { written }

    /// Puts the staged folder in place of the output folder.
    public func commit() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: url.path) {
            let old = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).old-\(UUID().uuidString)")
            try manager.moveItem(at: url, to: old)
            do { try manager.moveItem(at: staging, to: url) } catch {
                try? manager.moveItem(at: old, to: url)
                throw OutputError("cannot replace \(url.path): \(error.localizedDescription)")
            }
            try? manager.removeItem(at: old)
        } else {
            try manager.moveItem(at: staging, to: url)
        }
    }

    /// Removes the staged files (after a failure).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

public struct OutputError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
