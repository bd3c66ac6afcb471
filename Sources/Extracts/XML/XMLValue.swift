/// The text content of one XML element, gathered from the pieces the tokenizer hands out, with
/// the predefined and numeric character references decoded.
///
/// An entity may be split across two pieces (a window refill can fall inside `&amp;`), so an
/// unfinished reference is held back until the next piece completes it.
struct XMLValue {
    private(set) var bytes: [UInt8] = []
    private var pending: [UInt8] = []
    /// Set when the content passed `maximumLength`; the rest was dropped.
    private(set) var isOverlong = false
    /// Set (and kept) once any value was not UTF-8 and was read as Windows-1252.
    private(set) var sawWindows1252 = false

    /// No identifier or code is anywhere near this long; longer content is junk, not a value.
    static let maximumLength = CSVDocument.maximumFieldLength

    init() { bytes.reserveCapacity(64) }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
        isOverlong = false
    }

    /// Character data with entities encoded.
    mutating func appendText(_ raw: UnsafeBufferPointer<UInt8>) {
        guard !isOverlong else { return }
        if !pending.isEmpty {
            // A reference held back from the previous piece: read it together with this one.
            let joined = pending + Array(raw)
            pending.removeAll(keepingCapacity: true)
            joined.withUnsafeBufferPointer { appendText($0) }
            return
        }
        var i = 0
        while i < raw.count {
            guard raw[i] == UInt8(ascii: "&") else {
                var run = i + 1
                while run < raw.count && raw[run] != UInt8(ascii: "&") { run += 1 }
                append(UnsafeBufferPointer(rebasing: raw[i..<run]))
                i = run
                continue
            }
            var end = i + 1
            while end < raw.count && end - i <= Self.longestReference && raw[end] != UInt8(ascii: ";") && raw[end] != UInt8(ascii: "&") {
                end += 1
            }
            if end < raw.count && raw[end] == UInt8(ascii: ";") {
                decodeReference(UnsafeBufferPointer(rebasing: raw[(i + 1)..<end]))
                i = end + 1
            } else if end == raw.count && end - i <= Self.longestReference {
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i..<end]))
                return
            } else {
                append(CollectionOfOne(UInt8(ascii: "&")))  // a bare `&`: kept as written
                i += 1
            }
        }
    }

    /// `&#x10FFFF;` is the longest reference worth decoding.
    private static let longestReference = 10

    /// CDATA content: literal.
    mutating func appendLiteral(_ raw: UnsafeBufferPointer<UInt8>) {
        if !pending.isEmpty {
            append(pending)
            pending.removeAll(keepingCapacity: true)
        }
        append(raw)
    }

    /// The value as text, surrounding white space trimmed. Bytes that are not UTF-8 are read as
    /// Windows-1252, as in the CSV readers.
    mutating func text() -> String {
        if !pending.isEmpty {
            append(pending)
            pending.removeAll(keepingCapacity: true)
        }
        var start = 0, end = bytes.count
        while start < end && isXMLSpace(bytes[start]) { start += 1 }
        while end > start && isXMLSpace(bytes[end - 1]) { end -= 1 }
        let slice = bytes[start..<end]
        if slice.allSatisfy({ $0 < 0x80 }) || isValidUTF8(Array(slice)) { return String(decoding: slice, as: UTF8.self) }
        sawWindows1252 = true
        return String(decoding: windows1252ToUTF8(Array(slice)), as: UTF8.self)
    }

    private mutating func append(_ raw: some Collection<UInt8>) {
        guard bytes.count + raw.count <= Self.maximumLength else {
            isOverlong = true
            return
        }
        bytes.append(contentsOf: raw)
    }

    /// `amp`, `lt`, `gt`, `quot`, `apos`, `#123`, `#x1F`: anything else is kept as written.
    private mutating func decodeReference(_ name: some Collection<UInt8>) {
        let text = String(decoding: name, as: UTF8.self)
        let scalar: Unicode.Scalar?
        switch text {
        case "amp": scalar = "&"
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "quot": scalar = "\""
        case "apos": scalar = "'"
        default:
            if text.hasPrefix("#x") || text.hasPrefix("#X") {
                scalar = UInt32(text.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if text.hasPrefix("#") {
                scalar = UInt32(text.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                scalar = nil
            }
        }
        if let scalar {
            append(Array(String(scalar).utf8))
        } else {
            append(Array("&\(text);".utf8))
        }
    }
}
