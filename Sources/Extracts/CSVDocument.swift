import CohortModel

/// A comma-separated file held as UTF-8 bytes, scanned row by row without materialising
/// strings until a field is asked for.
///
/// RFC 4180: fields may be quoted, quoted fields may hold commas, line breaks and doubled quotes;
/// lines end in LF or CRLF. The first non-blank line is the header.
public struct CSVDocument: Sendable {
    public let fileName: String
    public let encoding: TextEncoding
    public internal(set) var header: [String]
    /// Data rows, blank lines included, so that row numbers match what a spreadsheet shows (minus the header).
    public private(set) var rowCount = 0
    let bytes: [UInt8]
    let bodyStart: Int
    /// Where every `chunkRows`-th data row starts, so that chunks of rows can be parsed in parallel.
    private(set) var chunkStarts: [Int] = []

    /// Rows per chunk of parallel parsing: large enough to amortise a worker, small enough to balance.
    static let chunkRows = 4_096

    /// Fields longer than this are not identifiers or measures: the row is rejected.
    public static let maximumFieldLength = 65_536

    public init(fileName: String, bytes raw: [UInt8]) throws(ExtractError) {
        self.fileName = fileName
        guard raw.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw ExtractError(.empty, file: fileName, "the file is empty. Export the extract again, with its header row.")
        }
        guard !Self.looksBinary(raw) else {
            throw ExtractError(.binary, file: fileName,
                               "this is not a text CSV file (it holds binary data). Save it as 'CSV (comma delimited)' and try again.")
        }
        let (bytes, encoding) = decodeToUTF8(raw)
        self.bytes = bytes
        self.encoding = encoding

        var scanner = Scanner(bytes: bytes, fileName: fileName)
        var headerFields: [String] = []
        var fields = Fields()
        while headerFields.isEmpty, try scanner.nextRecord(into: &fields) {
            headerFields = fields.isBlankLine ? [] : bytes.withUnsafeBufferPointer(fields.strings)
        }
        header = headerFields.map { String($0.trimmingSpaces) }
        bodyStart = scanner.position
        if header.count == 1, let delimiter = [";", "\t", "|"].first(where: { header[0].contains($0) }) {
            let name = delimiter == "\t" ? "tab" : "'\(delimiter)'"
            throw ExtractError(.wrongDelimiter, file: fileName,
                               "the columns are separated by \(name), not commas. Export the file as comma-separated CSV.")
        }
        var count = 0
        while true {
            if count % Self.chunkRows == 0 { chunkStarts.append(scanner.position) }
            guard try scanner.skipRecord() else { break }
            count += 1
        }
        if chunkStarts.count > 1 && chunkStarts.last == bytes.count { chunkStarts.removeLast() }
        rowCount = count
    }

    /// Chunks of consecutive rows that can be read independently (and in parallel).
    public var chunkCount: Int { rowCount == 0 ? 0 : (rowCount + Self.chunkRows - 1) / Self.chunkRows }

    /// Calls `body` with each data row in order. Blank lines are skipped but keep their row number.
    public func forEachRow(_ body: (CSVRow) throws -> Void) throws {
        for chunk in 0..<chunkCount { try forEachRow(inChunk: chunk, body) }
    }

    /// Calls `body` with each data row of one chunk, in order. A row is valid only inside `body`.
    public func forEachRow(inChunk chunk: Int, _ body: (CSVRow) throws -> Void) throws {
        var scanner = Scanner(bytes: bytes, fileName: fileName)
        scanner.position = chunkStarts[chunk]
        var number = chunk * Self.chunkRows
        let end = min(rowCount, number + Self.chunkRows)
        var fields = Fields()
        // Rows see the bytes through a pointer: a row holding the array retained and released it,
        // an atomic count shared by every core, twice per row.
        try bytes.withUnsafeBufferPointer { bytes in
            while number < end, try scanner.nextRecord(into: &fields) {
                number += 1
                if fields.isBlankLine { continue }
                try body(CSVRow(number: number, fields: fields, bytes: bytes))
            }
        }
    }

    /// NUL bytes, or many control characters, mean this is not a text export.
    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(65_536)
        var controls = 0
        for byte in sample {
            if byte == 0 { return true }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { controls += 1 }
        }
        return controls * 100 > sample.count
    }
}

/// One data row: its number and its fields, decoded on demand. It borrows the document's bytes,
/// and is valid only inside the `forEachRow` call that gives it.
public struct CSVRow {
    /// 1-based data row number (header not counted).
    public let number: Int
    let fields: Fields
    let bytes: UnsafeBufferPointer<UInt8>

    public var fieldCount: Int { fields.count }

    /// The length of the longest field, to reject rows with absurd fields before reading them.
    public var longestField: Int {
        var longest = 0
        for i in 0..<fields.count where fields.range(i).count > longest { longest = fields.range(i).count }
        return longest
    }

    /// The field's text, spaces around it trimmed; empty when the column is past the row's end.
    public subscript(column: Int) -> String {
        guard column < fields.count else { return "" }
        return fields.string(at: column, in: bytes, trimmed: true)
    }

    public func isEmpty(_ column: Int) -> Bool { self[column].isEmpty }

    /// `body` of the field's trimmed bytes, for values parsed without making a String (numbers,
    /// dates, codes); nil when the column is past the row's end or the field must be unescaped.
    func withBytes<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard column < fields.count else { return nil }
        let range = fields.trimmedRange(at: column, in: bytes)
        guard !fields.needsUnescaping(column, range, in: bytes) else { return nil }
        return body(UnsafeBufferPointer(rebasing: bytes[range]))
    }
}

/// Field boundaries of one record, as byte ranges; quoted fields remember that they need unescaping.
/// The arrays are room for `count` fields or more, written in place by the scanner: appending each
/// field checked that the arrays were not shared, twenty times a row.
struct Fields {
    private var ranges: [Range<Int>] = []
    private var quoted: [Bool] = []
    private(set) var count = 0

    /// Fields the arrays have room for.
    var capacity: Int { ranges.count }

    func range(_ index: Int) -> Range<Int> { ranges[index] }

    /// A line with nothing on it: one empty field.
    var isBlankLine: Bool { count == 1 && ranges[0].isEmpty }

    /// Makes room for at least `fields` fields.
    mutating func reserve(_ fields: Int) {
        guard fields > capacity else { return }
        ranges = Array(repeating: 0..<0, count: fields)
        quoted = Array(repeating: false, count: fields)
    }

    /// `body` with the arrays to write fields into, which then holds the `count` it returns.
    mutating func write<E: Error>(_ body: (UnsafeMutableBufferPointer<Range<Int>>, UnsafeMutableBufferPointer<Bool>) throws(E) -> Int) throws(E) {
        count = try ranges.withUnsafeMutableBufferPointer { (ranges) throws(E) -> Int in
            try quoted.withUnsafeMutableBufferPointer { (quoted) throws(E) -> Int in try body(ranges, quoted) }
        }
    }

    /// The field's text; `trimmed` drops spaces, tabs and line breaks around it (on the bytes, so
    /// the common ASCII case never goes through Unicode character classification).
    func string(at index: Int, in bytes: UnsafeBufferPointer<UInt8>, trimmed: Bool = false) -> String {
        let range = trimmed ? trimmedRange(at: index, in: bytes) : ranges[index]
        guard needsUnescaping(index, range, in: bytes) else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        // A doubled quote inside a quoted field stands for one quote.
        var unescaped = [UInt8]()
        unescaped.reserveCapacity(range.count)
        var skipNext = false
        for byte in bytes[range] {
            if skipNext { skipNext = false; continue }
            unescaped.append(byte)
            if byte == UInt8(ascii: "\"") { skipNext = true }
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// The field's bytes without the spaces, tabs and line breaks around it.
    func trimmedRange(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var range = ranges[index]
        while let first = range.first, isSpace(bytes[first]) { range = range.dropFirst() }
        while let last = range.last, isSpace(bytes[last]) { range = range.dropLast() }
        return range
    }

    /// True when the field holds doubled quotes that stand for one.
    func needsUnescaping(_ index: Int, _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        quoted[index] && bytes[range].contains(UInt8(ascii: "\""))
    }

    func strings(in bytes: UnsafeBufferPointer<UInt8>) -> [String] { (0..<count).map { string(at: $0, in: bytes) } }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}

/// The RFC 4180 state machine.
struct Scanner {
    let bytes: [UInt8]
    let fileName: String
    var position = 0
    private var record = 0

    init(bytes: [UInt8], fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
    }

    /// Steps over the next record, or returns false at the end of the file (the row count's pass).
    /// A record without quotes, the usual kind, ends at the first line break, found eight bytes at a
    /// time; one with a quote goes through the state machine.
    mutating func skipRecord() throws(ExtractError) -> Bool {
        guard position < bytes.count else { return false }
        guard let end = Self.lineBreakBeforeAnyQuote(in: bytes, from: position) else { return try scanRecord { _, _ in } }
        record += 1
        position = end
        if position < bytes.count && bytes[position] == UInt8(ascii: "\r") { position += 1 }
        if position < bytes.count && bytes[position] == UInt8(ascii: "\n") { position += 1 }
        return true
    }

    /// Where the first CR or LF from `start` is (the end of the bytes when there is none), or nil
    /// when a double quote comes first.
    static func lineBreakBeforeAnyQuote(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            let n = b.count
            var i = start
            func has(_ byte: UInt8, in word: UInt64) -> UInt64 {
                let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
                return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            }
            let raw = UnsafeRawPointer(b.baseAddress)
            while i + 8 <= n {
                let word = raw!.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let found = has(UInt8(ascii: "\n"), in: word) | has(UInt8(ascii: "\r"), in: word) | has(UInt8(ascii: "\""), in: word)
                if found != 0 {
                    // The lowest flagged byte is exact (later ones may be false alarms).
                    i += found.trailingZeroBitCount / 8
                    return b[i] == UInt8(ascii: "\"") ? nil : i
                }
                i += 8
            }
            while i < n {
                if b[i] == UInt8(ascii: "\"") { return nil }
                if b[i] == UInt8(ascii: "\n") || b[i] == UInt8(ascii: "\r") { return i }
                i += 1
            }
            return n
        }
    }

    /// Reads the next record's fields into `fields` (its buffers re-used), or returns false at the end.
    /// A record with more fields than `fields` has room for is read again once there is room.
    mutating func nextRecord(into fields: inout Fields) throws(ExtractError) -> Bool {
        let (start, startRecord) = (position, record)
        while true {
            var found = 0, more = false
            try fields.write { (ranges, quoted) throws(ExtractError) -> Int in
                more = try scanRecord { range, isQuoted in
                    if found < ranges.count { (ranges[found], quoted[found]) = (range, isQuoted) }
                    found += 1
                }
                return min(found, ranges.count)
            }
            guard found > fields.capacity else { return more }
            fields.reserve(found)
            (position, record) = (start, startRecord)
        }
    }

    /// The state machine: hands each field's byte range (inside its quotes, if quoted) to `field`.
    @inline(__always)
    private mutating func scanRecord(_ field: (Range<Int>, Bool) -> Void) throws(ExtractError) -> Bool {
        guard position < bytes.count else { return false }
        record += 1
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let n = bytes.count
        let startRecord = record
        try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(ExtractError) in
            var i = position
            while true {
                if i < n && b[i] == quote {
                    // Quoted field: runs to the next quote not followed by another quote.
                    let start = i + 1
                    i = start
                    while true {
                        guard i < n else {
                            throw ExtractError(.unterminatedQuote, file: fileName, row: startRecord - 1,
                                               "a quoted field opened here never closes. Look for a stray double quote (\") in this row.")
                        }
                        if b[i] == quote {
                            if i + 1 < n && b[i + 1] == quote { i += 2; continue }
                            break
                        }
                        i += 1
                    }
                    field(start..<i, true)
                    i += 1
                    // Anything between the closing quote and the delimiter is kept out (lenient, as spreadsheets are).
                    while i < n && b[i] != comma && b[i] != lf && b[i] != cr { i += 1 }
                } else {
                    let start = i
                    while i < n && b[i] != comma && b[i] != lf && b[i] != cr { i += 1 }
                    field(start..<i, false)
                }
                if i < n && b[i] == comma { i += 1; continue }
                if i < n && b[i] == cr { i += 1 }
                if i < n && b[i] == lf { i += 1 }
                break
            }
            position = i
        }
        return true
    }
}
