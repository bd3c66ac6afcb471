import Extracts
import Foundation

/// Precision, recall and F1 of a links file against a truth file (both `social_care_row,education_row,…`).
public struct LinkEvaluation: Sendable, Equatable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    public var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
    public var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }

    public init(links: Set<RowPair>, truth: Set<RowPair>) {
        truePositives = links.intersection(truth).count
        falsePositives = links.count - truePositives
        falseNegatives = truth.count - truePositives
    }

    public static func compare(links: String, truth: String) throws -> LinkEvaluation {
        LinkEvaluation(links: try readPairs(links), truth: try readPairs(truth))
    }

    public var description: String {
        String(format: "precision %.4f, recall %.4f, F1 %.4f (%d true links found, %d false, %d missed)",
               precision, recall, f1, truePositives, falsePositives, falseNegatives)
    }
}

public struct RowPair: Hashable, Sendable {
    public var left: Int
    public var right: Int

    public init(_ left: Int, _ right: Int) {
        self.left = left
        self.right = right
    }
}

/// The first two columns of a links file, as row-number pairs.
func readPairs(_ path: String) throws -> Set<RowPair> {
    let document = try InputFile(path: path).document()
    var pairs = Set<RowPair>()
    try document.forEachRow { row in
        guard let left = Int(row[0]), let right = Int(row[1]) else {
            throw ExtractError(.noValidRows, file: document.fileName, row: row.number, "the first two columns must be row numbers.")
        }
        pairs.insert(RowPair(left, right))
    }
    return pairs
}
