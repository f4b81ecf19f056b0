/// Rough text widths, good enough to keep labels apart without a font engine:
/// CJK and full-width characters ≈ 1 em, ASCII ≈ 0.55 em (narrow punctuation less,
/// capitals more), other scripts 0.6 em.
enum TextMetrics {
    static func ems(_ character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x80 {
            switch scalar {
            case " ", "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", "`":
                return 0.32
            case "f", "t", "r", "-":
                return 0.42
            case "m", "w", "M", "W", "@", "%":
                return 0.85
            case "A"..."Z":
                return 0.66
            default:
                return 0.56
            }
        }
        if isWide(v) { return 1.0 }
        if (0x0300...0x036F).contains(v) || (0xFE00...0xFE0F).contains(v) || v == 0x200B || v == 0x200D {
            return 0
        }
        if v == 0x2026 || v == 0x2014 { return 1.0 }  // … and — are set full-width in CJK fonts
        return 0.6
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
    }

    static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for character in text { ems += self.ems(character) }
        return ems * fontSize
    }

    /// `text` shortened with "…" so it fits `maxWidth`; unchanged when it already fits.
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        let budget = maxWidth - ems("…") * fontSize
        var used = 0.0
        var kept = ""
        for character in text {
            let w = ems(character) * fontSize
            if used + w > budget { break }
            used += w
            kept.append(character)
        }
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }

    /// Closing punctuation that must not start a line (simple kinsoku).
    private static let noLineStart: Set<Character> = [
        "，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", ",", ".", ";", ":", ")", "%", "…",
    ]

    /// Greedy line breaking: CJK text may break between any two characters, other text at
    /// spaces (or anywhere when a word alone is too long). At most `maxLines` lines; the last
    /// one is truncated with "…" if text remains.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int) -> [String] {
        guard maxLines > 0 else { return [] }
        if width(text, fontSize: fontSize) <= maxWidth { return [text] }
        var lines: [String] = []
        var current: [Character] = []
        var currentWidth = 0.0
        var breakAfter: Int? = nil  // index in `current` after which a break is allowed
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let w = ems(character) * fontSize
            if currentWidth + w > maxWidth && !current.isEmpty && !noLineStart.contains(character) {
                if lines.count == maxLines - 1 {
                    let rest = String(current) + String(characters[index...])
                    lines.append(truncate(rest, maxWidth: maxWidth, fontSize: fontSize))
                    return lines
                }
                var cut = current.count
                if let b = breakAfter, b > 0, b < current.count, !isWideCharacter(character) {
                    cut = b
                }
                var line = String(current[..<cut])
                while line.last == " " { line.removeLast() }
                lines.append(line)
                var carried = Array(current[cut...])
                while carried.first == " " { carried.removeFirst() }
                current = carried
                currentWidth = current.reduce(0) { $0 + ems($1) * fontSize }
                breakAfter = nil
                continue
            }
            current.append(character)
            currentWidth += w
            if character == " " || isWideCharacter(character) { breakAfter = current.count }
            if index + 1 < characters.count, isWideCharacter(characters[index + 1]) { breakAfter = current.count }
            index += 1
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    private static func isWideCharacter(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return isWide(v)
    }
}
