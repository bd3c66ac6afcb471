import Disclosure
import Foundation
import Measures

/// A readable table of the headline figures for the terminal: local authority, `Total`
/// breakdown, published values only (so it can never show more than the files).
public func summaryTable(_ table: PublishedTable, laName: String) -> String {
    let indicators: [(String, Indicator)] = [
        ("Pupils", .headcount), ("Linked %", .linkedPercent), ("Absence %", .overallAbsencePercent),
        ("Persistent abs. %", .persistentAbsencePercent), ("Suspensions /100", .suspensionRate),
        ("FSM %", .fsmPercent), ("SEN support %", .senSupportPercent), ("Attainment 8", .attainment8Average),
    ]
    let rows = table.rows.filter { $0.level == .localAuthority && $0.topic == .total }
    let header = ["Group"] + indicators.map(\.0)
    let body = rows.map { row in [row.group.label] + indicators.map { row[$0.1].description } }
    let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - cell.count) + cell
        }.joined(separator: "  ")
    }
    var out = "\(laName), \(table.year) (status at \(table.referenceDate))\n"
    out += line(header) + "\n"
    out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for cells in body { out += line(cells) + "\n" }
    out += "c = suppressed to protect children, z = not applicable, x = not available, low = rounds to zero\n"
    return out
}
