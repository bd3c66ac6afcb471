/// A UK postcode and its coarser levels: district (`SE15`) and sector (`SE15 4`).
public struct Postcode: Hashable, Sendable {
    public let outward: String
    public let inward: String

    /// Upper-cases, drops spaces and punctuation, and checks the shape (outward 2–4 characters
    /// starting with a letter, inward digit–letter–letter). Nil when it is not a postcode.
    public init?(_ text: String) {
        let compact = Self.compact(text)
        let n = compact.count
        guard (5...7).contains(n), Self.isDigit(compact[n - 3]), Self.isLetter(compact[n - 2]), Self.isLetter(compact[n - 1]),
              Self.isLetter(compact[0]) else { return nil }
        outward = String(decoding: compact[..<(n - 3)], as: UTF8.self)
        inward = String(decoding: compact[(n - 3)...], as: UTF8.self)
    }

    /// Any other postcode (Australian, US ZIP…): the whole, then one and two characters fewer
    /// stand for the sector and district levels.
    public init?(generic text: String) {
        let compact = Self.compact(text)
        guard compact.count >= 3 else { return nil }
        outward = String(decoding: compact.dropLast(2), as: UTF8.self)
        inward = String(decoding: compact.suffix(2), as: UTF8.self)
        isGeneric = true
    }

    /// The ASCII letters (upper-cased) and digits of a text, in order; everything else dropped.
    private static func compact(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8)
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { bytes.append(byte - 32) }
            else if isLetter(byte) || isDigit(byte) { bytes.append(byte) }
        }
        return bytes
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private var isGeneric = false

    public var full: String { isGeneric ? outward + inward : outward + " " + inward }
    public var sector: String { isGeneric ? outward + inward.prefix(1) : outward + " " + inward.prefix(1) }
    public var district: String { outward }
}
