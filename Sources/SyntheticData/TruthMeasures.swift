import CohortModel

/// The true, unsuppressed measures of MEASURES.md, accumulated from the ground truth while the
/// education extract is written: breakdown Total, every year and every group, for the whole
/// generated population (one LA, or England with every LA's pupils and children merged).
struct TruthMeasures: Sendable {
    /// Sums for one group in one year.
    struct Totals: Sendable {
        var headcount = 0
        var pupilsWithSessions = 0
        var possible = 0
        var absent = 0
        var persistentlyAbsent = 0
        var severelyAbsent = 0
        var suspensions = 0
        var permanentExclusions = 0
        var fsm = 0
        var senSupport = 0
        var ehcp = 0
        var fsmAndSen = 0
        var ks4Pupils = 0
        var attainment8Halves = 0
        var englishMaths95 = 0

        mutating func add(_ o: PupilYearOutcome) {
            headcount += 1
            let possible = Int(o.totalPossible), absent = Int(o.totalAbsent)
            if possible > 0 {
                pupilsWithSessions += 1
                self.possible += possible
                self.absent += absent
                // Integer comparisons: exactly "at least 10%" / "at least 50%", no rounding.
                if absent * 10 >= possible { persistentlyAbsent += 1 }
                if absent * 2 >= possible { severelyAbsent += 1 }
            }
            suspensions += Int(o.totalSuspensions)
            if o.permanentExclusion { permanentExclusions += 1 }
            if o.fsm { fsm += 1 }
            if o.sen == .senSupport { senSupport += 1 }
            if o.sen == .ehcPlan { ehcp += 1 }
            if o.fsm && o.sen != .none { fsmAndSen += 1 }
            if o.attainment8Halves >= 0 {
                ks4Pupils += 1
                attainment8Halves += Int(o.attainment8Halves)
                if o.englishMaths95 { englishMaths95 += 1 }
            }
        }
    }

    let years: [AcademicYear]
    /// `years × SocialCareGroup.allCases` totals, in publication order.
    var totals: [Totals]
    /// Distinct social care children in each social care group (CINP, CPP, CLA, Any) per year.
    var socialCareChildren: [Int]

    static let groupCount = SocialCareGroup.allCases.count

    /// Empty totals; with `socialCare`, the social care children are counted now (they do not
    /// depend on the education extract).
    init(years: [AcademicYear], socialCare: SocialCareHistory?) {
        self.years = years
        totals = Array(repeating: Totals(), count: years.count * TruthMeasures.groupCount)
        socialCareChildren = Array(repeating: 0, count: years.count * 4)
        guard let socialCare else { return }
        for c in socialCare.children.indices {
            for k in years.indices {
                let g = Int(socialCare.group(child: c, year: k))
                guard g > 0 else { continue }
                socialCareChildren[k * 4 + g - 1] += 1
                socialCareChildren[k * 4 + 3] += 1
            }
        }
    }

    /// Counts a pupil once in `All pupils`, and in `No social worker` or in their group and
    /// `Any social worker`. `group` is 0 for none, else the category raw value + 1; `inSocialCare`
    /// says whether the child is in the social care extract at all.
    mutating func add(_ outcome: PupilYearOutcome, year: Int, inSocialCare: Bool, group: Int) {
        let base = year * TruthMeasures.groupCount
        totals[base + Int(SocialCareGroup.allPupils.rawValue)].add(outcome)
        if !inSocialCare {
            totals[base + Int(SocialCareGroup.noSocialWorker.rawValue)].add(outcome)
        } else if group > 0 {
            totals[base + group - 1].add(outcome)
            totals[base + Int(SocialCareGroup.anySocialWorker.rawValue)].add(outcome)
        }
    }

    mutating func merge(_ other: TruthMeasures) {
        for i in socialCareChildren.indices { socialCareChildren[i] += other.socialCareChildren[i] }
        for i in totals.indices {
            let o = other.totals[i]
            totals[i].headcount += o.headcount
            totals[i].pupilsWithSessions += o.pupilsWithSessions
            totals[i].possible += o.possible
            totals[i].absent += o.absent
            totals[i].persistentlyAbsent += o.persistentlyAbsent
            totals[i].severelyAbsent += o.severelyAbsent
            totals[i].suspensions += o.suspensions
            totals[i].permanentExclusions += o.permanentExclusions
            totals[i].fsm += o.fsm
            totals[i].senSupport += o.senSupport
            totals[i].ehcp += o.ehcp
            totals[i].fsmAndSen += o.fsmAndSen
            totals[i].ks4Pupils += o.ks4Pupils
            totals[i].attainment8Halves += o.attainment8Halves
            totals[i].englishMaths95 += o.englishMaths95
        }
    }

    static let header = ["time_period", "social_care_group", "headcount", "social_care_children", "overall_absence_percent",
                         "persistent_absence_percent", "severe_absence_percent", "suspension_rate", "permanent_exclusion_rate",
                         "fsm_percent", "sen_support_percent", "ehcp_percent", "fsm_and_sen_percent", "ks4_pupils",
                         "attainment8_average", "english_maths_grade5_percent"]

    /// The CSV: one row per year and group, six decimals, an empty cell where a measure is not
    /// applicable (social care children of the non-social-care groups) or undefined (no pupils).
    func csv() -> [UInt8] {
        var w = ByteWriter(capacity: 4096)
        w.append(CSV.header(TruthMeasures.header, lineEnd: [10]))
        for (k, year) in years.enumerated() {
            for group in SocialCareGroup.allCases {
                let t = totals[k * TruthMeasures.groupCount + Int(group.rawValue)]
                w.append(year.timePeriod); w.comma()
                w.field(group.label); w.comma()
                w.int(t.headcount); w.comma()
                if group.isSocialCare { w.int(socialCareChildren[k * 4 + Int(group.rawValue)]) }
                w.comma()
                func ratio(_ numerator: Int, _ denominator: Int, scale: Double = 100) {
                    if denominator > 0 { w.fixed(Double(numerator) * scale / Double(denominator), decimals: 6) }
                }
                ratio(t.absent, t.possible); w.comma()
                ratio(t.persistentlyAbsent, t.pupilsWithSessions); w.comma()
                ratio(t.severelyAbsent, t.pupilsWithSessions); w.comma()
                ratio(t.suspensions, t.headcount); w.comma()
                ratio(t.permanentExclusions, t.headcount); w.comma()
                ratio(t.fsm, t.headcount); w.comma()
                ratio(t.senSupport, t.headcount); w.comma()
                ratio(t.ehcp, t.headcount); w.comma()
                ratio(t.fsmAndSen, t.headcount); w.comma()
                w.int(t.ks4Pupils); w.comma()
                ratio(t.attainment8Halves, t.ks4Pupils, scale: 0.5); w.comma()
                ratio(t.englishMaths95, t.ks4Pupils)
                w.byte(10)
            }
        }
        return w.bytes
    }
}
