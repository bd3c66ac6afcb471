import CohortModel
import Extracts
import Foundation
import SchoolResolution
import Testing
@testable import SyntheticData

/// School resolution on the names the generator's social workers typed, against the schools
/// they were typed from.
@Suite struct GeneratedSchoolNamesTests {
    /// One typed name with what is known about it.
    private struct Case {
        let name: String, postcode: String, hint: Phase?, truth: Int?
    }

    private static func cases(seed: UInt64) throws -> (SchoolResolver, [Case]) {
        var config = SyntheticConfig()
        config.pupils = 20_000
        config.seed = seed
        let la = SyntheticLA.generate(config)
        let register = try SchoolRegister.read(CSVDocument(fileName: "schools.csv", bytes: la.schoolsCSV)).records
        let records = try SocialCareExtract.read(CSVDocument(fileName: "social_care.csv", bytes: la.socialCareCSV)).records
        let windowStart = AcademicYear(startYear: config.latestYear.startYear - config.years + 1).firstDay
        let cases = records.enumerated().compactMap { i, record -> Case? in
            guard !record.schoolName.trimmingSpaces.isEmpty else { return nil }
            // The phase the child was in when the school was recorded (as far as the record tells).
            let hint = record.birthDate.map { birth -> Phase in
                let year = AcademicYear(containing: max(record.start, windowStart)).startYear - AcademicYear(containing: birth).startYear - 5
                return year <= 6 ? .primary : .secondary
            }
            return Case(name: record.schoolName, postcode: record.postcode, hint: hint, truth: la.schoolNameTruth[record.row - 1])
        }
        return (SchoolResolver(schools: register), cases)
    }

    @Test(arguments: [3, 7] as [UInt64])
    func resolvesWhatCanBeToldApartAndNeverCrossesAPhase(seed: UInt64) throws {
        let (resolver, cases) = try Self.cases(seed: seed)
        func phase(_ urn: Int) -> Phase { resolver.school(urn: urn)!.teaches(.primary) ? .primary : .secondary }
        var right = 0, identifiable = 0, rightIdentifiable = 0, truths = 0
        for typed in cases {
            let result = resolver.resolve(name: typed.name, postcode: typed.postcode, phaseHint: typed.hint)
            let blind = resolver.resolve(name: typed.name, postcode: typed.postcode)
            guard let truth = typed.truth else {
                // A nursery or college: not a register school, never resolved to one.
                #expect(result == .unresolved, "\(typed.name)")
                continue
            }
            truths += 1
            // Some schools share their full name with another (two St Stephen's Catholic primaries
            // in one LA): no text can tell those apart. Identifiable: the official name resolves.
            let canTell = resolver.resolve(name: resolver.school(urn: truth)!.name) == .resolved(urn: truth)
            if canTell { identifiable += 1 }
            if result == .resolved(urn: truth) {
                right += 1
                if canTell { rightIdentifiable += 1 }
            }
            // Never a school of the wrong phase by name; with a phase given, only when that
            // phase was itself wrong (the generator puts some out-of-borough children in a school
            // of the other phase).
            if let urn = blind.urn { #expect(phase(urn) == phase(truth), "\(typed.name)") }
            if let urn = result.urn, phase(urn) != phase(truth) { #expect(typed.hint != phase(truth), "\(typed.name)") }
        }
        #expect(Double(rightIdentifiable) >= 0.98 * Double(identifiable), "\(rightIdentifiable) of \(identifiable)")
        #expect(Double(right) >= 0.9 * Double(truths), "\(right) of \(truths)")
    }

    /// A national register (24,000 schools) and 2,000 typed names: indexing and resolving stay
    /// well within a second in a release build (this debug-build bound only catches blow-ups).
    @Test func scalesToTheNationalRegister() throws {
        let geography = Geography(laCode: 210)
        let national = SyntheticData.SchoolRegister(pupils: 9_400_000, geography: geography, names: .shared, seed: 5,
                                                    latestYear: AcademicYear(startYear: 2024))
        let schools = national.schools.map { school in
            Extracts.School(urn: school.urn, name: school.name, laCode: geography.authorities[school.authority].oldCode,
                            laName: geography.authorities[school.authority].name, establishmentNumber: school.establishmentNumber,
                            status: school.isOpen ? "Open" : "Closed",
                            phase: school.phase == .primary ? "Primary" : school.phase == .secondary ? "Secondary" : "Not applicable",
                            postcode: String(decoding: school.postcode.bytes(geography), as: UTF8.self),
                            openDate: school.openDate, closeDate: school.closeDate)
        }
        #expect(schools.count >= 24_000)
        var random = Random(seed: 5, stream: .schoolNames, 99)
        let typed = (0..<2_000).map { _ in national.schools[random.below(national.schools.count)] }
            .filter(\.isOpen).map { SchoolNames.freeText($0, &random) }
        let clock = ContinuousClock()
        var results: [SchoolResolution] = []
        let elapsed = clock.measure {
            let resolver = SchoolResolver(schools: schools)
            results = typed.map { resolver.resolve(name: $0) }
        }
        let summary = SchoolResolutionSummary(results)
        #expect(summary.total == typed.count && summary.resolved > typed.count / 2)
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}
