/// One piece of an XML document. Ranges are byte offsets into the tokenizer's window, valid
/// until the next call to `next()`.
enum XMLToken: Equatable {
    /// `<name …>` or `<name …/>`; `name` excludes any namespace prefix. Attributes are skipped.
    case startTag(name: Range<Int>, selfClosing: Bool)
    case endTag(name: Range<Int>)
    /// Character data with entities still encoded. Long text may arrive in several pieces.
    case text(Range<Int>)
    /// The content of a `<![CDATA[…]]>` section, literal.
    case cdata(Range<Int>)
    /// The end of the input; `truncated` when it stopped inside a tag, comment or CDATA section.
    case end(truncated: Bool)
}

/// A streaming, byte-level XML tokenizer: tags, text, CDATA; comments, processing instructions
/// and DOCTYPE are skipped; attributes are ignored.
///
/// Foundation's `XMLParser` builds a `String` for every name and text node and calls a delegate
/// through Objective-C-style dispatch, which holds it to a few tens of MB/s. This scans a fixed
/// window with `memchr`, and hands out byte ranges: nothing is decoded unless the caller wants it.
/// It is lenient rather than validating: a stray `<` that starts no tag is text, and nesting is
/// left to the caller.
struct XMLTokenizer: ~Copyable {
    private var window: ByteWindow
    private var source: any ByteSource
    let fileName: String

    init(source: any ByteSource, fileName: String, windowSize: Int = 1 << 20) {
        window = ByteWindow(capacity: windowSize)
        self.source = source
        self.fileName = fileName
    }

    /// The next token.
    mutating func next() throws(ExtractError) -> XMLToken {
        while true {
            if let token = scan() { return token }
            let start = window.position
            if try !window.refill(keeping: start, from: &source, fileName: fileName) {
                // Nothing more will come: what is left cannot complete a token.
                let truncated = window.position < window.limit
                window.position = window.limit
                return .end(truncated: truncated)
            }
        }
    }

    /// Calls `body` with the bytes of `range` (from a token just returned).
    func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        window.withBytes { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The next complete token in the window, or nil when the window must be refilled first.
    /// Skipped constructs (comments, declarations) are consumed here and scanning goes on.
    private mutating func scan() -> XMLToken? {
        while true {
            let p = window.position, limit = window.limit
            guard p < limit else { return nil }
            guard window[p] == UInt8(ascii: "<") else {
                // Text up to the next tag, or to the window's end (the rest comes after a refill).
                let end = window.first(UInt8(ascii: "<"), in: p..<limit) ?? limit
                window.position = end
                return .text(p..<end)
            }
            guard p + 1 < limit else { return nil }
            switch window[p + 1] {
            case UInt8(ascii: "/"):
                guard let close = window.first(UInt8(ascii: ">"), in: (p + 2)..<limit) else { return nil }
                window.position = close + 1
                return .endTag(name: name(in: (p + 2)..<close))
            case UInt8(ascii: "?"):
                guard let close = window.first("?>", in: (p + 2)..<limit) else { return nil }
                window.position = close + 2
            case UInt8(ascii: "!"):
                if window.has("<!--", at: p) {
                    guard let close = window.first("-->", in: (p + 4)..<limit) else { return nil }
                    window.position = close + 3
                } else if window.has("<![CDATA[", at: p) {
                    guard let close = window.first("]]>", in: (p + 9)..<limit) else { return nil }
                    window.position = close + 3
                    return .cdata((p + 9)..<close)
                } else if p + 9 > limit {
                    return nil  // too few bytes yet to tell a comment or CDATA from a declaration
                } else {
                    guard let close = window.first(UInt8(ascii: ">"), in: (p + 2)..<limit) else { return nil }
                    window.position = close + 1
                }
            case let next where isNameStart(next):
                guard let close = tagEnd(from: p + 1, limit: limit) else { return nil }
                window.position = close + 1
                return .startTag(name: name(in: (p + 1)..<close), selfClosing: window[close - 1] == UInt8(ascii: "/"))
            default:
                // `<` followed by a space or digit starts no tag: keep it as text.
                window.position = p + 1
                return .text(p..<(p + 1))
            }
        }
    }

    /// The `>` that ends a start tag, skipping any `>` inside quoted attribute values.
    private func tagEnd(from start: Int, limit: Int) -> Int? {
        guard let close = window.first(UInt8(ascii: ">"), in: start..<limit) else { return nil }
        guard window.first(UInt8(ascii: "\""), in: start..<close) != nil || window.first(UInt8(ascii: "'"), in: start..<close) != nil else {
            return close
        }
        var i = start
        while i < limit {
            let byte = window[i]
            if byte == UInt8(ascii: ">") { return i }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let quoteEnd = window.first(byte, in: (i + 1)..<limit) else { return nil }
                i = quoteEnd
            }
            i += 1
        }
        return nil
    }

    /// The element name at the start of `range` (up to a space, `/` or the end), without a namespace prefix.
    private func name(in range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.lowerBound
        while end < range.upperBound {
            let byte = window[end]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "/") { break }
            if byte == UInt8(ascii: ":") { start = end + 1 }
            end += 1
        }
        return start..<end
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
