import Diagnostics
import EmissionInventory
import ScenarioEngine

/// The terminal output of `emis uncertainty`: per scenario, each target's chance of being
/// met with the spread of its margin and the factors that drive it, then the distribution
/// of the carbon peak's year.
public struct UncertaintyTable {
    let results: [UncertaintyResult]
    let language: Language

    public init(_ results: [UncertaintyResult], language: Language) {
        self.results = results
        self.language = language
    }

    public func render() -> String {
        let zh = language == .zh
        let text = ProjectionText(language: language)
        var out = ""
        for r in results {
            out +=
                zh
                ? "情景 \(r.scenario)：\(TableNumber.grouped(Int64(r.draws))) 次抽样（种子 \(r.seed)），\(r.factors.count) 个不确定性因子\n"
                : "Scenario \(r.scenario): \(TableNumber.grouped(Int64(r.draws))) draws (seed \(r.seed)), \(r.factors.count) uncertain factors\n"
            var table = TextTable(
                headers: zh
                    ? ["目标", "年份", "要求", "确定性结果", "达标概率", "余量 5%", "余量 50%", "余量 95%", "主要因子（秩相关）"]
                    : [
                        "target", "year", "requirement", "deterministic", "P(met)", "margin 5%", "margin 50%",
                        "margin 95%", "main factors (rank correlation)",
                    ],
                alignments: [.left, .right, .left, .left, .right, .right, .right, .right, .left])
            for t in r.targets {
                let d = t.deterministic
                let drivers = t.sensitivity.prefix(2).map {
                    "\($0.factor) \(TableNumber.fixed($0.rankCorrelation, decimals: 2, trailingZeros: true))"
                }.joined(separator: zh ? "；" : "; ")
                table.add([
                    d.id, String(d.year), "\(text.subject(d)) \(text.requirement(d))",
                    "\(text.status(d.met)) \(text.margin(d))", TableNumber.percent(t.probabilityMet),
                    text.margin(d, t.margin.p5), text.margin(d, t.margin.p50), text.margin(d, t.margin.p95),
                    drivers.isEmpty ? "–" : drivers,
                ])
            }
            if !r.targets.isEmpty { out += table.rendered() }
            for (series, shares) in r.peakYear.sorted(by: { $0.key < $1.key }) {
                let name = series == "energy" ? (zh ? "能源消费" : "energy use") : series
                let parts = shares.sorted { $0.key < $1.key }.map { year, share in
                    let label = year == "none" ? (zh ? "末年仍为最高" : "highest in the last year") : year
                    return "\(label) \(TableNumber.percent(share))"
                }
                out +=
                    (zh ? "\(name) 峰值年份分布：" : "Peak year of \(name): ")
                    + parts.joined(separator: zh ? "，" : ", ") + "\n"
            }
            if r.sensitivityDraws < r.draws {
                out +=
                    zh
                    ? "（因子秩相关按前 \(TableNumber.grouped(Int64(r.sensitivityDraws))) 次抽样计算）\n"
                    : "(rank correlations from the first \(TableNumber.grouped(Int64(r.sensitivityDraws))) draws)\n"
            }
            out += "\n"
        }
        return out
    }
}
