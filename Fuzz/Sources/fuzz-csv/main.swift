import FileFormats
import Foundation
import FuzzSupport

/// The CSV scanner on arbitrary bytes: every row until the end or a syntax error; each
/// field's text and position are computed as the readers do.
// Also exported under libFuzzer's name, which its own `main` (unused here) refers to.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzz(_ input: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: input, count: size)
    var scanner = CSVScanner(bytes)
    var row = CSVRow()
    var rows = 0
    while rows < 100_000 {
        do {
            guard try scanner.nextRow(&row) else { break }
        } catch {
            _ = TextPosition.excerpt(in: bytes, lineStart: error.lineStart, offset: error.offset)
            break
        }
        for field in row.fields {
            _ = TextPosition.string(of: field, in: bytes)
            _ = TextPosition.column(in: bytes, lineStart: field.lineStart, offset: field.offset)
            _ = TextPosition.excerpt(in: bytes, lineStart: field.lineStart, offset: field.offset)
        }
        rows += 1
    }
    return 0
}

exit(Fuzzer.run { fuzz($0, $1) })
