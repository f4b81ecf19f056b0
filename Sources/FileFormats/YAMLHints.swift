import Diagnostics

/// The slips a Chinese keyboard makes in YAML, found before libyaml sees the text (whose own
/// message would point at the next line, in English): full-width punctuation used as syntax
/// (`：` after a key, `，` in a flow list, `【】` as brackets, `“”` as quotes) and tabs in
/// indentation. Each is reported at its own line and column with the fix. Quoted text and
/// comments are skipped, so `title: 规划情景：落实“十四五”` is left alone.
enum YAMLHints {
    static func scan(_ lines: [Substring], file: String) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var flowDepth = 0
        // Lines of a block scalar (`note: >-` / `|`) are text, indented deeper than its key.
        var blockIndent: Int?
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            if let block = blockIndent {
                if indent > block || scalars.allSatisfy({ $0 == " " }) { continue }
                blockIndent = nil
            }
            let trimmed = String(line).trimmingCharacters(in: " ")
            if flowDepth == 0, let last = trimmed.split(separator: " ").last,
                last.first == "|" || last.first == ">",
                last.dropFirst().allSatisfy({ "+-0123456789".contains($0) }),
                trimmed.contains(": ") || trimmed.hasPrefix("- ") || trimmed == String(last)
            {
                blockIndent = indent
            }
            func at(_ column: Int, _ severity: Severity, en: String, zh: String) {
                findings.append(
                    Diagnostic(
                        severity, at: SourceLocation(file: file, line: number, column: column),
                        LocalizedText(en: en, zh: zh), sourceLine: String(line)))
            }
            // Indentation: spaces only (a line of nothing but blanks is left to libyaml).
            var i = 0
            let hasContent = scalars.contains { $0 != " " && $0 != "\t" }
            while hasContent, i < scalars.count, scalars[i] == " " || scalars[i] == "\t" {
                if scalars[i] == "\t" {
                    at(
                        i + 1, .error,
                        en: "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces",
                        zh: "缩进中有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格")
                    break
                }
                i += 1
            }
            var quote: Unicode.Scalar?
            var token = ""  // the plain word since the last separator, for `key：`
            var tokenIsAtKey = false  // it began where a key begins (line start, after `- `, `{` or `,`)
            var previous: Unicode.Scalar?  // the last significant character outside quotes
            var k = 0
            while k < scalars.count {
                let c = scalars[k]
                defer { k += 1 }
                if let open = quote {
                    if c == open { quote = nil }
                    continue
                }
                if c == "#" && (k == 0 || scalars[k - 1] == " " || scalars[k - 1] == "\t") { break }
                let atValueStart =
                    previous == nil || previous == ":" || previous == "-" || previous == "["
                    || previous == "{" || previous == ","
                if (c == "\"" || c == "'") && atValueStart {
                    quote = c
                } else if (c == "[" || c == "{") && (atValueStart || flowDepth > 0) {
                    flowDepth += 1
                } else if (c == "]" || c == "}") && flowDepth > 0 {
                    flowDepth -= 1
                } else if c == "：" && tokenIsAtKey && Self.isKey(token) {
                    at(
                        k + 1, .error,
                        en:
                            "a full-width colon '：' after the key '\(token)': YAML needs ':' followed by a space ('\(token): …')",
                        zh: "键 '\(token)' 后面是全角冒号“：”：YAML 要求半角冒号“:”并在其后加一个空格（'\(token): …'）")
                } else if c == "，" && flowDepth > 0 {
                    at(
                        k + 1, .error,
                        en: "a full-width comma '，' inside [ ] or { }: YAML separates items with ','",
                        zh: "方括号或花括号中用了全角逗号“，”：YAML 用半角逗号“,”分隔各项")
                } else if c == "【" && atValueStart, Self.looksLikeAList(scalars[k...]) {
                    at(
                        k + 1, .error,
                        en: "full-width brackets '【】' are not YAML brackets: write a list as [a, b]",
                        zh: "全角方括号“【】”不是 YAML 的括号：列表应写成 [a, b]")
                } else if c == "“" && atValueStart {
                    let rest = String(String.UnicodeScalarView(scalars[k...])).trimmingCharacters(in: " ")
                    if rest.hasSuffix("”") {
                        at(
                            k + 1, .warning,
                            en:
                                "Chinese quotes “…” are not YAML quotes and stay part of the text; to quote, write \"…\"",
                            zh: "中文引号“…”不是 YAML 的引号，会作为文字保留；如需加引号，请写成半角 \"…\"")
                    }
                }
                if c == " " || c == "\t" {
                    if !token.isEmpty && previous != nil { token += " " }
                    continue
                }
                if c == "-" && (k + 1 == scalars.count || scalars[k + 1] == " ") && token.isEmpty {
                    previous = c
                    continue
                }
                if ":,[]{}".unicodeScalars.contains(c) {
                    token = ""
                } else {
                    if token.isEmpty {
                        tokenIsAtKey = previous == nil || previous == "-" || previous == "{" || previous == ","
                    }
                    token.unicodeScalars.append(c)
                }
                previous = c
            }
        }
        return findings
    }

    /// `【2020, 2025】`: the whole rest of the value in 【】, with commas. (`【规划外】建筑涂料`
    /// is text: Chinese writing uses 【】 for labels.)
    static func looksLikeAList(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        let text = String(String.UnicodeScalarView(rest)).trimmingCharacters(in: " ")
        return text.hasSuffix("】") && (text.contains(",") || text.contains("，"))
    }

    /// A word that can only be meant as a key: ASCII letters, digits, `_`, `.`, `-`,
    /// starting with a letter or `_` (the keys of every emis format).
    static func isKey(_ token: String) -> Bool {
        let word = token.trimmingCharacters(in: " ")
        guard let first = word.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_"
        else { return false }
        return word.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0))
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
