import CohortModel
import Disclosure
import Foundation
import Measures

/// How a social care group compares with pupils with no social worker on one measure.
///
/// Computed from the two *published* figures (rounded, and only when neither is a symbol), never
/// from the unrounded statistics, so a gap tells the reader nothing the tables do not: anyone can
/// work it out from `cohort_measures.csv`.
struct Gap {
    let indicator: Indicator
    let group: SocialCareGroup
    let value: PublishedValue
    let comparison: PublishedValue
    /// value / comparison, when both are published numbers and the comparison is not zero.
    let ratio: Double?
    /// value − comparison, when both are published numbers.
    let difference: Double?

    init(_ indicator: Indicator, _ group: SocialCareGroup, value: PublishedValue, comparison: PublishedValue) {
        self.indicator = indicator
        self.group = group
        self.value = value
        self.comparison = comparison
        let (a, b) = (value.numericValue, comparison.numericValue)
        ratio = a.flatMap { a in b.flatMap { b in b > 0 ? a / b : nil } }
        difference = a.flatMap { a in b.map { a - $0 } }
    }

    /// The gaps of every comparable measure for the social care groups in one year's local
    /// authority rows (a breakdown category, or `Total`).
    static func all(in figures: YearFigures, topic: BreakdownTopic = .total, category: String = "Total") -> [Gap] {
        Indicator.allCases.filter { $0.gapPhrase != nil }.flatMap { indicator in
            SocialCareGroup.allCases.filter(\.isSocialCare).map { group in
                Gap(indicator, group, value: figures.value(indicator, group, topic: topic, category: category).orNotAvailable,
                    comparison: figures.value(indicator, .noSocialWorker, topic: topic, category: category).orNotAvailable)
            }
        }
    }

    /// e.g. `3.1×`.
    var ratioText: String? { ratio.map { formatDecimal($0, places: 1) + "×" } }

    /// e.g. `+36.9` or `−25.6` (a true minus sign).
    var differenceText: String? {
        difference.map { d in
            let magnitude = formatDecimal(abs(d), places: 1)
            return magnitude.allSatisfy { $0 == "0" || $0 == "." } ? magnitude : (d > 0 ? "+" : "\u{2212}") + magnitude
        }
    }

    /// How far from parity, whichever way: 3× and ⅓× are as far as each other.
    var size: Double { ratio.map { $0 > 0 ? abs(Foundation.log($0)) : 0 } ?? 0 }
}

extension Indicator {
    /// The words between a ratio and "pupils with no social worker" (`3.1× as likely to be
    /// persistently absent as …`), or nil for the counts and the link rate, which have no
    /// comparison with pupils outside social care.
    var gapPhrase: String? {
        switch self {
        case .headcount, .socialCareChildren, .linkedPercent, .ks4Pupils: nil
        case .overallAbsencePercent: "the overall absence rate of"
        case .persistentAbsencePercent: "as likely to be persistently absent as"
        case .severeAbsencePercent: "as likely to be severely absent as"
        case .suspensionRate: "the suspension rate of"
        case .permanentExclusionRate: "the permanent exclusion rate of"
        case .fsmPercent: "as likely to be eligible for free school meals as"
        case .senSupportPercent: "as likely to be on SEN support as"
        case .ehcpPercent: "as likely to have an EHC plan as"
        case .fsmAndSenPercent: "as likely to be eligible for free school meals and have SEN as"
        case .attainment8Average: "the average Attainment 8 score of"
        case .englishMathsGrade5Percent: "as likely to achieve grade 5 or above in English and maths as"
        }
    }

    /// What a difference between two published figures is measured in (`in percentage points`).
    var differenceUnit: String {
        unit == "%" ? "in percentage points" : self == .attainment8Average ? "in points" : "per 100 pupils"
    }
}
