import CohortModel

/// A data row seen through a file's column map: typed access by column name, and the
/// rejections a reader decides on, which never carry the value itself.
public struct MappedRow {
    let row: CSVRow
    let columns: ColumnMap
    let fileName: String
    var ignored: [RejectedRow] = []

    public var number: Int { row.number }

    /// The trimmed text of a column; empty when the file has no such column.
    public func text(_ column: String) -> String {
        guard let index = columns[column] else { return "" }
        return row[index]
    }

    public func has(_ column: String) -> Bool { !text(column).isEmpty }

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

    /// A non-negative whole number, or nil (ignored with a reason when present but malformed).
    public mutating func count(_ column: String) -> Int? {
        optional(column, "not a whole number of 0 or more") { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
    }

    /// A date in one of the contract's formats, or nil (ignored with a reason when present but malformed).
    public mutating func day(_ column: String) -> Day? {
        optional(column, "not a date (use yyyy-mm-dd, dd/mm/yyyy or dd-mm-yyyy)") { Day(parsing: $0) }
    }
}

/// What a reader made of one row.
public enum RowOutcome<Record> {
    case record(Record)
    case rejected(RejectedRow)
}

/// Rows read from one file: the records, and every row skipped or value ignored.
public struct ReadResult<Record: Sendable>: Sendable {
    public var records: [Record]
    public var rejects: [RejectedRow]
    public let fileName: String
    public let encoding: TextEncoding
    public let rowCount: Int

    /// Rows skipped entirely (a row with several ignored values counts once here, and not at all).
    public var skippedRows: Int { rejects.lazy.filter { $0.action == .rowSkipped }.count }
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
    let chunks = parallelMap(document.chunkCount, threads: threads) { chunk -> Result<(records: [Record], rejects: [RejectedRow]), Error> in
        var records: [Record] = [], rejects: [RejectedRow] = []
        records.reserveCapacity(CSVDocument.chunkRows)
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
                var mapped = MappedRow(row: row, columns: map, fileName: document.fileName)
                switch parse(&mapped) {
                case .record(let record):
                    records.append(record)
                    rejects.append(contentsOf: mapped.ignored)
                case .rejected(let reject):
                    rejects.append(reject)
                }
            }
        } catch {
            return .failure(error)
        }
        return .success((records, rejects))
    }
    var result = ReadResult<Record>(records: [], rejects: [], fileName: document.fileName, encoding: document.encoding,
                                    rowCount: document.rowCount)
    result.records.reserveCapacity(document.rowCount)
    for chunk in chunks {
        let (records, rejects) = try chunk.get()
        result.records.append(contentsOf: records)
        result.rejects.append(contentsOf: rejects)
    }
    return result
}
