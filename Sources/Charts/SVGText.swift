/// Number and text formatting for SVG output: no locale, no Foundation, deterministic.
enum SVGText {
    /// A coordinate with at most two decimals, trailing zeros dropped, never "-0", "nan"
    /// or "inf" (non-finite input becomes 0; huge values are clamped).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = Swift.max(-1e9, Swift.min(1e9, value))
        var hundredths = Int64((clamped * 100).rounded())
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        hundredths = hundredths.magnitude > 0 ? Int64(hundredths.magnitude) : 0
        let whole = hundredths / 100
        let fraction = hundredths % 100
        var text = negative ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            if fraction % 10 == 0 {
                text += "." + String(fraction / 10)
            } else {
                text += (fraction < 10 ? ".0" : ".") + String(fraction)
            }
        }
        return text
    }

    /// Text made safe for XML character data and attribute values. Characters XML 1.0 does
    /// not allow (most C0 controls, U+FFFE, U+FFFF, lone surrogates cannot occur in a
    /// Swift String) are dropped; tabs and newlines become spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                    || (0x7F...0x9F).contains(scalar.value)
                {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
