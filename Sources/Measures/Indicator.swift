/// The indicator columns of MEASURES.md, in publication order.
public enum Indicator: String, CaseIterable, Sendable {
    case headcount
    case socialCareChildren = "social_care_children"
    case linkedPercent = "linked_percent"
    case overallAbsencePercent = "overall_absence_percent"
    case persistentAbsencePercent = "persistent_absence_percent"
    case severeAbsencePercent = "severe_absence_percent"
    case suspensionRate = "suspension_rate"
    case permanentExclusionRate = "permanent_exclusion_rate"
    case fsmPercent = "fsm_percent"
    case senSupportPercent = "sen_support_percent"
    case ehcpPercent = "ehcp_percent"
    case fsmAndSenPercent = "fsm_and_sen_percent"
    case ks4Pupils = "ks4_pupils"
    case attainment8Average = "attainment8_average"
    case englishMathsGrade5Percent = "english_maths_grade5_percent"

    public var column: String { rawValue }

    public var label: String {
        switch self {
        case .headcount: "Headcount of pupils on roll"
        case .socialCareChildren: "Children in the social care extract"
        case .linkedPercent: "Percentage of children with a social worker found on roll"
        case .overallAbsencePercent: "Overall absence rate (%)"
        case .persistentAbsencePercent: "Persistent absence rate (%)"
        case .severeAbsencePercent: "Severe absence rate (%)"
        case .suspensionRate: "Suspension rate (per 100 pupils)"
        case .permanentExclusionRate: "Permanent exclusion rate (per 100 pupils)"
        case .fsmPercent: "Percentage eligible for free school meals"
        case .senSupportPercent: "Percentage on SEN support"
        case .ehcpPercent: "Percentage with an EHC plan"
        case .fsmAndSenPercent: "Percentage eligible for FSM and with SEN"
        case .ks4Pupils: "Pupils at the end of key stage 4"
        case .attainment8Average: "Average Attainment 8 score"
        case .englishMathsGrade5Percent: "Percentage achieving grade 5 or above in English and maths"
        }
    }

    /// EES `indicator_unit`: empty for counts and scores, `%` for percentages.
    public var unit: String {
        switch self {
        case .headcount, .socialCareChildren, .ks4Pupils, .attainment8Average, .suspensionRate, .permanentExclusionRate: ""
        default: "%"
        }
    }

    public var decimals: Int {
        switch self {
        case .headcount, .socialCareChildren, .ks4Pupils: 0
        default: 1
        }
    }

    public var grouping: String {
        switch self {
        case .headcount, .socialCareChildren, .linkedPercent: "Cohort"
        case .overallAbsencePercent, .persistentAbsencePercent, .severeAbsencePercent: "Attendance"
        case .suspensionRate, .permanentExclusionRate: "Suspensions and exclusions"
        case .fsmPercent, .senSupportPercent, .ehcpPercent, .fsmAndSenPercent: "Characteristics"
        case .ks4Pupils, .attainment8Average, .englishMathsGrade5Percent: "Key stage 4 attainment"
        }
    }
}
