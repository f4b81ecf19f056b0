import Diagnostics
import EmissionInventory
import Foundation
import FuzzSupport
import ScenarioEngine
import Scenarios

/// The scenario loader on an arbitrary scenario file over a small fixed inventory; when it
/// loads, the engine is prepared and the scenario projected (every candidate in full) and
/// checked for magnitudes, as every command does.
enum Fixture {
    static let sources = """
        id,sector,county,activity,activity_unit,energy_tce,fossil,SO2.ef,SO2.eff,NOx,VOCs.ef,CO2.ef,COD
        p1,power/coal,云冈区,100,GWh,300,true,1000,0.5,80,,900000,
        c1,industry/cement,平城区,50,kt,100,true,400,,30,2,,
        h1,residential/heating/coal,平城区,1000,t coal,0.7,true,15,,,,1980,
        e1,residential/heating/electric,平城区,0,MWh,0.1229,false,,,,,1000,
        w1,wastewater/urban,平城区,1,plant,,,,,,,,3000

        """
    static let manifest = "name: fuzz\nbase_year: 2020\nsources: sources.csv\nmacro:\n  gdp: {value: 100}\n"
    /// Written once, on first use.
    static let prepared: Void = {
        Scratch.write("inv/inventory.yaml", manifest)
        Scratch.write("inv/sources.csv", sources)
    }()
}

// Also exported under libFuzzer's name, which its own `main` (unused here) refers to.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzz(_ input: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = Fixture.prepared
    let path = Scratch.write("s.yaml", UnsafeBufferPointer(start: input, count: size))
    let loaded = ScenarioLoader().load(path)
    guard let scenario = loaded.scenario, scenario.years.count <= 200,
        let inventory = InventoryLoader(threads: 1).load(scenario.inventoryPath).inventory
    else { return 0 }
    var diagnostics = DiagnosticList()
    guard let engine = ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics) else {
        return 0
    }
    let full = Dictionary(uniqueKeysWithValues: scenario.measures.filter(\.isCandidate).map { ($0.id, 1.0) })
    let result = engine.project(levels: full)
    _ = engine.magnitudeProblems(in: result)
    return 0
}

exit(Fuzzer.run { fuzz($0, $1) })
