import CohortModel
import Disclosure

extension PublishedValue {
    /// The published figure as a number (for drawing and for gaps), or nil for a symbol.
    var numericValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// The published text with thousands separated (`40,000`), as people read figures; a symbol as it is.
    var readable: String {
        guard case .number(let text) = self else { return description }
        let integerEnd = text.firstIndex(of: ".") ?? text.endIndex
        let integer = text[..<integerEnd]
        guard integer.count > 3, integer.allSatisfy(\.isNumber) else { return text }
        var grouped = ""
        for (i, digit) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped + text[integerEnd...]
    }

    /// The value as a screen reader should say it: a symbol with its meaning.
    var spoken: String {
        guard case .symbol(let symbol) = self else { return readable }
        return "\(symbol.rawValue) (\(symbol.meaning))"
    }

    /// The value in a table cell or a sentence: a symbol is marked up with its meaning.
    var html: HTML {
        guard case .symbol(let symbol) = self else { return "\(readable)" }
        return "<abbr class=\"symbol\" title=\"\(symbol.meaning)\">\(symbol.rawValue)</abbr>"
    }

    /// As `html`, with the unit after a number (`51.2%`); a symbol takes no unit.
    func html(unit: String) -> HTML {
        guard case .number = self else { return html }
        return "\(readable)\(unit)"
    }
}

extension Optional where Wrapped == PublishedValue {
    /// A cell the tables do not have reads as `x`, not available.
    var orNotAvailable: PublishedValue { self ?? .symbol(.notAvailable) }
}

extension Day {
    /// e.g. `31 March 2025`, as dates are written in English prose.
    var longDescription: String {
        let (year, month, day) = components
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        return "\(day) \(months[month - 1]) \(year)"
    }
}
