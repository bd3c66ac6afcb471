import Foundation

/// Normalises personal names into comparable tokens, so that "McDonald", "Mac Donald",
/// "MACDONALD" and "Macdonald" agree, and "Smith-Jones" shares tokens with "Smith".
public enum NameNormalisation {
    /// Lower-case ASCII tokens of a name: diacritics folded (é→e, ß→ss), apostrophes dropped
    /// (O'Brien→obrien), split at spaces, hyphens and other punctuation, `Mac`/`Mc` prefixes
    /// unified as `mc`, and a lone `O`/`Mc`/`Mac` joined to the part after it.
    public static func tokens(_ name: String) -> [String] {
        oneWordToken(name).map { [$0] } ?? anyTokens(name)
    }

    /// The token of a name that is one ASCII word (letters, perhaps an apostrophe: "Megan", "O'NEILL"),
    /// as `anyTokens` gives it, without its arrays of bytes and parts: the usual name. Nil for any
    /// other name.
    static func oneWordToken(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { word -> String? in
                var n = 0
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"): word[n] = byte
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): word[n] = byte + 32
                    case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
                    default: return nil
                    }
                    n += 1
                }
                guard n > 0 else { return nil }
                // `unifyMac`: mac and three letters or more becomes mc and them.
                let mac = n >= 6 && word[0] == UInt8(ascii: "m") && word[1] == UInt8(ascii: "a") && word[2] == UInt8(ascii: "c")
                if mac { word[1] = UInt8(ascii: "m") }
                return String(decoding: UnsafeBufferPointer(rebasing: word[(mac ? 1 : 0)..<n]), as: UTF8.self)
            }
        }
    }

    /// `tokens` of any name.
    static func anyTokens(_ name: String) -> [String] {
        var parts: [String] = []
        var current: [UInt8] = []
        func endPart() {
            if !current.isEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        func take(_ scalar: Unicode.Scalar) {
            switch scalar {
            case "a"..."z", "0"..."9":
                current.append(UInt8(scalar.value))
            case "'", "’", "‘", "`", "´":
                break
            default:
                endPart()
            }
        }
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // The usual case, byte by byte: lower-casing is all the folding ASCII needs.
            for byte in name.utf8 { take(Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)) }
        } else {
            for scalar in folded(name).unicodeScalars { take(scalar) }
        }
        endPart()
        var tokens: [String] = []
        var pendingPrefix = ""
        for part in parts {
            if part == "o" || part == "mc" || part == "mac" {
                pendingPrefix += part
                continue
            }
            tokens.append(unifyMac(pendingPrefix + part))
            pendingPrefix = ""
        }
        if !pendingPrefix.isEmpty { tokens.append(pendingPrefix) }
        // Tokens hold only a–z and 0–9; keep those with a letter.
        return tokens.filter { $0.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") } }
    }

    /// `Mac` + a capitalised-name-like rest becomes `mc`, so MacDonald and McDonald agree.
    /// Applied to both sides alike, the rare false unifications (Macey/Mcey) cost nothing.
    static func unifyMac(_ token: String) -> String {
        if token.hasPrefix("mac") && token.count >= 6 { return "mc" + token.dropFirst(3) }
        return token
    }

    /// Lower case, with diacritics and ligatures folded to ASCII where a letter has an obvious
    /// base; other scripts pass through (and are dropped by `tokens`).
    static func folded(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            switch scalar {
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            case "æ": out.append(contentsOf: "ae".unicodeScalars)
            case "œ": out.append(contentsOf: "oe".unicodeScalars)
            case "ø": out.append("o")
            case "ł": out.append("l")
            case "đ", "ð": out.append("d")
            case "þ": out.append(contentsOf: "th".unicodeScalars)
            case "ı": out.append("i")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// American Soundex of a token: a phonetic code that survives common misspellings.
    public static func soundex(_ token: String) -> String {
        let letters = token.utf8.filter { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        guard let first = letters.first else { return "" }
        var code: [UInt8] = [first - 32]
        var last = soundexDigit(first)
        for letter in letters.dropFirst() {
            let d = soundexDigit(letter)
            if d != 0 && d != last { code.append(d) }
            if code.count == 4 { break }
            // h and w do not separate equal codes; vowels do.
            if letter != UInt8(ascii: "h") && letter != UInt8(ascii: "w") { last = d }
        }
        while code.count < 4 { code.append(UInt8(ascii: "0")) }
        return String(decoding: code, as: UTF8.self)
    }

    /// Soundex digit of a lower-case letter (as an ASCII digit), 0 for vowels, h, w and y.
    private static func soundexDigit(_ letter: UInt8) -> UInt8 {
        switch letter {
        case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "p"), UInt8(ascii: "v"): UInt8(ascii: "1")
        case UInt8(ascii: "c"), UInt8(ascii: "g"), UInt8(ascii: "j"), UInt8(ascii: "k"), UInt8(ascii: "q"), UInt8(ascii: "s"),
             UInt8(ascii: "x"), UInt8(ascii: "z"): UInt8(ascii: "2")
        case UInt8(ascii: "d"), UInt8(ascii: "t"): UInt8(ascii: "3")
        case UInt8(ascii: "l"): UInt8(ascii: "4")
        case UInt8(ascii: "m"), UInt8(ascii: "n"): UInt8(ascii: "5")
        case UInt8(ascii: "r"): UInt8(ascii: "6")
        default: 0
        }
    }
}
