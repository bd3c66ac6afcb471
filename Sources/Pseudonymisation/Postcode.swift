/// A UK postcode and its coarser levels: district (`SE15`) and sector (`SE15 4`).
public struct Postcode: Hashable, Sendable {
    public let outward: String
    public let inward: String

    /// Upper-cases, drops spaces and punctuation, and checks the shape (outward 2–4 characters
    /// starting with a letter, inward digit–letter–letter). Nil when it is not a postcode.
    public init?(_ text: String) {
        let compact = String(text.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
        guard (5...7).contains(compact.count) else { return nil }
        let inward = compact.suffix(3), outward = compact.dropLast(3)
        let i = Array(inward.unicodeScalars)
        guard ("0"..."9").contains(i[0]), ("A"..."Z").contains(i[1]), ("A"..."Z").contains(i[2]),
              let first = outward.unicodeScalars.first, ("A"..."Z").contains(first) else { return nil }
        self.outward = String(outward)
        self.inward = String(inward)
    }

    /// Any other postcode (Australian, US ZIP…): the whole, then one and two characters fewer
    /// stand for the sector and district levels.
    public init?(generic text: String) {
        let compact = String(text.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
        guard compact.count >= 3 else { return nil }
        outward = String(compact.dropLast(2))
        inward = String(compact.suffix(2))
        isGeneric = true
    }

    private var isGeneric = false

    public var full: String { isGeneric ? outward + inward : outward + " " + inward }
    public var sector: String { isGeneric ? outward + inward.prefix(1) : outward + " " + inward.prefix(1) }
    public var district: String { outward }
}
