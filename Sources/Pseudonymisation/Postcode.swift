/// A UK postcode and its coarser levels: district (`SE15`) and sector (`SE15 4`).
public struct Postcode: Hashable, Sendable {
    public let outward: String
    public let inward: String

    /// Upper-cases, drops spaces and punctuation, and checks the shape (outward 2–4 characters
    /// starting with a letter, inward digit–letter–letter). Nil when it is not a postcode.
    public init?(_ text: String) {
        guard let (outward, inward) = Self.withCompact(text, { compact -> (String, String)? in
            guard Self.hasShape(compact) else { return nil }
            let n = compact.count
            return (String(decoding: compact[..<(n - 3)], as: UTF8.self), String(decoding: compact[(n - 3)...], as: UTF8.self))
        }) else { return nil }
        (self.outward, self.inward) = (outward, inward)
    }

    /// Any other postcode (Australian, US ZIP…): the whole, then one and two characters fewer
    /// stand for the sector and district levels.
    public init?(generic text: String) {
        guard let (outward, inward) = Self.withCompact(text, { compact -> (String, String)? in
            guard compact.count >= 3 else { return nil }
            return (String(decoding: compact.dropLast(2), as: UTF8.self), String(decoding: compact.suffix(2), as: UTF8.self))
        }) else { return nil }
        (self.outward, self.inward) = (outward, inward)
        isGeneric = true
    }

    /// True when `Postcode(text)` is a postcode, found without making one (the identifier quality
    /// asks it of every person).
    public static func isValid(_ text: String) -> Bool { withCompact(text, hasShape) }

    /// `body` of the ASCII letters (upper-cased) and digits of a text, in order; everything else dropped.
    private static func withCompact<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.utf8.count) { buffer in
            var n = 0
            for byte in text.utf8 {
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { buffer[n] = byte - 32; n += 1 }
                else if isLetter(byte) || isDigit(byte) { buffer[n] = byte; n += 1 }
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }

    /// Outward code of 2–4 characters starting with a letter, inward code digit–letter–letter.
    private static func hasShape(_ compact: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = compact.count
        return (5...7).contains(n) && isDigit(compact[n - 3]) && isLetter(compact[n - 2]) && isLetter(compact[n - 1]) && isLetter(compact[0])
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private var isGeneric = false

    public var full: String { isGeneric ? outward + inward : outward + " " + inward }
    public var sector: String { isGeneric ? outward + inward.prefix(1) : outward + " " + inward.prefix(1) }
    public var district: String { outward }
}
