import Foundation
import ArgumentParser
import Diagnostics

/// Where the CLI writes: results to standard output, diagnostics to standard error.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints the findings (if any) and their summary to standard error; throws exit
    /// status 1 when there are errors.
    static func report(_ diagnostics: DiagnosticList, language: Language) throws {
        guard !diagnostics.isEmpty || diagnostics.errorCount > 0 else { return }
        let renderer = DiagnosticRenderer(language: language)
        writeError(renderer.render(diagnostics) + "\n")
        if diagnostics.hasErrors || diagnostics.warningCount > 0 {
            writeError(renderer.summary(diagnostics) + "\n")
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}
