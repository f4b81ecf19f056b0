import Testing

@testable import Charts

@Suite struct NiceScaleTickTests {
    @Test func typicalEmissionRange() {
        #expect(NiceScale.ticks(min: 0, max: 23_831) == [0, 5_000, 10_000, 15_000, 20_000, 25_000])
    }

    @Test func smallDecimalsComeOutAsTheirDecimalValues() {
        #expect(NiceScale.ticks(min: 0.004, max: 0.017) == [0, 0.005, 0.01, 0.015, 0.02])
        #expect(NiceScale.labels(NiceScale.ticks(min: 0.004, max: 0.017)) == ["0", "0.005", "0.01", "0.015", "0.02"])
    }

    @Test func negativeRanges() {
        #expect(NiceScale.ticks(min: -1_200, max: 300) == [-1_500, -1_000, -500, 0, 500])
        #expect(NiceScale.ticks(min: -50, max: -10) == [-50, -40, -30, -20, -10])
        #expect(NiceScale.ticks(min: -0.3, max: -0.12) == [-0.3, -0.25, -0.2, -0.15, -0.1])
    }

    @Test func equalBoundsReachZero() {
        #expect(NiceScale.ticks(min: 7, max: 7) == [0, 2, 4, 6, 8])
        #expect(NiceScale.ticks(min: -3, max: -3) == [-3, -2, -1, 0])
        #expect(NiceScale.ticks(min: 0, max: 0) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func swappedAndNonFiniteBounds() {
        #expect(NiceScale.ticks(min: 23_831, max: 0) == NiceScale.ticks(min: 0, max: 23_831))
        #expect(NiceScale.ticks(min: .nan, max: .nan) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceScale.ticks(min: .nan, max: 10) == NiceScale.ticks(min: 10, max: 10))
        #expect(NiceScale.ticks(min: -.infinity, max: .infinity).allSatisfy { $0.isFinite })
        #expect(NiceScale.ticks(min: -1e308, max: 1e308).allSatisfy { $0.isFinite })
    }

    @Test func countControlsTheNumberOfIntervals() {
        #expect(NiceScale.ticks(min: 2020, max: 2035, count: 6) == [2020, 2025, 2030, 2035])
        #expect(NiceScale.ticks(min: 0, max: 100, count: 10) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
        #expect(NiceScale.ticks(min: 0, max: 100, count: 1) == [0, 100])
        #expect(NiceScale.ticks(min: 0, max: 100, count: 0) == [0, 100])
        #expect(NiceScale.ticks(min: -1, max: 1, count: 1) == [-1, 0, 1])  // one interval cannot straddle 0
    }

    /// Random ranges: ticks cover the range, are evenly spaced by 1, 2 or 5 × 10ⁿ, use at most
    /// `count` intervals and contain 0 whenever it is in range.
    @Test func propertiesOverRandomRanges() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<2_000 {
            let magnitude = NiceScale.power10(Int(next() * 16) - 6)
            let a = (next() * 2 - 1) * magnitude
            let b = (next() * 2 - 1) * magnitude * (next() < 0.3 ? 0.01 : 1)
            let count = 2 + Int(next() * 8)
            let ticks = NiceScale.ticks(min: a, max: b, count: count)
            let low = Swift.min(a, b)
            let high = Swift.max(a, b)
            #expect(ticks.count >= 2 && ticks.count <= count + 1, "\(a)…\(b) count \(count): \(ticks)")
            #expect(ticks.first! <= low && ticks.last! >= high, "\(a)…\(b): \(ticks)")
            if low <= 0 && 0 <= high { #expect(ticks.contains(0), "\(a)…\(b): \(ticks)") }
            let step = ticks[1] - ticks[0]
            for (x, y) in zip(ticks, ticks.dropFirst()) {
                #expect(((y - x) - step).magnitude <= step * 1e-6, "uneven \(ticks)")
            }
            var mantissa = step
            while mantissa >= 10 { mantissa /= 10 }
            while mantissa < 1 { mantissa *= 10 }
            #expect([1.0, 2.0, 5.0, 10.0].contains { ($0 - mantissa).magnitude < 1e-6 }, "step \(step)")
            #expect(NiceScale.labels(ticks).count == Set(NiceScale.labels(ticks)).count, "labels collide: \(ticks)")
        }
    }
}

@Suite struct NiceScaleLabelTests {
    @Test func thousandsSeparatorsBelowTenWan() {
        #expect(NiceScale.label(0) == "0")
        #expect(NiceScale.label(-0.0) == "0")
        #expect(NiceScale.label(5_000) == "5,000")
        #expect(NiceScale.label(23_831) == "23,831")
        #expect(NiceScale.label(99_999) == "99,999")
        #expect(NiceScale.label(-1_500) == "-1,500")
        #expect(NiceScale.label(999) == "999")
    }

    @Test func wanAndYiAbbreviations() {
        #expect(NiceScale.label(100_000) == "10万")
        #expect(NiceScale.label(123_456) == "12.3万")
        #expect(NiceScale.label(40_000_000) == "4,000万")
        #expect(NiceScale.label(-2_500_000) == "-250万")
        #expect(NiceScale.label(100_000_000) == "1亿")
        #expect(NiceScale.label(125_000_000) == "1.25亿")
        #expect(NiceScale.label(3.2e12) == "32,000亿")
    }

    @Test func compactDecimals() {
        #expect(NiceScale.label(0.004) == "0.004")
        #expect(NiceScale.label(0.0125) == "0.0125")
        #expect(NiceScale.label(12.345) == "12.3")
        #expect(NiceScale.label(1.5) == "1.5")
        #expect(NiceScale.label(2.0) == "2")
        #expect(NiceScale.label(-0.25) == "-0.25")
        #expect(NiceScale.label(1234.5) == "1,235")
    }

    @Test func nonFiniteValuesGetADash() {
        #expect(NiceScale.label(.nan) == "–")
        #expect(NiceScale.label(.infinity) == "–")
        #expect(NiceScale.labels([0, .nan, 1]) == ["0", "–", "1"])
    }

    @Test func axisLabelsShareOneUnitAndOneNumberOfDecimals() {
        #expect(
            NiceScale.labels([0, 5_000, 10_000, 15_000, 20_000, 25_000])
                == ["0", "5,000", "10,000", "15,000", "20,000", "25,000"])
        #expect(NiceScale.labels([0, 50_000, 100_000, 150_000]) == ["0", "5万", "10万", "15万"])
        #expect(NiceScale.labels([-600_000, -400_000, -200_000, 0, 200_000]) == ["-60万", "-40万", "-20万", "0", "20万"])
        #expect(NiceScale.labels([0, 0.5, 1, 1.5]) == ["0", "0.5", "1", "1.5"])
        #expect(NiceScale.labels([0, 2.5e8, 5e8, 7.5e8]) == ["0", "2.5亿", "5亿", "7.5亿"])
        #expect(NiceScale.labels([10.02, 10.04, 10.06]) == ["10.02", "10.04", "10.06"])
        #expect(NiceScale.labels([20_000_000, 40_000_000]) == ["2,000万", "4,000万"])
        #expect(NiceScale.labels([7]) == ["7"])
        #expect(NiceScale.labels([]) == [])
    }
}

@Suite struct FormattingTests {
    @Test func svgNumbersHaveAtMostTwoDecimals() {
        #expect(SVGText.number(3.14159) == "3.14")
        #expect(SVGText.number(2.5) == "2.5")
        #expect(SVGText.number(2.499) == "2.5")
        #expect(SVGText.number(100) == "100")
        #expect(SVGText.number(0.1 + 0.2) == "0.3")
        #expect(SVGText.number(-0.001) == "0")
        #expect(SVGText.number(-12.05) == "-12.05")
        #expect(SVGText.number(0.07) == "0.07")
        #expect(SVGText.number(.nan) == "0")
        #expect(SVGText.number(.infinity) == "0")
        #expect(SVGText.number(1e300) == "1000000000")
    }

    @Test func xmlEscaping() {
        #expect(SVGText.escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;")
        #expect(SVGText.escape("排放\u{0}量\u{7}\tx\ny") == "排放量 x y")
        #expect(SVGText.escape("SO₂ μg/m³") == "SO₂ μg/m³")
    }

    @Test func textWidthsCountChineseAsOneEm() {
        #expect(TextMetrics.width("排放量", fontSize: 12) == 36)
        #expect(TextMetrics.width("（吨）", fontSize: 10) == 30)
        let ascii = TextMetrics.width("2025", fontSize: 10)
        #expect(ascii > 20 && ascii < 25)
    }

    @Test func truncationKeepsAPrefixAndAddsAnEllipsis() {
        let name = "燃煤电厂超低排放改造及配套脱硫脱硝除尘设施升级工程"
        let short = TextMetrics.truncate(name, maxWidth: 120, fontSize: 12)
        #expect(short.hasSuffix("…"))
        #expect(name.hasPrefix(String(short.dropLast())))
        #expect(TextMetrics.width(short, fontSize: 12) <= 120)
        #expect(TextMetrics.truncate("电力", maxWidth: 120, fontSize: 12) == "电力")
    }

    @Test func wrappingBreaksChineseAnywhereAndLatinAtSpaces() {
        #expect(
            TextMetrics.wrap("强化减排情景（含产业结构调整）", maxWidth: 120, fontSize: 12, maxLines: 2)
                == ["强化减排情景（含产业", "结构调整）"])
        #expect(
            TextMetrics.wrap("enhanced scenario with structure", maxWidth: 100, fontSize: 12, maxLines: 3)
                == ["enhanced", "scenario with", "structure"])
        // Closing punctuation stays on the line before.
        #expect(TextMetrics.wrap("一二三四五，六七", maxWidth: 60, fontSize: 12, maxLines: 3) == ["一二三四五，", "六七"])
        let capped = TextMetrics.wrap(String(repeating: "排放", count: 40), maxWidth: 100, fontSize: 12, maxLines: 2)
        #expect(capped.count == 2 && capped[1].hasSuffix("…"))
    }
}
