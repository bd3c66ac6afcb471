import CohortModel
import Extracts
import Testing

@Suite struct GIASDownloadTests {
    @Test func theGIASDownloadHeaderMapsEveryColumnRead() throws {
        let document = try Samples.csv("gias/edubasealldata_header_only.csv")
        #expect(document.header.count >= 120)
        let read = try SchoolRegister.read(document)
        #expect(read.records.isEmpty && read.rowCount == 0 && read.rejects.isEmpty)
        let map = try ColumnMap(header: document.header, columns: SchoolRegister.columns, fileName: document.fileName)
        for column in SchoolRegister.columns where column.name != "PredecessorURN" {
            #expect(map[column.name] != nil, "\(column.name)")
        }
    }

    @Test func readsWindows1252AndGIASDates() throws {
        var bytes = Array("URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name),Postcode,OpenDate,CloseDate\r\n".utf8)
        bytes += Array("100001,210,Southwark,3301,St Mary".utf8) + [0x92] + Array("s Primary,Closed,Primary,SE1 1AA,,31-08-2019\r\n".utf8)
        bytes += Array("140001,210,Southwark,3301,St Mary".utf8) + [0x92] + Array("s Primary,Open,Primary,SE1 1AA,01-09-2019,\r\n".utf8)
        let read = try SchoolRegister.read(CSVDocument(fileName: "edubase.csv", bytes: bytes))
        #expect(read.encoding == .windows1252 && read.records[0].name == "St Mary\u{2019}s Primary")
        #expect(read.records[0].closeDate == Day(year: 2019, month: 8, day: 31) && read.records[1].openDate == Day(year: 2019, month: 9, day: 1))
        #expect(!read.records[0].isOpen && read.records[1].isOpen && read.records[1].teaches(.primary) && !read.records[1].teaches(.secondary))
        #expect(SchoolRegister.currentURNs(read.records) == [100_001: 140_001])
    }

    @Test func closedSchoolsMapToTheSchoolTheyBecame() {
        let day = { (y: Int, m: Int, d: Int) in Day(year: y, month: m, day: d)! }
        let schools = [
            // Converted, same establishment number (and converted again later): a chain.
            School(urn: 1, name: "Oakfield Primary School", laCode: 210, laName: "", establishmentNumber: 2001, status: "Closed",
                   closeDate: day(2014, 8, 31)),
            School(urn: 2, name: "Oakfield Primary Academy", laCode: 210, laName: "", establishmentNumber: 2001, status: "Closed",
                   openDate: day(2014, 9, 1), closeDate: day(2020, 3, 31)),
            School(urn: 3, name: "Oakfield Primary Academy", laCode: 210, laName: "", establishmentNumber: 2001, openDate: day(2020, 4, 1)),
            // Renumbered, same name and postcode.
            School(urn: 4, name: "St Jude's CE School", laCode: 210, laName: "", establishmentNumber: 3001, status: "Closed",
                   postcode: "SE1 1AA", closeDate: day(2016, 12, 31)),
            School(urn: 5, name: "St Jude’s C.E. School", laCode: 210, laName: "", establishmentNumber: 5001, postcode: "se1 1aa",
                   openDate: day(2017, 1, 1)),
            // Said outright.
            School(urn: 6, name: "Elm School", laCode: 210, laName: "", status: "Closed"),
            School(urn: 7, name: "Birch Academy", laCode: 210, laName: "", predecessorURN: 6),
            // Closed for good; and one whose two possible successors fit equally.
            School(urn: 8, name: "Ash School", laCode: 210, laName: "", status: "Closed", closeDate: day(2018, 7, 31)),
            School(urn: 9, name: "Yew School", laCode: 210, laName: "", establishmentNumber: 4001, status: "Closed", closeDate: day(2018, 7, 31)),
            School(urn: 10, name: "Yew North", laCode: 210, laName: "", establishmentNumber: 4001, openDate: day(2018, 8, 1)),
            School(urn: 11, name: "Yew South", laCode: 210, laName: "", establishmentNumber: 4001, openDate: day(2018, 8, 1)),
            // Same number in another LA is another school.
            School(urn: 12, name: "Oak School", laCode: 211, laName: "", establishmentNumber: 2001, openDate: day(2014, 9, 1)),
        ]
        #expect(SchoolRegister.currentURNs(schools) == [1: 3, 2: 3, 4: 5, 6: 7])
    }
}
