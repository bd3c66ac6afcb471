/// How an input file's bytes were encoded.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case windows1252 = "Windows-1252"
}

/// Turns an input file's bytes into UTF-8: a byte-order mark is dropped, valid UTF-8 is kept as it
/// is, anything else is read as Windows-1252 (how GIAS and many MIS exports are written).
public func decodeToUTF8(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: TextEncoding) {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
        let rest = Array(bytes.dropFirst(3))
        if isValidUTF8(rest) { return (rest, .utf8WithBOM) }
        return (windows1252ToUTF8(rest), .windows1252)
    }
    if isValidUTF8(bytes) { return (bytes, .utf8) }
    return (windows1252ToUTF8(bytes), .windows1252)
}

/// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF).
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { b in
        var i = 0
        let n = b.count
        let raw = UnsafeRawPointer(b.baseAddress)
        while i < n {
            // Eight ASCII bytes at a time, the usual run of a CSV export.
            while i + 8 <= n, raw!.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let lead = b[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard i + length <= n else { return false }
            let second = b[i + 1]
            guard second >= lower && second <= upper else { return false }
            for k in 2..<length where b[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}

/// Windows-1252 to UTF-8. Bytes 0x80–0x9F are the code page's punctuation (’ “ ” – € …), not C1 controls.
func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count + bytes.count / 16)
    for byte in bytes {
        if byte < 0x80 {
            out.append(byte)
            continue
        }
        let scalar = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
        if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
    return out
}

/// Unicode scalars of Windows-1252 bytes 0x80–0x9F (undefined bytes map to their C1 code points).
private let windows1252High: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
]
