import EmissionInventory
import Scenarios

// The `cap` measure kind in the engine: how it changes (and, if need be, restores) the state of a year.
// Its fields and their ranges are in `MeasureKindName.cap` (Sources/Scenarios/ScenarioFormat.swift).

extension ProjectionWorker {
    /// When the selection exceeds C, m is scaled so the total is (1 − φ)·current + φ·min(current, C). Undone by setting m back to 1.
    /// Records the attribution per pollutant in `result`; returns the change of energy use
    /// (all and non-fossil).
    mutating func applyCap(
        _ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double,
        _ limits: [Pollutant: Double], into result: inout YearResult
    ) -> (energy: Double, nonFossil: Double) {
        let selection = plan.selection
        for (pollutant, limit) in limits {
            guard let p = pollutants.firstIndex(of: pollutant) else { continue }
            let current = total(p, over: selection)
            guard current > limit, current > 0 else { continue }
            // Scale so that the total is (1 − φ)·current + φ·min(current, C).
            let wanted = (1 - phi) * current + phi * limit
            result.reductions[j][p] = scaleMultiplier(p, selection, by: wanted / current, current: current)
        }
        return (0, 0)
    }

    /// Undoes a cap: m = 1 again on the selection, for the pollutants it names.
    mutating func restoreCap(_ selection: [Int32], _ pollutants: Dictionary<Pollutant, Double>.Keys) {
        for pollutant in pollutants { resetMultiplier(pollutant, selection) }
    }
}
