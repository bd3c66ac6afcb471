/// The DfE Unique Pupil Number and its check letter.
///
/// 13 characters: check letter, LA number (3 digits), establishment (4), year of allocation (2),
/// serial (3 characters, the last a letter in a temporary UPN). Characters 2–13 are weighted 2–13
/// (a letter by its index in the check alphabet), summed mod 23 and mapped to the check alphabet.
public enum UPN {
    @usableFromInline static let checkAlphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ".utf8)

    /// Trims and upper-cases; the form in which UPNs are compared.
    public static func normalised(_ text: String) -> String {
        withNormalisedASCII(text) { String(decoding: $0, as: UTF8.self) } ?? String(text.filter { !$0.isWhitespace }).uppercased()
    }

    /// `normalised` of a text's UTF-8 bytes, for readers that hold the bytes: a String is made only
    /// of the normalised UPN in the usual (ASCII) case.
    public static func normalised(bytes: UnsafeBufferPointer<UInt8>) -> String {
        withNormalisedASCII(bytes: bytes) { String(decoding: $0, as: UTF8.self) } ?? normalised(String(decoding: bytes, as: UTF8.self))
    }

    /// The usual case of `normalised`, without Unicode machinery or allocation: `body` of the
    /// text with spaces and tabs dropped and a–z upper-cased, when the text is ASCII; nil otherwise.
    @inlinable
    public static func withNormalisedASCII<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        var text = text
        return text.withUTF8 { withNormalisedASCII(bytes: $0, body) }
    }

    /// `withNormalisedASCII` of a text's UTF-8 bytes.
    @inlinable
    public static func withNormalisedASCII<R>(bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
            var n = 0
            for byte in bytes where byte != 0x20 && byte != 0x09 {
                buffer[n] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                n += 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }

    /// True when `upn` (already normalised) is a well-formed permanent or temporary UPN with
    /// the right check letter.
    public static func isValid(_ upn: String) -> Bool {
        isValid(bytes: Array(upn.utf8))
    }

    /// True when the bytes of a normalised UPN are a well-formed UPN with the right check letter.
    @inlinable
    public static func isValid(bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count == 13, let expected = checkLetter(forBody: bytes.dropFirst()) else { return false }
        return bytes.first == expected
    }

    /// The check letter for characters 2–13, or nil if they are not digits (and a final letter).
    @inlinable
    public static func checkLetter(forBody body: some Collection<UInt8>) -> UInt8? {
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
    public static func isPlaceholder(_ upn: String) -> Bool { isPlaceholder(normalised: normalised(upn)) }

    /// `isPlaceholder` of a UPN already normalised.
    public static func isPlaceholder(normalised text: String) -> Bool {
        text.isEmpty || (text.hasPrefix("UN") && text.count <= 3) || text == "UNKNOWN" || text == "NA" || text == "N/A"
    }

    /// What a typed UPN is, as the identifier quality counts it; found without allocating in the
    /// usual (ASCII) case.
    public enum Kind: Sendable {
        case missing, placeholder, failsCheckLetter, valid
    }

    public static func kind(of text: String) -> Kind {
        withNormalisedASCII(text, kind(normalised:)) ?? { var upn = normalised(text); return upn.withUTF8(kind(normalised:)) }()
    }

    /// A placeholder is short (`UNKNOWN` the longest): a value of a UPN's length is told without text.
    private static func kind(normalised bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        bytes.isEmpty ? .missing
            : bytes.count <= "UNKNOWN".utf8.count && isPlaceholder(normalised: String(decoding: bytes, as: UTF8.self)) ? .placeholder
            : isValid(bytes: bytes) ? .valid : .failsCheckLetter
    }
}
