import CohortModel

/// A data row seen through a file's column map: typed access by column name, and the
/// rejections a reader decides on, which never carry the value itself.
///
/// Readers ask for the same columns in the same order on every row, so a chunk's rows share one
/// `MappedRow` that remembers the columns asked for so far: the k-th name asked on a row is
/// first compared with the k-th of the row before (the same literal compares in one step)
/// before the column map hashes it.
public struct MappedRow {
    private(set) var row: CSVRow
    let columns: ColumnMap
    let fileName: String
    var ignored: [RejectedRow] = []
    private var asked: [(name: String, index: Int?)] = []
    private var step = 0

    /// Rows of a file with these columns; `move(to:)` gives the first.
    init(columns: ColumnMap, fileName: String) {
        row = CSVRow(number: 0, fields: Fields(), bytes: UnsafeBufferPointer(start: nil, count: 0))
        self.columns = columns
        self.fileName = fileName
    }

    /// The next row, read through the same columns.
    mutating func move(to next: CSVRow) {
        row = next
        // Most rows have nothing ignored: emptying an empty array still checked and retained it.
        if !ignored.isEmpty { ignored.removeAll(keepingCapacity: true) }
        step = 0
    }

    /// Lets the row go once it is read, so that the scanner's field buffers are its own again and
    /// are refilled in place for the next row rather than copied.
    mutating func release() {
        row = CSVRow(number: row.number, fields: Fields(), bytes: UnsafeBufferPointer(start: nil, count: 0))
    }

    public var number: Int { row.number }

    /// The column's position in the row, or nil when the file has no such column. Inlined, as it is
    /// asked of every field of every row: the call was 8% of reading the education extract.
    @inline(__always) private mutating func index(of column: String) -> Int? {
        let step = self.step
        self.step = step + 1
        if step < asked.count, asked[step].name == column { return asked[step].index }
        return remembered(column, at: step)
    }

    /// The column's position, from the column map, remembered as the `step`-th asked.
    @inline(never) private mutating func remembered(_ column: String, at step: Int) -> Int? {
        let index = columns[column]
        if step < asked.count { asked[step] = (column, index) } else { asked.append((column, index)) }
        return index
    }

    /// The trimmed text of a column; empty when the file has no such column.
    public mutating func text(_ column: String) -> String {
        guard let index = index(of: column) else { return "" }
        return row[index]
    }

    public mutating func has(_ column: String) -> Bool {
        guard let index = index(of: column) else { return false }
        return row.withBytes(index) { !$0.isEmpty } ?? !row[index].isEmpty
    }

    /// The rejection that skips this row.
    public func skip(_ column: String?, _ reason: String) -> RejectedRow {
        RejectedRow(file: fileName, row: number, column: column, reason: reason, action: .rowSkipped)
    }

    /// Records that a value was unusable and is treated as missing; the row is kept.
    public mutating func ignore(_ column: String, _ reason: String) {
        ignored.append(RejectedRow(file: fileName, row: number, column: column, reason: reason, action: .valueIgnored))
    }

    /// A present value parsed by `parse`; a value that does not parse is ignored with `reason`.
    public mutating func optional<T>(_ column: String, _ reason: String, _ parse: (String) -> T?) -> T? {
        let value = text(column)
        guard !value.isEmpty else { return nil }
        guard let parsed = parse(value) else {
            ignore(column, reason)
            return nil
        }
        return parsed
    }

    /// A present value parsed from the field's bytes by `parse`; a value that does not parse is
    /// ignored with `reason`. Fields that need unescaping go through their text.
    mutating func optionalBytes<T>(_ column: String, _ reason: String, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard let index = index(of: column), let parsed = parsedIfPresent(index, parse) else { return nil }
        if parsed == nil { ignore(column, reason) }
        return parsed
    }

    /// A coded value (a sex, a year group, a flag): the usual codes read by `usual` straight from the
    /// field's bytes, anything else by `parse` from its text; a value neither reads is ignored with
    /// `reason`. Most fields of most rows are usual codes, which then cost no String.
    public mutating func code<T>(_ column: String, _ reason: String, usual: (UnsafeBufferPointer<UInt8>) -> T?,
                                 _ parse: (String) -> T?) -> T? {
        optionalBytes(column, reason) { Self.read($0, usual: usual, parse) }
    }

    /// `code` of a field the reader checks itself: nil when it is empty or neither `usual` nor `parse`
    /// reads it, nothing recorded.
    public mutating func value<T>(_ column: String, usual: (UnsafeBufferPointer<UInt8>) -> T?, _ parse: (String) -> T?) -> T? {
        guard let index = index(of: column) else { return nil }
        return parsedIfPresent(index) { Self.read($0, usual: usual, parse) } ?? nil
    }

    /// `parse` of the field's bytes (of its text's, when it needs unescaping); nil when it is empty.
    private func parsedIfPresent<T>(_ index: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T?? {
        row.withBytes(index) { bytes -> T?? in bytes.isEmpty ? .none : .some(parse(bytes)) }
            ?? { var text = row[index]; return text.isEmpty ? .none : .some(text.withUTF8(parse)) }()
    }

    /// `usual` of a coded field's bytes, or else `parse` of its text.
    private static func read<T>(_ bytes: UnsafeBufferPointer<UInt8>, usual: (UnsafeBufferPointer<UInt8>) -> T?,
                                _ parse: (String) -> T?) -> T? {
        usual(bytes) ?? parse(String(decoding: bytes, as: UTF8.self))
    }

    /// A UPN, normalised (`UPN.normalised`) straight from the field's bytes in the usual case.
    public mutating func upn(_ column: String) -> String {
        guard let index = index(of: column) else { return "" }
        return row.withBytes(index, UPN.normalised(bytes:)) ?? UPN.normalised(row[index])
    }

    /// A whole number, or nil (ignored with `reason` when present but malformed).
    public mutating func integer(_ column: String, _ reason: String) -> Int? {
        optionalBytes(column, reason, parseInteger)
    }

    /// A school's URN or LAEstab number, or nil (ignored with a reason when present but not one).
    public mutating func schoolNumber(_ column: String, _ reason: String) -> Int? {
        optionalBytes(column, reason) { parseInteger($0).flatMap { schoolNumbers.contains($0) ? $0 : nil } }
    }

    /// A non-negative whole number, or nil (ignored with a reason when present but malformed).
    public mutating func count(_ column: String) -> Int? {
        optionalBytes(column, "not a whole number of 0 or more") { parseInteger($0).flatMap { $0 >= 0 ? $0 : nil } }
    }

    /// A date in one of the contract's formats, or nil (ignored with a reason when present but malformed).
    public mutating func day(_ column: String) -> Day? {
        optionalBytes(column, "not a date (use yyyy-mm-dd, dd/mm/yyyy or dd-mm-yyyy)") { Day(parsing: $0) }
    }
}

/// What a reader made of one row.
public enum RowOutcome<Record> {
    case record(Record)
    case rejected(RejectedRow)
}

/// URNs have six digits and LAEstab numbers seven; enrolments keep them in 32 bits.
let schoolNumbers = 0...Int(Int32.max)

/// Rows read from one file: the records, and every row skipped or value ignored.
public struct ReadResult<Record: Sendable>: Sendable {
    public var records: [Record]
    public var rejects: [RejectedRow]
    public let fileName: String
    public let encoding: TextEncoding
    public let rowCount: Int

    /// Rows skipped entirely (a row with several ignored values counts once here, and not at all).
    public var skippedRows: Int { rejects.lazy.filter { $0.action == .rowSkipped }.count }

    /// Hands the records over and keeps none, so that their new holder can let them go as soon as
    /// it is done with them (England's pupils' records are 2 GB).
    public mutating func takeRecords() -> [Record] {
        defer { records = [] }
        return records
    }
}

/// The loop every reader shares: map the header, reject rows with the wrong shape, hand the rest to
/// `parse`. Chunks of rows are parsed on all cores and joined in file order, so the result does not
/// depend on the number of threads.
func readRows<Record: Sendable>(
    _ document: CSVDocument, columns: [ColumnSpec], threads: Int = defaultThreadCount,
    parse: @Sendable (inout MappedRow) -> RowOutcome<Record>
) throws -> ReadResult<Record> {
    let map = try ColumnMap(header: document.header, columns: columns, fileName: document.fileName)
    let width = document.header.count
    let (records, chunks) = StageProgress.step("read \(document.fileName)", total: document.rowCount, unit: "rows") { progress in
        chunkedRecords(rows: document.rowCount, rowsPerChunk: CSVDocument.chunkRows, threads: threads) { chunk, records -> Result<[RejectedRow], Error> in
            let rows = min(document.rowCount, (chunk + 1) * CSVDocument.chunkRows) - chunk * CSVDocument.chunkRows
            defer { progress?.advance(by: rows) }
            var rejects: [RejectedRow] = []
            var mapped = MappedRow(columns: map, fileName: document.fileName)
            do {
                try document.forEachRow(inChunk: chunk) { row in
                    guard row.fieldCount == width else {
                        rejects.append(RejectedRow(file: document.fileName, row: row.number, column: nil,
                                                   reason: "has \(row.fieldCount) fields where the header has \(width) (an unquoted comma?)",
                                                   action: .rowSkipped))
                        return
                    }
                    guard row.longestField <= CSVDocument.maximumFieldLength else {
                        rejects.append(RejectedRow(file: document.fileName, row: row.number, column: nil,
                                                   reason: "a field is longer than \(CSVDocument.maximumFieldLength) bytes", action: .rowSkipped))
                        return
                    }
                    mapped.move(to: row)
                    switch parse(&mapped) {
                    case .record(let record):
                        records.append(record)
                        if !mapped.ignored.isEmpty { rejects.append(contentsOf: mapped.ignored) }
                    case .rejected(let reject):
                        rejects.append(reject)
                    }
                    mapped.release()
                }
            } catch {
                return .failure(error)
            }
            return .success(rejects)
        }
    }
    let rejects = try chunks.map { try $0.get() }
    return ReadResult<Record>(records: records, rejects: Array(rejects.joined()), fileName: document.fileName,
                              encoding: document.encoding, rowCount: document.rowCount)
}

/// A decimal integer with an optional sign, as `Int(_:)` reads it, straight from bytes.
func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var digits = bytes[...]
    let negative = digits.first == UInt8(ascii: "-")
    if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
    guard !digits.isEmpty else { return nil }
    var value = 0
    for byte in digits {
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (next, o2) = negative ? times10.subtractingReportingOverflow(Int(byte - 48)) : times10.addingReportingOverflow(Int(byte - 48))
        guard !o1 && !o2 else { return nil }
        value = next
    }
    return value
}
