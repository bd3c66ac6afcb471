import Disclosure

/// A fragment of HTML (or SVG) markup, safe by construction: in a literal such as
/// `"<td>\(name)</td>"` the literal parts are markup, interpolated `String`s are escaped, and only
/// interpolated `HTML` is inserted as it is. Numbers have no plain interpolation, so no figure can
/// slip into the text by accident: a figure comes from a `PublishedValue`, and a drawing coordinate
/// is written `\(coordinate: x)`.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var markup: String

    init(stringLiteral literal: String) { markup = literal }

    init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        mutating func appendLiteral(_ literal: String) { markup += literal }

        mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        mutating func appendInterpolation(_ fragment: HTML) { markup += fragment.markup }

        mutating func appendInterpolation(_ fragments: [HTML]) { for fragment in fragments { markup += fragment.markup } }

        /// A position or length in a drawing, to one decimal place (never text a reader sees).
        mutating func appendInterpolation(coordinate value: Double) { markup += formatDecimal(value, places: 1) }
    }

    static func + (left: HTML, right: HTML) -> HTML { HTML(stringLiteral: left.markup + right.markup) }

    /// `text` with the five characters that matter in HTML text and attribute values escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
