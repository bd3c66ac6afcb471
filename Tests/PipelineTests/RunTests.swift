import CohortModel
import Extracts
import Foundation
import Pipeline
import Testing

@Suite struct RunTests {
    @Test func sameInputAndKeyGiveByteIdenticalOutputs() throws {
        let la = try GeneratedLA(seed: 41, pupils: 3_000)
        defer { la.remove() }
        _ = try Pipeline.run(la.request(output: "first"))
        _ = try Pipeline.run(la.request(output: "second"))
        let first = try la.texts(in: "first"), second = try la.texts(in: "second")
        #expect(first.keys.sorted() == second.keys.sorted())
        for (file, text) in first { #expect(second[file] == text, "\(file) differs between runs") }
    }

    /// Accuracy on a seed the project never tuned on: the published figures against the generator's truth.
    @Test func reproducesTheTrueMeasures() throws {
        let la = try GeneratedLA(seed: 90_210, pupils: 20_000)
        defer { la.remove() }
        _ = try Pipeline.run(la.request(links: true))
        let published = csvRows(try la.texts(in: "release")["cohort_measures.csv"]!)
        let truth = csvRows(try String(contentsOfFile: la.path("truth/measures.csv"), encoding: .utf8))
        for expected in truth where expected["social_care_group"] == "Any social worker" {
            let row = try #require(published.first {
                $0["time_period"] == expected["time_period"] && $0["social_care_group"] == "Any social worker"
                    && $0["geographic_level"] == "Local authority" && $0["breakdown_topic"] == "Total"
            })
            let headcount = try #require(Double(row["headcount"]!)), trueHeadcount = try #require(Double(expected["headcount"]!))
            #expect(abs(headcount - trueHeadcount) <= 0.02 * trueHeadcount)
            let absence = try #require(Double(row["persistent_absence_percent"]!))
            let trueAbsence = try #require(Double(expected["persistent_absence_percent"]!))
            #expect(abs(absence - trueAbsence) <= 1)
        }
        let evaluation = try LinkEvaluation.compare(links: la.path("links.csv"), truth: la.path("truth/links.csv"))
        #expect(evaluation.precision >= 0.99, "\(evaluation.description)")
        #expect(evaluation.f1 >= 0.99, "\(evaluation.description)")
    }

    @Test func rejectsAreCountedByRowNumberAndTheRunCompletes() throws {
        let la = try GeneratedLA(seed: 43, pupils: 1_500, years: 1)
        defer { la.remove() }
        var lines = try String(contentsOfFile: la.path("social_care.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: ",CINP,", with: ",NOT-A-CATEGORY,")
            .replacingOccurrences(of: ",CPP,", with: ",NOT-A-CATEGORY,").replacingOccurrences(of: ",CLA,", with: ",NOT-A-CATEGORY,")
        lines[4] = "1,2,3"
        try (lines.joined(separator: "\n") + "\n").write(toFile: la.path("edited.csv"), atomically: true, encoding: .utf8)
        let report = try Pipeline.run(la.request(socialCare: la.path("edited.csv")))
        #expect(report.rowsSkipped == 2)
        let text = try la.texts(in: "release")["rejects.csv"]!
        let rejects = csvRows(text)
        #expect(rejects.map { $0["row"] } == ["2", "4"])
        #expect(rejects.allSatisfy { $0["file"] == "edited.csv" })
        #expect(text.components(separatedBy: ",row skipped\n").count == 3)
    }
}

/// Malformed inputs give one clear error or counted rejects, never a crash, never a partial output.
@Suite struct MalformedInputTests {
    static let cases: [(String, [UInt8])] = [
        ("missing column", Array("LAchildID,UPN,PersonBirthDate,StartDate\n1,,2012-01-01,2023-01-01\n".utf8)),
        ("empty file", []),
        ("header only", Array("LAchildID,PersonBirthDate,Category,StartDate\n".utf8)),
        ("binary garbage", (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }),
        ("wrong delimiter", Array("LAchildID;PersonBirthDate;Category;StartDate\n1;2012-01-01;CINP;2023-01-01\n".utf8)),
        ("invalid dates only", Array("LAchildID,PersonBirthDate,Category,StartDate\n1,2012-13-01,CINP,2023-02-30\n2,x,CLA,yesterday\n".utf8)),
        ("unterminated quote", Array("LAchildID,PersonBirthDate,Category,StartDate\n1,\"2012-01-01,CINP,2023-01-01\n".utf8)),
        ("five megabyte field", Array(("LAchildID,PersonBirthDate,Category,StartDate\n1,2012-01-01,CINP," + String(repeating: "9", count: 5_000_000) + "\n").utf8)),
    ]

    @Test(arguments: cases.map(\.0))
    func clearErrorAndNoOutputFolder(_ name: String) throws {
        let la = try GeneratedLA(seed: 44, pupils: 500, years: 1)
        defer { la.remove() }
        let bytes = Self.cases.first { $0.0 == name }!.1
        #expect(FileManager.default.createFile(atPath: la.path("bad.csv"), contents: Data(bytes)))
        do {
            _ = try Pipeline.run(la.request(socialCare: la.path("bad.csv")))
            Issue.record("\(name): the run succeeded on a file with no usable rows")
        } catch let error as ExtractError {
            #expect(error.file == "bad.csv", "\(error)")
            #expect(!error.description.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: la.path("release")))
        let debris = try FileManager.default.contentsOfDirectory(atPath: la.folder.path).filter { $0.hasPrefix(".release") }
        #expect(debris.isEmpty)
    }
}

/// A file given in another's place is named for what it is and where it goes, and nothing is written:
/// read as an education extract, a social care extract would otherwise pass (it has UPNs, dates of
/// birth, sex and school URNs).
@Suite struct MisplacedFileTests {
    /// The files given as social care, education and school register; the one out of place; its option.
    static let cases = [
        ["social_care.csv", "social_care.csv", "schools.csv", "social_care.csv", "--social-care"],
        ["education.csv", "education.csv", "schools.csv", "education.csv", "--education"],
        ["social_care.csv", "schools.csv", "schools.csv", "schools.csv", "--schools"],
        ["social_care.csv", "education.csv", "education.csv", "education.csv", "--education"],
        ["schools.csv", "education.csv", "schools.csv", "schools.csv", "--schools"],
    ]

    @Test(arguments: cases)
    func isNamedAndNothingIsWritten(_ files: [String]) throws {
        let la = try GeneratedLA(seed: 45, pupils: 500, years: 1)
        defer { la.remove() }
        do {
            _ = try Pipeline.run(la.request(inputs: ExtractInputs(socialCare: [la.path(files[0])], education: la.path(files[1])),
                                            schools: la.path(files[2])))
            Issue.record("the run accepted \(files[3]) in the wrong place")
        } catch let error as ExtractError {
            #expect(error.code == .wrongFormat && error.file == files[3], "\(error)")
            #expect(error.message.contains("Give it with \(files[4])"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: la.path("release")))
    }
}
