import Testing

/// Checks shared by the chart tests: well-formed XML (a small hand-written checker, so the
/// tests need no XML library), numbers as the renderer promises them, no NaN or infinity.
enum SVGChecks {
    /// nil when `text` is well-formed XML with a single root element, else what is wrong.
    static func wellFormedProblem(_ text: String) -> String? {
        let s = Array(text.unicodeScalars)
        var i = 0
        var stack: [String] = []
        var roots = 0

        func starts(_ literal: String, at k: Int) -> Bool {
            let l = Array(literal.unicodeScalars)
            return k + l.count <= s.count && Array(s[k..<k + l.count]) == l
        }
        func isNameScalar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ":" || c == "."
        }
        /// Validates the entity reference starting at `k` (on "&"); returns the index after ";".
        func entity(at k: Int) -> Int? {
            guard let end = s[k...].firstIndex(of: ";"), end - k <= 10 else { return nil }
            let name = String(String.UnicodeScalarView(s[(k + 1)..<end]))
            if ["amp", "lt", "gt", "quot", "apos"].contains(name) { return end + 1 }
            if name.hasPrefix("#x"), UInt32(name.dropFirst(2), radix: 16) != nil { return end + 1 }
            if name.hasPrefix("#"), UInt32(name.dropFirst(1)) != nil { return end + 1 }
            return nil
        }

        while i < s.count {
            let c = s[i]
            if c == "&" {
                guard let next = entity(at: i) else { return "bad entity at scalar \(i)" }
                i = next
                continue
            }
            if c == ">" { return "stray '>' at scalar \(i)" }
            if c != "<" {
                if stack.isEmpty && !c.properties.isWhitespace { return "text outside the root at scalar \(i)" }
                i += 1
                continue
            }
            if starts("<!--", at: i) {
                guard let end = (i..<s.count).first(where: { starts("-->", at: $0) }) else { return "open comment" }
                i = end + 3
                continue
            }
            if starts("<?", at: i) {
                guard let end = (i..<s.count).first(where: { starts("?>", at: $0) }) else { return "open <?" }
                i = end + 2
                continue
            }
            let closing = starts("</", at: i)
            i += closing ? 2 : 1
            let nameStart = i
            while i < s.count && isNameScalar(s[i]) { i += 1 }
            let name = String(String.UnicodeScalarView(s[nameStart..<i]))
            if name.isEmpty { return "empty tag name at scalar \(nameStart)" }
            if closing {
                while i < s.count && s[i].properties.isWhitespace { i += 1 }
                guard i < s.count, s[i] == ">" else { return "bad closing tag </\(name)" }
                guard stack.last == name else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
                i += 1
                continue
            }
            var seen: Set<String> = []
            while true {
                while i < s.count && s[i].properties.isWhitespace { i += 1 }
                guard i < s.count else { return "unterminated <\(name)" }
                if s[i] == ">" {
                    if stack.isEmpty { roots += 1 }
                    stack.append(name)
                    i += 1
                    break
                }
                if starts("/>", at: i) {
                    if stack.isEmpty { roots += 1 }
                    i += 2
                    break
                }
                let attributeStart = i
                while i < s.count && isNameScalar(s[i]) { i += 1 }
                let attribute = String(String.UnicodeScalarView(s[attributeStart..<i]))
                guard !attribute.isEmpty else { return "bad attribute in <\(name)> at scalar \(i)" }
                guard seen.insert(attribute).inserted else { return "duplicate attribute \(attribute) in <\(name)>" }
                guard i + 1 < s.count, s[i] == "=", s[i + 1] == "\"" || s[i + 1] == "'" else {
                    return "attribute \(attribute) in <\(name)> is not name=\"value\""
                }
                let quote = s[i + 1]
                i += 2
                while i < s.count && s[i] != quote {
                    if s[i] == "<" { return "'<' in attribute \(attribute)" }
                    if s[i] == "&" {
                        guard let next = entity(at: i) else { return "bad entity in attribute \(attribute)" }
                        i = next
                    } else {
                        i += 1
                    }
                }
                guard i < s.count else { return "unterminated attribute \(attribute)" }
                i += 1
            }
        }
        if !stack.isEmpty { return "unclosed <\(stack.joined(separator: "> <"))>" }
        if roots != 1 { return "\(roots) root elements" }
        return nil
    }

    static var plainNumber: Regex<AnyRegexOutput> { try! Regex(#"^-?(0|[1-9][0-9]*)(\.[0-9]?[1-9])?$"#) }
    static var numericAttribute: Regex<AnyRegexOutput> {
        try! Regex(
            #" (x|y|x1|y1|x2|y2|cx|cy|r|width|height|font-size|stroke-width)="([^"]*)""#)
    }
    static var listAttribute: Regex<AnyRegexOutput> {
        try! Regex(#" (points|d|viewBox|transform|stroke-dasharray)="([^"]*)""#)
    }
    static var numberToken: Regex<AnyRegexOutput> { try! Regex(#"-?[0-9]+(\.[0-9]+)?"#) }

    /// Every problem with the numbers in `svg`: plain attributes must be plain decimals with
    /// at most two decimals (no exponent, no "-0"), lists of numbers likewise.
    static func numberProblems(_ svg: String) -> [String] {
        var problems: [String] = []
        for match in svg.matches(of: numericAttribute) {
            guard let value = match.output[2].substring.map(String.init) else { continue }
            if value.wholeMatch(of: plainNumber) == nil || value == "-0" {
                problems.append("\(match.output[1].substring ?? "")=\"\(value)\"")
            }
        }
        for match in svg.matches(of: listAttribute) {
            guard let value = match.output[2].substring.map(String.init) else { continue }
            for token in value.matches(of: numberToken)
            where String(token.output[0].substring ?? "").wholeMatch(of: plainNumber) == nil {
                problems.append("\(match.output[1].substring ?? "")=\"\(value)\"")
            }
            if value.lowercased().contains("e+") || value.lowercased().contains("nan") {
                problems.append(value)
            }
        }
        return problems
    }

    /// Everything a chart must satisfy whatever its data.
    static func expectValid(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            wellFormedProblem(svg) == nil, "not well-formed: \(wellFormedProblem(svg) ?? "")",
            sourceLocation: sourceLocation)
        let lower = svg.lowercased()
        #expect(!lower.contains("nan"), "NaN in SVG", sourceLocation: sourceLocation)
        #expect(!lower.contains("inf"), "infinity in SVG", sourceLocation: sourceLocation)
        #expect(
            numberProblems(svg).isEmpty, "bad numbers: \(numberProblems(svg).prefix(5))",
            sourceLocation: sourceLocation)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), sourceLocation: sourceLocation)
        #expect(svg.contains(" viewBox=\"0 0 "), sourceLocation: sourceLocation)
        #expect(svg.hasSuffix("</svg>\n"), sourceLocation: sourceLocation)
    }

    /// The text content of every `<text>` element, unescaped enough for comparisons.
    static func texts(_ svg: String) -> [String] {
        let pattern = try! Regex(#"<text[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>"#)
        return svg.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The `<title>` contents (chart title and tooltips).
    static func titles(_ svg: String) -> [String] {
        let pattern = try! Regex(#"<title>([^<]*)</title>"#)
        return svg.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The `viewBox` size.
    static func size(_ svg: String) -> (width: Double, height: Double)? {
        let pattern = try! Regex(#"viewBox="0 0 ([0-9.]+) ([0-9.]+)""#)
        guard let m = svg.firstMatch(of: pattern),
            let w = m.output[1].substring.flatMap({ Double(String($0)) }),
            let h = m.output[2].substring.flatMap({ Double(String($0)) })
        else { return nil }
        return (w, h)
    }
}

@Suite struct SVGCheckerTests {
    @Test func acceptsWellFormedAndRejectsBrokenXML() {
        #expect(SVGChecks.wellFormedProblem("<svg a=\"1\"><g><text>a &amp; b</text></g><rect/></svg>") == nil)
        #expect(SVGChecks.wellFormedProblem("<svg><g></svg>") != nil)
        #expect(SVGChecks.wellFormedProblem("<svg><text>a & b</text></svg>") != nil)
        #expect(SVGChecks.wellFormedProblem("<svg a=\"<\"></svg>") != nil)
        #expect(SVGChecks.wellFormedProblem("<svg a=1></svg>") != nil)
        #expect(SVGChecks.wellFormedProblem("<svg/><svg/>") != nil)
        #expect(SVGChecks.wellFormedProblem("<svg x=\"1\" x=\"2\"/>") != nil)
    }

    @Test func numberCheckCatchesLongDecimalsAndExponents() {
        #expect(SVGChecks.numberProblems("<rect x=\"1.25\" y=\"-3\" width=\"10\"/>").isEmpty)
        #expect(!SVGChecks.numberProblems("<rect x=\"1.255\"/>").isEmpty)
        #expect(!SVGChecks.numberProblems("<rect x=\"1e+20\"/>").isEmpty)
        #expect(!SVGChecks.numberProblems("<rect x=\"-0\"/>").isEmpty)
        #expect(!SVGChecks.numberProblems("<polyline points=\"1,2 3.333,4\"/>").isEmpty)
    }
}
