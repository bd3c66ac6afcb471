import CohortModel
import Disclosure

public enum GeographicLevel: String, Sendable, CaseIterable {
    case national = "National"
    case localAuthority = "Local authority"
    case school = "School"
}

/// One row of the tidy table: a geography, a group and a breakdown category, with every indicator.
public struct MeasureRow: Sendable, Equatable {
    public var level: GeographicLevel
    /// The school, at school level.
    public var urn: Int?
    /// In England's release, the local authority (old LA code) of a local authority's row and of a
    /// school's; nil in one local authority's release, and for England's rows.
    public var la: Int? = nil
    public var group: SocialCareGroup
    public var topic: BreakdownTopic
    public var category: String
    /// One statistic per `Indicator.allCases`, in that order.
    public var statistics: [Statistic]

    public subscript(indicator: Indicator) -> Statistic {
        statistics[Indicator.allCases.firstIndex(of: indicator)!]
    }

    /// A row about the release's whole area: the local authority's in its own release, England's in
    /// England's.
    public var isWholeArea: Bool { urn == nil && la == nil }
}

/// All measures of one academic year.
public struct MeasureTable: Sendable, Equatable {
    public var year: AcademicYear
    public var referenceDate: Day
    public var rows: [MeasureRow]
}

/// Which rows to compute.
public struct MeasureOptions: Sendable {
    /// Breakdowns at local authority level.
    public var topics: [BreakdownTopic]
    /// Add a `Total` row per group for every school with pupils on roll.
    public var schoolLevel: Bool
    /// England's release: the local authority of every school, by URN. The rows are then England's
    /// (with the breakdowns), each local authority's (its schools' pupils: a `Total` row per group,
    /// like a school's) and the schools'; nil for one local authority's release.
    public var localAuthorityOfSchool: [Int: Int]?

    public init(topics: [BreakdownTopic] = [.total], schoolLevel: Bool = false, localAuthorityOfSchool: [Int: Int]? = nil) {
        self.topics = topics
        self.schoolLevel = schoolLevel
        self.localAuthorityOfSchool = localAuthorityOfSchool
    }
}

/// Sums over the pupils of one cell, from which every indicator follows.
struct Accumulator {
    var headcount = 0
    var withSessions = 0
    var sessionsPossible = 0.0
    var sessionsMissed = 0.0
    var persistent = 0
    var severe = 0
    var suspensions = 0
    var suspended = 0
    var permanentExclusions = 0
    var fsm = 0
    var senSupport = 0
    var ehcp = 0
    var fsmAndSen = 0
    var ks4 = 0
    var attainment8Sum = 0.0
    var englishMaths95 = 0

    /// Adds another cell's sums, as if its pupils had been added here.
    mutating func add(_ other: Accumulator) {
        headcount += other.headcount
        withSessions += other.withSessions
        sessionsPossible += other.sessionsPossible
        sessionsMissed += other.sessionsMissed
        persistent += other.persistent
        severe += other.severe
        suspensions += other.suspensions
        suspended += other.suspended
        permanentExclusions += other.permanentExclusions
        fsm += other.fsm
        senSupport += other.senSupport
        ehcp += other.ehcp
        fsmAndSen += other.fsmAndSen
        ks4 += other.ks4
        attainment8Sum += other.attainment8Sum
        englishMaths95 += other.englishMaths95
    }

    mutating func add(_ p: PupilYear) {
        headcount += 1
        if p.hasSessions {
            withSessions += 1
            sessionsPossible += Double(p.sessionsPossible)
            sessionsMissed += Double(p.sessionsMissed)
            if p.absenceShare >= 0.1 { persistent += 1 }
            if p.absenceShare >= 0.5 { severe += 1 }
        }
        suspensions += p.suspensions
        if p.suspensions > 0 { suspended += 1 }
        if p.permanentExclusion { permanentExclusions += 1 }
        if p.fsm { fsm += 1 }
        if p.sen == .senSupport { senSupport += 1 }
        if p.sen == .ehcPlan { ehcp += 1 }
        if p.fsm && (p.sen == .senSupport || p.sen == .ehcPlan) { fsmAndSen += 1 }
        if p.isKS4, let score = p.attainment8 {
            ks4 += 1
            attainment8Sum += score
            if p.englishMaths95 == true { englishMaths95 += 1 }
        }
    }

    /// Every indicator, given how many social care children the cell has (nil: not known here).
    func statistics(group: SocialCareGroup, socialCareChildren: Int?, linkedPercentApplies: Bool) -> [Statistic] {
        Indicator.allCases.map { indicator in
            switch indicator {
            case .headcount: .count(headcount)
            case .socialCareChildren:
                group.isSocialCare ? socialCareChildren.map(Statistic.count) ?? .notAvailable : .notApplicable
            case .linkedPercent:
                !group.isSocialCare ? .notApplicable
                    : linkedPercentApplies ? socialCareChildren.map { .percent(numerator: headcount, denominator: $0) } ?? .notAvailable
                    : .notAvailable
            case .overallAbsencePercent: .ratio(numerator: sessionsMissed, denominator: sessionsPossible, children: withSessions)
            case .persistentAbsencePercent: .percent(numerator: persistent, denominator: withSessions)
            case .severeAbsencePercent: .percent(numerator: severe, denominator: withSessions)
            case .suspensionRate: .eventRate(events: suspensions, childrenWithEvents: suspended, denominator: headcount)
            case .permanentExclusionRate: .percent(numerator: permanentExclusions, denominator: headcount)
            case .fsmPercent: .percent(numerator: fsm, denominator: headcount)
            case .senSupportPercent: .percent(numerator: senSupport, denominator: headcount)
            case .ehcpPercent: .percent(numerator: ehcp, denominator: headcount)
            case .fsmAndSenPercent: .percent(numerator: fsmAndSen, denominator: headcount)
            case .ks4Pupils: .count(ks4)
            case .attainment8Average: .average(sum: attainment8Sum, count: ks4)
            case .englishMathsGrade5Percent: .percent(numerator: englishMaths95, denominator: ks4)
            }
        }
    }
}

extension PupilStatus {
    /// Calls `body` with each output group a pupil with this status counts in: no array made for
    /// each of 400,000 pupils.
    @inline(__always)
    func forEachGroup(_ body: (SocialCareGroup) -> Void) {
        switch self {
        case .socialCare(let group):
            body(group)
            body(.anySocialWorker)
        case .notLinked: body(.noSocialWorker)
        case .linkedWithoutOpenEpisode: break
        }
        body(.allPupils)
    }
}

/// The sums of some pupils: by topic, group and category; by school and group; by local authority
/// (England's release) and group.
private struct Sums: Sendable {
    var cells: [[[Accumulator]]]
    var schools: [Int: [Accumulator]] = [:]
    var localAuthorities: [[Accumulator]]
    var laHasPupils: [Bool]

    static let emptyPlace = Array(repeating: Accumulator(), count: SocialCareGroup.allCases.count)

    init(topics: [BreakdownTopic], localAuthorities: Int) {
        cells = topics.map { topic in SocialCareGroup.allCases.map { _ in Array(repeating: Accumulator(), count: topic.categories.count) } }
        self.localAuthorities = Array(repeating: Self.emptyPlace, count: localAuthorities)
        laHasPupils = Array(repeating: false, count: localAuthorities)
    }

    /// Counts the pupil in its groups: in each topic's category, in its school and in its LA, each
    /// when given.
    mutating func add(_ pupil: PupilYear, status: PupilStatus, topics: [BreakdownTopic], urn: Int?, la: Int?) {
        for (t, topic) in topics.enumerated() {
            let category = topic.category(of: pupil)
            status.forEachGroup { group in cells[t][Int(group.rawValue)][category].add(pupil) }
        }
        if let urn {
            // In place, and the school found once for all the pupil's groups: a copy of the school's
            // row out and back made one allocation per pupil.
            Self.add(pupil, status: status, to: &schools[urn, default: Self.emptyPlace])
        }
        if let la {
            laHasPupils[la] = true
            Self.add(pupil, status: status, to: &localAuthorities[la])
        }
    }

    private static func add(_ pupil: PupilYear, status: PupilStatus, to place: inout [Accumulator]) {
        status.forEachGroup { group in place[Int(group.rawValue)].add(pupil) }
    }

    /// Adds the sums of the pupils that come after these.
    mutating func add(_ later: Sums) {
        for t in cells.indices {
            for g in cells[t].indices { for c in cells[t][g].indices { cells[t][g][c].add(later.cells[t][g][c]) } }
        }
        for (urn, row) in later.schools {
            for g in row.indices { schools[urn, default: Self.emptyPlace][g].add(row[g]) }
        }
        for la in localAuthorities.indices {
            for g in localAuthorities[la].indices { localAuthorities[la][g].add(later.localAuthorities[la][g]) }
            laHasPupils[la] = laHasPupils[la] || later.laHasPupils[la]
        }
    }
}

extension CohortYear {
    /// Slices of pupils whose sums are made apart, then added up in order: enough for the threads
    /// of any machine, and the same on every machine, so the totals are too.
    static let sumSlices = 16

    /// One row per pupil on roll this year, dual registrations merged, in pupil order: enrolments
    /// sorted by (pupil, row) with a parallel radix sort, then merged in slices that start at a new
    /// pupil, in parallel; the same whatever the threads.
    func pupilYears(threads: Int) -> [PupilYear] {
        var keys = parallelMap(enrolments.count, threads: threads) { UInt64(enrolments[$0].pupil) << 32 | UInt64(enrolments[$0].row) }
        var order = (0..<Int32(enrolments.count)).map { $0 }
        radixSort(&keys, carrying: &order, threads: threads)
        let sortedOrder = order
        let ordered = parallelMap(sortedOrder.count, threads: threads) { enrolments[Int(sortedOrder[$0])] }
        @Sendable func sliceStart(_ slice: Int, of slices: Int) -> Int {
            runAlignedStart(slice, of: slices, count: ordered.count) { ordered[$0].pupil == ordered[$0 - 1].pupil }
        }
        let slices = max(1, min(threads * 8, ordered.count))
        let bounds = (0...slices).map { sliceStart($0, of: slices) }
        // Each slice's pupils are counted first, so that its rows are made straight into their place:
        // made apart and joined, 400,000 rows were copied to fresh pages on one core.
        let firstRow = parallelMap(slices, threads: threads) { slice in
            (bounds[slice]..<bounds[slice + 1]).count { $0 == bounds[slice] || ordered[$0].pupil != ordered[$0 - 1].pupil }
        }.reduce(into: [0]) { $0.append($0.last! + $1) }
        return [PupilYear](unsafeUninitializedCapacity: firstRow[slices]) { buffer, made in
            let rows = DisjointSlots(buffer.baseAddress!)
            _ = parallelMap(slices, threads: threads) { slice in
                var (start, row) = (bounds[slice], firstRow[slice])
                while start < bounds[slice + 1] {
                    var end = start + 1
                    while end < bounds[slice + 1] && ordered[end].pupil == ordered[start].pupil { end += 1 }
                    let pupil = Int(ordered[start].pupil)
                    (rows.base + row).initialize(to: PupilYear.merge(ordered[start..<end], sex: pupilSex[pupil], ethnicity: pupilEthnicity[pupil]))
                    (start, row) = (end, row + 1)
                }
            }
            made = firstRow[slices]
        }
    }

    /// The measures of this year, every group and the requested breakdowns and levels. The pupils'
    /// rows and their sums are made in parallel, the sums in fixed slices added up in order, so that
    /// every floating-point total is the same whatever the threads.
    public func measures(_ options: MeasureOptions = MeasureOptions(), threads: Int = defaultThreadCount) -> MeasureTable {
        let groups = SocialCareGroup.allCases
        let pupils = pupilYears(threads: threads)
        let laOfSchool = options.localAuthorityOfSchool
        // England's local authorities numbered densely, so that a pupil's is looked up once.
        let laCodes = Set(laOfSchool.map { Array($0.values) } ?? []).sorted()
        let laSlotOfSchool: [Int: Int] = laOfSchool.map { laOfSchool in
            let slot = Dictionary(uniqueKeysWithValues: laCodes.enumerated().map { ($1, $0) })
            return laOfSchool.mapValues { slot[$0]! }
        } ?? [:]

        // The pupils' sums in a fixed number of slices, each on any thread, added up in slice order:
        // floating-point totals depend on the order of the additions, which the threads never change.
        let slices = min(Self.sumSlices, max(1, pupils.count))
        let parts = parallelMap(slices, threads: threads) { slice in
            var sums = Sums(topics: options.topics, localAuthorities: laCodes.count)
            for pupil in pupils[slice * pupils.count / slices ..< (slice + 1) * pupils.count / slices] {
                sums.add(pupil, status: pupilStatus[Int(pupil.pupil)], topics: options.topics,
                         urn: options.schoolLevel ? pupil.urn : nil, la: laSlotOfSchool.isEmpty ? nil : pupil.urn.flatMap { laSlotOfSchool[$0] })
            }
            return sums
        }
        var total = parts[0]
        for part in parts.dropFirst() { total.add(part) }
        let (cells, schools, localAuthorities, laHasPupils) = (total.cells, total.schools, total.localAuthorities, total.laHasPupils)
        var childCounts = options.topics.map { topic in groups.map { _ in Array(repeating: 0, count: topic.categories.count) } }
        for child in children {
            guard let group = child.group else { continue }
            for (t, topic) in options.topics.enumerated() {
                guard let category = topic.category(of: child) else { continue }
                childCounts[t][Int(group.rawValue)][category] += 1
                childCounts[t][Int(SocialCareGroup.anySocialWorker.rawValue)][category] += 1
            }
        }

        var rows: [MeasureRow] = []
        for group in groups {
            for (t, topic) in options.topics.enumerated() {
                let knowsChildren = topic.category(of: ChildStatus(group: nil, sex: .unknown, ethnicity: .unclassified)) != nil
                for (c, category) in topic.categories.enumerated() {
                    let statistics = cells[t][Int(group.rawValue)][c].statistics(
                        group: group, socialCareChildren: knowsChildren ? childCounts[t][Int(group.rawValue)][c] : nil,
                        linkedPercentApplies: topic == .total)
                    rows.append(MeasureRow(level: laOfSchool == nil ? .localAuthority : .national, urn: nil, group: group, topic: topic,
                                           category: category, statistics: statistics))
                }
            }
        }
        // Local authorities and schools: each group's total. Their social care children are not
        // counted: a child's local authority need not be its school's.
        func placeRows(_ row: [Accumulator], level: GeographicLevel, la: Int?, urn: Int?) -> [MeasureRow] {
            groups.map { group in
                MeasureRow(level: level, urn: urn, la: la, group: group, topic: .total, category: "Total",
                           statistics: row[Int(group.rawValue)].statistics(group: group, socialCareChildren: nil, linkedPercentApplies: false))
            }
        }
        for (slot, la) in laCodes.enumerated() where laHasPupils[slot] {
            rows += placeRows(localAuthorities[slot], level: .localAuthority, la: la, urn: nil)
        }
        for urn in schools.keys.sorted() {
            rows += placeRows(schools[urn]!, level: .school, la: laOfSchool?[urn], urn: urn)
        }
        return MeasureTable(year: year, referenceDate: referenceDate, rows: rows)
    }
}
