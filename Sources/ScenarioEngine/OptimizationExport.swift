import Diagnostics
import EmissionInventory
import FileFormats
import Scenarios

/// Machine-readable results of `emis optimize` and `emis macc`.
public enum OptimizationExport {
    /// `{"status", "year", "annual_cost", "levels": {id: x}, "targets": [{"id", "met",
    /// "margin", "shadow_price"}], "iterations"}` (Docs/reference/costs.md; issue of the solver). When
    /// infeasible, the targets are those of the projection with every candidate at full level,
    /// and `short` lists the ones missed, with their margins. With --maximize, `maximize`
    /// gives the pollutant, the reduction reached (t), the budget and the marginal reduction
    /// per 元.
    public static func json(_ result: OptimizationResult, budget: Double? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "status": .string(result.status.rawValue),
            "year": .number(Double(result.year)),
            "annual_cost": .number(result.annualCost),
            "levels": .object(result.levels.mapValues(JSONValue.number)),
            "iterations": .number(Double(result.iterations)),
            "scenario": .string(result.projection.scenario),
        ]
        let targets = result.rows.map { result.projection.targets[$0] }
        object["targets"] = .array(
            targets.map { target in
                .object([
                    "id": .string(target.id),
                    "met": .bool(target.met),
                    "margin": .number(target.margin),
                    "shadow_price": result.shadowPrices[target.id].map(JSONValue.number) ?? .null,
                ])
            })
        if result.status == .infeasible {
            object["short"] = .array(
                targets.filter { !$0.met }.map {
                    .object(["id": .string($0.id), "margin": .number($0.margin), "kind": .string($0.kind.name)])
                })
        }
        if let maximized = result.maximized {
            var entry: [String: JSONValue] = [
                "pollutant": .string(maximized.pollutant.id),
                "reduction": .number(maximized.reduction),
                "reduction_per_yuan": .number(maximized.perYuan),
            ]
            if let budget { entry["budget"] = .number(budget) }
            object["maximize"] = .object(entry)
        }
        return .object(object)
    }

    public static func json(_ curve: AbatementCostCurve) -> JSONValue {
        .object([
            "pollutant": .string(curve.pollutant.id),
            "year": .number(Double(curve.year)),
            "steps": .array(
                curve.steps.map { step in
                    var entry: [String: JSONValue] = [
                        "id": .string(step.id),
                        "annual_cost": .number(step.annualCost),
                        "reduction": .number(step.reduction),
                        "cost_per_tonne": .number(step.costPerTonne),
                        "cumulative_reduction": .number(step.cumulativeReduction),
                    ]
                    if let title = step.title { entry["title"] = .string(title) }
                    return .object(entry)
                }),
        ])
    }

    /// `id,title,annual_cost_yuan,reduction_t,cost_per_tonne_yuan,cumulative_reduction_t`.
    public static func csv(_ curve: AbatementCostCurve, excelCompatible: Bool = false) -> String {
        var writer = CSVWriter(excelCompatible: excelCompatible)
        writer.writeRow([
            "id", "title", "annual_cost_yuan", "reduction_t", "cost_per_tonne_yuan", "cumulative_reduction_t",
        ])
        for step in curve.steps {
            writer.writeRow([
                step.id, step.title ?? "", DecimalNumber.format(step.annualCost),
                DecimalNumber.format(step.reduction), DecimalNumber.format(step.costPerTonne),
                DecimalNumber.format(step.cumulativeReduction),
            ])
        }
        return writer.text
    }
}
