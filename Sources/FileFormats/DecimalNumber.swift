#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading and writing decimal numbers exactly: parsing is correctly rounded (the same
/// double `strtod` gives), writing is the shortest text that reads back to the same double,
/// always as a plain decimal (`40450000`, `0.0000001`), never in exponent notation.
public enum DecimalNumber {
    /// The outcome of reading one cell as a number.
    public enum Parsed: Equatable, Sendable {
        case value(Double)
        /// The cell is empty or holds only spaces.
        case empty
        /// `nan`, `inf`, or a number too large for a double.
        case nonFinite
        /// Anything else: `12a`, `1,000`, `0x1p3`.
        case invalid
    }

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]`, with surrounding spaces allowed.
    ///
    /// Fast path (Clinger 1990): when the significand has at most 19 digits, is at most
    /// 2^53, and the decimal exponent is within ±22, both `m` and `10^|e|` are exact
    /// doubles and one IEEE multiplication or division gives the correctly rounded result.
    /// Otherwise the text is handed to `strtod`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start == end { return .empty }

        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var digitsSeen = 0
        var fractionDigits = 0
        var overflowDigits = false
        var seenPoint = false
        while i < end {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                digitsSeen += 1
                if significand == 0 && c == 0x30 {
                    // A leading zero: no significance, but it moves the point.
                    if seenPoint { fractionDigits += 1 }
                } else if significantDigits < 19 {
                    significand = significand &* 10 &+ UInt64(c - 0x30)
                    significantDigits += 1
                    if seenPoint { fractionDigits += 1 }
                } else {
                    overflowDigits = true  // more digits than the fast path holds: strtod
                }
            } else if c == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        if digitsSeen == 0 {
            return looksNonFinite(bytes, start, end) ? .nonFinite : .invalid
        }
        var exponent = 0
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponentDigits = 0
            while i < end, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] - 0x30) }
                exponentDigits += 1
                i += 1
            }
            if exponentDigits == 0 { return .invalid }
            if exponentNegative { exponent = -exponent }
        }
        if i != end { return .invalid }

        let decimalExponent = exponent - fractionDigits
        if !overflowDigits, significand <= (1 << 53), abs(decimalExponent) <= 22 {
            var value = Double(significand)
            if decimalExponent >= 0 {
                value *= exactPowersOfTen[decimalExponent]
            } else {
                value /= exactPowersOfTen[-decimalExponent]
            }
            return .value(negative ? -value : value)
        }
        if significand == 0 && !overflowDigits { return .value(negative ? -0.0 : 0.0) }
        return slowParse(bytes, start, end)
    }

    public static func parse(_ text: String) -> Parsed {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Parsed {
        var buffer = [CChar](repeating: 0, count: end - start + 1)
        for k in start..<end { buffer[k - start] = CChar(bitPattern: bytes[k]) }
        let value = buffer.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
        return value.isFinite ? .value(value) : .nonFinite
    }

    private static func looksNonFinite(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var word = ""
        for k in start..<end {
            let c = bytes[k] | 0x20  // ASCII lower case
            if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") { word.unicodeScalars.append(Unicode.Scalar(c)) }
        }
        return ["nan", "inf", "infinity"].contains(word)
    }

    /// The shortest decimal text that reads back as `value`, without an exponent:
    /// `1.5`, `40450000`, `0.0000001`, `-3`. Non-finite values have no such text and are
    /// written as `null`, which a caller must not produce for valid results.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        let text = "\(value)"  // Swift prints the shortest round-tripping digits
        // The common case, without an exponent, on the bytes (this runs for every number of
        // every table).
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
            let e = text.firstIndex(where: { $0 == "e" || $0 == "E" })
        else {
            let count = bytes.count
            let endsInPointZero =
                count >= 2 && bytes.last == UInt8(ascii: "0") && bytes.dropLast().last == UInt8(ascii: ".")
            return endsInPointZero ? String(text.dropLast(2)) : text
        }
        let mantissa = text[..<e]
        guard let exponent = Int(text[text.index(after: e)...]) else { return text }
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa[...]
        let point = unsigned.firstIndex(of: ".")
        let integerPart = point.map { unsigned[..<$0] } ?? unsigned
        let fractionPart = point.map { unsigned[unsigned.index(after: $0)...] } ?? ""
        var digits = String(integerPart) + String(fractionPart)
        let pointPosition = integerPart.count + exponent
        while digits.hasSuffix("0"), digits.count > 1, digits.count > pointPosition {
            digits.removeLast()
        }
        var result: String
        if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            result = digits + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: pointPosition)
            result = digits[..<index] + "." + digits[index...]
        }
        return negative ? "-" + result : result
    }
}
