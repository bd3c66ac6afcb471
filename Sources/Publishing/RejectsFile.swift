import Extracts

/// `rejects.csv`: which input rows were skipped, or values ignored, and why, by file and row
/// number; never the values themselves.
public func rejectsCSV(_ rejects: [RejectedRow]) -> [UInt8] {
    var writer = CSVWriter(header: ["file", "row", "column", "reason", "action"])
    for reject in rejects {
        writer.row([reject.file, String(reject.row), reject.column ?? "", reject.reason, reject.action.rawValue])
    }
    return writer.bytes
}
