import Diagnostics
import EmissionInventory
import ScenarioEngine

/// The terminal view of `emis optimize` and `emis macc`.
public struct OptimizationTable {
    public let result: OptimizationResult
    public let language: Language

    public init(result: OptimizationResult, language: Language) {
        self.result = result
        self.language = language
    }

    private var zh: Bool { language == .zh }

    /// 万元 with thousands separators: planners budget in 万元.
    public static func tenThousandYuan(_ yuan: Double) -> String {
        yuan == 0 ? "0" : TableNumber.format(yuan / 1e4)
    }

    public func render() -> String {
        let text = ProjectionText(language: language)
        let projection = result.projection
        var out = (projection.title ?? projection.scenario) + "（\(projection.scenario)）\n"
        let status: String =
            switch (result.status, zh) {
            case (.optimal, true): "最优：以最低年化成本达到 \(result.year) 年全部目标"
            case (.optimal, false): "optimal: every \(result.year) target met at least annualised cost"
            case (.infeasible, true): "无解：即使全部备选措施满负荷实施，\(result.year) 年仍有目标无法达到"
            case (.infeasible, false):
                "infeasible: some \(result.year) targets are missed even with every candidate at full level"
            case (.notConverged, true): "未收敛：线性化迭代未能使精确预测达到全部目标，以下为最后一次结果"
            case (.notConverged, false):
                "not converged: the linearisation stopped before the exact projection met every target; last result below"
            }
        if result.maximized != nil {
            // Budget mode imposes no target: say how many are met, never "every target met".
            let met = result.rows.count(where: { projection.targets[$0].met })
            out +=
                zh
                ? "预算内最大化削减量：\(result.year) 年 \(result.rows.count) 个目标中 \(met) 个达标\n"
                : "maximised under the budget: \(met) of \(result.rows.count) \(result.year) targets met\n"
        } else {
            out += status + "\n"
        }
        if let maximized = result.maximized {
            out +=
                zh
                ? "最大化 \(maximized.pollutant.id) 削减量：\(TableNumber.format(maximized.reduction)) 吨\n"
                : "Maximised cut of \(maximized.pollutant.id): \(TableNumber.format(maximized.reduction)) t\n"
        }
        out +=
            (zh
                ? "年化总成本：\(Self.tenThousandYuan(result.annualCost)) 万元/年"
                : "Annualised cost: \(Self.tenThousandYuan(result.annualCost)) 万元 (10^4 yuan) per year")
        out += zh ? "　迭代次数：\(result.iterations)\n\n" : "   iterations: \(result.iterations)\n\n"

        var candidates = TextTable(
            headers: zh
                ? ["备选措施", "名称", "实施力度", "满负荷年化成本（万元/年）", "所选年化成本（万元/年）"]
                : ["Candidate", "Title", "Level", "Annual cost at full level (万元/a)", "Annual cost chosen (万元/a)"],
            alignments: [.left, .left, .right, .right, .right])
        for candidate in result.candidates {
            let level = result.levels[candidate.id] ?? 0
            candidates.add([
                candidate.id, candidate.title ?? "", TableNumber.percent(level),
                Self.tenThousandYuan(candidate.annualCost), Self.tenThousandYuan(candidate.annualCost * level),
            ])
        }
        out += candidates.rendered() + "\n"

        var targets = TextTable(
            headers: zh
                ? ["目标", "要求", "预计", "余量", "状态", "影子价格"]
                : ["Target", "Requirement", "Projected", "Margin", "Status", "Shadow price"],
            alignments: [.left, .left, .right, .right, .left, .right])
        for t in result.rows {
            let target = projection.targets[t]
            targets.add([
                target.id, text.requirement(target), text.value(target, target.projected), text.margin(target),
                text.status(target.met), shadowPrice(target),
            ])
        }
        out += targets.rendered()
        out +=
            zh
            ? "影子价格：目标收紧一个单位（1 吨，或削减率/强度下降率 1 个百分点）时最低年化成本的增加（万元/年）。\n"
            : "Shadow price: how much the least annualised cost rises if the target is tightened by one unit (1 t, or 1 percentage point of a reduction or intensity), 万元/a.\n"
        return out
    }

    /// Per tonne for tonnages, per percentage point for fractions, in 万元/a.
    private func shadowPrice(_ target: TargetResult) -> String {
        guard let price = result.shadowPrices[target.id] else { return "–" }
        let fraction = target.isFraction
        let perUnit = fraction ? price / 100 : price
        if abs(perUnit) < Tolerance.negligiblePrice { return "0" }
        return TableNumber.format(perUnit / 1e4) + (fraction ? (zh ? " /百分点" : " /pp") : (zh ? " /吨" : " /t"))
    }

    public static func render(_ curve: AbatementCostCurve, language: Language) -> String {
        let zh = language == .zh
        let out =
            zh
            ? "\(curve.pollutant.name.zh)（\(curve.pollutant.id)）边际减排成本曲线，\(curve.year) 年，按单位减排成本排序\n\n"
            : "Marginal abatement cost curve of \(curve.pollutant.id), \(curve.year), cheapest first\n\n"
        var table = TextTable(
            headers: zh
                ? ["措施", "名称", "年化成本（万元/年）", "减排量（吨/年）", "单位减排成本（元/吨）", "累计减排量（吨/年）"]
                : [
                    "Measure", "Title", "Annual cost (万元/a)", "Cut (t/a)", "Cost per tonne (元/t)",
                    "Cumulative cut (t/a)",
                ],
            alignments: [.left, .left, .right, .right, .right, .right])
        for step in curve.steps {
            table.add([
                step.id, step.title ?? "", tenThousandYuan(step.annualCost), TableNumber.format(step.reduction),
                TableNumber.format(step.costPerTonne), TableNumber.format(step.cumulativeReduction),
            ])
        }
        if curve.steps.isEmpty {
            return out + (zh ? "没有削减该污染物的备选措施。\n" : "No candidate cuts this pollutant.\n")
        }
        return out + table.rendered()
    }
}
