import Diagnostics
import FormatSchema

/// Builds one Markdown page of the reference in one language.
struct MarkdownWriter {
    let language: Language
    private(set) var text = ""

    init(_ language: Language) { self.language = language }

    /// `zh` or `en`, whichever the page is written in.
    func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    mutating func heading(_ level: Int, _ zh: String, _ en: String) {
        text += String(repeating: "#", count: level) + " " + pick(zh, en) + "\n\n"
    }

    mutating func paragraph(_ zh: String, _ en: String) { paragraph(pick(zh, en)) }

    mutating func paragraph(_ line: String) { text += line + "\n\n" }

    mutating func bullets(_ items: [(zh: String, en: String)]) {
        for item in items { text += "- " + pick(item.zh, item.en) + "\n" }
        text += "\n"
    }

    mutating func code(_ syntax: String, _ body: String) {
        text += "```\(syntax)\n" + body + (body.hasSuffix("\n") ? "" : "\n") + "```\n\n"
    }

    mutating func table(_ header: [String], _ rows: [[String]]) {
        text += "| " + header.map(Self.cell).joined(separator: " | ") + " |\n"
        text += "|" + String(repeating: "---|", count: header.count) + "\n"
        for row in rows { text += "| " + row.map(Self.cell).joined(separator: " | ") + " |\n" }
        text += "\n"
    }

    /// A record: its title at `level`, its summary, the table of its fields and its example.
    mutating func record(_ spec: RecordSpec, level: Int = 2) {
        heading(level, spec.title.zh, spec.title.en)
        paragraph(spec.summary(language))
        fields(spec)
        if let example = spec.example {
            paragraph(pick("示例：", "Example:"))
            code(example.syntax.rawValue, example.text)
        }
    }

    /// The table of a record's fields: key, type, unit, range, default, whether required,
    /// meaning. The unit, range and default columns are left out when no field has one.
    mutating func fields(_ spec: RecordSpec) {
        let header =
            language == .zh
            ? ["键", "类型", "单位", "取值范围", "默认值", "是否必需", "说明"]
            : ["key", "type", "unit", "range", "default", "required", "meaning"]
        let rows = spec.fields.map { field in
            [
                "`\(field.key)`", field.type.name(language), field.unit?(language) ?? "", field.range?.notation ?? "",
                field.defaultValue?(language) ?? "", requirement(field.requirement, in: spec),
                field.description(language),
            ]
        }
        let kept = header.indices.filter { column in !(2...4).contains(column) || rows.contains { !$0[column].isEmpty }
        }
        table(kept.map { header[$0] }, rows.map { row in kept.map { row[$0] } })
    }

    private func requirement(_ requirement: Requirement, in spec: RecordSpec) -> String {
        switch requirement {
        case let .oneOf(group), let .anyOf(group):
            let keys = spec.group(group).map { "`\($0)`" }.joined(separator: pick("、", ", "))
            return requirement.name(language) + pick("：", ": ") + keys
        default:
            return requirement.name(language)
        }
    }

    /// A table cell: pipes escaped, line breaks flattened.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
