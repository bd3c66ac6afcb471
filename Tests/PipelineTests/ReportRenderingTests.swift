import CohortModel
import Disclosure
import Extracts
import Foundation
import Measures
import Pipeline
@testable import Publishing
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `report.html` as a person meets it: rendered by a real browser, and read for its numbers.
@Suite struct ReportRenderingTests {
    /// Renders the report in headless Chromium and looks at the result. The page has no script, so
    /// any console message at all is a fault (a resource its Content-Security-Policy blocked, or
    /// one that failed to load). Blank is judged from the pixels: the PNG is decoded and must show
    /// every group's chart colour, which only drawn charts can produce.
    @Test func chromiumRendersTheReportWithChartsAndNoConsoleMessages() throws {
        let chromium = try #require(Chromium.executable, """
            Chromium is needed to check the report as a person sees it. Install Debian's package \
            (apt-get install chromium; .ci/run does) or set CHROMIUM to its path.
            """)
        let release = try ReportFixture.shared.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cohortlink-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try Data(release.files["report.html"]!.utf8).write(to: page)

        let shot = try Chromium.screenshot(of: page, in: folder, executable: chromium)
        #expect(shot.consoleMessages.isEmpty, "console: \(shot.consoleMessages)")
        let image = try PNGImage(shot.png)
        #expect(image.width == 1280 && image.height == 2000)
        let colours = image.colourCounts()
        #expect(colours.count > 50, "only \(colours.count) colours: the page looks blank")
        let white = colours[0xFFFFFF] ?? 0
        #expect(Double(white) < 0.9 * Double(image.width * image.height), "the page is almost all white")
        for group in SocialCareGroup.allCases {
            let rgb = UInt32(group.colour.dropFirst(), radix: 16)!
            #expect((colours[rgb] ?? 0) > 200, "no \(group.label) bars in the first screen (\(group.colour))")
        }
    }

    /// The report can never show more than the tables: every number in its text (what is read and
    /// what a screen reader says) is a published value of `cohort_measures.csv` or
    /// `linkage_quality.csv`, or a gap worked out from two of them. The only other numbers allowed
    /// are facts of the release that the manifest and the tables' own text carry (years, reference
    /// dates, school names, URNs, the key id, the tool's version, the suppression threshold) and
    /// the digits in the names of national measures (`Attainment 8`, `key stage 4`).
    @Test func everyNumberInTheReportIsInThePublishedTables() throws {
        let release = try ReportFixture.shared.get()
        let html = release.files["report.html"]!
        let allowed = try AllowedNumbers(release)
        let numbers = ReportText.numbers(in: html, removing: allowed.phrases)
        #expect(numbers.count > 500, "the scan found only \(numbers.count) numbers; is it reading the report?")
        let unpublished = numbers.filter { !allowed.values.contains($0) }
        #expect(unpublished.isEmpty, "numbers in the report that are not in the tables: \(Set(unpublished).sorted())")
        // The scan must catch an unrounded figure, or passing proves nothing.
        let planted = html.replacingOccurrences(of: "</main>", with: "<p>Persistent absence: 51.23%</p></main>")
        #expect(ReportText.numbers(in: planted, removing: allowed.phrases).contains { !allowed.values.contains($0) })
    }

    @Test func theReportShowsEveryGroupMeasureBreakdownTrendAndSchool() throws {
        let release = try ReportFixture.shared.get()
        let html = release.files["report.html"]!
        let measures = try csvRecords(release.files["cohort_measures.csv"]!)
        let years = Set(measures.compactMap { $0["time_period"].flatMap(AcademicYear.init(parsing:)) }).sorted()
        let schools = Set(measures.filter { $0["geographic_level"] == "School" }.map { $0["school_urn"]! })
        #expect(years.count == 2 && schools.count > 5)
        let expected = SocialCareGroup.allCases.map { ">\($0.label)<" }
            + Indicator.allCases.flatMap { ["id=\"bar-\($0.column)\"", "id=\"trend-\($0.column)\""] }
            + BreakdownTopic.allCases.filter { $0 != .total }.map { "<h3>\($0.rawValue)</h3>" }
            + schools.map { "<td class=\"num\">\($0)</td>" }
            + ["<h2 id=\"trends-heading\">Trends, \(years[0]) to \(years[1])</h2>"]
        let missing = expected.filter { !html.contains($0) }
        #expect(missing.isEmpty, "not in the report: \(missing)")
        #expect(!html.contains("<script"))
    }
}

/// One pipeline run on a generated LA with every breakdown and school-level rows switched on, as
/// the release will be once secondary suppression lands; shared by the tests above.
struct ReportFixture: Sendable {
    let files: [String: String]

    static let shared = Result { try ReportFixture() }

    private init() throws {
        let la = try GeneratedLA(seed: 57, pupils: 6_000, years: 2)
        defer { la.remove() }
        let options = AnalysisOptions(measures: MeasureOptions(topics: BreakdownTopic.allCases, schoolLevel: true))
        _ = try Pipeline.run(la.request(options: options))
        files = try la.texts(in: "release")
    }
}

/// Headless Chromium, run as a person's browser would be, but writing a screenshot.
enum Chromium {
    /// `$CHROMIUM`, else `chromium` (Debian's package) or `chromium-browser` on the PATH.
    static var executable: String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CHROMIUM"] { return FileManager.default.isExecutableFile(atPath: path) ? path : nil }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        for folder in folders {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    struct Screenshot {
        var png: [UInt8]
        /// Lines Chromium logged from the page's console.
        var consoleMessages: [String]
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Loads `page` in a 1280 × 2000 window and returns the screenshot and the console's messages.
    /// A fresh profile in `folder` keeps parallel runs apart.
    static func screenshot(of page: URL, in folder: URL, executable: String) throws -> Screenshot {
        let png = folder.appendingPathComponent("screenshot.png"), log = folder.appendingPathComponent("chromium.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw Failure(description: "cannot create \(log.path)")
        }
        let logHandle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--enable-logging=stderr", "--v=0",
            "--screenshot=\(png.path)", "--window-size=1280,2000", page.absoluteString,
        ]
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            throw Failure(description: "Chromium took more than two minutes to render the report")
        }
        try logHandle.close()
        let output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        guard process.terminationStatus == 0, let image = FileManager.default.contents(atPath: png.path) else {
            throw Failure(description: "Chromium exited with status \(process.terminationStatus) and no screenshot: \(output.suffix(2_000))")
        }
        let console = output.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }.map(String.init)
        return Screenshot(png: Array(image), consoleMessages: console)
    }
}

/// Just enough of PNG to count a screenshot's colours: 8-bit RGB or RGBA, not interlaced (what
/// Chromium writes). Foundation has no PNG decoder; the compressed pixels are inflated by the
/// system's zlib (a dependency of Chromium itself), loaded at run time so the package needs no
/// new system-library target.
struct PNGImage {
    let width: Int
    let height: Int
    private let channels: Int
    /// Unfiltered rows, `channels` bytes a pixel.
    private let pixels: [UInt8]

    struct Malformed: Error, CustomStringConvertible { let description: String }

    init(_ bytes: [UInt8]) throws {
        guard bytes.starts(with: [137, 80, 78, 71, 13, 10, 26, 10]) else { throw Malformed(description: "not a PNG file") }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8, compressed: [UInt8] = []
        var header: (width: Int, height: Int, depth: UInt8, colour: UInt8, interlace: UInt8)?
        while offset + 8 <= bytes.count {
            let length = be32(offset), type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self), data = offset + 8
            guard data + length <= bytes.count else { throw Malformed(description: "truncated \(type) chunk") }
            if type == "IHDR" { header = (be32(data), be32(data + 4), bytes[data + 8], bytes[data + 9], bytes[data + 12]) }
            if type == "IDAT" { compressed += bytes[data..<data + length] }
            if type == "IEND" { break }
            offset = data + length + 4
        }
        guard let header, header.depth == 8, header.colour == 2 || header.colour == 6, header.interlace == 0 else {
            throw Malformed(description: "not an 8-bit, non-interlaced RGB(A) PNG")
        }
        width = header.width
        height = header.height
        channels = header.colour == 6 ? 4 : 3
        let stride = width * channels
        let filtered = try Zlib.uncompress(compressed, size: height * (stride + 1))
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = filtered[row * (stride + 1)], source = row * (stride + 1) + 1, target = row * stride
            for i in 0..<stride {
                let a = i >= channels ? Int(pixels[target + i - channels]) : 0
                let b = row > 0 ? Int(pixels[target - stride + i]) : 0
                let c = row > 0 && i >= channels ? Int(pixels[target - stride + i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Malformed(description: "unknown filter \(filter) on row \(row)")
                }
                pixels[target + i] = UInt8(truncatingIfNeeded: Int(filtered[source + i]) + predictor)
            }
        }
        self.pixels = pixels
    }

    /// How many pixels have each colour, as 0xRRGGBB (alpha ignored).
    func colourCounts() -> [UInt32: Int] {
        var counts: [UInt32: Int] = [:]
        for start in stride(from: 0, to: pixels.count, by: channels) {
            counts[UInt32(pixels[start]) << 16 | UInt32(pixels[start + 1]) << 8 | UInt32(pixels[start + 2]), default: 0] += 1
        }
        return counts
    }
}

/// zlib's one-shot `uncompress`, from the system library.
enum Zlib {
    private typealias Uncompress = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt) -> Int32

    static func uncompress(_ input: [UInt8], size: Int) throws -> [UInt8] {
        guard let library = dlopen("libz.so.1", RTLD_NOW), let symbol = dlsym(library, "uncompress") else {
            throw PNGImage.Malformed(description: "cannot load zlib (libz.so.1)")
        }
        defer { dlclose(library) }
        let function = unsafeBitCast(symbol, to: Uncompress.self)
        var output = [UInt8](repeating: 0, count: size)
        var length = UInt(size)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in function(target.baseAddress, &length, source.baseAddress, UInt(source.count)) }
        }
        guard status == 0, length == UInt(size) else { throw PNGImage.Malformed(description: "zlib status \(status), \(length) of \(size) bytes") }
        return output
    }
}

/// What a person reads or hears in an HTML page, and the numbers in it.
enum ReportText {
    /// Text nodes (style sheet dropped, entities decoded) and the `aria-label` and `title`
    /// attributes a screen reader or a tooltip gives.
    static func readable(_ html: String) -> String {
        let withoutStyle = html.replacing(/<style>[\s\S]*?<\/style>/, with: " ")
        let attributes = withoutStyle.matches(of: /(?:aria-label|title)="([^"]*)"/).map { String($0.output.1) }
        let text = withoutStyle.replacing(/<[^>]*>/, with: " ") + " " + attributes.joined(separator: " ")
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every number in the readable text once `phrases` (names and codes that contain digits) are
    /// taken out, thousands separators removed: `1,206` → `1206`, `3.1×` → `3.1`.
    static func numbers(in html: String, removing phrases: [String]) -> [String] {
        var text = readable(html)
        for phrase in phrases.sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: phrase, with: " ", options: .caseInsensitive)
        }
        return text.matches(of: /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/).map { $0.output.replacingOccurrences(of: ",", with: "") }
    }
}

/// The numbers the report may show, from the release's own files.
struct AllowedNumbers {
    /// Published values, gaps worked out from them, and facts of the release.
    var values: Set<String> = []
    /// Text of the tables (names, categories, codes, labels) and of the manifest that contains digits.
    var phrases: [String] = []

    init(_ release: ReportFixture) throws {
        let measures = try csvRecords(release.files["cohort_measures.csv"]!)
        let quality = try csvRecords(release.files["linkage_quality.csv"]!)
        let meta = try csvRecords(release.files["cohort_measures.meta.csv"]!)
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(release.files["manifest.json"]!.utf8))
        let indicators = Set(Indicator.allCases.map(\.column)), qualityValues: Set = ["social_care_children", "linked_children", "linked_percent"]

        for row in measures { for (column, value) in row where indicators.contains(column) { values.insert(value) } }
        for row in quality { for (column, value) in row where qualityValues.contains(column) { values.insert(value) } }
        values.formUnion(Self.gaps(measures, indicators: indicators))
        // Release facts: academic years and reference dates (as `2023/24` and `31 March 2024`) and
        // the suppression threshold (`a count of 1 to 5`).
        for year in manifest.academicYears { values.formUnion(year.split(separator: "/").map(String.init)) }
        for date in manifest.referenceDates { values.formUnion(date.split(separator: "-").map { String(Int($0)!) }) }
        values.formUnion(["1", String(manifest.disclosure.minCount - 1), String(manifest.disclosure.minCount)])

        let text = measures.flatMap { $0.filter { !indicators.contains($0.key) }.values }
            + quality.flatMap { $0.filter { !qualityValues.contains($0.key) }.values }
            + meta.map { $0["label"]! } + [manifest.keyID, manifest.version]
            + ["Attainment 8", "key stage 4", "grade 5", "per 100"]
        phrases = Set(text.filter { $0.contains(where: \.isNumber) }).sorted()
    }

    /// Every ratio and difference between a group's published figure and the figure for pupils
    /// with no social worker in the same row of the tables, as the report would write them.
    private static func gaps(_ rows: [[String: String]], indicators: Set<String>) -> Set<String> {
        func key(_ row: [String: String]) -> [String] {
            row.filter { $0.key != "social_care_group" && !indicators.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
        }
        let comparison = Dictionary(rows.filter { $0["social_care_group"] == "No social worker" }.map { (key($0), $0) },
                                    uniquingKeysWith: { first, _ in first })
        var gaps: Set<String> = []
        for row in rows {
            guard let other = comparison[key(row)] else { continue }
            for column in indicators {
                guard let a = row[column].flatMap(Double.init), let b = other[column].flatMap(Double.init) else { continue }
                gaps.insert(formatDecimal(abs(a - b), places: 1))
                if b > 0 { gaps.insert(formatDecimal(a / b, places: 1)) }
            }
        }
        return gaps
    }
}

/// A release file's rows by column name, read by the project's own RFC 4180 reader (school names
/// may hold commas and quotes).
func csvRecords(_ text: String) throws -> [[String: String]] {
    let document = try CSVDocument(fileName: "release", bytes: Array(text.utf8))
    var rows: [[String: String]] = []
    try document.forEachRow { row in rows.append(Dictionary(uniqueKeysWithValues: document.header.enumerated().map { ($1, row[$0]) })) }
    return rows
}
