/// A calendar date as a day number (days since 1970-01-01, proleptic Gregorian).
///
/// Dates in extracts are plain days without time zones; an integer keeps them small, comparable
/// and cheap to hash, and avoids Foundation's time-zone-dependent `Date` arithmetic.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int32

    public init(number: Int32) { self.number = number }

    /// A valid calendar date, or nil (e.g. 31 February, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Day.daysIn(month: month, year: year)).contains(day),
              (1000...9999).contains(year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = Int32(era * 146_097 + doe - 719_468)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(number) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }

    /// `yyyy-mm-dd`.
    public var description: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    public func adding(days: Int) -> Day { Day(number: number + Int32(days)) }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whole years from `birth` to `self` (age on this day).
    public func years(since birth: Day) -> Int {
        let (y, m, d) = components, (by, bm, bd) = birth.components
        return y - by - ((m, d) < (bm, bd) ? 1 : 0)
    }
}

extension Day {
    /// Parses the date formats found in extracts: ISO `yyyy-mm-dd` (optionally followed by a time,
    /// as XML exports write), `dd/mm/yyyy` and `dd-mm-yyyy` (GIAS, SSDA903), and compact
    /// `yyyymmdd` (research data sets). Nil when the text is not one of them or not a real date.
    public init?(parsing text: String) {
        var text = text
        guard let day = text.withUTF8({ Day(parsing: $0) }) else { return nil }
        self = day
    }

    /// `init(parsing:)` on the bytes of the text, for readers that never make a String of it.
    public init?(parsing text: UnsafeBufferPointer<UInt8>) {
        var bytes = text[...]
        while let last = bytes.last, last == UInt8(ascii: " ") { bytes.removeLast() }
        while let first = bytes.first, first == UInt8(ascii: " ") { bytes.removeFirst() }
        if bytes.count > 10, bytes[bytes.startIndex + 10] == UInt8(ascii: "T") || bytes[bytes.startIndex + 10] == UInt8(ascii: " ") {
            bytes = bytes.prefix(10)
        }
        let start = bytes.startIndex
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[start + i]
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        if bytes.count == 8, let y = number(0..<4), let m = number(4..<6), let d = number(6..<8) {
            self.init(year: y, month: m, day: d)
            return
        }
        guard bytes.count == 10 else { return nil }
        let dash = UInt8(ascii: "-"), slash = UInt8(ascii: "/")
        let separator = (bytes[start + 2], bytes[start + 4], bytes[start + 5], bytes[start + 7])
        if separator.1 == dash && separator.3 == dash, let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) {
            self.init(year: y, month: m, day: d)
        } else if separator.0 == separator.2, separator.0 == slash || separator.0 == dash,
                  let d = number(0..<2), let m = number(3..<5), let y = number(6..<10) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }
}
