import CohortModel
import Extracts
@testable import Pipeline
import Testing

/// Every enrolment's school as its current URN: by URN or LAEstab, a converted school as the one it
/// became, school by school as enrolments come and also when they alternate.
@Suite struct SchoolOfEnrolmentTests {
    private static let register = [
        School(urn: 100_001, name: "Oak Primary", laCode: 210, laName: "Southwark", establishmentNumber: 2001, status: "Closed",
               closeDate: Day(year: 2019, month: 8, day: 31)),
        School(urn: 140_001, name: "Oak Academy", laCode: 210, laName: "Southwark", establishmentNumber: 2001,
               predecessorURN: 100_001, openDate: Day(year: 2019, month: 9, day: 1)),
        School(urn: 100_002, name: "Elm School", laCode: 210, laName: "Southwark", establishmentNumber: 4002),
    ]

    private static func enrolment(_ row: Int, urn: Int? = nil, laEstab: Int? = nil) -> Enrolment {
        var e = Enrolment(pupil: Int32(row), row: Int32(row))
        (e.urn, e.laEstab) = (urn, laEstab)
        return e
    }

    @Test func schoolsAreGivenAsTheirCurrentURNs() throws {
        let named: [(urn: Int?, laEstab: Int?, current: Int?)] = [
            (100_001, nil, 140_001), (100_001, nil, 140_001), (nil, 2_104_002, 100_002), (nil, 2_104_002, 100_002),
            (100_002, nil, 100_002), (nil, 2_102_001, 140_001), (nil, 2_109_999, nil), (nil, nil, nil), (100_001, 2_104_002, 140_001),
            (nil, 2_104_002, 100_002), (nil, 2_109_999, nil), (100_001, nil, 140_001),
        ]
        var enrolments = named.enumerated().map { Self.enrolment($0.offset, urn: $0.element.urn, laEstab: $0.element.laEstab) }
        try Analysis.resolveSchools(of: &enrolments, register: Self.register)
        #expect(enrolments.map(\.urn) == named.map(\.current))
    }

    @Test func noLAEstabInTheRegisterIsAnError() {
        var enrolments = (0..<3).map { Self.enrolment($0, laEstab: 2_109_999) }
        #expect(throws: AnalysisError.self) { try Analysis.resolveSchools(of: &enrolments, register: Self.register) }
    }
}
