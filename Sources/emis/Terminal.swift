import Analysis
import ArgumentParser
import Diagnostics
import FileFormats
import Foundation
import Glibc

/// Where the CLI writes: results to standard output, diagnostics to standard error.
enum Terminal {
    /// Writes to standard output. A failed write (a full disk, a closed descriptor) is one
    /// line on standard error and exit status 1; a reader that went away (a closed pipe,
    /// `emis … | head`) ends the command quietly with status 1, as the output is incomplete.
    static func write(_ text: String) {
        guard let code = writeAll(STDOUT_FILENO, text) else { return }
        if code != EPIPE {
            writeError("emis: cannot write the output: \(String(cString: strerror(code)))\n")
        }
        exit(1)
    }

    /// Writes to standard error; a failure there has nowhere to be told and is ignored.
    static func writeError(_ text: String) {
        _ = writeAll(STDERR_FILENO, text)
    }

    /// Writes every byte, retrying after interruptions; the `errno` of a failure, or nil.
    private static func writeAll(_ descriptor: Int32, _ text: String) -> Int32? {
        var bytes = Array(text.utf8)
        var offset = 0
        return bytes.withUnsafeMutableBytes { buffer -> Int32? in
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    /// Prints the findings (if any) and their summary to standard error; throws exit
    /// status 1 when there are errors.
    /// For outputs with no room for prose (CSV, IAMC): how candidate measures entered, on
    /// standard error.
    static func noteCandidates(_ analysed: [AnalysedScenario], language: Language) {
        for scenario in analysed {
            guard let statement = scenario.choice.statement else { continue }
            writeError("emis: \(scenario.scenario.id): \(statement(language))\n")
        }
    }

    static func report(_ diagnostics: DiagnosticList, language: Language) throws {
        guard !diagnostics.isEmpty || diagnostics.errorCount > 0 else { return }
        let renderer = DiagnosticRenderer(language: language)
        writeError(renderer.render(withSourceLines(diagnostics)) + "\n")
        if diagnostics.hasErrors || diagnostics.warningCount > 0 {
            writeError(renderer.summary(diagnostics) + "\n")
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }

    /// Findings raised after a file was read (a selector that matches nothing, found when
    /// the scenario meets its inventory) carry a position but not the line's text: read it
    /// here so that they show the line and a caret like the others.
    static func withSourceLines(_ diagnostics: DiagnosticList) -> DiagnosticList {
        var files: [String: [Substring]] = [:]
        var result = diagnostics
        result.mapItems { item in
            guard item.sourceLine == nil, let location = item.location, location.line > 0 else { return item }
            if files[location.file] == nil {
                // A file that is not UTF-8 (the finding may be about just that) shows no line.
                let text =
                    InputFile.problem(location.file) == nil
                    ? (try? String(contentsOfFile: location.file, encoding: .utf8)) : nil
                files[location.file] = text?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
            }
            guard let lines = files[location.file], location.line <= lines.count else { return item }
            var item = item
            var line = lines[location.line - 1]
            if line.hasSuffix("\r") { line.removeLast() }
            item.sourceLine = String(line)
            return item
        }
        return result
    }
}
