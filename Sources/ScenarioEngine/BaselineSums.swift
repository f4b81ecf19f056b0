import EmissionInventory
import LinearAlgebra
import Scenarios

/// Baseline sums of every year as one matrix product (Docs/reference/scenario.md: growth only).
///
/// Sources with the same driver grow by the same factor, so a year's baseline total of any
/// quantity is `Σ_d g_d(y) · B_d`, where `B_d` is the base-year sum over the sources of
/// driver group d (group 0: no driver, g = 1). With the growth matrix `G` (years × groups)
/// and the membership sums `B` (groups × quantities), all years and quantities at once are
///
///     baseline = G · B        (BLAS dgemm)
///
/// The quantities (columns of B) are each pollutant's emissions `A0·k·(1 − η0)`, energy use
/// `A0·e` and its non-fossil part, and the sum of each selected target. Computing B is one
/// pass over the inventory; the product costs years × groups × quantities, independent of
/// the number of sources.
struct BaselineSums: Sendable {
    /// years × quantities.
    let values: Matrix
    let pollutantColumn: [Pollutant: Int]
    let energyColumn: Int
    let nonFossilColumn: Int
    /// Column of each target's selection sum (nil: the target has no selection).
    let targetColumn: [Int?]

    init(
        universe: SourceUniverse, driverOfSource: [Int32], driverGrowth: [[Double]], yearCount: Int,
        targets: [(metric: Target.Metric, selection: [Int32]?)]
    ) throws(LinearAlgebraError) {
        let groups = driverGrowth.count + 1
        let pollutants = universe.pollutants
        var columns = pollutants.count + 2
        pollutantColumn = Dictionary(uniqueKeysWithValues: pollutants.enumerated().map { ($1, $0) })
        energyColumn = pollutants.count
        nonFossilColumn = pollutants.count + 1
        var targetColumn: [Int?] = []
        for target in targets {
            targetColumn.append(target.selection == nil ? nil : columns)
            if target.selection != nil { columns += 1 }
        }
        self.targetColumn = targetColumn
        // B: one compensated sum per (group, quantity), over inventory sources (the sources
        // that measures define have no baseline).
        var sums = [CompensatedSum](repeating: CompensatedSum(), count: groups * columns)
        let table = universe.table
        let n = universe.inventoryCount
        let activity = table.activity
        for (p, pollutant) in pollutants.enumerated() {
            guard let c = table.columns(for: pollutant) else { continue }
            for s in 0..<n {
                let g = Int(driverOfSource[s]) + 1
                sums[g * columns + p].add(activity[s] * c.intensity[s] * (1 - c.efficiency[s]))
            }
        }
        if let energy = table.energyPerActivity, let fossil = table.isFossil {
            for s in 0..<n {
                let g = Int(driverOfSource[s]) + 1
                let e = activity[s] * energy[s]
                sums[g * columns + energyColumn].add(e)
                if !fossil[s] { sums[g * columns + nonFossilColumn].add(e) }
            }
        }
        for (i, target) in targets.enumerated() {
            guard let column = targetColumn[i], let selection = target.selection else { continue }
            for s32 in selection where Int(s32) < n {
                let s = Int(s32)
                let g = Int(driverOfSource[s]) + 1
                let value: Double
                switch target.metric {
                case let .pollutant(pollutant):
                    guard let c = table.columns(for: pollutant) else { continue }
                    value = activity[s] * c.intensity[s] * (1 - c.efficiency[s])
                case .energy:
                    value = activity[s] * (table.energyPerActivity?[s] ?? 0)
                }
                sums[g * columns + column].add(value)
            }
        }
        var b = Matrix(rows: groups, columns: columns)
        for g in 0..<groups {
            for c in 0..<columns { b[g, c] = sums[g * columns + c].value }
        }
        var growth = Matrix(rows: yearCount, columns: groups, repeating: 1)
        for (d, factors) in driverGrowth.enumerated() {
            for t in 0..<yearCount { growth[t, d + 1] = factors[t] }
        }
        values = try BLAS.gemm(growth, b)
    }
}
