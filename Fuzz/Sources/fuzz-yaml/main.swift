import Diagnostics
import FileFormats
import Foundation
import FuzzSupport

/// The YAML reader (with its Chinese-keyboard hints) on arbitrary text, and the renderer
/// on whatever it finds.
// Also exported under libFuzzer's name, which its own `main` (unused here) refers to.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzz(_ input: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: input, count: size), as: UTF8.self)
    var diagnostics = DiagnosticList()
    let document = YAMLDocument.parse(text, file: "fuzz.yaml", diagnostics: &diagnostics)
    _ = document.root
    _ = DiagnosticRenderer(language: .zh).render(diagnostics)
    _ = DiagnosticRenderer(language: .en).render(diagnostics)
    return 0
}

exit(Fuzzer.run { fuzz($0, $1) })
