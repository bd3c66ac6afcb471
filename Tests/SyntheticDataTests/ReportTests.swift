import Foundation
import Testing
@testable import SyntheticData

/// Prints what each realism knob produced for a 40,000-pupil LA and how fast. Off by default
/// (set SYNTHETIC_REPORT=1), because it is a measurement, not a check.
@Suite struct ReportTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SYNTHETIC_REPORT"] != nil))
    func report() throws {
        var config = SyntheticConfig()
        if let n = ProcessInfo.processInfo.environment["SYNTHETIC_PUPILS"].flatMap(Int.init) { config.pupils = n }
        let start = Date()
        let la = SyntheticLA.generate(config)
        let seconds = Date().timeIntervalSince(start)
        let s = la.summary
        if let out = ProcessInfo.processInfo.environment["SYNTHETIC_OUT"] { try la.write(to: URL(fileURLWithPath: out)) }
        print("pupils \(config.pupils): \(String(format: "%.3f", seconds)) s, \(Int(Double(config.pupils) / seconds)) pupils/s")
        print("bytes: social care \(la.socialCareCSV.count), education \(la.educationCSV.count), schools \(la.schoolsCSV.count)")
        print("pupils by year \(s.pupilsByYear), education rows \(s.educationRows), dual \(s.dualRegistrations), former UPN \(s.pupilsWithFormerUPN), twins \(s.twinPupils)")
        print("schools: primary \(s.primarySchools), secondary \(s.secondarySchools), out of area \(s.outOfAreaSchools)")
        print("social care children \(s.socialCareChildren), rows \(s.socialCareRows), links \(s.links), with a former UPN \(s.socialCareWithFormerUPN)")
        print("kinds: on roll \(s.onRoll), out of area \(s.outOfArea), under five \(s.underFive), 16-17 \(s.postSixteen)")
        let g = s.latestGroups, total = Double(g.reduce(0, +))
        print("latest groups CINP/CPP/CLA/none: \(g.map { String(format: "%.1f%%", Double($0) * 100 / total) })")
        let flags: [(String, Perturbations)] = [
            ("UPN missing", .upnMissing), ("UPN placeholder", .upnPlaceholder), ("UPN typo", .upnTypo),
            ("UPN of another child", .upnOfAnotherChild), ("UPN former", .upnFormer), ("nickname", .nickname),
            ("forename typo", .forenameTypo), ("forename part", .forenamePart), ("surname part", .surnamePart),
            ("surname typo", .surnameTypo), ("DOB swapped", .dobSwapped), ("DOB off by one", .dobOffByOne),
            ("DOB missing", .dobMissing), ("postcode moved", .postcodeMoved), ("postcode missing", .postcodeMissing),
            ("sex code 1/2", .sexCode), ("ethnicity differs", .ethnicityDiffers), ("case changed", .caseChanged),
        ]
        for (name, flag) in flags {
            print("  \(name): school age \(String(format: "%.2f%%", s.rate(flag.rawValue) * 100)), all \(String(format: "%.2f%%", s.rate(flag.rawValue, kinds: [0, 1, 2, 3]) * 100))")
        }
        print("  carer surname (ever looked after): \(String(format: "%.2f%%", s.rate(Perturbations.carerSurname.rawValue, kinds: [0, 1, 2, 3], lookedAfterOnly: true) * 100))")
        print(String(decoding: la.truthMeasuresCSV, as: UTF8.self))
        print(String(decoding: la.socialCareCSV.prefix(3000), as: UTF8.self))
        print(String(decoding: la.educationCSV.prefix(2000), as: UTF8.self))
    }
}
