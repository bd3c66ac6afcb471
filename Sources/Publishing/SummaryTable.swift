import Disclosure
import Foundation
import Measures

/// A readable table of the headline figures for the terminal: the release's area (the local
/// authority, or England), `Total` breakdown, published values only (so it can never show more
/// than the files).
public func summaryTable(_ table: PublishedTable, areaName: String) -> String {
    let indicators: [(String, Indicator)] = [
        ("Pupils", .headcount), ("Linked %", .linkedPercent), ("Absence %", .overallAbsencePercent),
        ("Persistent abs. %", .persistentAbsencePercent), ("Suspensions /100", .suspensionRate),
        ("FSM %", .fsmPercent), ("SEN support %", .senSupportPercent), ("Attainment 8", .attainment8Average),
    ]
    let rows = table.rows.filter { $0.isWholeArea && $0.topic == .total }
    let header = ["Group"] + indicators.map(\.0)
    let body = rows.map { row in [row.group.label] + indicators.map { row[$0.1].description } }
    var out = "\(areaName), \(table.year) (status at \(table.referenceDate))\n"
    out += textTable([header] + body, ruled: true) + "\n"
    out += "c = suppressed to protect children, z = not applicable, x = not available, low = rounds to zero\n"
    return out
}

/// Rows as text columns two spaces apart, the first left-aligned and the rest right-aligned, with
/// a rule of dashes under the first row when `ruled`; lines end without a newline after the last.
public func textTable(_ rows: [[String]], ruled: Bool = false) -> String {
    guard let header = rows.first else { return "" }
    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - cell.count) + cell
        }.joined(separator: "  ")
    }
    var lines = rows.map(line)
    if ruled { lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1) }
    return lines.joined(separator: "\n")
}
