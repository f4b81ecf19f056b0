import EmisTestSupport
import Foundation
import Testing

/// What a Chinese keyboard slips into YAML is reported where it is, in Chinese (English
/// with --lang en), with the fix; Chinese punctuation inside text is left alone.
@Suite struct YAMLSlipTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var yaml: String
        var zh: String
        var en: String
        var description: String { name }
    }

    static let head = "inventory: inv\nyears: [2020, 2022]\n"

    static let cases: [Case] = [
        Case(
            name: "full-width colon after a key",
            yaml: head + "measures:\n  - id: m\n    kind: retrofit\n    select: {sector: power}\n    coverage：0.6\n",
            zh: "s.yaml:7:13: 错误: 键 'coverage' 后面是全角冒号“：”",
            en: "s.yaml:7:13: error: a full-width colon '：' after the key 'coverage'"),
        Case(
            name: "full-width colon in a flow mapping",
            yaml: head + "measures:\n  - {id：m, kind: scale, select: {sector: power}, factor: 0.5}\n",
            zh: "s.yaml:4:8: 错误: 键 'id' 后面是全角冒号“：”", en: "s.yaml:4:8: error: a full-width colon '：' after the key 'id'"),
        Case(
            name: "full-width comma in a list", yaml: "inventory: inv\nyears: [2020，2022]\n",
            zh: "s.yaml:2:13: 错误: 方括号或花括号中用了全角逗号“，”", en: "s.yaml:2:13: error: a full-width comma '，' inside [ ] or { }"
        ),
        Case(
            name: "full-width brackets as a list", yaml: "inventory: inv\nyears: 【2020, 2022】\n",
            zh: "s.yaml:2:8: 错误: 全角方括号“【】”不是 YAML 的括号",
            en: "s.yaml:2:8: error: full-width brackets '【】' are not YAML brackets"),
        Case(
            name: "a tab in the indentation",
            yaml: head + "measures:\n\t- {id: m, kind: scale, select: {sector: power}, factor: 0.5}\n",
            zh: "s.yaml:4:1: 错误: 缩进中有制表符（Tab）", en: "s.yaml:4:1: error: a tab in the indentation"),
        Case(
            name: "an unknown tag", yaml: "inventory: inv\nyears: !years [2020, 2022]\n",
            zh: "s.yaml:2:8: 错误: 未知的 YAML 标签 '!years'", en: "s.yaml:2:8: error: unknown YAML tag '!years'"),
        Case(
            name: "a binary tag", yaml: head + "title: !!binary aGVsbG8=\n",
            zh: "s.yaml:3:8: 错误: 未知的 YAML 标签 'tag:yaml.org,2002:binary'",
            en: "s.yaml:3:8: error: unknown YAML tag 'tag:yaml.org,2002:binary'"),
        Case(
            name: "libyaml's message in Chinese", yaml: head + "title: a: b\n",
            zh: "s.yaml:3:9: 错误: YAML 语法错误：此处不能出现“键: 值”",
            en: "s.yaml:3:9: error: invalid YAML: mapping values are not allowed"),
        Case(
            name: "a misspelt sector",
            yaml: head + "measures:\n  - {id: m, kind: scale, select: {sector: powr}, factor: 0.5}\n",
            zh: "s.yaml:4:43: 错误: 没有排放源属于行业 'powr'", en: "s.yaml:4:43: error: no source has the sector 'powr'"),
        Case(
            name: "a misspelt id",
            yaml: head + "measures:\n  - {id: m, kind: scale, select: {ids: [p1, h2]}, factor: 0.5}\n",
            zh: "s.yaml:4:45: 错误: 措施 'm'的选择器中有未知的排放源 id 'h2'（是否想写 'h1'？）",
            en: "s.yaml:4:45: error: unknown source id 'h2' in the selector of measure 'm' (did you mean 'h1'?)"),
    ]

    @Test(arguments: cases)
    func isReportedWhereItIs(_ test: Case) throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        _ = try folder.write("s.yaml", test.yaml)
        for (language, message) in [("zh", test.zh), ("en", test.en)] {
            let run = try Emis.run(["validate", "s.yaml", "--lang", language], in: folder.url)
            #expect(run.status == 1, "\(test) \(language)")
            #expect(run.stderr.contains(message), "\(test) \(language): \(run.stderr)")
        }
    }

    @Test func chinesePunctuationInsideTextIsLeftAlone() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        _ = try folder.write(
            "s.yaml",
            Self.head + """
                title: 规划情景：落实“十四五”规划措施
                description: >-
                  说明：见 [READ，facts §1]、【规划外】措施；比率 1：2。
                measures:
                  - {id: m, title: 【规划外】散煤治理, kind: scale, select: {sector: power}, factor: 0.5, note: "ratio：2"}

                """)
        let run = try Emis.run(["validate", "s.yaml", "--strict", "--lang", "en"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func chineseQuotesAsQuotesAreAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        _ = try folder.write("s.yaml", Self.head + "title: “规划情景”\n")
        let run = try Emis.run(["validate", "s.yaml", "--lang", "en"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.stderr.contains("s.yaml:3:8: warning: Chinese quotes “…” are not YAML quotes"), "\(run.stderr)")
    }

    @Test func aValueOfAnOrListThatMatchesNothingIsAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        _ = try folder.write(
            "s.yaml",
            Self.head + "measures:\n  - {id: m, kind: scale, select: {sector: [power, residentail]}, factor: 0.5}\n")
        let run = try Emis.run(["validate", "s.yaml", "--lang", "en"], in: folder.url)
        #expect(run.status == 0)
        #expect(
            run.stderr.contains("s.yaml:4:51: warning: no source has the sector 'residentail'")
                && run.stderr.contains("(did you mean 'residential'?)"), "\(run.stderr)")
    }

    /// An alias bomb is located at the key whose value explodes, not at 1:1.
    @Test func anAliasBombIsLocatedAtItsKey() throws {
        let folder = try TemporaryFolder()
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for k in 1..<8 {
            let previous = Character(UnicodeScalar(96 + k)!)
            let name = Character(UnicodeScalar(97 + k)!)
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        _ = try folder.write("bomb.yaml", lines.joined(separator: "\n") + "\n")
        let run = try Emis.run(["validate", "bomb.yaml", "--lang", "en"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("bomb.yaml:6:1: error: YAML aliases expand to more than"), "\(run.stderr)")
    }
}
