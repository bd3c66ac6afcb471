import Extracts
import Foundation

/// An input file read whole, with its checksum for the manifest.
struct InputFile {
    let path: String
    let bytes: [UInt8]

    init(path: String) throws(ExtractError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ExtractError(.unreadable, file: path, "no such file. Check the path.")
        }
        guard !isDirectory.boolValue else { throw ExtractError(.unreadable, file: path, "this is a folder; give the path of a CSV file.") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExtractError(.unreadable, file: path, "cannot read the file. Check its permissions.")
        }
        bytes = Array(data)
    }

    init(name: String, bytes: [UInt8]) {
        path = name
        self.bytes = bytes
    }

    var name: String { URL(fileURLWithPath: path).lastPathComponent }

    func document() throws(ExtractError) -> CSVDocument { try CSVDocument(fileName: name, bytes: bytes) }
}
