import Diagnostics
import Foundation
import Testing

@testable import FileFormats

@Suite struct YAMLDocumentTests {
    @Test func keepsPositionsOfKeysAndValues() throws {
        var diagnostics = DiagnosticList()
        let document = YAMLDocument.parse("a: 1\nb:\n  c: [x, 'y']\n", file: "f.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        guard case let .mapping(pairs) = document.root?.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.map(\.key) == ["a", "b"])
        #expect(pairs[1].keyLocation.line == 2)
        guard case let .mapping(inner) = pairs[1].value.content,
            case let .sequence(items) = inner[0].value.content
        else {
            Issue.record("expected nesting")
            return
        }
        #expect(items[1].location == SourceLocation(file: "f.yaml", line: 3, column: 10))
        #expect(items[1].content.isQuotedScalar)
    }

    @Test func reportsSyntaxErrorsWithLineAndColumn() {
        var diagnostics = DiagnosticList()
        _ = YAMLDocument.parse("a: 1\nb: [1, 2\nc: 3\n", file: "f.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.errorCount == 1)
        #expect(diagnostics.items[0].location?.line ?? 0 >= 2)
    }

    @Test func pointsAtTheSecondOfTwoDuplicateKeys() {
        var diagnostics = DiagnosticList()
        let document = YAMLDocument.parse(
            "name: a\nbase_year: 2020\nname: b\n", file: "f.yaml",
            diagnostics: &diagnostics)
        #expect(document.root == nil)
        #expect(diagnostics.items.first?.location == SourceLocation(file: "f.yaml", line: 3, column: 1))
        #expect(diagnostics.items.first?.message.en == "duplicate key 'name'")
    }

    @Test func refusesAnAliasBombQuickly() {
        // "Billion laughs": nine levels of ten aliases each expand to 10^9 nodes.
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [" + Array(repeating: previous, count: 10).joined(separator: ", ") + "]\n"
        }
        var diagnostics = DiagnosticList()
        let document = YAMLDocument.parse(text, file: "bomb.yaml", diagnostics: &diagnostics)
        #expect(document.root == nil)
        #expect(diagnostics.items.first?.message.en.contains("alias") == true)
    }

    @Test func refusesExcessiveNesting() {
        var diagnostics = DiagnosticList()
        let text = "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let document = YAMLDocument.parse(text, file: "deep.yaml", diagnostics: &diagnostics)
        #expect(document.root == nil)
        #expect(diagnostics.errorCount == 1)
    }

    @Test func unknownKeysGetASuggestionAndMissingKeysAreReported() throws {
        var diagnostics = DiagnosticList()
        let document = YAMLDocument.parse("base_yaer: 2020\n", file: "i.yaml", diagnostics: &diagnostics)
        let root = try #require(document.root)
        let keys = document.mapping(
            root, LocalizedText(en: "the file", zh: "文件"),
            allowed: ["base_year", "sources"], required: ["sources"], &diagnostics)
        #expect(keys?.isEmpty == true)
        #expect(diagnostics.errorCount == 2)
        #expect(diagnostics.items[0].suggestion == "base_year")
        #expect(diagnostics.items[0].location == SourceLocation(file: "i.yaml", line: 1, column: 1))
        #expect(diagnostics.items[1].message.en.contains("'sources'"))
    }

    @Test func typedReadersRejectWrongTypes() throws {
        var diagnostics = DiagnosticList()
        let document = YAMLDocument.parse(
            "n: '12'\nm: [1]\nb: yes\ny: 2020.5\n", file: "t.yaml",
            diagnostics: &diagnostics)
        guard case let .mapping(pairs) = try #require(document.root).content else { return }
        #expect(document.number(pairs[0].value, "n", &diagnostics) == nil)  // quoted: a string
        #expect(document.number(pairs[1].value, "m", &diagnostics) == nil)
        #expect(document.bool(pairs[2].value, "b", &diagnostics) == nil)
        #expect(document.integer(pairs[3].value, "y", &diagnostics) == nil)
        #expect(diagnostics.errorCount == 4)
    }
}

@Suite struct JSONValueTests {
    @Test func sortsKeysAndWritesPlainNumbers() {
        let value = JSONValue.object([
            "b": .numbers([1, 0.5, 4.045e7]), "a": .string("大同 \"q\"\n"), "c": .null, "d": .bool(true),
        ])
        #expect(
            value.serialized() == """
                {
                  "a": "大同 \\"q\\"\\n",
                  "b": [1, 0.5, 40450000],
                  "c": null,
                  "d": true
                }

                """)
    }
}

extension YAMLNode.Content {
    var isQuotedScalar: Bool {
        if case let .scalar(_, isPlain) = self { return !isPlain }
        return false
    }
}

/// Found by fuzz-scenario (Fuzz/Regressions/scenario/cr-line-ends-duplicate-key.yaml): with
/// old-Mac line ends (a lone CR) libyaml counts lines the reader did not, and locating a
/// duplicate key ran past the last line.
@Suite struct YAMLLineEndTests {
    @Test(arguments: ["\r", "\r\n", "\n", "\u{2028}"])
    func aDuplicateKeyIsLocatedWhateverTheLineEnds(end: String) {
        var diagnostics = DiagnosticList()
        _ = YAMLDocument.parse(
            ["a: 1", "b: 2", "a: 3", ""].joined(separator: end), file: "f.yaml", diagnostics: &diagnostics)
        let error = diagnostics.items.first
        #expect(error?.message.en == "duplicate key 'a'")
        #expect(error?.location?.line == 3 && error?.location?.column == 1, "\(String(describing: error?.location))")
        #expect(error?.sourceLine == "a: 3")
    }

    @Test func theFuzzersInputIsAnErrorNotACrash() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "Fuzz/Regressions/scenario/cr-line-ends-duplicate-key.yaml")
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        var diagnostics = DiagnosticList()
        _ = YAMLDocument.parse(text, file: "crash.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.items.first?.message.en == "duplicate key 'full'")
    }
}
