import EmissionInventory
import Scenarios

// The `add` measure kind in the engine: how it changes (and, if need be, restores) the state of a year.
// Its fields and their ranges are in `MeasureKindName.add` (Sources/Scenarios/ScenarioFormat.swift).

extension ProjectionWorker {
    /// A new source with activity φ · activity, grown by its driver. Its activity is set every year it applies: nothing to undo.
    /// Records the attribution per pollutant in `result`; returns the change of energy use
    /// (all and non-fossil).
    mutating func applyAdd(
        _ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double,
        into result: inout YearResult
    ) -> (energy: Double, nonFossil: Double) {
        let pCount = pollutants.count
        // A new source whose activity is φ · activity, grown by its driver.
        guard let source = plan.source else { return (0, 0) }
        let d = engine.driverOfSource[source]
        let grown = engine.universe.baseActivity(source) * (d < 0 ? 1 : growth[Int(d)])
        stamp[source] = generation
        activity[source] = phi * grown
        for p in 0..<pCount { result.reductions[j][p] = -activity[source] * rate(p, source) }
        let added = hasEnergy ? energy(of: CollectionOfOne(Int32(source))) : (all: 0.0, nonFossil: 0.0)
        return (added.all, added.nonFossil)
    }
}
