import Testing

@testable import FileFormats

@Suite struct DecimalNumberParsingTests {
    @Test(arguments: [
        ("0", 0.0), ("12", 12), ("-3.5", -3.5), ("+7", 7), (" 42 ", 42), ("1e6", 1e6), ("2.5E-3", 0.0025),
        ("0.1", 0.1), ("000123.4500", 123.45), (".5", 0.5), ("5.", 5), ("1405", 1405),
        ("9007199254740993", 9007199254740993),  // beyond 2^53: slow path, correctly rounded
        ("0.1000000000000000055511151231257827", 0.1), ("1.7976931348623157e308", 1.7976931348623157e308),
        ("4.9e-324", 4.9e-324), ("123456789012345678901234567890", 1.2345678901234568e29),
    ])
    func parsesLikeStrtod(text: String, expected: Double) {
        #expect(DecimalNumber.parse(text) == .value(expected))
    }

    @Test(arguments: ["abc", "1,000", "12a", "-", ".", "1e", "1e+", "0x10", "1.2.3", "--1", "一"])
    func rejectsWhatIsNotANumber(text: String) {
        #expect(DecimalNumber.parse(text) == .invalid)
    }

    @Test(arguments: ["nan", "NaN", "inf", "-Infinity", "1e400"])
    func rejectsNonFiniteValues(text: String) {
        #expect(DecimalNumber.parse(text) == .nonFinite)
    }

    @Test func emptyAndBlankCellsAreEmpty() {
        #expect(DecimalNumber.parse("") == .empty)
        #expect(DecimalNumber.parse("   ") == .empty)
    }

    /// Property: on random doubles of every magnitude, parsing Swift's shortest text gives
    /// back the same double, as the standard library's parser does.
    @Test func agreesWithTheStandardLibraryOnRandomValues() {
        var state: UInt64 = 0x1234_5678
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let bits = state >> 1  // positive doubles, all exponents
            let value = Double(bitPattern: bits)
            guard value.isFinite else { continue }
            let text = "\(value)"
            #expect(DecimalNumber.parse(text) == .value(Double(text)!), "\(text)")
            let plain = DecimalNumber.format(value)
            #expect(DecimalNumber.parse(plain) == .value(value), "\(plain)")
        }
    }
}

@Suite struct DecimalNumberFormattingTests {
    @Test(arguments: [
        (40_450_000.0, "40450000"), (0.0000001, "0.0000001"), (1.5, "1.5"), (-3, "-3"), (0, "0"),
        (1e21, "1000000000000000000000"), (1.25e-10, "0.000000000125"), (123.456, "123.456"), (-0.0, "0"),
    ])
    func writesPlainDecimals(value: Double, expected: String) {
        #expect(DecimalNumber.format(value) == expected)
    }
}
