import DunCore
import DunStore
import Testing

struct CSVReaderTests {
    private func read(_ text: String) throws(DiagnosticError) -> [[String]] {
        var reader = CSVReader(bytes: Array(text.utf8), path: "t.csv")
        var record = CSVRecord()
        var records: [[String]] = []
        while try reader.next(into: &record) { records.append(record.fields) }
        return records
    }

    private func failure(_ text: String) -> String {
        do {
            _ = try self.read(text)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func readsQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let records = try self.read("a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\n")
        #expect(records == [["a", "b", "c"], ["x,y", "say \"hi\"", "two\r\nlines"], ["last", "", ""]])
    }

    @Test func handlesByteOrderMarkBlankLinesAndMissingFinalNewline() throws {
        let records = try self.read("\u{FEFF}h1,h2\n\n1,2\n\n3,4")
        #expect(records == [["h1", "h2"], ["1", "2"], ["3", "4"]])
    }

    @Test func tracksLinesAcrossQuotedNewlinesAndColumnsInScalars() throws {
        var reader = CSVReader(bytes: Array("h,i\n\"a\nb\",é\nx,ü\n".utf8), path: "t.csv")
        var record = CSVRecord()
        #expect(try reader.next(into: &record))
        #expect(try reader.next(into: &record))
        #expect(record.line == 2)
        #expect(reader.location(of: record, field: 1) == SourceLocation(line: 3, column: 4))
        #expect(try reader.next(into: &record))
        #expect(record.line == 4)
        #expect(reader.location(of: record, field: 1) == SourceLocation(line: 4, column: 3))
    }

    @Test(arguments: [
        ("a,b\n1,\"open\n", "t.csv:2:3: error: unterminated quoted field (the quote opened here is never closed)"),
        (
            "a,b\n1,x\"y\n",
            "t.csv:2:4: error: unexpected '\"' inside an unquoted field (quote the whole field and double inner quotes)"
        ),
        ("a,b\n\"q\"z,1\n", "t.csv:2:4: error: expected ',' or a line break after a closing quote"),
    ])
    func reportsMalformedCSVWithLineAndColumn(input: String, expected: String) {
        #expect(self.failure(input) == expected)
    }
}
