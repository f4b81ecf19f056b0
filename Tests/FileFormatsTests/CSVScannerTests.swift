import EmisTestSupport
import Foundation
import Testing

@testable import FileFormats

/// Scans `text` and returns each row's field strings, or the syntax error.
private func scan(_ text: String) -> Result<[[String]], CSVSyntaxError> {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
        var scanner = CSVScanner(buffer)
        var row = CSVRow()
        var rows: [[String]] = []
        do throws(CSVSyntaxError) {
            while try scanner.nextRow(&row) {
                rows.append(row.fields.map { TextPosition.string(of: $0, in: buffer) })
            }
            return .success(rows)
        } catch {
            return .failure(error)
        }
    }
}

@Suite struct CSVScannerTests {
    @Test func readsPlainRows() throws {
        #expect(try scan("a,b,c\n1,2,3\n").get() == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func skipsTheByteOrderMarkAndHandlesCRLF() throws {
        #expect(try scan("\u{FEFF}id,x\r\n1,2\r\n").get() == [["id", "x"], ["1", "2"]])
    }

    @Test func keepsEmptyFieldsAndSkipsEmptyLines() throws {
        #expect(try scan("a,,c\n\n\n,,\n1,2,\n").get() == [["a", "", "c"], ["", "", ""], ["1", "2", ""]])
    }

    @Test func readsQuotedFieldsWithCommasLineBreaksAndQuotes() {
        let rows = try? scan("id,name\n1,\"Datong, No.2\"\n2,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n").get()
        #expect(rows == [["id", "name"], ["1", "Datong, No.2"], ["2", "two\nlines"], ["3", "say \"hi\""]])
    }

    @Test func lastLineWithoutLineBreak() throws {
        #expect(try scan("a,b\n1,2").get() == [["a", "b"], ["1", "2"]])
    }

    @Test func reportsAnUnterminatedQuoteWhereItOpens() {
        guard case let .failure(error) = scan("a,b\n1,\"open\n2,3\n") else {
            Issue.record("expected an error")
            return
        }
        #expect(error.kind == .unterminatedQuote)
        #expect(error.line == 2)
        #expect(error.offset == 6)
    }

    @Test func reportsAQuoteInsideAnUnquotedField() {
        guard case let .failure(error) = scan("a,b\n1,5\" pipe\n") else {
            Issue.record("expected an error")
            return
        }
        #expect(error.kind == .quoteInUnquotedField)
        #expect(error.line == 2)
    }

    @Test func reportsTextAfterAClosingQuote() {
        guard case let .failure(error) = scan("a,b\n\"x\"y,2\n") else {
            Issue.record("expected an error")
            return
        }
        #expect(error.kind == .textAfterClosingQuote)
    }

    @Test func columnsCountCharactersNotBytes() {
        let bytes = Array("大同,x".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            // "x" is the 4th character (byte offset 7).
            #expect(TextPosition.column(in: buffer, lineStart: 0, offset: 7) == 4)
        }
    }
}

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatNeedsIt() {
        var writer = CSVWriter()
        writer.writeRow(["a", "b,c", "say \"hi\"", " pad", "大同"])
        #expect(writer.text == "a,\"b,c\",\"say \"\"hi\"\"\",\" pad\",大同\n")
    }

    /// A CRLF is one Character in Swift: the check is on the bytes, so it is quoted too.
    @Test func quotesLineBreaksOfEveryKind() {
        var writer = CSVWriter()
        writer.writeRow(["a\r\nb", "c\rd", "e\nf", "trail "])
        #expect(writer.text == "\"a\r\nb\",\"c\rd\",\"e\nf\",\"trail \"\n")
    }

    @Test func aTableTakenPieceByPieceIsTheWholeTable() {
        var whole = CSVWriter(excelCompatible: true)
        var pieces = CSVWriter(excelCompatible: true)
        var text = ""
        for k in 0..<5 {
            whole.writeRow(["r\(k)", "x,y"])
            pieces.writeRow(["r\(k)", "x,y"])
            if k % 2 == 0 { text += pieces.takeText() }
        }
        text += pieces.takeText()
        #expect(text == whole.text)
        #expect(text.hasPrefix("\u{FEFF}r0") && text.filter { $0 == "\u{FEFF}" }.count == 1)
    }

    @Test func excelFlavourHasBOMAndCRLF() {
        var writer = CSVWriter(excelCompatible: true)
        writer.writeRow(["x"])
        #expect(writer.text == "\u{FEFF}x\r\n")
    }

    /// OWASP's rule: text that a spreadsheet would run as a formula gets a leading '.
    @Test func excelFlavourNeutralisesFormulasButNotNumbers() {
        var writer = CSVWriter(excelCompatible: true)
        writer.writeRow(["=HYPERLINK(\"http://x\")", "+1+2", "-cmd", "@SUM(A1)", "\tx", "-12.5", "+3", "1e-3", "a=b"])
        #expect(
            writer.text
                == "\u{FEFF}\"'=HYPERLINK(\"\"http://x\"\")\",'+1+2,'-cmd,'@SUM(A1),'\tx,-12.5,+3,1e-3,a=b\r\n")
        var plain = CSVWriter()
        plain.writeRow(["=1+1"])
        #expect(plain.text == "=1+1\n")
    }

    @Test func roundTripsThroughTheScanner() throws {
        var writer = CSVWriter()
        let rows = [["id", "name"], ["1", "a,\"b\"\nc"], ["2", ""]]
        for row in rows { writer.writeRow(row) }
        #expect(try scan(writer.text).get() == rows)
    }
}

/// `InputFile.contents`: plain reads of a regular file. The fuzzer found Foundation's
/// `FileManager.contents(atPath:)` leaking on an empty file; this is its replacement.
@Suite struct InputFileContentsTests {
    @Test func readsEmptySmallAndLargeFiles() throws {
        let folder = try TemporaryFolder()
        for size in [0, 1, 65_535, 65_536, 200_001] {
            let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let path = try folder.write("f\(size)", bytes)
            #expect(InputFile.contents(path) == bytes, "\(size)")
        }
        #expect(InputFile.contents(folder.url.appendingPathComponent("missing").path) == nil)
    }
}

@Suite struct MappedFileTests {
    /// The mapping holds the file's bytes, before and after pages are given back (a given
    /// back page is read again from the file), for empty, small and multi-page files, and
    /// ranges that are not page-aligned or reach past the end.
    @Test func holdsTheFilesBytesAfterPagesAreGivenBack() throws {
        let folder = try TemporaryFolder()
        for size in [0, 1, 4_095, 4_096, 300_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            let path = try folder.write("f\(size)", Data(bytes))
            let file = try #require(MappedFile(path: path))
            #expect(Array(file.bytes) == bytes, "\(size)")
            for range in [0..<size, 5..<(size / 2 + 5), (size / 3)..<(size + 10_000)] where !range.isEmpty {
                file.release(range)
                #expect(Array(file.bytes) == bytes, "\(size), after releasing \(range)")
            }
        }
        #expect(MappedFile(path: folder.url.appendingPathComponent("missing").path) == nil)
        #expect(MappedFile(path: folder.path) == nil)  // a folder cannot be mapped
    }
}
