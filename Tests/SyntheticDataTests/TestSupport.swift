import Foundation
@testable import SyntheticData

/// A parsed CSV file: header and rows of fields (RFC 4180 quotes, LF or CR LF).
struct ParsedCSV {
    let header: [String]
    let rows: [[String]]

    init(_ bytes: [UInt8]) {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 { field.append(34); i += 1 } else { quoted = false }
                } else { field.append(b) }
            } else if b == 34 && field.isEmpty {
                quoted = true
            } else if b == 44 {
                row.append(String(decoding: field, as: UTF8.self)); field = []
            } else if b == 10 {
                row.append(String(decoding: field, as: UTF8.self)); field = []
                rows.append(row); row = []
            } else if b != 13 {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(String(decoding: field, as: UTF8.self)); rows.append(row) }
        header = rows.first ?? []
        self.rows = Array(rows.dropFirst())
    }

    func column(_ name: String) -> Int { header.firstIndex(of: name)! }
}

/// Generations shared by the tests (each is made once per test process).
enum Fixtures {
    static func config(pupils: Int = 5_000, seed: UInt64 = 7) -> SyntheticConfig {
        var config = SyntheticConfig()
        config.pupils = pupils
        config.seed = seed
        return config
    }

    static let small = SyntheticLA.generate(config())
    /// Large enough for rates to settle, still a fraction of a second.
    static let medium = SyntheticLA.generate(config(pupils: 20_000, seed: 11))
    static let smallEducation = ParsedCSV(small.educationCSV)
    static let smallSocialCare = ParsedCSV(small.socialCareCSV)
    static let mediumSocialCare = ParsedCSV(medium.socialCareCSV)
}
