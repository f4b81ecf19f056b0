import Diagnostics
import EmissionInventory
import FileFormats
import Scenarios

/// Checks that the numbers a scenario produces stay within `Bounds`, and names the input
/// that drove one out: a driver whose growth explodes, a measure whose effect does, a cost
/// that cannot be paid. Run at set-up (growth, costs) and on a projection (totals,
/// attributions, energy), so that no command formats a number that is not finite or absurd.
extension ProjectionEngine {
    /// Growth factors of the drivers and annualised costs of the measures (known before any
    /// projection).
    static func staticMagnitudeProblems(_ scenario: Scenario, years: [Int], baseYear: Int) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for driver in scenario.drivers {
            for year in years {
                let g = driver.growth.factor(year: year, baseYear: baseYear)
                guard !Bounds.holds(g, Bounds.growth) else { continue }
                let shown = Bounds.shown(g)
                problems.append(
                    .error(
                        at: driver.location,
                        en:
                            "this driver makes activity \(shown) times its base-year value by \(year); more than \(Bounds.text(Bounds.growth)) times is surely a mistake (a rate of 0.05 is 5 % a year)",
                        zh:
                            "该驱动因子使活动水平在 \(year) 年达到基准年的 \(shown) 倍；超过 \(Bounds.text(Bounds.growth)) 倍必定有误（rate 0.05 表示每年 5%）"
                    ))
                break
            }
        }
        let rate = scenario.economics.discountRate
        for measure in scenario.measures {
            guard let cost = measure.cost else { continue }
            let annual = cost.annualized(discountRate: rate)
            guard !Bounds.holds(annual, Bounds.money) else { continue }
            let shown = Bounds.shown(annual)
            problems.append(
                .error(
                    at: measure.location,
                    en:
                        "the annualised cost of measure '\(measure.id)' is \(shown) 元/a; more than \(Bounds.text(Bounds.money)) 元/a is surely a mistake (check capital, om and lifetime)",
                    zh:
                        "措施 '\(measure.id)' 的年化成本为 \(shown) 元/年；超过 \(Bounds.text(Bounds.money)) 元/年必定有误（请检查 capital、om 和 lifetime）"
                ))
        }
        return problems
    }

    /// Totals, attributions and energy of `result` that are not finite or beyond `Bounds`,
    /// each blamed on the measure that produced it or, for the baseline, on the scenario's
    /// drivers and inventory. One error per culprit.
    public func magnitudeProblems(in result: ProjectionResult) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func first(_ values: [Double]?, _ bound: Double) -> (year: Int, value: Double)? {
            guard let values, let t = values.firstIndex(where: { !Bounds.holds($0, bound) }) else { return nil }
            return (result.years[t], values[t])
        }
        func shown(_ value: Double) -> String { Bounds.shown(value) }
        for (m, attribution) in result.measures.enumerated() {
            for p in result.pollutants {
                guard let bad = first(attribution.reduction[p], Bounds.tonnes) else { continue }
                problems.append(
                    .error(
                        at: scenario.measures[m].location,
                        en:
                            "measure '\(attribution.id)' changes \(p.id) by \(shown(bad.value)) t/a in \(bad.year); more than \(Bounds.text(Bounds.tonnes)) t/a is surely a mistake (check its factor, ratio or amount)",
                        zh:
                            "措施 '\(attribution.id)' 使 \(bad.year) 年 \(p.id) 变化 \(shown(bad.value)) 吨/年；超过 \(Bounds.text(Bounds.tonnes)) 吨/年必定有误（请检查 factor、ratio 或 amount）"
                    ))
                break
            }
        }
        let scenarioFile = SourceLocation(file: scenario.file)
        for p in result.pollutants {
            if let bad = first(result.baselineTotals[p], Bounds.tonnes) {
                problems.append(
                    .error(
                        at: scenarioFile,
                        en:
                            "the baseline total of \(p.id) reaches \(shown(bad.value)) t/a in \(bad.year): more than \(Bounds.text(Bounds.tonnes)) t/a; check the drivers' rates and indexes and the inventory's units",
                        zh:
                            "\(p.id) 的基准情景总量在 \(bad.year) 年达到 \(shown(bad.value)) 吨/年，超过 \(Bounds.text(Bounds.tonnes)) 吨/年；请检查驱动因子的 rate、index 和清单的单位"
                    ))
            } else if problems.isEmpty, let bad = first(result.totals[p], Bounds.tonnes) {
                problems.append(
                    .error(
                        at: scenarioFile,
                        en:
                            "the total of \(p.id) reaches \(shown(bad.value)) t/a in \(bad.year): more than \(Bounds.text(Bounds.tonnes)) t/a",
                        zh: "\(p.id) 的总量在 \(bad.year) 年达到 \(shown(bad.value)) 吨/年，超过 \(Bounds.text(Bounds.tonnes)) 吨/年")
                )
            }
        }
        if let bad = first(result.energy, Bounds.energy) {
            problems.append(
                .error(
                    at: scenarioFile,
                    en:
                        "energy use reaches \(shown(bad.value)) tce/a in \(bad.year): more than \(Bounds.text(Bounds.energy)) tce/a; check the drivers, the measures' factors and ratios, and energy_tce",
                    zh:
                        "能耗在 \(bad.year) 年达到 \(shown(bad.value)) 吨标准煤/年，超过 \(Bounds.text(Bounds.energy))；请检查驱动因子、措施的 factor 与 ratio 以及 energy_tce"
                ))
        }
        for (name, values) in result.macro.sorted(by: { $0.key < $1.key }) {
            if let bad = first(values, Bounds.money) {
                problems.append(
                    .error(
                        at: scenarioFile,
                        en: "the macro series '\(name)' reaches \(shown(bad.value)) in \(bad.year); check its driver",
                        zh: "宏观序列 '\(name)' 在 \(bad.year) 年达到 \(shown(bad.value))；请检查其驱动因子"))
            }
        }
        return problems
    }
}
