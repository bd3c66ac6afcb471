import CohortModel

/// A way of splitting a group (filter `breakdown_topic`), whose categories (filter `breakdown`)
/// partition the group: every pupil falls in exactly one, so the categories add up to `Total`.
public enum BreakdownTopic: String, CaseIterable, Sendable {
    case total = "Total"
    case sex = "Sex"
    case ethnicity = "Ethnicity (major group)"
    case phase = "Phase"
    case ncYear = "NC year"
    case sen = "SEN provision"
    case fsm = "FSM"

    public var categories: [String] {
        switch self {
        case .total: ["Total"]
        case .sex: Sex.allCases.map(\.label)
        case .ethnicity: EthnicityGroup.allCases.map(\.label)
        case .phase: Phase.allCases.map(\.label) + ["Not known"]
        case .ncYear: (0...13).map { NCYear(Int8($0)).label } + ["Other or not known"]
        case .sen: SENProvision.allCases.map(\.label)
        case .fsm: ["FSM eligible", "Not known to be FSM eligible"]
        }
    }

    /// The category a pupil falls in.
    func category(of pupil: PupilYear) -> Int {
        switch self {
        case .total: 0
        case .sex: Int(pupil.sex.rawValue)
        case .ethnicity: Int(pupil.ethnicity.rawValue)
        case .phase: pupil.ncYear?.phase.map { Int($0.rawValue) } ?? 2
        case .ncYear: pupil.ncYear.map { (0...13).contains($0.value) ? Int($0.value) : 14 } ?? 14
        case .sen: Int((pupil.sen ?? .none).rawValue)
        case .fsm: pupil.fsm ? 0 : 1
        }
    }

    /// The category a social care child falls in, where the social care extract tells it.
    func category(of child: ChildStatus) -> Int? {
        switch self {
        case .total: 0
        case .sex: Int(child.sex.rawValue)
        case .ethnicity: Int(child.ethnicity.rawValue)
        default: nil
        }
    }
}
