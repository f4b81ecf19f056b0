import Analysis
import Diagnostics
import EmisTestSupport
import EmissionInventory
import FileFormats
import Foundation
import Scenarios
import Testing

@testable import ScenarioEngine

/// `emis uncertainty`: probabilities known in closed form, each draw equal to the projection
/// of inputs multiplied by hand, zero-width ranges equal to the deterministic verdicts, the
/// same bytes for any thread count, and precise errors.
@Suite struct UncertaintyTests {
    /// Reads scenario `name` of `folder` with its inventory, as the commands do.
    static func prepare(_ folder: TemporaryFolder, _ name: String = "s.yaml") throws -> (
        PreparedScenario, DiagnosticList
    ) {
        let set = ScenarioSet.load([folder.path + "/" + name], loader: InventoryLoader())
        let errors = set.diagnostics.items.filter { $0.severity == .error }.map { "\($0)" }
        try #require(set.scenarios.count == 1, "\(errors)")
        return (set.scenarios[0], set.diagnostics)
    }

    /// The diagnostics of a scenario that must not load.
    static func failures(_ folder: TemporaryFolder, _ name: String = "s.yaml") -> [Diagnostic] {
        let set = ScenarioSet.load([folder.path + "/" + name], loader: InventoryLoader())
        return set.diagnostics.items.filter { $0.severity == .error }
    }

    static func run(_ prepared: PreparedScenario, draws: Int, seed: UInt64 = 1, threads: Int = 2) throws
        -> UncertaintyResult
    {
        let model = try #require(prepared.factors)
        let deterministic = prepared.engine.project(levels: prepared.fullLevels)
        return try UncertaintyAnalysis.run(
            engine: prepared.engine, model: model, levels: prepared.fullLevels, deterministic: deterministic,
            draws: draws, seed: seed, threads: threads)
    }

    // MARK: - Known probabilities

    /// One source emitting 100 t of SO2, a cap of 110 t, one factor X on its emission factor:
    /// P(met) = P(100·X ≤ 110), from the distribution function of X.
    static let lognormalMu = (log(0.7) + log(1.5)) / 2
    static let lognormalSigma = (log(1.5) - log(0.7)) / 3.92
    static let capCases: [(String, Double)] = [
        ("lognormal", standardNormalCDF((log(1.1) - lognormalMu) / lognormalSigma)),
        ("normal", 0.5),
        ("uniform", 0.4 / 0.8),
        ("triangular", 1 - 0.16 / (0.8 * 0.5)),
    ]

    @Test(arguments: capCases)
    func probabilityOfACap(distribution: String, expected: Double) throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: "id,sector,activity,SO2.ef\ns1,power/coal,1,100000\n")
        _ = try folder.write(
            "s.yaml",
            """
            inventory: inv
            years: [2020, 2021]
            targets:
              - {id: so2-cap, pollutant: SO2, year: 2021, cap: 110}
            uncertainty:
              - {id: ef, of: ef, select: {sector: power}, range: [-0.3, 0.5], distribution: \(distribution)}
            """)
        let (prepared, _) = try Self.prepare(folder)
        let draws = 20_000
        let result = try Self.run(prepared, draws: draws)
        let target = try #require(result.targets.first)
        // A factor on the only source's emission factor scales 2020 and 2021 alike: the
        // change from the base year does not move, while the total does.
        let change = try #require(result.changeFromBaseYear[.so2])
        for band in [change.p5, change.p50, change.p95, change.mean] {
            #expect(band.allSatisfy { abs($0) <= 1e-12 }, "\(band)")
        }
        #expect(result.totals[.so2]!.p95[1] > result.totals[.so2]!.p5[1] * 1.5)
        // Four standard errors of a share of 20,000 draws.
        let tolerance = 4 * (expected * (1 - expected) / Double(draws)).squareRoot()
        #expect(abs(target.probabilityMet - expected) <= tolerance, "\(distribution): \(target.probabilityMet)")
        // The median margin is 110 − 100 · median(X).
        let median: Double =
            switch distribution {
            case "lognormal": (0.7 * 1.5).squareRoot()
            case "triangular": 1.5 - (0.5 * 0.8 * 0.5).squareRoot()
            default: 1.1
            }
        #expect(abs(target.margin.p50 - (110 - 100 * median)) < 1.0, "\(target.margin)")
        // The same draw in the base year: the base-year total's band is the 2021 one.
        let totals = try #require(result.totals[.so2])
        #expect(abs(totals.p50[0] - 100 * median) < 1.0)
        #expect(result.factors.map(\.id) == ["ef"])
    }

    // MARK: - Each draw is the projection of multiplied inputs

    static let sources = """
        id,sector,activity,activity_unit,energy_tce,fossil,SO2.ef,SO2.eff,NOx.ef,CO2.ef
        p1,power/coal,100,GWh,0.3,true,1000,0.5,800,900000
        p2,power/coal,50,GWh,0.3,true,1200,0.6,700,950000
        h1,residential/heating/coal,1000,t coal,0.7,true,15,,3,1980
        h2,residential/heating/coal,400,t coal,0.7,true,18,,4,2100
        e1,residential/heating/electric,0,MWh,0.1,false,,,,1000
        i1,industry/cement,300,t,0.1,true,200,0.3,500,800000
        i2,industry/steel,200,t,0.2,true,300,0.2,400,1500000

        """

    /// Every measure kind, drivers by rate, index and macro series, targets of every kind,
    /// and factors of every kind: once per draw and per source, correlated, on a
    /// scenario-defined source.
    static let scenario = """
        inventory: inv
        years: [2020, 2026]
        drivers:
          - {select: {sector: power}, rate: 0.05}
          - {select: {sector: industry}, index: {2020: 1, 2023: 1.1, 2026: 1.2}}
          - {macro: gdp, rate: 0.06}
        measures:
          - {id: gas, kind: add, source: {id: g1, sector: power/gas, activity: 40, NOx.ef: 300, CO2.ef: 400000, energy_tce: 0.2}, start: 2022}
          - {id: ule, kind: retrofit, select: {sector: power/coal}, efficiency: {SO2: 0.9}, start: 2021, full: 2023}
          - {id: heat, kind: substitute, select: {sector: residential/heating/coal}, to: e1, share: 0.5, ratio: 2, start: 2021, full: 2024}
          - {id: heat2, kind: substitute, select: {sector: residential/heating/coal}, to: e1, amount: 100, start: 2022}
          - {id: steel, kind: scale, select: {sector: industry/steel}, factor: 0.8, start: 2022}
          - {id: project, kind: reduction, select: {sector: industry}, amount: {NOx: 60}, start: 2023}
          - {id: so2-cap, kind: cap, select: {sector: power}, limit: {SO2: 20}, start: 2022}
        targets:
          - {id: nox, pollutant: NOx, year: 2025, reduction: 0.1}
          - {id: so2, pollutant: SO2, year: 2025, cap: 60}
          - {id: co2, pollutant: CO2, year: 2025, intensity: {per: gdp, reduction: 0.18}}
          - {id: nox-projects, pollutant: NOx, year: 2025, project_reduction: 50}
          - {id: energy, metric: energy, year: 2026, cap: 400}
        uncertainty:
          - {id: ef-power, of: ef, select: {sector: power}, pollutants: [SO2, NOx, CO2], range: [-0.2, 0.3]}
          - {id: ef-heat, of: ef, select: {sector: residential/heating/coal}, range: [-0.3, 0.3], distribution: normal, correlated: false}
          - {id: activity-industry, of: activity, select: {sector: industry}, range: [-0.2, 0.2], distribution: uniform}
          - {id: heat-level, of: level, measure: heat, range: [-0.5, 0], distribution: triangular}
          - {id: growth-power, of: growth, select: {sector: power}, range: [-0.5, 0.5], distribution: normal}
          - {id: growth-industry, of: growth, select: {sector: industry}, range: [-0.3, 0.5]}
          - {id: gdp, of: growth, macro: gdp, range: [-0.3, 0.3], distribution: normal}
        correlation:
          - {between: [ef-power, activity-industry], r: 0.4}
          - {between: [growth-power, gdp], r: 0.7}
        """

    @Test func eachDrawIsTheProjectionOfMultipliedInputs() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Self.sources)
        _ = try folder.write("s.yaml", Self.scenario)
        let (prepared, _) = try Self.prepare(folder)
        let model = try #require(prepared.factors)
        let ids = model.factors.map(\.factor.id)
        let header = Self.sources.split(separator: "\n")[0].split(separator: ",").map(String.init)
        let rows = Self.sources.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let sectorOf = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
        for draw in [0, 1, 2, 17, 999] {
            let x = model.multipliers(seed: 7, draw: draw).values
            func value(_ id: String) -> Double { x[ids.firstIndex(of: id)!][0] }
            // The inventory, written again with its numbers multiplied.
            var heatIndex = 0
            var lines = [header.joined(separator: ",")]
            for var row in rows {
                let sector = sectorOf[row[0]]!
                var ef: [String: Double] = [:]
                if sector.hasPrefix("power") { for p in ["SO2", "NOx", "CO2"] { ef[p] = value("ef-power") } }
                if sector.hasPrefix("residential/heating/coal") {
                    let each = x[ids.firstIndex(of: "ef-heat")!][heatIndex]
                    heatIndex += 1
                    for p in ["SO2", "NOx", "CO2"] { ef[p] = each }
                }
                for (c, column) in header.enumerated() where column.hasSuffix(".ef") && !row[c].isEmpty {
                    let p = String(column.dropLast(3))
                    if let factor = ef[p] { row[c] = "\(Double(row[c])! * factor)" }
                }
                if sector.hasPrefix("industry") { row[2] = "\(Double(row[2])! * value("activity-industry"))" }
                lines.append(row.joined(separator: ","))
            }
            let drawFolder = try TemporaryFolder()
            try drawFolder.writeInventory(sources: lines.joined(separator: "\n") + "\n")
            let inventory = try #require(InventoryLoader().load(drawFolder.path + "/inv").inventory)
            // The scenario with its drivers' changes and the heat measure's level multiplied.
            var scenario = prepared.scenario
            func scaled(_ growth: Growth, _ x: Double) -> Growth {
                switch growth {
                case let .rate(r): .rate(r * x)
                case let .index(points): .index(points.map { .init(year: $0.year, value: 1 + x * ($0.value - 1)) })
                }
            }
            scenario.drivers[0].growth = scaled(scenario.drivers[0].growth, value("growth-power"))
            scenario.drivers[1].growth = scaled(scenario.drivers[1].growth, value("growth-industry"))
            scenario.drivers[2].growth = scaled(scenario.drivers[2].growth, value("gdp"))
            let heat = scenario.measures.firstIndex { $0.id == "heat" }!
            scenario.measures[heat].isCandidate = true
            // The added gas plant is a power source: its NOx and CO2 factors too.
            let gas = scenario.measures.firstIndex { $0.id == "gas" }!
            if case var .add(row) = scenario.measures[gas].kind {
                for p in [Pollutant.nox, .co2] {
                    row.pollutants[p] = (
                        row.pollutants[p]!.intensity * value("ef-power"), row.pollutants[p]!.efficiency
                    )
                }
                scenario.measures[gas].kind = .add(source: row)
            }
            var diagnostics = DiagnosticList()
            let engine = try #require(
                ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics))
            let expected = engine.project(
                levels: ["heat": value("heat-level")], grouping: nil, threads: 1, path: .reference)

            let actual = try prepared.engine.perturbed(by: model.multipliers(seed: 7, draw: draw), model: model)
                .project(levels: [:])
            func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-10 * max(1, abs(b)) }
            for p in expected.pollutants {
                for t in expected.years.indices {
                    #expect(close(actual.totals[p]![t], expected.totals[p]![t]), "draw \(draw) \(p) \(t)")
                    #expect(close(actual.baselineTotals[p]![t], expected.baselineTotals[p]![t]), "draw \(draw) \(p)")
                }
            }
            for (a, e) in zip(actual.targets, expected.targets) {
                #expect(close(a.projected, e.projected), "draw \(draw) \(e.id): \(a.projected) vs \(e.projected)")
                #expect(a.met == e.met, "draw \(draw) \(e.id)")
            }
            #expect(zip(actual.energy!, expected.energy!).allSatisfy { close($0, $1) }, "draw \(draw) energy")
        }
    }

    /// A draw with every X = 1 is the deterministic projection, bit for bit.
    @Test func zeroWidthRangesGiveTheDeterministicVerdicts() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Self.sources)
        let certain = Self.scenario.replacingOccurrences(
            of: #"range: \[[^\]]*\]"#, with: "range: [0, 0]", options: .regularExpression)
        _ = try folder.write("s.yaml", certain)
        let (prepared, _) = try Self.prepare(folder)
        let result = try Self.run(prepared, draws: 300)
        let deterministic = prepared.engine.project(levels: prepared.fullLevels)
        #expect(result.targets.contains { !$0.deterministic.met } && result.targets.contains { $0.deterministic.met })
        for (outcome, target) in zip(result.targets, deterministic.targets) {
            #expect(outcome.probabilityMet == (target.met ? 1 : 0), "\(target.id)")
            #expect(outcome.margin == .init(p5: target.margin, p50: target.margin, p95: target.margin))
            #expect(outcome.sensitivity.isEmpty)
        }
        for p in deterministic.pollutants {
            #expect(result.totals[p]!.p50 == deterministic.totals[p]!)
            #expect(result.totals[p]!.p5 == deterministic.totals[p]!)
            let totals = deterministic.totals[p]!
            guard totals[0] > 0 else { continue }
            let change = try #require(result.changeFromBaseYear[p])
            #expect(change.p50 == totals.map { $0 / totals[0] - 1 })
        }
    }

    /// The same seed gives the same bytes whatever the thread count; another seed differs.
    @Test func theSameSeedGivesTheSameBytes() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Self.sources)
        _ = try folder.write("s.yaml", Self.scenario)
        let (prepared, _) = try Self.prepare(folder)
        let one = UncertaintyExport.json(try Self.run(prepared, draws: 600, seed: 5, threads: 1)).serialized()
        let three = UncertaintyExport.json(try Self.run(prepared, draws: 600, seed: 5, threads: 3)).serialized()
        let other = UncertaintyExport.json(try Self.run(prepared, draws: 600, seed: 6, threads: 3)).serialized()
        #expect(one == three)
        #expect(one != other)
        let csv = UncertaintyExport.csv([try Self.run(prepared, draws: 50, seed: 5)])
        #expect(csv.hasPrefix("scenario,series,key,statistic,unit,2020,2021"))
        #expect(csv.contains("s,target,nox,p_met,1,"))
    }

    /// The peak year's shares add up to 1, and a correlation shows in the sensitivity.
    @Test func peakYearsAndSensitivity() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Self.sources)
        _ = try folder.write("s.yaml", Self.scenario)
        let (prepared, _) = try Self.prepare(folder)
        let result = try Self.run(prepared, draws: 2_000)
        for (_, shares) in result.peakYear {
            #expect(abs(shares.values.reduce(0, +) - 1) < 1e-12)
        }
        #expect(result.peakYear["CO2"] != nil && result.peakYear["energy"] != nil)
        // Power's SO2 is held at 20 t by the cap measure, so the SO2 target's margin is driven by
        // industry's activity, against it; power's emission factor hardly matters.
        let so2 = try #require(result.targets.first { $0.deterministic.id == "so2" })
        let top = try #require(so2.sensitivity.first)
        #expect(top.factor == "activity-industry")
        #expect(top.rankCorrelation < -0.3)
        let power = try #require(so2.sensitivity.first { $0.factor == "ef-power" })
        #expect(abs(power.rankCorrelation) < abs(top.rankCorrelation) / 2)
        #expect(so2.sensitivity.allSatisfy { ($0.varianceShare ?? 0) >= 0 && ($0.varianceShare ?? 0) <= 1 })
        // Bands are ordered.
        for (_, band) in result.totals {
            #expect(zip(band.p5, band.p95).allSatisfy { $0 <= $1 + 1e-9 })
        }
    }

    // MARK: - Statistics

    @Test func p2QuantilesTrackExactQuantiles() {
        var random = SeededGenerator(seed: 3)
        var values: [Double] = []
        var estimators = [P2Quantile(0.05), P2Quantile(0.5), P2Quantile(0.95)]
        for _ in 0..<20_000 {
            let x = exp(random.normal())
            values.append(x)
            for i in estimators.indices { estimators[i].add(x) }
        }
        let sorted = values.sorted()
        for estimator in estimators {
            let exact = exactQuantile(sorted, estimator.p)
            // Within a 0.5 % band of ranks around the exact quantile.
            let low = exactQuantile(sorted, max(0, estimator.p - 0.005))
            let high = exactQuantile(sorted, min(1, estimator.p + 0.005))
            #expect(
                estimator.value >= low && estimator.value <= high, "p \(estimator.p): \(estimator.value) vs \(exact)")
        }
        // Up to five values the quantile is exact.
        var few = P2Quantile(0.5)
        for x in [5.0, 1, 3] { few.add(x) }
        #expect(few.value == 3)
        #expect(averageRanks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
        // 4.5 / √(2 · 10.1667), by hand.
        #expect(abs(correlation([1, 2, 3], [2, 4, 6.5]) - 0.997949) < 1e-6)
    }

    // MARK: - Bad input

    @Test func badFactorsAreReportedWhereTheyAreWritten() throws {
        let cases: [(String, String)] = [
            ("{id: f, of: ef, select: {sector: power}, range: [-1, 0.5]}", "lognormal X cannot be 0"),
            ("{id: f, of: level, measure: ule, range: [0, 0.2]}", "within [−1, 0]"),
            ("{id: f, of: level, measure: nothing, range: [-0.2, 0]}", "does not have"),
            ("{id: f, of: growth, macro: jobs, range: [-0.2, 0.2]}", "no driver"),
            ("{id: f, of: ef, select: {sector: shipping}, range: [-0.2, 0.2]}", "no source"),
            ("{id: f, of: ef, range: [-0.2, 0.2]}", "needs 'select'"),
            ("{id: f, of: level, measure: ule, range: [-0.2, 0], correlated: false}", "applies only"),
            ("{id: f, of: ef, select: {sector: power}, range: [0.3, -0.2]}", "L must not exceed U"),
            ("{id: f, of: ef, select: {sector: power}, range: [-0.2, 0.2], distribution: beta}", "distribution"),
            ("{id: f, of: ef, select: {sector: power}, range: [0.1, 0.3], distribution: triangular}", "L ≤ 0 ≤ U"),
            ("{id: f, of: efficiency, select: {sector: power}, range: [-0.2, 0.2]}", "'of' must be"),
        ]
        for (entry, message) in cases {
            let folder = try TemporaryFolder()
            try folder.writeInventory(sources: Self.sources)
            _ = try folder.write(
                "s.yaml",
                """
                inventory: inv
                years: [2020, 2025]
                measures:
                  - {id: ule, kind: retrofit, select: {sector: power/coal}, efficiency: {SO2: 0.9}}
                uncertainty:
                  - \(entry)
                """)
            let errors = Self.failures(folder)
            let error = errors.first { $0.message.en.contains(message) }
            #expect(error != nil, "\(entry): \(errors.map(\.message.en))")
            #expect(error?.location?.line == 6, "\(entry)")
        }
    }

    /// A factor on pollutants its sources do not emit loads, with a warning where it is written.
    @Test func factorsThatChangeNothingAreWarnedAbout() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(
            sources: "id,sector,activity,SO2.ef,COD.ef\np,power/coal,1,1000,\nw,wastewater,1,,500\n")
        _ = try folder.write(
            "s.yaml",
            """
            inventory: inv
            years: [2020, 2021]
            uncertainty:
              - {id: odd, of: ef, select: {sector: wastewater}, pollutants: [SO2, COD], range: [-0.2, 0.2]}
              - {id: fine, of: ef, select: {sector: power}, pollutants: [SO2], range: [-0.2, 0.2]}
            """)
        let (prepared, diagnostics) = try Self.prepare(folder)
        #expect(prepared.factors?.ids == ["odd", "fine"])
        let warnings = diagnostics.items.filter { $0.severity == .warning }
        try #require(warnings.count == 1)
        #expect(warnings[0].location?.line == 4)
        #expect(warnings[0].message.en == "factor 'odd' changes nothing for SO2: the sources it selects do not emit it")
    }

    @Test func impossibleCorrelationsNameTheirFactors() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Self.sources)
        _ = try folder.write(
            "s.yaml",
            """
            inventory: inv
            years: [2020, 2025]
            uncertainty:
              - {id: a, of: ef, select: {sector: power}, range: [-0.2, 0.2]}
              - {id: b, of: ef, select: {sector: industry}, range: [-0.2, 0.2]}
              - {id: c, of: activity, select: {sector: industry}, range: [-0.2, 0.2]}
              - {id: d, of: activity, select: {sector: power}, range: [-0.2, 0.2], correlated: false}
            correlation:
              - {between: [a, b], r: 0.9}
              - {between: [a, c], r: 0.9}
              - {between: [b, c], r: -0.9}
            """)
        let errors = Self.failures(folder).map(\.message.en)
        #expect(errors.contains { $0.contains("'a', 'b', 'c'") && $0.contains("not positive definite") }, "\(errors)")

        _ = try folder.write(
            "t.yaml",
            """
            inventory: inv
            years: [2020, 2025]
            uncertainty:
              - {id: a, of: ef, select: {sector: power}, range: [-0.2, 0.2]}
              - {id: d, of: activity, select: {sector: power}, range: [-0.2, 0.2], correlated: false}
            correlation:
              - {between: [a, d], r: 0.5}
              - {between: [a, e], r: 0.5}
            """)
        let more = Self.failures(folder, "t.yaml")
        #expect(more.contains { $0.message.en.contains("correlated: false") && $0.location?.line == 7 })
        #expect(more.contains { $0.message.en.contains("'e'") && $0.location?.line == 8 })
    }

    /// The inventory's factors hold for every scenario on it; a scenario's factor with the
    /// same id replaces it, and a child scenario's are added to its parent's.
    @Test func inventoryAndInheritedFactors() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(
            sources: Self.sources,
            manifest: Fixtures.manifest + """

                uncertainty:
                  - {id: ef-power, of: ef, select: {sector: power}, range: [-0.1, 0.1]}
                  - {id: ef-industry, of: ef, select: {sector: industry}, range: [-0.1, 0.1]}
                """)
        _ = try folder.write(
            "parent.yaml",
            """
            inventory: inv
            years: [2020, 2025]
            uncertainty:
              - {id: ef-industry, of: ef, select: {sector: industry}, range: [-0.5, 0.5], distribution: uniform}
            """)
        _ = try folder.write(
            "s.yaml",
            """
            extends: parent.yaml
            uncertainty:
              - {id: act-heat, of: activity, select: {sector: residential}, range: [-0.2, 0.2]}
            """)
        let (prepared, _) = try Self.prepare(folder)
        let factors = try #require(prepared.factors).specs
        #expect(factors.map(\.id) == ["ef-power", "ef-industry", "act-heat"])
        #expect(factors[1].distribution == .uniform && factors[1].upper == 0.5)
    }
}
