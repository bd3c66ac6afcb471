/// An English academic year, 1 September to 31 August, named by the year it starts in.
public struct AcademicYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// The academic year a day falls in.
    public init(containing day: Day) {
        let (y, m, _) = day.components
        startYear = m >= 9 ? y : y - 1
    }

    /// Parses `2023/24`, `2023-24`, `2023/2024` and the EES `202324`.
    public init?(parsing text: String) {
        var text = text
        if let usual = text.withUTF8(Self.usual) {
            self = usual
            return
        }
        let digits = String(text.filter(\.isNumber))
        let trimmed = text.trimmingSpaces
        guard let start = Int(digits.prefix(4)), (1900...2200).contains(start) else { return nil }
        let rest = digits.dropFirst(4)
        let isSeparated = trimmed.count > 4 && (trimmed.dropFirst(4).first == "/" || trimmed.dropFirst(4).first == "-")
        guard rest.count == 2 || rest.count == 4, isSeparated || (digits.count == 6 && trimmed.count == 6) else { return nil }
        let end = Int(String(rest))!
        guard end == (start + 1) % 100 || end == start + 1 else { return nil }
        startYear = start
    }

    /// The two usual shapes, `2023/24` and `202324`, straight from the bytes; nil for anything else
    /// (which `init?(parsing:)` reads), invalid years of these shapes included.
    public static func usual(_ bytes: UnsafeBufferPointer<UInt8>) -> AcademicYear? {
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= 48 && bytes[i] <= 57 else { return nil }
                value = value * 10 + Int(bytes[i] - 48)
            }
            return value
        }
        guard bytes.count == 7 || bytes.count == 6, let start = digits(0..<4),
              let end = bytes.count == 7 ? (bytes[4] == UInt8(ascii: "/") || bytes[4] == UInt8(ascii: "-") ? digits(5..<7) : nil) : digits(4..<6),
              end == (start + 1) % 100, (1900...2200).contains(start) else { return nil }
        return AcademicYear(startYear: start)
    }

    /// The EES `time_period`, e.g. `202324`.
    public var timePeriod: String {
        let end = (startYear + 1) % 100
        return "\(startYear)\(end < 10 ? "0" : "")\(end)"
    }

    /// e.g. `2023/24`.
    public var description: String {
        let end = (startYear + 1) % 100
        return "\(startYear)/\(end < 10 ? "0" : "")\(end)"
    }

    /// The default reference date for social care status: 31 March of the academic year.
    public var referenceDate: Day { Day(year: startYear + 1, month: 3, day: 31)! }

    public var firstDay: Day { Day(year: startYear, month: 9, day: 1)! }
    public var lastDay: Day { Day(year: startYear + 1, month: 8, day: 31)! }

    public static func < (a: AcademicYear, b: AcademicYear) -> Bool { a.startYear < b.startYear }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public var trimmingSpaces: Substring {
        let view = Substring(self)
        guard let start = view.firstIndex(where: { !$0.isWhitespace }) else { return view[view.endIndex...] }
        let end = view.lastIndex(where: { !$0.isWhitespace })!
        return view[start...end]
    }
}
