import EmissionInventory
import Scenarios

// The `substitute` measure kind in the engine: how it changes (and, if need be, restores) the state of a year.
// Its fields and their ranges are in `MeasureKindName.substitute` (Sources/Scenarios/ScenarioFormat.swift).

extension ProjectionWorker {
    /// The moved activity is A · s · φ (or Q · φ in total, pro rata, at most all); A ← A − moved; the target gains r · moved. Activity is recomputed every year: nothing to undo.
    /// Records the attribution per pollutant in `result`; returns the change of energy use
    /// (all and non-fossil).
    mutating func applySubstitute(
        _ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double,
        _ quantity: Measure.SubstitutionQuantity, ratio: Double, into result: inout YearResult
    ) -> (energy: Double, nonFossil: Double) {
        let selection = plan.selection
        let pCount = pollutants.count
        guard let target = plan.source else { return (0, 0) }
        prepareActivity(CollectionOfOne(Int32(target)))
        let fraction: Double
        switch quantity {
        case let .share(share):
            fraction = share * phi
        case let .amount(amount):
            // The selection gives Q·φ in total, pro rata to current activity, at most all.
            var available = CompensatedSum()
            for s in selection { available.add(activity[Int(s)]) }
            let wanted = amount * phi
            fraction = available.value > 0 ? min(1, wanted / available.value) : 0
            if wanted > available.value * (1 + Tolerance.shortfall) {
                result.shortfalls.append(
                    .init(
                        measure: j, pollutant: nil, requested: wanted,
                        available: available.value))
            }
        }
        var out = takeScratch(selection.count)
        defer { returnScratch(out) }
        activity.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in
                for (i, s) in selection.enumerated() { o[i] = a[Int(s)] * fraction }
            }
        }
        var moved = CompensatedSum()
        activity.withUnsafeMutableBufferPointer { a in
            for (i, s) in selection.enumerated() {
                a[Int(s)] -= out[i]
                moved.add(out[i])
            }
        }
        let added = ratio * moved.value
        result.reductions[j] = (0..<pCount).map { p in
            var sum = CompensatedSum()
            if engine.emitting[j].contains(p) { sum.add(rateSum(p, selection, weights: out)) }
            sum.add(-added * rate(p, target))
            return sum.value
        }
        activity[target] += added
        guard hasEnergy else { return (0, 0) }
        let removedEnergy = energyCarried(by: out, selection)
        let targetEnergy = added * engine.universe.energyPerActivity(target)
        let targetNonFossil = engine.universe.isFossil(target) ? 0 : targetEnergy
        return (targetEnergy - removedEnergy.all, targetNonFossil - removedEnergy.nonFossil)
    }
}
