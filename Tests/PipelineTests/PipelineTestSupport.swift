import Foundation
import Pipeline
import Pseudonymisation
import SyntheticData

/// A generated LA (or England) written to a scratch folder, with a fixed key, for end-to-end tests.
struct GeneratedLA {
    let folder: URL
    let key: ProjectKey

    init(seed: UInt64, pupils: Int = 4_000, years: Int = 2, coverage: SyntheticConfig.Coverage = .localAuthority,
         socialCareChildren: Int? = nil) throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cohortlink-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var config = SyntheticConfig()
        config.seed = seed
        config.pupils = pupils
        config.years = years
        config.coverage = coverage
        config.socialCareChildren = socialCareChildren
        try SyntheticLA.generate(config).write(to: folder)
        key = try ProjectKey(bytes: (0..<32).map { UInt8($0) &* 13 })
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func request(output: String = "release", socialCare: String? = nil, inputs: ExtractInputs? = nil, schools: String? = nil,
                 links: Bool = false, options: AnalysisOptions = AnalysisOptions()) -> RunRequest {
        RunRequest(inputs: inputs ?? ExtractInputs(socialCare: [socialCare ?? path("social_care.csv")], education: path("education.csv")),
                   schools: schools ?? path("schools.csv"), key: key, output: folder.appendingPathComponent(output),
                   links: links ? folder.appendingPathComponent("links.csv") : nil, options: options)
    }

    /// Every file below a folder, as text.
    func texts(in name: String) throws -> [String: String] {
        let root = folder.appendingPathComponent(name)
        var result: [String: String] = [:]
        for file in try FileManager.default.subpathsOfDirectory(atPath: root.path) {
            var isDirectory: ObjCBool = false
            let url = root.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[file] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            }
        }
        return result
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Rows of a CSV file as dictionaries (simple files without quoted commas in the fields used).
func csvRows(_ text: String) -> [[String: String]] {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}
