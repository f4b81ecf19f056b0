import EmissionInventory
import Scenarios

// The `scale` measure kind in the engine: how it changes (and, if need be, restores) the state of a year.
// Its fields and their ranges are in `MeasureKindName.scale` (Sources/Scenarios/ScenarioFormat.swift).

extension ProjectionWorker {
    /// A ← A · (1 − φ(1 − f)). Activity is recomputed from growth every year, so there is nothing to undo.
    /// Records the attribution per pollutant in `result`; returns the change of energy use
    /// (all and non-fossil).
    mutating func applyScale(
        _ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double,
        _ factor: Double, into result: inout YearResult
    ) -> (energy: Double, nonFossil: Double) {
        let selection = plan.selection
        let pCount = pollutants.count
        // A ← A · (1 − φ(1 − f)); the removed activity takes its emissions with it.
        let keep = 1 - phi * (1 - factor)
        var removed = takeScratch(selection.count)
        defer { returnScratch(removed) }
        activity.withUnsafeBufferPointer { a in
            removed.withUnsafeMutableBufferPointer { r in
                for (i, s) in selection.enumerated() { r[i] = a[Int(s)] * (1 - keep) }
            }
        }
        var cuts = [Double](repeating: 0, count: pCount)
        for p in engine.emitting[j] { cuts[p] = rateSum(p, selection, weights: removed) }
        result.reductions[j] = cuts
        activity.withUnsafeMutableBufferPointer { a in
            for s in selection { a[Int(s)] *= keep }
        }
        let energy = hasEnergy ? energyCarried(by: removed, selection) : (all: 0.0, nonFossil: 0.0)
        return (-energy.all, -energy.nonFossil)
    }
}
