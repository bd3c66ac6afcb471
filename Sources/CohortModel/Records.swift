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
///
/// Stored in 48 bytes rather than the 104 its optionals would take (England's nine million
/// enrolments are held through linkage): a value that is not known is kept as a sentinel no valid
/// value takes. A URN or LAEstab number beyond 32 bits (they have six and seven digits) is not known.
public struct Enrolment: Sendable, Equatable {
    private var attainment8Bits = Self.noAttainment
    /// Index of the pupil in its extract's list of pupils.
    public var pupil: Int32
    /// 1-based data row in the education extract.
    public var row: Int32
    private var urnValue = Int32.min
    private var laEstabValue = Int32.min
    private var sessionsPossibleValue = Int32.min
    private var sessionsAuthorisedValue = Int32.min
    private var sessionsUnauthorisedValue = Int32.min
    private var suspensionsValue = Int32.min
    private var startYear = Int16.min
    private var ncYearValue = Int8.min
    public var enrolStatus: EnrolStatus = .current
    private var senValue = UInt8.max
    private var fsmEligibleValue = Self.unknownFlag
    private var permanentExclusionValue = Self.unknownFlag
    private var englishMaths95Value = Self.unknownFlag

    private static let noAttainment = UInt64.max
    private static let unknownFlag: UInt8 = 2

    public init(pupil: Int32, row: Int32) {
        self.pupil = pupil
        self.row = row
    }

    public var year: AcademicYear? {
        get { startYear == .min ? nil : AcademicYear(startYear: Int(startYear)) }
        set { startYear = newValue.flatMap { Int16(exactly: $0.startYear) } ?? .min }
    }
    public var urn: Int? {
        get { urnValue == .min ? nil : Int(urnValue) }
        set { urnValue = newValue.flatMap { Int32(exactly: $0) } ?? .min }
    }
    public var laEstab: Int? {
        get { laEstabValue == .min ? nil : Int(laEstabValue) }
        set { laEstabValue = newValue.flatMap { Int32(exactly: $0) } ?? .min }
    }
    public var ncYear: NCYear? {
        get { ncYearValue == .min ? nil : NCYear(ncYearValue) }
        set { ncYearValue = newValue?.value ?? .min }
    }
    public var sen: SENProvision? {
        get { SENProvision(rawValue: senValue) }
        set { senValue = newValue?.rawValue ?? .max }
    }
    public var sessionsPossible: Int32? {
        get { Self.known(sessionsPossibleValue) }
        set { sessionsPossibleValue = newValue ?? .min }
    }
    public var sessionsAuthorised: Int32? {
        get { Self.known(sessionsAuthorisedValue) }
        set { sessionsAuthorisedValue = newValue ?? .min }
    }
    public var sessionsUnauthorised: Int32? {
        get { Self.known(sessionsUnauthorisedValue) }
        set { sessionsUnauthorisedValue = newValue ?? .min }
    }
    public var suspensions: Int32? {
        get { Self.known(suspensionsValue) }
        set { suspensionsValue = newValue ?? .min }
    }
    public var fsmEligible: Bool? {
        get { Self.flag(fsmEligibleValue) }
        set { fsmEligibleValue = Self.flag(newValue) }
    }
    public var permanentExclusion: Bool? {
        get { Self.flag(permanentExclusionValue) }
        set { permanentExclusionValue = Self.flag(newValue) }
    }
    public var englishMaths95: Bool? {
        get { Self.flag(englishMaths95Value) }
        set { englishMaths95Value = Self.flag(newValue) }
    }
    public var attainment8: Double? {
        get { attainment8Bits == Self.noAttainment ? nil : Double(bitPattern: attainment8Bits) }
        set { attainment8Bits = newValue?.bitPattern ?? Self.noAttainment }
    }

    private static func known(_ count: Int32) -> Int32? { count == .min ? nil : count }
    private static func flag(_ byte: UInt8) -> Bool? { byte == unknownFlag ? nil : byte == 1 }
    private static func flag(_ value: Bool?) -> UInt8 { value.map { $0 ? 1 : 0 } ?? unknownFlag }
}
