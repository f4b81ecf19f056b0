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

    /// The text written so far, leaving the writer empty: for writing a long table piece by
    /// piece (the byte-order mark comes once, with the first piece).
    public mutating func takeText() -> String {
        defer { text = "" }
        return text
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

    /// `field`, quoted when it holds a comma, a quote, a CR or LF (also inside a CRLF), or
    /// starts or ends with a space. Checked on the bytes: every cell of every table passes here.
    public static func escape(_ field: String) -> String {
        let bytes = field.utf8
        let needsQuotes =
            bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ")
        guard needsQuotes else { return field }
        var quoted = [UInt8(ascii: "\"")]
        quoted.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            quoted.append(byte)
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }
}
