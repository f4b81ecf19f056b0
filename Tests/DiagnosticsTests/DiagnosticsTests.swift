import Testing

@testable import Diagnostics

@Suite struct RendererTests {
    @Test func rendersCompilerStyleWithCaret() {
        let diagnostic = Diagnostic.error(
            at: SourceLocation(file: "sources.csv", line: 37, column: 12),
            en: "SO2.eff must be in [0, 1), got 1.2", zh: "SO2.eff 应在 [0, 1) 之间，实际为 1.2",
            sourceLine: "p1,power/c,1.2,x")
        let text = DiagnosticRenderer(language: .en).render(diagnostic)
        #expect(
            text == """
                sources.csv:37:12: error: SO2.eff must be in [0, 1), got 1.2
                 37 | p1,power/c,1.2,x
                    |            ^
                """)
    }

    @Test func caretCountsChineseCharactersAsTwoColumns() {
        // Column 4 is the first character after "甲乙,", which is 2+2+1 = 5 columns wide.
        let diagnostic = Diagnostic.error(
            at: SourceLocation(file: "f", line: 1, column: 4),
            en: "x", zh: "x", sourceLine: "甲乙,1")
        let lines = DiagnosticRenderer(language: .zh).render(diagnostic).split(separator: "\n")
        #expect(lines[0] == "f:1:4: 错误: x")
        #expect(lines[2] == "   |      ^")
    }

    @Test func suggestionIsAppendedInTheChosenLanguage() {
        let diagnostic = Diagnostic.warning(
            at: SourceLocation(file: "f", line: 1, column: 1),
            en: "unknown column 'SO2.efff'", zh: "未知列 'SO2.efff'",
            suggestion: "SO2.eff")
        #expect(
            DiagnosticRenderer(language: .en).render(diagnostic)
                == "f:1:1: warning: unknown column 'SO2.efff' (did you mean 'SO2.eff'?)")
        #expect(
            DiagnosticRenderer(language: .zh).render(diagnostic)
                == "f:1:1: 警告: 未知列 'SO2.efff'（是否想写 'SO2.eff'？）")
    }

    @Test func locationOmitsZeroParts() {
        #expect(SourceLocation(file: "a.yaml").description == "a.yaml")
        #expect(SourceLocation(file: "a.yaml", line: 3).description == "a.yaml:3")
        #expect(SourceLocation(file: "a.yaml", line: 3, column: 7).description == "a.yaml:3:7")
    }
}

@Suite struct SuggestionTests {
    @Test func editDistanceCountsTranspositionsOnce() {
        #expect(Suggestion.editDistance(Array("sector"), Array("sector")) == 0)
        #expect(Suggestion.editDistance(Array("sectr"), Array("sector")) == 1)
        #expect(Suggestion.editDistance(Array("secotr"), Array("sector")) == 1)
        #expect(Suggestion.editDistance(Array(""), Array("abc")) == 3)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    }

    @Test func nearestIgnoresCaseAndRefusesFarFetchedNames() {
        let known = ["id", "sector", "activity", "SO2.eff", "SO2.ef"]
        #expect(Suggestion.nearest(to: "Sectr", among: known) == "sector")
        #expect(Suggestion.nearest(to: "so2.efff", among: known) == "SO2.eff")
        #expect(Suggestion.nearest(to: "remarks", among: known) == nil)
    }
}

@Suite struct DiagnosticListTests {
    @Test func countsBySeverityAndStopsStoringAtTheLimit() {
        var list = DiagnosticList(limit: 3)
        for k in 0..<5 {
            list.append(.error(at: nil, en: "e\(k)", zh: "e\(k)"))
        }
        list.append(.warning(at: nil, en: "w", zh: "w"))
        #expect(list.errorCount == 5)
        #expect(list.warningCount == 1)
        #expect(list.suppressedErrorCount == 2)
        #expect(list.items.count == 4)
        #expect(list.isTruncated)
    }

    @Test func strictPromotesWarnings() {
        var list = DiagnosticList()
        list.append(.warning(at: nil, en: "w", zh: "w"))
        #expect(!list.hasErrors)
        list.promoteWarnings()
        #expect(list.hasErrors)
        #expect(list.warningCount == 0)
    }
}

/// A long source line is shown as a window around the caret, with the caret still under
/// the offending character.
@Suite struct LongLineRenderingTests {
    @Test func aLongLineIsCutAroundTheCaret() {
        let line = String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000)
        let diagnostic = Diagnostic(
            .error, at: SourceLocation(file: "f.csv", line: 3, column: 1001), LocalizedText(en: "bad", zh: "坏"),
            sourceLine: line)
        let text = DiagnosticRenderer(language: .en).render(diagnostic)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].count < 200)
        let source = Array(lines[1])
        let caret = Array(lines[2])
        let position = caret.firstIndex(of: "^")!
        #expect(source[position] == "X")
        #expect(lines[1].contains("…a") && lines[1].contains("b…"))
    }

    @Test func aLongMessageIsCut() {
        let diagnostic = Diagnostic(
            .error, at: nil, LocalizedText(en: String(repeating: "m", count: 5000), zh: ""))
        #expect(DiagnosticRenderer(language: .en).render(diagnostic).count < 1100)
    }
}
