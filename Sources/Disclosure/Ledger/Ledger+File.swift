import Foundation

extension Ledger {
    /// The ledger at `path`, or an empty one when the file does not exist yet (a first release).
    public static func read(from path: String) throws(DisclosureError) -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else { return Ledger() }
        let ledger: Ledger
        do {
            ledger = try JSONDecoder().decode(Ledger.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw DisclosureError(.invalidLedger, "The ledger \(path) cannot be read (\(error)); restore it from the last release's outputs.")
        }
        guard ledger.version == currentVersion else {
            throw DisclosureError(.invalidLedger, "The ledger \(path) is format version \(ledger.version) but this CohortLink reads version \(currentVersion).")
        }
        return ledger
    }

    /// Canonical JSON: sorted keys, so that the same releases give the same bytes.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }
}
