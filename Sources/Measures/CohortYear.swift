import CohortModel

/// Where a pupil stands at the reference date.
public enum PupilStatus: Sendable, Equatable {
    /// Linked to a child in this social care group at the reference date.
    case socialCare(SocialCareGroup)
    /// Linked to a child whose episodes were all closed (or not yet open) at the reference date.
    case linkedWithoutOpenEpisode
    /// No link to the social care extract.
    case notLinked
}

/// A social care child at the reference date: its group (nil when no episode is open) and the
/// attributes the social care extract gives for breakdowns.
public struct ChildStatus: Sendable, Equatable {
    public var group: SocialCareGroup?
    public var sex: Sex
    public var ethnicity: EthnicityGroup

    public init(group: SocialCareGroup?, sex: Sex, ethnicity: EthnicityGroup) {
        self.group = group
        self.sex = sex
        self.ethnicity = ethnicity
    }

    /// The group of a child with these episodes on `day`: the highest of the hierarchy
    /// CLA > CPP > CINP among episodes open then, or nil.
    public static func group(of episodes: some Sequence<Episode>, on day: Day) -> SocialCareGroup? {
        var highest: SocialCareCategory?
        for episode in episodes where episode.isOpen(on: day) { highest = max(highest ?? episode.category, episode.category) }
        return highest?.group
    }
}

/// Everything the measures of one academic year are computed from: no identifiers, only the
/// enrolments, each pupil's status, and the social care children's groups.
public struct CohortYear: Sendable {
    public var year: AcademicYear
    public var referenceDate: Day
    /// This year's enrolments (dual registrations appear as several rows of one pupil).
    public var enrolments: [Enrolment]
    /// Indexed by pupil.
    public var pupilStatus: [PupilStatus]
    /// Pupil sex and ethnicity, indexed by pupil.
    public var pupilSex: [Sex]
    public var pupilEthnicity: [EthnicityGroup]
    /// Every child of the social care extract.
    public var children: [ChildStatus]

    public init(year: AcademicYear, referenceDate: Day, enrolments: [Enrolment], pupilStatus: [PupilStatus],
                pupilSex: [Sex], pupilEthnicity: [EthnicityGroup], children: [ChildStatus]) {
        self.year = year
        self.referenceDate = referenceDate
        self.enrolments = enrolments
        self.pupilStatus = pupilStatus
        self.pupilSex = pupilSex
        self.pupilEthnicity = pupilEthnicity
        self.children = children
    }
}

/// One pupil's year: enrolment rows merged, so a dual-registered pupil counts once. School and
/// year group come from the main (or current) registration; sessions and suspensions add up.
struct PupilYear {
    var pupil: Int32
    var urn: Int?
    var ncYear: NCYear?
    var sex: Sex
    var ethnicity: EthnicityGroup
    var fsm = false
    var sen: SENProvision?
    var sessionsPossible = 0
    var sessionsMissed = 0
    var suspensions = 0
    var permanentExclusion = false
    var attainment8: Double?
    var englishMaths95: Bool?

    var hasSessions: Bool { sessionsPossible > 0 }
    var absenceShare: Double { Double(sessionsMissed) / Double(sessionsPossible) }

    /// The end of key stage 4: year 11 with an Attainment 8 result.
    var isKS4: Bool { ncYear?.value == 11 && attainment8 != nil }

    static func merge(_ rows: ArraySlice<Enrolment>, sex: Sex, ethnicity: EthnicityGroup) -> PupilYear {
        let main = rows.first { $0.enrolStatus != .subsidiaryDual } ?? rows.first!
        var p = PupilYear(pupil: main.pupil, urn: main.urn, ncYear: main.ncYear, sex: sex, ethnicity: ethnicity)
        p.sen = main.sen
        for row in rows {
            p.fsm = p.fsm || row.fsmEligible == true
            if p.sen == nil { p.sen = row.sen }
            p.sessionsPossible += Int(row.sessionsPossible ?? 0)
            p.sessionsMissed += Int(row.sessionsAuthorised ?? 0) + Int(row.sessionsUnauthorised ?? 0)
            p.suspensions += Int(row.suspensions ?? 0)
            p.permanentExclusion = p.permanentExclusion || row.permanentExclusion == true
            if p.attainment8 == nil { p.attainment8 = row.attainment8 }
            if p.englishMaths95 == nil { p.englishMaths95 = row.englishMaths95 }
        }
        return p
    }
}
