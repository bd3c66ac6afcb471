import CohortModel

/// What to generate: the size of the LA, how many children social care knows, which years.
public struct SyntheticConfig: Sendable {
    /// Pupils on roll in the latest academic year (exactly).
    public var pupils: Int = 40_000
    /// Children in the social care extract; by default about 5% of `pupils`.
    public var socialCareChildren: Int? = nil
    /// Everything random follows from this: the same config gives byte-identical files.
    public var seed: UInt64 = 1
    /// Academic years in the education extract, ending with `latestYear`.
    public var years: Int = 2
    public var latestYear: AcademicYear = AcademicYear(startYear: 2024)
    /// The LA's old (3-digit) code; 210 is Southwark.
    public var laCode: Int = 210

    public init() {}

    public var resolvedSocialCareChildren: Int { max(0, socialCareChildren ?? Int((Double(pupils) * 0.05).rounded())) }

    /// The academic years of the window, oldest first.
    var academicYears: [AcademicYear] {
        let count = max(1, years)
        return (0..<count).map { AcademicYear(startYear: latestYear.startYear - count + 1 + $0) }
    }
}
