import CryptoPrimitives
import Foundation

/// The secret shared by a project's data custodians. Every token and Bloom filter is keyed by
/// it, so pseudonyms cannot be recomputed, or linked across projects, without it.
///
/// The key is never printed, logged or written anywhere but its own file; outputs carry its
/// `id`, a short HMAC of a fixed label, which tells files made under different keys apart.
public struct ProjectKey: Sendable {
    let bytes: [UInt8]

    public static let minimumLength = 32

    public init(bytes: [UInt8]) throws(KeyError) {
        guard bytes.count >= Self.minimumLength else { throw KeyError(.tooShort, path: nil, length: bytes.count) }
        self.bytes = bytes
    }

    /// 32 bytes from OpenSSL's CSPRNG.
    public static func generate() throws -> ProjectKey {
        try ProjectKey(bytes: SecureRandom.bytes(minimumLength))
    }

    /// Reads a key file, refusing short keys and files that group or others can read.
    public static func load(from path: String) throws(KeyError) -> ProjectKey {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw KeyError(.unreadable, path: path)
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw KeyError(.tooOpen, path: path, mode: mode)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw KeyError(.unreadable, path: path) }
        do { return try ProjectKey(bytes: Array(data)) } catch { throw KeyError(.tooShort, path: path, length: data.count) }
    }

    /// Writes the key with mode 0600, refusing to overwrite an existing file.
    public func write(to path: String) throws(KeyError) {
        guard !FileManager.default.fileExists(atPath: path) else { throw KeyError(.exists, path: path) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let temporary = directory + "/.cohortlink-key-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw KeyError(.unwritable, path: path)
        }
        do { try FileManager.default.moveItem(atPath: temporary, toPath: path) } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw KeyError(.unwritable, path: path)
        }
    }

    /// A public identifier of the key: the first 8 bytes of HMAC(key, label), in hex.
    public var id: String {
        KeyedHMAC(key: bytes).mac(Array("CohortLink key id v1".utf8)).prefix(8).map { hexByte($0) }.joined()
    }
}

public struct KeyError: Error, CustomStringConvertible, Equatable {
    public enum Code: Sendable { case tooShort, tooOpen, unreadable, unwritable, exists }

    public let code: Code
    public let path: String?
    var length = 0
    var mode = 0

    init(_ code: Code, path: String?, length: Int = 0, mode: Int = 0) {
        self.code = code
        self.path = path
        self.length = length
        self.mode = mode
    }

    public var description: String {
        let file = path ?? "the key"
        switch code {
        case .tooShort:
            return "\(file): the key is \(length) bytes; a project key must be at least \(ProjectKey.minimumLength). Make one with `cohortlink keygen --out FILE`."
        case .tooOpen:
            return "\(file): the key file can be read by other users (mode \(String(mode & 0o777, radix: 8))). Run `chmod 600 \(file)` and try again."
        case .unreadable:
            return "\(file): cannot read the key file. Check the path, or make a key with `cohortlink keygen --out FILE`."
        case .unwritable:
            return "\(file): cannot write the key file there. Check that the folder exists and is writable."
        case .exists:
            return "\(file): a file is already there; keygen never overwrites a key. Choose another path, or remove the old key if it is truly no longer needed."
        }
    }
}
