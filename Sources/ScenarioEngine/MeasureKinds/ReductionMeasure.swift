import EmissionInventory
import Scenarios

// The `reduction` measure kind in the engine: how it changes (and, if need be, restores) the state of a year.
// Its fields and their ranges are in `MeasureKindName.reduction` (Sources/Scenarios/ScenarioFormat.swift).

extension ProjectionWorker {
    /// m ← m · max(0, 1 − φ·R / E_sel); a shortfall is recorded. Undone by setting m back to 1 on the selection.
    /// Records the attribution per pollutant in `result`; returns the change of energy use
    /// (all and non-fossil).
    mutating func applyReduction(
        _ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double,
        _ amounts: [Pollutant: Double], into result: inout YearResult
    ) -> (energy: Double, nonFossil: Double) {
        let selection = plan.selection
        for (pollutant, amount) in amounts {
            guard let p = pollutants.firstIndex(of: pollutant) else {
                result.shortfalls.append(.init(measure: j, pollutant: pollutant, requested: amount * phi, available: 0))
                continue
            }
            let current = total(p, over: selection)
            let wanted = phi * amount
            if wanted > current * (1 + Tolerance.shortfall) || current == 0 {
                result.shortfalls.append(.init(measure: j, pollutant: pollutant, requested: wanted, available: current))
            }
            guard current > 0 else { continue }
            // m ← m · max(0, 1 − φ·R / E_sel)
            result.reductions[j][p] = scaleMultiplier(p, selection, by: max(0, 1 - wanted / current), current: current)
        }
        return (0, 0)
    }

    /// Undoes a reduction: m = 1 again on the selection, for the pollutants it names.
    mutating func restoreReduction(_ selection: [Int32], _ pollutants: Dictionary<Pollutant, Double>.Keys) {
        for pollutant in pollutants { resetMultiplier(pollutant, selection) }
    }
}
