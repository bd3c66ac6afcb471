import Foundation

/// Normalises personal names into comparable tokens, so that "McDonald", "Mac Donald",
/// "MACDONALD" and "Macdonald" agree, and "Smith-Jones" shares tokens with "Smith".
public enum NameNormalisation {
    /// Lower-case ASCII tokens of a name: diacritics folded (é→e, ß→ss), apostrophes dropped
    /// (O'Brien→obrien), split at spaces, hyphens and other punctuation, `Mac`/`Mc` prefixes
    /// unified as `mc`, and a lone `O`/`Mc`/`Mac` joined to the part after it.
    public static func tokens(_ name: String) -> [String] {
        var parts: [String] = []
        var current = ""
        for scalar in folded(name).unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9":
                current.unicodeScalars.append(scalar)
            case "'", "’", "‘", "`", "´":
                continue
            default:
                if !current.isEmpty { parts.append(current); current = "" }
            }
        }
        if !current.isEmpty { parts.append(current) }
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
        return tokens.filter { $0.contains(where: \.isLetter) }
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
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return name.lowercased() }
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
        let letters = Array(token.unicodeScalars.filter { $0 >= "a" && $0 <= "z" })
        guard let first = letters.first else { return "" }
        func digit(_ s: Unicode.Scalar) -> Character? {
            switch s {
            case "b", "f", "p", "v": "1"
            case "c", "g", "j", "k", "q", "s", "x", "z": "2"
            case "d", "t": "3"
            case "l": "4"
            case "m", "n": "5"
            case "r": "6"
            default: nil
            }
        }
        var code = String(Character(first)).uppercased()
        var last = digit(first)
        for scalar in letters.dropFirst() {
            let d = digit(scalar)
            if let d, d != last { code.append(d) }
            if code.count == 4 { break }
            // h and w do not separate equal codes; vowels do.
            if scalar != "h" && scalar != "w" { last = d }
        }
        return code.padding(toLength: 4, withPad: "0", startingAt: 0)
    }
}
