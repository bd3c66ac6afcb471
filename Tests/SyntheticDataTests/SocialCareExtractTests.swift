import CohortModel
import Testing
@testable import SyntheticData

@Suite struct SocialCareExtractTests {
    let csv = Fixtures.mediumSocialCare
    let la = Fixtures.medium

    /// Rows grouped by child, in file order.
    var children: [String: [[String]]] {
        Dictionary(grouping: csv.rows, by: { $0[csv.column("LAchildID")] })
    }

    @Test func headerEpisodesAndCounts() {
        #expect(csv.header == SocialCareCSV.header)
        #expect(csv.rows.allSatisfy { $0.count == csv.header.count })
        let children = self.children
        #expect(children.count == 1_000)  // 5% of 20,000 pupils
        #expect(children.values.allSatisfy { (1...4).contains($0.count) })
        #expect(csv.rows.count == la.summary.socialCareRows)
        let category = csv.column("Category")
        #expect(csv.rows.allSatisfy { SocialCareCategory(code: $0[category]) != nil })
    }

    @Test func datesParseAndAboutOneRowInTenIsDayFirst() {
        let start = csv.column("StartDate"), end = csv.column("EndDate"), dob = csv.column("PersonBirthDate")
        var slashed = 0
        for row in csv.rows {
            let s = Day(parsing: row[start])
            #expect(s != nil)
            if !row[end].isEmpty, let e = Day(parsing: row[end]), let s { #expect(e > s) }
            if !row[dob].isEmpty { #expect(Day(parsing: row[dob]) != nil) }
            if row[start].contains("/") { slashed += 1 }
        }
        let share = Double(slashed) / Double(csv.rows.count)
        #expect(share > 0.06 && share < 0.14)
    }

    @Test func upnsAreMissingForAboutOneChildInSixOfSchoolAge() {
        let upn = csv.column("UPN"), dob = csv.column("PersonBirthDate")
        let reference = AcademicYear(startYear: 2024).referenceDate
        var schoolAge = 0, missing = 0, placeholders = 0
        for rows in children.values {
            guard let birth = Day(parsing: rows[0][dob]), (5...15).contains(reference.years(since: birth)) else { continue }
            schoolAge += 1
            if UPN.isPlaceholder(rows[0][upn]) { missing += 1 }
            if rows[0][upn].hasPrefix("UN") { placeholders += 1 }
        }
        let share = Double(missing) / Double(schoolAge)
        #expect(share > 0.10 && share < 0.22, "missing UPN share \(share)")
        #expect(placeholders > 0)
    }

    @Test func sexIsCodedMFOrCINCodes() {
        let sex = csv.column("Sex")
        let codes = csv.rows.map { $0[sex] }
        #expect(codes.allSatisfy { ["M", "F", "1", "2"].contains($0) })
        let numeric = Double(codes.filter { $0 == "1" || $0 == "2" }.count) / Double(codes.count)
        #expect(numeric > 0.05 && numeric < 0.16)
    }

    @Test func groupSharesAtTheReferenceDate() {
        let category = csv.column("Category"), start = csv.column("StartDate"), end = csv.column("EndDate")
        let reference = AcademicYear(startYear: 2024).referenceDate
        var counts = [0, 0, 0, 0]
        for rows in children.values {
            var best = -1
            for row in rows {
                let s = Day(parsing: row[start])!, e = Day(parsing: row[end])
                if s <= reference && (e == nil || e! > reference) {
                    best = max(best, Int(SocialCareCategory(code: row[category])!.rawValue))
                }
            }
            counts[best < 0 ? 3 : best] += 1
        }
        let total = Double(counts.reduce(0, +))
        let shares = counts.map { Double($0) / total }
        #expect(shares[0] > 0.38 && shares[0] < 0.53, "CINP \(shares[0])")
        #expect(shares[1] > 0.14 && shares[1] < 0.27, "CPP \(shares[1])")
        #expect(shares[2] > 0.14 && shares[2] < 0.27, "CLA \(shares[2])")
        #expect(shares[3] > 0.07 && shares[3] < 0.22, "none \(shares[3])")
    }

    @Test func perturbationRatesAreNearTheirTargets() {
        let s = la.summary
        func rate(_ p: Perturbations) -> Double { s.rate(p.rawValue) }
        #expect(rate(.upnTypo) + rate(.upnOfAnotherChild) > 0.03 && rate(.upnTypo) + rate(.upnOfAnotherChild) < 0.08)
        #expect(rate(.nickname) > 0.025 && rate(.nickname) < 0.08)
        #expect(rate(.forenameTypo) > 0.03 && rate(.forenameTypo) < 0.08)
        #expect(rate(.dobSwapped) > 0.008 && rate(.dobSwapped) < 0.035)
        #expect(rate(.dobOffByOne) > 0.008 && rate(.dobOffByOne) < 0.035)
        #expect(rate(.postcodeMoved) > 0.07 && rate(.postcodeMoved) < 0.14)
        let carer = s.rate(Perturbations.carerSurname.rawValue, kinds: [0, 1, 2, 3], lookedAfterOnly: true)
        #expect(carer > 0.17 && carer < 0.33)
        #expect(s.underFive > 0 && s.postSixteen > 0 && s.outOfArea > 0)
        #expect(Double(s.outOfArea) / Double(s.socialCareChildren) > 0.06)
    }

    @Test func schoolNamesAreFreeTextWithDuplicatesAndMostURNsMissing() {
        let name = csv.column("SchoolName"), urn = csv.column("SchoolURN")
        let names = csv.rows.map { $0[name] }
        let empty = Double(names.filter(\.isEmpty).count) / Double(names.count)
        #expect(empty > 0.08 && empty < 0.45)
        let withURN = Double(csv.rows.filter { !$0[urn].isEmpty }.count) / Double(csv.rows.count)
        #expect(withURN > 0.03 && withURN < 0.2)
        #expect(names.contains { $0.hasSuffix(" Prim") || $0.contains(" RC ") || $0.contains("PRU") || $0 == $0.uppercased() && !$0.isEmpty })
    }
}
