import CohortModel
@testable import Extracts
import Testing

private func document(_ text: String, name: String = "test.csv") throws(ExtractError) -> CSVDocument {
    try CSVDocument(fileName: name, bytes: Array(text.utf8))
}

private func rows(_ document: CSVDocument) throws -> [[String]] {
    var out: [[String]] = []
    try document.forEachRow { row in out.append((0..<row.fieldCount).map { row[$0] }) }
    return out
}

@Suite struct CSVDocumentTests {
    @Test func quotedFieldsHoldCommasNewlinesAndQuotes() throws {
        let doc = try document("a,b,c\r\n1,\"x, y\",\"line one\nline two\"\r\n2,\"say \"\"hi\"\"\",\r\n")
        #expect(doc.header == ["a", "b", "c"])
        #expect(try rows(doc) == [["1", "x, y", "line one\nline two"], ["2", "say \"hi\"", ""]])
        #expect(doc.rowCount == 2)
    }

    /// The scanner writes fields into room made by earlier rows: a row longer than any before it
    /// (and a quoted one) is read again with room for all of its fields, and nothing is lost.
    @Test func rowsLongerThanTheOnesBeforeKeepEveryField() throws {
        let doc = try document("a,b\n1\n1,2,3,4,5\n\"x\",\"y, z\",3,4,5,6,7\n8,9\n")
        #expect(try rows(doc) == [["1"], ["1", "2", "3", "4", "5"], ["x", "y, z", "3", "4", "5", "6", "7"], ["8", "9"]])
    }

    @Test func blankLinesKeepTheirRowNumbers() throws {
        let doc = try document("a,b\n1,2\n\n3,4\n")
        var numbers: [Int] = []
        try doc.forEachRow { numbers.append($0.number) }
        #expect(numbers == [1, 3])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let doc = try CSVDocument(fileName: "bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("UPN,DOB\nA,B\n".utf8))
        #expect(doc.header == ["UPN", "DOB"] && doc.encoding == .utf8WithBOM)
    }

    @Test func windows1252IsTranscoded() throws {
        // "Zoë’s" in Windows-1252: ë = 0xEB, ’ = 0x92.
        let doc = try CSVDocument(fileName: "gias.csv", bytes: Array("name\nZo".utf8) + [0xEB, 0x92] + Array("s\n".utf8))
        #expect(doc.encoding == .windows1252)
        #expect(try rows(doc) == [["Zoë’s"]])
    }

    @Test func emptyFileIsOneClearError() {
        #expect(throws: ExtractError.self) { try document("") }
        do { _ = try document(" \n\r\n") } catch { #expect(error.code == .empty && error.file == "test.csv") }
    }

    @Test func binaryGarbageIsRefused() {
        var garbage: [UInt8] = []
        var state: UInt32 = 7
        for _ in 0..<4_096 { state = state &* 1_103_515_245 &+ 12_345; garbage.append(UInt8(truncatingIfNeeded: state >> 16)) }
        do {
            _ = try CSVDocument(fileName: "x.csv", bytes: garbage)
            Issue.record("binary data was accepted")
        } catch {
            #expect(error.code == .binary)
            #expect(error.description.contains("x.csv"))
        }
    }

    @Test(arguments: [";", "\t", "|"])
    func wrongDelimiterIsNamed(_ delimiter: String) {
        do {
            _ = try document(["UPN", "DOB", "Sex"].joined(separator: delimiter) + "\n1\(delimiter)2\(delimiter)3\n")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .wrongDelimiter)
        }
    }

    @Test func unterminatedQuoteNamesTheRow() {
        do {
            _ = try document("a,b\n1,2\n3,\"oops\n4,5\n")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .unterminatedQuote && error.row == 2)
        }
    }
}

@Suite struct ColumnMapTests {
    @Test func headersMatchIgnoringCaseSpacesAndBrackets() throws {
        let map = try ColumnMap(header: ["la_code", "Establishment Name", "urn"],
                                columns: [ColumnSpec("LA (code)", required: true), ColumnSpec("EstablishmentName"), ColumnSpec("URN")],
                                fileName: "f.csv")
        #expect(map["LA (code)"] == 0 && map["EstablishmentName"] == 1 && map["URN"] == 2)
    }

    @Test func aliasesAreAccepted() throws {
        let map = try ColumnMap(header: ["GenderCurrent"], columns: [ColumnSpec("Sex", aliases: ["GenderCurrent"])], fileName: "f.csv")
        #expect(map["Sex"] == 0)
    }

    @Test func missingRequiredColumnNamesFileAndColumn() {
        do {
            _ = try ColumnMap(header: ["UPN"], columns: [ColumnSpec("DOB", aliases: ["DateOfBirth"], required: true)], fileName: "edu.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .missingColumn && error.column == "DOB")
            #expect(error.description.hasPrefix("edu.csv, column 'DOB': required column 'DOB' is missing"))
        }
    }
}

@Suite struct ChunkedRecordsTests {
    /// Each chunk writes its records in its own place in the result; chunks that gave fewer records
    /// than they have rows (rows rejected) are closed up, in order, heap-allocated strings intact.
    @Test(arguments: [1, 2, 4])
    func chunksFillTheResultInOrderAndGapsAreClosed(threads: Int) {
        let rows = 10_000, rowsPerChunk = 1_000
        let kept: @Sendable (Int) -> Bool = { row in row % 7 != 3 && !(2_000..<3_000).contains(row) && row % 1_000 != 999 }
        let (records, others) = chunkedRecords(rows: rows, rowsPerChunk: rowsPerChunk, threads: threads) { (chunk: Int, sink: inout RecordSink<String>) -> Int in
            for row in chunk * rowsPerChunk..<min(rows, (chunk + 1) * rowsPerChunk) where kept(row) {
                sink.append("a name longer than fifteen bytes, row \(row)")
            }
            return chunk
        }
        #expect(records == (0..<rows).filter(kept).map { "a name longer than fifteen bytes, row \($0)" })
        #expect(others == Array(0..<10))
        let none = chunkedRecords(rows: 0, rowsPerChunk: rowsPerChunk, threads: threads) { (_: Int, _: inout RecordSink<String>) -> Int in 0 }
        #expect(none.0.isEmpty && none.1.isEmpty)
    }
}

@Suite struct UTF8ValidationTests {
    /// The validator (eight ASCII bytes at a time) agrees with the standard library's on texts of
    /// ASCII runs of every length around eight, with valid, truncated, overlong and stray bytes
    /// landing at every offset.
    @Test func agreesWithTheStandardLibrary() {
        let pieces: [[UInt8]] = [Array("é".utf8), Array("€".utf8), Array("𝄞".utf8), [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
                                 [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF]]
        var checked = 0
        for before in 0..<18 {
            for piece in pieces {
                for after in [0, 1, 7, 8, 9] {
                    let bytes = Array(repeating: UInt8(ascii: "a"), count: before) + piece + Array(repeating: UInt8(ascii: "b"), count: after)
                    #expect(isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
                    checked += 1
                }
            }
        }
        #expect(checked == 900 && isValidUTF8(Array(repeating: UInt8(ascii: "x"), count: 64)))
    }
}

@Suite struct RecordSkippingTests {
    /// Where each record ends, record by record, when skipped (quote-free records found eight bytes at
    /// a time) and when read field by field: the same, and the same error, on texts of commas, quotes,
    /// CR, LF and letters in every arrangement a seeded generator makes.
    @Test func skippingEndsRecordsWhereReadingDoes() {
        var state: UInt64 = 2026
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let alphabet: [UInt8] = Array("aaaaaaaaaabbbbbbbbbb,,,,\n\n\r\" ".utf8)
        for _ in 0..<2_000 {
            let bytes = (0..<Int(next() % 60)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            func ends(_ advance: (inout Scanner) throws(ExtractError) -> Bool) -> ([Int], ExtractError.Code?) {
                var scanner = Scanner(bytes: bytes, fileName: "t.csv"), ends: [Int] = []
                do {
                    while try advance(&scanner) { ends.append(scanner.position) }
                } catch {
                    return (ends, error.code)
                }
                return (ends, nil)
            }
            var fields = Fields()
            let skipped = ends { scanner throws(ExtractError) in try scanner.skipRecord() }
            let read = ends { scanner throws(ExtractError) in try scanner.nextRecord(into: &fields) }
            #expect(skipped.0 == read.0 && skipped.1 == read.1, "\(bytes)")
        }
    }
}
