/// The DfE Unique Pupil Number and its check letter.
///
/// 13 characters: check letter, LA number (3 digits), establishment (4), year of allocation (2),
/// serial (3 characters, the last a letter in a temporary UPN). Characters 2–13 are weighted 2–13
/// (a letter by its index in the check alphabet), summed mod 23 and mapped to the check alphabet.
public enum UPN {
    static let checkAlphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ".utf8)

    /// Trims and upper-cases; the form in which UPNs are compared.
    public static func normalised(_ text: String) -> String {
        let bytes = text.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            // The usual case, without Unicode machinery: drop spaces and tabs, upper-case a–z.
            let kept = bytes.lazy.filter { $0 != 0x20 && $0 != 0x09 }.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
            return String(decoding: Array(kept), as: UTF8.self)
        }
        return String(text.filter { !$0.isWhitespace }).uppercased()
    }

    /// True when `upn` (already normalised) is a well-formed permanent or temporary UPN with
    /// the right check letter.
    public static func isValid(_ upn: some StringProtocol) -> Bool {
        let bytes = Array(upn.utf8)
        guard bytes.count == 13, let expected = checkLetter(forBody: bytes[1...]) else { return false }
        return bytes[0] == expected
    }

    /// The check letter for characters 2–13, or nil if they are not digits (and a final letter).
    public static func checkLetter(forBody body: ArraySlice<UInt8>) -> UInt8? {
        guard body.count == 12 else { return nil }
        var sum = 0
        for (offset, byte) in body.enumerated() {
            let weight = offset + 2
            let value: Int
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = Int(byte - UInt8(ascii: "0"))
            } else if offset == 11, let index = checkAlphabet.firstIndex(of: byte) {
                value = index  // temporary UPN: a letter in position 13
            } else {
                return nil
            }
            sum += value * weight
        }
        return checkAlphabet[sum % 23]
    }

    /// Placeholder values that case management systems put where the UPN is unknown
    /// (SSDA903 `UN1`–`UN5`, and similar), which are not UPNs at all.
    public static func isPlaceholder(_ upn: String) -> Bool {
        let text = normalised(upn)
        return text.isEmpty || (text.hasPrefix("UN") && text.count <= 3) || text == "UNKNOWN" || text == "NA" || text == "N/A"
    }
}
