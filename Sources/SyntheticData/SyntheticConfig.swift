import CohortModel

/// What to generate: one LA or all of England, how many pupils and children social care knows,
/// which years.
public struct SyntheticConfig: Sendable {
    /// One local authority (with invented schools in its neighbours, for the children who go to
    /// school there), or England: every LA in `LocalAuthorities.all` with its own pupils, schools
    /// and children, pupils crossing to the neighbours' real schools, one national extract each.
    public enum Coverage: Sendable {
        case localAuthority, england
    }

    public var coverage: Coverage = .localAuthority
    /// Pupils on roll in the latest academic year (exactly), in all LAs together for England.
    public var pupils: Int = 40_000
    /// Children in the social care extract; by default about 5% of `pupils`.
    public var socialCareChildren: Int? = nil
    /// Everything random follows from this: the same config gives byte-identical files.
    public var seed: UInt64 = 1
    /// Academic years in the education extract, ending with `latestYear`.
    public var years: Int = 2
    public var latestYear: AcademicYear = AcademicYear(startYear: 2024)
    /// The LA's old (3-digit) code; 210 is Southwark. Not used for England.
    public var laCode: Int = 210

    public init() {}

    public var resolvedSocialCareChildren: Int { max(0, socialCareChildren ?? Int((Double(pupils) * 0.05).rounded())) }

    /// The academic years of the window, oldest first.
    var academicYears: [AcademicYear] {
        let count = max(1, years)
        return (0..<count).map { AcademicYear(startYear: latestYear.startYear - count + 1 + $0) }
    }
}
