/// Writes RFC 4180 CSV: fields holding a comma, a quote, a line break or surrounding spaces
/// are quoted; numbers are plain decimals. Lines end with CRLF when `excelCompatible` (and
/// the text then starts with a UTF-8 byte-order mark so that Excel reads Chinese correctly),
/// LF otherwise.
///
/// For Excel, a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// prefixed with `'` (OWASP's rule against formula injection: a measure titled
/// `=HYPERLINK(…)` stays text). Numbers, negative ones included, are left as they are.
public struct CSVWriter: Sendable {
    public private(set) var text: String
    private let lineEnd: String
    private let neutralizesFormulas: Bool

    public init(excelCompatible: Bool = false) {
        text = excelCompatible ? "\u{FEFF}" : ""
        lineEnd = excelCompatible ? "\r\n" : "\n"
        neutralizesFormulas = excelCompatible
    }

    public mutating func writeRow(_ fields: [String]) {
        for (k, field) in fields.enumerated() {
            if k > 0 { text += "," }
            text += Self.escape(neutralizesFormulas ? Self.neutralized(field) : field)
        }
        text += lineEnd
    }

    /// `field`, or `'` + `field` when a spreadsheet would read it as a formula.
    public static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        if case .value = DecimalNumber.parse(field) { return field }
        return "'" + field
    }

    public static func escape(_ field: String) -> String {
        let needsQuotes =
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }
}
