import CohortModel
import Foundation
import Testing
@testable import SyntheticData

@Suite struct DeterminismTests {
    @Test func sameConfigGivesTheSameBytes() {
        let config = Fixtures.config(pupils: 3_000, seed: 42)
        let a = SyntheticLA.generate(config), b = SyntheticLA.generate(config)
        #expect(a.socialCareCSV == b.socialCareCSV)
        #expect(a.educationCSV == b.educationCSV)
        #expect(a.schoolsCSV == b.schoolsCSV)
        #expect(a.truthLinksCSV == b.truthLinksCSV)
        #expect(a.truthMeasuresCSV == b.truthMeasuresCSV)
    }

    @Test func sameBytesAsTheSharedFixture() {
        // A second generation in the same process, made after other generations ran, still agrees:
        // nothing depends on process state such as dictionary order.
        let again = SyntheticLA.generate(Fixtures.config())
        #expect(again.educationCSV == Fixtures.small.educationCSV)
        #expect(again.socialCareCSV == Fixtures.small.socialCareCSV)
    }

    @Test func differentSeedsDiffer() {
        let a = SyntheticLA.generate(Fixtures.config(pupils: 2_000, seed: 1))
        let b = SyntheticLA.generate(Fixtures.config(pupils: 2_000, seed: 2))
        #expect(a.educationCSV != b.educationCSV)
        #expect(a.socialCareCSV != b.socialCareCSV)
        #expect(a.truthMeasuresCSV != b.truthMeasuresCSV)
    }

    @Test func writesTheFiveFilesAtomically() throws {
        let la = SyntheticLA.generate(Fixtures.config(pupils: 1_000, seed: 3))
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("synthetic-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try la.write(to: directory)
        let expected: [(String, [UInt8])] = [
            ("social_care.csv", la.socialCareCSV), ("education.csv", la.educationCSV), ("schools.csv", la.schoolsCSV),
            ("truth/links.csv", la.truthLinksCSV), ("truth/measures.csv", la.truthMeasuresCSV),
        ]
        for (name, bytes) in expected {
            let written = try Data(contentsOf: directory.appendingPathComponent(name))
            #expect([UInt8](written) == bytes, "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        // Writing again over existing files works too.
        try la.write(to: directory)
    }
}

@Suite struct BuildingBlockTests {
    @Test func randomStreamsAreReproducibleAndIndependent() {
        var a = Random(seed: 9, stream: .outcomes, 1, 2), b = Random(seed: 9, stream: .outcomes, 1, 2)
        var c = Random(seed: 9, stream: .outcomes, 1, 3)
        let xs = (0..<8).map { _ in a.next() }, ys = (0..<8).map { _ in b.next() }, zs = (0..<8).map { _ in c.next() }
        #expect(xs == ys)
        #expect(xs != zs)
        var r = Random(seed: 1, stream: .population)
        for n in [1, 2, 3, 7, 1000] { for _ in 0..<200 { #expect((0..<n).contains(r.below(n))) } }
        let mean = (0..<20_000).reduce(0.0) { s, _ in s + r.normal() } / 20_000
        #expect(abs(mean) < 0.05)
    }

    @Test func aliasTableFollowsTheWeights() {
        let table = AliasTable(weights: [1, 0, 3])
        var r = Random(seed: 5, stream: .names)
        var counts = [0, 0, 0]
        for _ in 0..<40_000 { counts[table.sample(&r)] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[2]) / Double(counts[0]) - 3) < 0.2)
    }

    @Test func allocatedUPNsAreValidAndUnique() {
        var allocator = UPNAllocator()
        var seen = Set<[UInt8]>()
        for i in 0..<5_000 {
            let upn = allocator.permanent(la: 210, year: 2015 + i % 3)
            #expect(UPN.isValid(String(decoding: upn, as: UTF8.self)))
            seen.insert(upn)
            let temporary = allocator.temporary(la: 210, year: 2019)
            #expect(UPN.isValid(String(decoding: temporary, as: UTF8.self)))
            #expect(temporary[12] >= UInt8(ascii: "A"))
        }
        #expect(seen.count == 5_000)
    }

    @Test func fixedPointFormatting() {
        var w = ByteWriter(capacity: 64)
        for (value, text) in [(0.0, "0.000000"), (17.5, "17.500000"), (2.0 / 3.0 * 100, "66.666667"), (-1.25, "-1.250000")] {
            w.bytes.removeAll()
            w.fixed(value, decimals: 6)
            #expect(String(decoding: w.bytes, as: UTF8.self) == text)
        }
        w.bytes.removeAll()
        w.int(1_234_567); w.comma(); w.int(0); w.comma(); w.int(-42)
        #expect(String(decoding: w.bytes, as: UTF8.self) == "1234567,0,-42")
    }

    @Test func apportionHitsTheTotal() {
        for total in [0, 1, 11, 5_000, 40_001] {
            #expect(apportion(total, Population.yearGroupWeights).reduce(0, +) == total)
        }
    }
}

@Suite struct ConfigurationTests {
    @Test(arguments: [(0, 1, 210), (150, 1, 210), (800, 4, 210), (600, 2, 926)])
    func unusualConfigurationsStillGenerate(_ pupils: Int, _ years: Int, _ laCode: Int) {
        var config = SyntheticConfig()
        config.pupils = pupils
        config.years = years
        config.laCode = laCode
        config.seed = 99
        let la = SyntheticLA.generate(config)
        #expect(la.summary.pupilsByYear.count == years)
        #expect(la.summary.pupilsByYear.last == pupils)
        #expect(la.summary.socialCareChildren == Int((Double(pupils) * 0.05).rounded()))
        #expect(ParsedCSV(la.truthMeasuresCSV).rows.count == years * 6)
    }

    @Test func explicitSocialCareCount() {
        var config = Fixtures.config(pupils: 2_000, seed: 5)
        config.socialCareChildren = 300
        let la = SyntheticLA.generate(config)
        #expect(la.summary.socialCareChildren == 300)
        #expect(Set(ParsedCSV(la.socialCareCSV).rows.map { $0[0] }).count == 300)
    }
}
