import CohortModel
import Testing

@Suite struct DayTests {
    @Test(arguments: ["2012-03-04", "04/03/2012", "04-03-2012", " 2012-03-04 ", "2012-03-04T00:00:00", "20120304"])
    func parsesEveryContractFormat(_ text: String) throws {
        let day = try #require(Day(parsing: text))
        #expect(day.components == (2012, 3, 4))
        #expect(day.description == "2012-03-04")
    }

    @Test(arguments: ["2012-02-30", "31/04/2012", "2012/03/04", "12-03-04", "", "yesterday", "2012-13-01", "0000-01-01", "20121301", "2012034"])
    func rejectsWhatIsNotADate(_ text: String) {
        #expect(Day(parsing: text) == nil)
    }

    @Test func roundTripsEveryDayOverTwoCenturies() {
        var day = Day(year: 1900, month: 1, day: 1)!
        let end = Day(year: 2100, month: 12, day: 31)!
        while day <= end {
            let (y, m, d) = day.components
            #expect(Day(year: y, month: m, day: d) == day)
            day = day.adding(days: 1)
        }
        #expect(Day(year: 1970, month: 1, day: 1)!.number == 0)
        #expect(Day(year: 2000, month: 2, day: 29) != nil && Day(year: 1900, month: 2, day: 29) == nil)
    }

    @Test func ageInWholeYears() {
        let birth = Day(year: 2010, month: 4, day: 1)!
        #expect(Day(year: 2024, month: 3, day: 31)!.years(since: birth) == 13)
        #expect(Day(year: 2024, month: 4, day: 1)!.years(since: birth) == 14)
    }
}

@Suite struct AcademicYearTests {
    @Test(arguments: ["2023/24", "202324", "2023-24", "2023/2024"])
    func parses(_ text: String) {
        #expect(AcademicYear(parsing: text) == AcademicYear(startYear: 2023))
    }

    @Test(arguments: ["2023/25", "2023", "20232", "abc", "2023/24/25"])
    func rejects(_ text: String) {
        #expect(AcademicYear(parsing: text) == nil)
    }

    @Test func referenceDateAndContainment() {
        let year = AcademicYear(startYear: 2023)
        #expect(year.timePeriod == "202324" && year.description == "2023/24")
        #expect(year.referenceDate == Day(year: 2024, month: 3, day: 31))
        #expect(AcademicYear(containing: Day(year: 2023, month: 9, day: 1)!) == year)
        #expect(AcademicYear(containing: Day(year: 2024, month: 8, day: 31)!) == year)
        #expect(AcademicYear(containing: Day(year: 2023, month: 8, day: 31)!) == AcademicYear(startYear: 2022))
        #expect(AcademicYear(startYear: 2009).timePeriod == "200910")
    }
}

@Suite struct UPNTests {
    @Test(arguments: ["B801200005001", "X00180001701A", "P207000016049"])
    func contractExamplesAreValid(_ upn: String) {
        #expect(UPN.isValid(upn))
    }

    @Test(arguments: ["Q207000016049", "B80120000500", "B8012000050011", "b801200005001", "I801200005001", "B80120000500I", "B8012000A5001"])
    func invalidOnes(_ upn: String) {
        #expect(!UPN.isValid(upn))
    }

    @Test func normalisesBeforeChecking() {
        #expect(UPN.isValid(UPN.normalised(" b801200005001 ")))
    }

    @Test func everySingleCharacterTypoIsCaught() {
        let upn = Array("B801200005001".utf8)
        for position in 1..<13 {
            for digit in UInt8(ascii: "0")...UInt8(ascii: "9") where digit != upn[position] {
                var typo = upn
                typo[position] = digit
                #expect(!UPN.isValid(String(decoding: typo, as: UTF8.self)), "position \(position)")
            }
        }
    }

    @Test func placeholders() {
        #expect(UPN.isPlaceholder("UN1") && UPN.isPlaceholder("un5") && UPN.isPlaceholder(""))
        #expect(!UPN.isPlaceholder("B801200005001"))
    }

    /// The kind the identifier quality counts, from ASCII bytes or, for other text, its normal form.
    @Test func kinds() {
        #expect(UPN.kind(of: "") == .missing && UPN.kind(of: "  ") == .missing)
        #expect(UPN.kind(of: "un2") == .placeholder && UPN.kind(of: "N/A") == .placeholder && UPN.kind(of: "UNKNOWN") == .placeholder)
        #expect(UPN.kind(of: " b801200005001") == .valid && UPN.kind(of: "B80120000500１") == .failsCheckLetter)
        #expect(UPN.kind(of: "Q207000016049") == .failsCheckLetter && UPN.kind(of: "ＵＮ１") == .failsCheckLetter)
    }
}

@Suite struct CodeTests {
    @Test func sexCodes() {
        #expect(Sex(code: "1") == .male && Sex(code: "2") == .female && Sex(code: "0") == .unknown)
        #expect(Sex(code: "9") == .unknown && Sex(code: " f ") == .female && Sex(code: "Q") == nil)
    }

    @Test func categories() {
        #expect(SocialCareCategory(code: "CINP") == .childInNeedPlan)
        #expect(SocialCareCategory(code: "Child protection plan") == .childProtectionPlan)
        #expect(SocialCareCategory(code: "looked-after") == .lookedAfter)
        #expect(SocialCareCategory(code: "XYZ") == nil)
    }

    @Test func ethnicityMajorGroups() {
        #expect(EthnicityGroup(code: "WBRI") == .white && EthnicityGroup(code: "BAFR") == .black)
        #expect(EthnicityGroup(code: "CHNE") == .chinese && EthnicityGroup(code: "REFU") == .unclassified)
        #expect(EthnicityGroup(code: "") == .unclassified && EthnicityGroup(code: "MWBC") == .mixed)
        #expect(EthnicityGroup(code: " wbri") == .white && EthnicityGroup(code: "\u{A0}AIND ") == .asian)
        #expect(EthnicityGroup(code: "refu") == .unclassified && EthnicityGroup(code: "Nobt") == .unclassified)
        #expect(EthnicityGroup(code: "Ölç") == .unclassified && EthnicityGroup(code: "REF") == .unclassified)
    }

    /// The codes read from bytes without a String are read as their text is: every usual code, and
    /// nothing else (a lower-case, padded or long code is left to the text's reading).
    @Test func usualCodesFromBytesReadAsTheirText() {
        let texts = ["", "M", "F", "U", "1", "2", "0", "9", "m", " M", "MALE", "R", "X", "x", "7", "07", "14", "15", "+5", "-1",
                     "C", "S", "K", "N", "E", "c", "n", "yes", "true", "Y", "10", "CINP", "CPP", "CLA", "cla", "CIN", "LAC", "CPPP"]
        for text in texts {
            if let usual = Sex.usual(text.utf8) { #expect(Sex(code: text) == usual, "\(text)") }
            if let usual = NCYear.usual(text.utf8) { #expect(NCYear(code: text) == usual, "\(text)") }
            if let usual = EnrolStatus.usual(text.utf8) { #expect(EnrolStatus(code: text) == usual, "\(text)") }
            if let usual = SENProvision.usual(text.utf8) { #expect(SENProvision(code: text) == usual, "\(text)") }
            if let usual = usualFlag(text.utf8) { #expect(parseFlag(text) == usual, "\(text)") }
            if let usual = SocialCareCategory.usual(text.utf8) { #expect(SocialCareCategory(code: text) == usual, "\(text)") }
        }
        #expect(texts.filter { Sex.usual($0.utf8) != nil } == ["M", "F", "1", "2"])
        #expect(texts.filter { NCYear.usual($0.utf8) != nil } == ["1", "2", "0", "9", "R", "X", "7", "07", "14", "10"])
        #expect(texts.filter { EnrolStatus.usual($0.utf8) != nil } == ["", "M", "C", "S"])
        #expect(texts.filter { SENProvision.usual($0.utf8) != nil } == ["K", "N", "E"])
        #expect(texts.filter { usualFlag($0.utf8) != nil } == ["1", "0"])
        #expect(texts.filter { SocialCareCategory.usual($0.utf8) != nil } == ["CINP", "CPP", "CLA"])
    }

    @Test func ncYears() {
        #expect(NCYear(code: "R")?.phase == .primary && NCYear(code: "11")?.phase == .secondary)
        #expect(NCYear(code: "X")?.phase == nil && NCYear(code: "15") == nil)
    }
}

@Suite struct RadixSortTests {
    /// Keys with many repeats and every digit in play, values recording the original order: the
    /// result is the stable comparison sort's, exactly.
    @Test func sortsLikeAStableComparisonSort() {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
        var keys = (0..<20_000).map { i in i % 3 == 0 ? next() >> UInt64(i % 64) : next() % 50 }
        var order = Array(0..<keys.count)
        let expected = zip(keys, order).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        radixSort(&keys, carrying: &order)
        #expect(keys == expected.map(\.0) && order == expected.map(\.1))
        var small: [UInt64] = [3, 1, 2, 1], none: [UInt64] = []
        radixSort(&small)
        radixSort(&none)
        #expect(small == [1, 1, 2, 3] && none == [])
    }

    /// Large arrays are split by their top differing bits and sorted in parts, in parallel: the
    /// result must still be the stable sort's, for hash-like keys and for keys sharing their top bits.
    @Test(arguments: [64, 40])
    func sortsLargeArraysInParallelLikeAStableComparisonSort(keyBits: Int) {
        var state: UInt64 = 7
        var keys = (0..<300_000).map { i -> UInt64 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return i % 5 == 0 ? 12_345 : state >> UInt64(64 - keyBits)
        }
        var order = Array(0..<keys.count)
        let expected = zip(keys, order).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        radixSort(&keys, carrying: &order, threads: 3)
        #expect(keys == expected.map(\.0) && order == expected.map(\.1))
    }

    /// Keys alone are sorted in place (England's pairs), split by swapping each into its part, or
    /// through a second array (an LA's): the same keys in order.
    @Test(arguments: [64, 40, 9], [1 << 18, 1 << 24])
    func sortsLargeArraysOfKeys(keyBits: Int, inPlaceFrom: Int) {
        var state: UInt64 = 5
        var keys = (0..<300_000).map { i -> UInt64 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return i % 7 == 0 ? 4_321 : state >> UInt64(64 - keyBits)
        }
        let expected = keys.sorted()
        radixSort(&keys, threads: 3, inPlaceFrom: inPlaceFrom)
        #expect(keys == expected)
    }
}
