import CohortModel
import Foundation
import Testing
@testable import Extracts

@Suite struct CINCensusSampleTests {
    @Test func readsTheD2I2021ReturnAndRejectsItsQuirks() throws {
        let file = try Samples.cinCensus("cin/d2i_CIN_Census_2021.xml")
        #expect(file.header == CINCensusHeader(laCode: 201, referenceDate: Day(year: 2023, month: 3, day: 31)))
        #expect(file.source.result.rowCount == 1 && file.source.children.count == 1)
        let records = file.source.result.records
        #expect(records.map(\.category) == [.childInNeedPlan, .childProtectionPlan])
        #expect(records[0].start == Day(year: 1971, month: 1, day: 24) && records[0].end == Day(year: 1971, month: 1, day: 26))
        #expect(records[1].start == Day(year: 1970, month: 2, day: 17) && records[1].end == Day(year: 1971, month: 3, day: 14))
        #expect(records.allSatisfy { $0.childID == "DfEX0000001" && $0.sex == .male && $0.ethnicity == "WBRI" && $0.row == 1 })
        #expect(records[0].upn == "A123456789123" && records[0].formerUPN == "X98765432123B")
        // The stray `PersonBirthDate` text node, and a UPNunknown given beside a UPN.
        #expect(Set(file.source.result.rejects.map(\.column)) == ["ChildIdentifiers", "UPNunknown"])
        #expect(file.source.result.rejects.allSatisfy { $0.action == .valueIgnored && $0.row == 1 })
    }

    @Test func readsThe2024ReturnWithTheNewSexElement() throws {
        let file = try Samples.cinCensus("cin/d2i_CIN_Census_2024.xml")
        #expect(file.source.result.rowCount == 2)
        #expect(file.source.children.map(\.childID) == ["DfEX0000001", "child_fails_assessments"])
        // `<Sex>1</Sex>` is a deliberate rule failure (from 2024-25 the codes are M, F, U).
        #expect(file.source.children[0].sex == .unknown)
        #expect(file.source.result.rejects.contains { $0.column == "Sex" && $0.row == 1 && $0.reason.contains("M, F or U") })
        #expect(file.source.children[1].sex == .male)
        // A referral with no plan: named (its identifiers can still link), with no episode.
        #expect(file.source.children[1].upn == "UN1" && file.childrenWithoutPlans == 1)
        #expect(file.source.result.records.map(\.category) == [.childInNeedPlan, .childProtectionPlan])
        #expect(file.source.children[0].birthDate == Day(year: 2015, month: 3, day: 27))
    }

    @Test func readsTheLIIA2022Return() throws {
        let file = try Samples.cinCensus("cin/liia_cin-2022.xml")
        #expect(file.header.referenceDate == Day(year: 2022, month: 3, day: 31))
        #expect(file.source.result.records.count == 2 && file.childrenWithoutPlans == 0)
        #expect(file.source.result.rejects.map(\.column) == ["UPNunknown"])
        #expect(file.source.children[0].birthDate == Day(year: 1966, month: 3, day: 24))
    }

    /// The schema is not data; it checks that every statutory element the reader acts on is one
    /// the 2024 schema declares, spelt as it spells it.
    @Test func everyStatutoryElementTheReaderUsesIsInTheSchema() throws {
        let schema = String(decoding: try Samples.bytes("cin/liia_CIN_schema_2024.xsd"), as: UTF8.self)
        let local: Set<CINElement> = [.other, .forename, .surname, .postcode, .schoolName, .schoolURN, .sex]
        for element in CINElement.allCases where !local.contains(element) {
            #expect(schema.contains("name=\"\(element.name)\""), "\(element.name) is not in the schema")
        }
        // Nor is the schema mistaken for a return.
        #expect(throws: ExtractError.self) { try Samples.cinCensus("cin/liia_CIN_schema_2024.xsd") }
    }
}

@Suite struct CINCensusReaderTests {
    private func read(_ xml: String, window: Int? = nil) throws -> CINCensusFile {
        try CINCensus.read(MemoryByteSource(Array(xml.utf8)), fileName: "cin.xml")
    }

    private func child(_ body: String) -> String {
        "<Message><Children><Child><ChildIdentifiers><LAchildID>C1</LAchildID>\(body)</Child></Children></Message>"
    }

    @Test func decodesEntitiesCDATAAndSkipsCommentsAndAttributes() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE Message>
        <cin:Message xmlns:cin="urn:x" a='>'><!-- a comment with <Child> inside -->
        <Children><Child id="1"><ChildIdentifiers><LAchildID>A&amp;B&#65;&#x42;</LAchildID>
        <Forename><![CDATA[Zoë & <Jo>]]></Forename><Surname>O&apos;Neil</Surname><Sex>F</Sex></ChildIdentifiers>
        <CINdetails><CINPlanDates><CINPlanStartDate>2023-05-01</CINPlanStartDate></CINPlanDates></CINdetails></Child></Children></cin:Message>
        """
        let file = try read(xml)
        let record = try #require(file.source.result.records.first)
        #expect(record.childID == "A&BAB" && record.forename == "Zoë & <Jo>" && record.surname == "O'Neil")
        #expect(record.sex == .female && record.start == Day(year: 2023, month: 5, day: 1) && record.end == nil)
        #expect(file.source.result.rejects.isEmpty)
    }

    @Test func invalidValuesAreIgnoredWithReasonsNeverValues() throws {
        let xml = child("""
        <UPNunknown>UN9</UPNunknown><PersonBirthDate>2012-02-30</PersonBirthDate><GenderCurrent>7</GenderCurrent></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>XXXX</Ethnicity></ChildCharacteristics>
        <CINdetails><CINclosureDate>2023-09-01</CINclosureDate>
        <CINPlanDates><CINPlanStartDate>2023-02-01</CINPlanStartDate></CINPlanDates>
        <CINPlanDates><CINPlanStartDate>2023-14-01</CINPlanStartDate></CINPlanDates>
        <ChildProtectionPlans><CPPstartDate>2023-05-01</CPPstartDate><CPPendDate>2023-04-01</CPPendDate></ChildProtectionPlans>
        <ChildProtectionPlans><CPPendDate>2023-04-01</CPPendDate></ChildProtectionPlans>
        </CINdetails>
        """)
        let file = try read(xml)
        // The open CIN plan ends when its episode of need closed.
        #expect(file.source.result.records.map(\.end) == [Day(year: 2023, month: 9, day: 1)])
        let columns = file.source.result.rejects.map(\.column)
        #expect(columns == ["UPNunknown", "PersonBirthDate", "GenderCurrent", "Ethnicity", "CINPlanStartDate", "CPPendDate", "CPPstartDate"])
        for reject in file.source.result.rejects {
            #expect(reject.action == .valueIgnored && reject.row == 1)
            for value in ["UN9", "2012-02-30", "XXXX", "2023-14-01"] { #expect(!reject.reason.contains(value)) }
        }
    }

    @Test func aChildWithoutLAchildIDIsSkippedAndTheNextOneRead() throws {
        let xml = """
        <Message><Children><Child><ChildIdentifiers><UPN>A</UPN></ChildIdentifiers></Child>
        <Child><ChildIdentifiers><LAchildID>C2</LAchildID></ChildIdentifiers><CINdetails><ChildProtectionPlans>
        <CPPstartDate>2023-01-01</CPPstartDate></ChildProtectionPlans></CINdetails></Child></Children></Message>
        """
        let file = try read(xml)
        #expect(file.source.result.rowCount == 2 && file.source.result.skippedRows == 1)
        #expect(file.source.result.records.map(\.row) == [2])
    }

    @Test func aTruncatedFileLosesOnlyItsLastChild() throws {
        let whole = child("</ChildIdentifiers><CINdetails><CINPlanDates><CINPlanStartDate>2023-01-01</CINPlanStartDate></CINPlanDates></CINdetails>")
        let xml = whole.replacingOccurrences(of: "</Children></Message>", with: "") + "<Child><ChildIdentifiers><LAchildID>C2</LAch"
        let file = try read(xml)
        #expect(file.source.result.records.map(\.childID) == ["C1"])
        #expect(file.source.result.rejects.map(\.row) == [2] && file.source.result.skippedRows == 1)
    }

    @Test func unclosedAndMismatchedTagsDoNotStopTheRead() throws {
        let xml = child("<UPN>X</Wrong></UPN><Stray>text</ChildIdentifiers></Oops><CINdetails><CINPlanDates><CINPlanStartDate>2023-01-01</CINPlanStartDate></CINdetails>")
        let file = try read(xml)
        #expect(file.source.result.records.count == 1 && file.source.result.records[0].upn == "X")
    }

    /// Tokens, values and entities split at every possible window boundary still read the same.
    @Test func readsTheSameWhateverTheChunkBoundaries() throws {
        let xml = Array(try Samples.bytes("cin/d2i_CIN_Census_2024.xml"))
        let whole = try CINCensus.read(MemoryByteSource(xml), fileName: "cin.xml")
        for chunk in [1, 2, 3, 7, 64] {
            let file = try CINCensus.read(TrickleSource(xml, chunk: chunk), fileName: "cin.xml")
            #expect(file.source.result.records == whole.source.result.records)
            #expect(file.source.children == whole.source.children)
            #expect(file.source.result.rejects == whole.source.result.rejects)
        }
    }

    @Test func detectsXMLByContent() {
        #expect(CINCensus.looksLikeXML(Array("\u{FEFF}\n  <Message>".utf8)))
        #expect(!CINCensus.looksLikeXML(Array("LAchildID,UPN\n".utf8)))
    }
}

/// Hands out a few bytes per read, so every token straddles window refills.
private struct TrickleSource: ByteSource {
    var inner: MemoryByteSource
    let chunk: Int

    init(_ bytes: [UInt8], chunk: Int) {
        inner = MemoryByteSource(bytes)
        self.chunk = chunk
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(chunk)))
    }
}
