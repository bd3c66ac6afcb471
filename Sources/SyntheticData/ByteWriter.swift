import CohortModel

/// Appends CSV text straight into a byte buffer.
///
/// At national scale the education extract is gigabytes; building it from `String`s and
/// Foundation formatters would dominate the run, so fields are written as bytes, numbers and dates
/// by hand.
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

    @inline(__always) mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A field, quoted by RFC 4180 when it holds a comma, quote or line break.
    mutating func field(_ value: [UInt8]) {
        if CSV.needsQuoting(value) {
            CSV.appendQuoted(value, to: &bytes)
        } else {
            bytes.append(contentsOf: value)
        }
    }

    mutating func field(_ value: String) { field(Array(value.utf8)) }

    /// A non-negative or negative integer in decimal.
    mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            int(-value)
            return
        }
        if value < 10 {
            bytes.append(48 + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[count] = 48 + UInt8(v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    @inline(__always) mutating func twoDigits(_ value: Int) {
        bytes.append(48 + UInt8(value / 10))
        bytes.append(48 + UInt8(value % 10))
    }

    /// `yyyy-mm-dd`.
    mutating func isoDate(_ day: Day) {
        let (y, m, d) = day.components
        twoDigits(y / 100); twoDigits(y % 100)
        bytes.append(UInt8(ascii: "-")); twoDigits(m)
        bytes.append(UInt8(ascii: "-")); twoDigits(d)
    }

    /// `dd/mm/yyyy` or `dd-mm-yyyy`, as UK exports and GIAS write dates.
    mutating func ukDate(_ day: Day, separator: UInt8) {
        let (y, m, d) = day.components
        twoDigits(d); bytes.append(separator)
        twoDigits(m); bytes.append(separator)
        twoDigits(y / 100); twoDigits(y % 100)
    }

    /// A fixed-point decimal with `decimals` places, rounded half away from zero; the same bytes on
    /// every platform (no locale, no Foundation formatter).
    mutating func fixed(_ value: Double, decimals: Int) {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        if value < 0 && scaled > 0 { bytes.append(UInt8(ascii: "-")) }
        let units = Int(scaled)
        let divisor = Int(scale)
        int(units / divisor)
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var fraction = units % divisor
        var digits = [UInt8](repeating: 48, count: decimals)
        for i in stride(from: decimals - 1, through: 0, by: -1) {
            digits[i] = 48 + UInt8(fraction % 10)
            fraction /= 10
        }
        bytes.append(contentsOf: digits)
    }
}

/// RFC 4180 helpers shared by the writers.
enum CSV {
    static func needsQuoting(_ value: [UInt8]) -> Bool {
        for b in value where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
            return true
        }
        return false
    }

    static func appendQuoted(_ value: [UInt8], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for b in value {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A header line from column names, each written as a field.
    static func header(_ columns: [String], quoteAll: Bool = false, lineEnd: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            let bytes = Array(column.utf8)
            if quoteAll || needsQuoting(bytes) { appendQuoted(bytes, to: &out) } else { out.append(contentsOf: bytes) }
        }
        out.append(contentsOf: lineEnd)
        return out
    }

    /// Files with the same (single-line) header as one file: the header once, then every file's
    /// rows in order. Each file is let go as soon as it is copied, so the peak is the whole plus
    /// one file rather than twice the whole (England's education extract is over a gigabyte).
    static func joined(_ files: inout [[UInt8]]) -> [UInt8] {
        guard let first = files.first, let headerEnd = first.firstIndex(of: 10) else { return files.first ?? [] }
        let headerLength = headerEnd + 1
        var whole: [UInt8] = []
        whole.reserveCapacity(files.reduce(headerLength) { $0 + $1.count - headerLength })
        whole += first[..<headerLength]
        for i in files.indices {
            whole += files[i][headerLength...]
            files[i] = []
        }
        files = []
        return whole
    }
}
