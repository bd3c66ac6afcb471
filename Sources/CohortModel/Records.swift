/// One social care episode of one child, without identifiers.
public struct Episode: Sendable, Equatable {
    /// Index of the child in its extract's list of children.
    public var child: Int32
    public var category: SocialCareCategory
    public var start: Day
    public var end: Day?

    public init(child: Int32, category: SocialCareCategory, start: Day, end: Day?) {
        self.child = child
        self.category = category
        self.start = start
        self.end = end
    }

    /// Open on `day`: started on or before it, and not ended by it. An episode that ends on the
    /// reference date is closed at it (the statutory returns' convention).
    public func isOpen(on day: Day) -> Bool {
        start <= day && (end.map { $0 > day } ?? true)
    }
}

/// One pupil's enrolment at one school in one academic year, without identifiers: what the
/// measures are computed from.
public struct Enrolment: Sendable, Equatable {
    /// Index of the pupil in its extract's list of pupils.
    public var pupil: Int32
    /// 1-based data row in the education extract.
    public var row: Int32
    public var year: AcademicYear?
    public var urn: Int?
    public var laEstab: Int?
    public var ncYear: NCYear?
    public var enrolStatus: EnrolStatus = .current
    public var fsmEligible: Bool?
    public var sen: SENProvision?
    public var sessionsPossible: Int32?
    public var sessionsAuthorised: Int32?
    public var sessionsUnauthorised: Int32?
    public var suspensions: Int32?
    public var permanentExclusion: Bool?
    public var attainment8: Double?
    public var englishMaths95: Bool?

    public init(pupil: Int32, row: Int32) {
        self.pupil = pupil
        self.row = row
    }
}
