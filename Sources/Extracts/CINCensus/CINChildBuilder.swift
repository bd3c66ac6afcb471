import CohortModel

/// One `<Child>` of a CIN census return, read and checked: the child's identifiers and one
/// record per plan (CIN plan → `CINP`, child protection plan → `CPP`).
public struct CINCensusChild: Sendable {
    /// The child's ordinal in the file: for XML, "row" n is the n-th `<Child>` element.
    public var row: Int
    /// Nil when the child was skipped (no `LAchildID`).
    public var identifiers: ChildIdentifiers?
    public var records: [SocialCareRecord]
    /// Values ignored (and the child, if skipped), by row and element, never by value.
    public var rejects: [RejectedRow]
}

/// Gathers the text of one child's elements while the file streams past, and checks it once the
/// child ends. Values are kept as text until then, so the scan itself does no parsing. A class,
/// so the reader updates it in place on every value rather than copying it out and back.
final class CINChildBuilder {
    /// A plan as written: its dates, and the LA-local school elements.
    struct Plan {
        var category: SocialCareCategory
        var start: String?
        var end: String?
        var schoolName = ""
        var schoolURN = ""
    }

    let row: Int
    private var values = [String?](repeating: nil, count: CINElement.allCases.count)
    /// Plans of the `CINdetails` now open, and the closure dates of each finished one.
    private var plans: [(plan: Plan, closure: String?)] = []
    private var detailsStart: Int?
    private var openPlan: Plan?
    private var closure: String?
    private var notes: [(element: CINElement, reason: String)] = []

    init(row: Int) { self.row = row }

    func beginDetails() {
        detailsStart = plans.count
        closure = nil
    }

    /// A `CINdetails` ends: its closure date closes plans it left open.
    func endDetails() {
        if let start = detailsStart {
            for i in start..<plans.count { plans[i].closure = closure }
        }
        detailsStart = nil
    }

    func beginPlan(_ category: SocialCareCategory) { openPlan = Plan(category: category) }

    func endPlan() {
        if let plan = openPlan { plans.append((plan, nil)) }
        openPlan = nil
    }

    /// The text of a value element that has just closed.
    func set(_ element: CINElement, _ text: String, overlong: Bool) {
        if overlong {
            notes.append((element, "longer than \(XMLValue.maximumLength) bytes; ignored"))
            return
        }
        switch element {
        case .cinPlanStartDate, .cppStartDate: openPlan?.start = text
        case .cinPlanEndDate, .cppEndDate: openPlan?.end = text
        case .schoolName: openPlan?.schoolName = text
        case .schoolURN: openPlan?.schoolURN = text
        case .cinClosureDate: closure = text
        default:
            if values[Int(element.rawValue)] == nil { values[Int(element.rawValue)] = text }
        }
    }

    /// Text directly inside a container element: a stray node (noted once per element).
    func strayText(in element: CINElement) {
        let reason = "text outside any element (a stray text node); ignored"
        if !notes.contains(where: { $0.element == element && $0.reason == reason }) { notes.append((element, reason)) }
    }

    /// Checks the child's values and makes its records. `referenceDate` (the return's) judges the
    /// date of birth of a child without plans.
    func finish(fileName: String, referenceDate: Day?, truncated: Bool = false) -> CINCensusChild {
        var rejects = notes.map { ignored($0.element.name, $0.reason, fileName) }
        if truncated {
            rejects.append(RejectedRow(file: fileName, row: row, column: nil,
                                       reason: "the file ends inside this child (is it truncated?)", action: .rowSkipped))
            return CINCensusChild(row: row, identifiers: nil, records: [], rejects: rejects)
        }
        let childID = value(.laChildID)
        guard !childID.isEmpty else {
            rejects.append(RejectedRow(file: fileName, row: row, column: "LAchildID", reason: "LAchildID is missing or empty",
                                       action: .rowSkipped))
            return CINCensusChild(row: row, identifiers: nil, records: [], rejects: rejects)
        }
        var ids = identifiers(childID: childID, fileName: fileName, rejects: &rejects)
        var records: [SocialCareRecord] = []
        for (plan, closure) in plans {
            guard let (start, end) = dates(of: plan, closure: closure, fileName: fileName, rejects: &rejects) else { continue }
            var record = SocialCareRecord(row: row, identifiers: ids, category: plan.category, start: start, end: end,
                                          schoolName: plan.schoolName)
            if !plan.schoolURN.isEmpty {
                record.schoolURN = Int(plan.schoolURN)
                if record.schoolURN == nil { rejects.append(ignored("SchoolURN", "not a school URN (a number)", fileName)) }
            }
            records.append(record)
        }
        // A date of birth must fit each plan it is recorded with, as in the flat extract.
        if let birth = ids.birthDate {
            let events = records.isEmpty ? (referenceDate.map { [$0] } ?? []) : records.map(\.start)
            let fits = events.map { plausibleBirthDate(birth, around: $0) }
            if fits.contains(false) { rejects.append(ignored("PersonBirthDate", "not a plausible date of birth for a child", fileName)) }
            for i in records.indices where !fits[i] { records[i].birthDate = nil }
            if !fits.contains(true) && !fits.isEmpty { ids.birthDate = nil }
        }
        return CINCensusChild(row: row, identifiers: ids, records: records, rejects: rejects)
    }

    private func identifiers(childID: String, fileName: String, rejects: inout [RejectedRow]) -> ChildIdentifiers {
        var ids = ChildIdentifiers(childID: childID)
        ids.upn = value(.upn)
        let unknown = value(.upnUnknown)
        if !unknown.isEmpty {
            if !StatutoryCodes.upnUnknown.contains(unknown.uppercased()) {
                rejects.append(ignored("UPNunknown", "not a UPNunknown code (UN1 to UN7)", fileName))
            } else if !ids.upn.isEmpty {
                rejects.append(ignored("UPNunknown", "given together with a UPN; the UPN is used", fileName))
            } else {
                // Kept as the placeholder it is, so identifier quality counts it as one.
                ids.upn = unknown.uppercased()
            }
        }
        ids.formerUPN = value(.formerUPN)
        ids.forename = value(.forename)
        ids.surname = value(.surname)
        ids.postcode = value(.postcode)
        let birth = value(.personBirthDate)
        if !birth.isEmpty {
            ids.birthDate = Day(parsing: birth)
            if ids.birthDate == nil { rejects.append(ignored("PersonBirthDate", "not a date (use yyyy-mm-dd)", fileName)) }
        }
        // `Sex` (from 2024-25) takes M/F/U; `GenderCurrent` (before) the codes 1/2/0/9.
        let sex = value(.sex)
        if !sex.isEmpty {
            if ["M", "F", "U"].contains(sex.uppercased()) { ids.sex = Sex(code: sex) ?? .unknown }
            else { rejects.append(ignored("Sex", "not M, F or U (the CIN census codes from 2024-25)", fileName)) }
        }
        let gender = value(.genderCurrent)
        if !gender.isEmpty {
            if ["1", "2", "0", "9"].contains(gender) {
                if ids.sex == .unknown { ids.sex = Sex(code: gender) ?? .unknown }
            } else {
                rejects.append(ignored("GenderCurrent", "not a GenderCurrent code (1, 2, 0 or 9)", fileName))
            }
        }
        let ethnicity = value(.ethnicity).uppercased()
        if !ethnicity.isEmpty {
            if StatutoryCodes.ethnicity.contains(ethnicity) { ids.ethnicity = ethnicity }
            else { rejects.append(ignored("Ethnicity", "not a DfE ethnicity code", fileName)) }
        }
        return ids
    }

    /// A plan's start and end, or nil (with the reason noted) when the plan cannot be used. A plan
    /// left open in a closed `CINdetails` ends when the episode of need closed.
    private func dates(of plan: Plan, closure: String?, fileName: String, rejects: inout [RejectedRow]) -> (Day, Day?)? {
        let (startName, endName) = plan.category == .childProtectionPlan ? ("CPPstartDate", "CPPendDate")
            : ("CINPlanStartDate", "CINPlanEndDate")
        guard let text = plan.start, !text.isEmpty else {
            rejects.append(ignored(startName, "the plan has no start date; plan left out", fileName))
            return nil
        }
        guard let start = Day(parsing: text) else {
            rejects.append(ignored(startName, "not a date (use yyyy-mm-dd); plan left out", fileName))
            return nil
        }
        var end: Day?
        if let text = plan.end, !text.isEmpty {
            guard let parsed = Day(parsing: text) else {
                rejects.append(ignored(endName, "not a date (use yyyy-mm-dd); plan left out", fileName))
                return nil
            }
            end = parsed
        } else if let closure, let closed = Day(parsing: closure), closed >= start {
            end = closed
        }
        if let end, end < start {
            rejects.append(ignored(endName, "before the plan's start date; plan left out", fileName))
            return nil
        }
        return (start, end)
    }

    private func value(_ element: CINElement) -> String { values[Int(element.rawValue)] ?? "" }

    private func ignored(_ column: String, _ reason: String, _ fileName: String) -> RejectedRow {
        RejectedRow(file: fileName, row: row, column: column, reason: reason, action: .valueIgnored)
    }
}
