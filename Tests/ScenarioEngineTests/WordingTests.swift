import Presentation
import Testing

/// The table formatters never trap, whatever Double reaches them.
struct TableNumberExtremesTests {
    @Test(arguments: [
        Double.infinity, -Double.infinity, Double.nan, 1e300, -1e300, 9.3e18, 1e15, 5e-324, -5e-324,
        Double.greatestFiniteMagnitude, Double.leastNormalMagnitude,
    ])
    func formattersNeverTrap(value: Double) {
        let texts = [
            TableNumber.format(value), TableNumber.oneDecimal(value), TableNumber.percent(value),
            TableNumber.fixed(value, decimals: 2), TableNumber.fixed(value, decimals: 400),
        ]
        for text in texts { #expect(!text.isEmpty) }
        if !value.isFinite { #expect(TableNumber.format(value) == "–") }
    }

    @Test func ordinaryNumbersAreUnchanged() {
        #expect(TableNumber.format(40_450_000) == "40,450,000")
        #expect(TableNumber.format(55.84) == "55.84")
        #expect(TableNumber.format(0.0123) == "0.0123")
        #expect(TableNumber.format(2.5e20) == "2.5e+20")
        #expect(TableNumber.oneDecimal(-1.25) == "-1.3" || TableNumber.oneDecimal(-1.25) == "-1.2")
    }

    @Test func fixedDecimalsKeepTheirZerosOnRequestAndZeroHasNoSign() {
        #expect(TableNumber.fixed(0.9, decimals: 2) == "0.9")
        #expect(TableNumber.fixed(0.9, decimals: 2, trailingZeros: true) == "0.90")
        #expect(TableNumber.fixed(-1, decimals: 2, trailingZeros: true) == "-1.00")
        #expect(TableNumber.fixed(-0.004, decimals: 2) == "0")
        #expect(TableNumber.fixed(-0.004, decimals: 2, trailingZeros: true) == "0.00")
        #expect(TableNumber.fixed(-0.006, decimals: 2) == "-0.01")
    }
}
