import EmissionInventory
import Scenarios

// The `retrofit` measure kind in the engine: how it changes (and, if need be, restores) the state of a year.
// Its fields and their ranges are in `MeasureKindName.retrofit` (Sources/Scenarios/ScenarioFormat.swift).

extension ProjectionWorker {
    /// Replacement a ← a − φ·c·max(0, η_new − (1 − a)); add-on a ← a · (1 − φ·c·δ). Undone by setting a back to 1 − η0 on the selection.
    /// Records the attribution per pollutant in `result`; returns the change of energy use
    /// (all and non-fossil).
    mutating func applyRetrofit(
        _ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double,
        _ efficiencies: [Pollutant: Double], _ additional: [Pollutant: Double], coverage: Double,
        into result: inout YearResult
    ) -> (energy: Double, nonFossil: Double) {
        let selection = plan.selection
        let pCount = pollutants.count
        for p in 0..<pCount {
            let pollutant = pollutants[p]
            let replacement = efficiencies[pollutant]
            let addOn = additional[pollutant]
            guard replacement != nil || addOn != nil, var factors = abatement[p] else { continue }
            abatement[p] = nil  // owned here while it changes: no copy on write
            // One pass: update a, and add Σ A · k · (a_before − a_after) · m in selection order
            // (m = 1 when no measure scales this pollutant: multiplying by 1 is exact).
            var sum = CompensatedSum()
            let m = multiplier[p]
            let extraK = extraIntensity[p]
            let inventoryCount = inventoryCount
            factors.withUnsafeMutableBufferPointer { f in
                activity.withUnsafeBufferPointer { a in
                    selection.withUnsafeBufferPointer { sel in
                        intensity[p].withUnsafeBufferPointer { k in
                            for i in 0..<sel.count {
                                let s = Int(sel[i])
                                let before = f[s]
                                var after = before
                                if let eta = replacement {
                                    // a ← a − φ·c·max(0, η_new − (1 − a))
                                    after -= phi * coverage * max(0, eta - (1 - after))
                                }
                                if let delta = addOn {
                                    // a ← a · (1 − φ·c·δ)
                                    after *= 1 - phi * coverage * delta
                                }
                                f[s] = after
                                let change = before - after
                                guard change != 0 else { continue }
                                let ks = s < inventoryCount ? (k.isEmpty ? 0 : k[s]) : extraK[s - inventoryCount]
                                sum.add(a[s] * ks * change * (m?[s] ?? 1))
                            }
                        }
                    }
                }
            }
            abatement[p] = factors
            result.reductions[j][p] = sum.value
        }
        return (0, 0)
    }

    /// Undoes a retrofit: a = 1 − η0 again on the selection, for the pollutants it changed.
    /// Idempotent: a pollutant listed twice is restored twice to the same value.
    mutating func restoreRetrofit(_ selection: [Int32], _ changed: some Sequence<Pollutant>) {
        for pollutant in changed {
            guard let p = pollutants.firstIndex(of: pollutant), var values = abatement[p] else { continue }
            abatement[p] = nil
            let eta = efficiency[p]
            values.withUnsafeMutableBufferPointer { a in
                eta.withUnsafeBufferPointer { eta in
                    for s32 in selection {
                        let s = Int(s32)
                        a[s] = 1 - (s < inventoryCount ? (eta.isEmpty ? 0 : eta[s]) : eta0(p, s))
                    }
                }
            }
            abatement[p] = values
        }
    }
}
