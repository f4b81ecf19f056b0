import EmissionInventory
import Foundation
import FuzzSupport

/// The inventory loader on an arbitrary sources table (the first byte odd: an arbitrary
/// inventory.yaml over a fixed table instead), read from files as `emis` reads them.
enum Fixture {
    static let manifest =
        "name: fuzz\nbase_year: 2020\nsources: sources.csv\nemission_unit: t\nmacro:\n  gdp: {value: 100}\n"
    static let table =
        "id,sector,county,activity,energy_tce,fossil,SO2.ef,SO2.eff,NOx,CO2.ef\na,x/y,c,10,1,true,5,0.5,2,900\n"
}

// Also exported under libFuzzer's name, which its own `main` (unused here) refers to.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzz(_ input: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data = input, size > 0 else { return 0 }
    let rest = UnsafeBufferPointer(start: data + 1, count: size - 1)
    if data[0] & 1 == 0 {
        Scratch.write("inv/inventory.yaml", Fixture.manifest)
        _ = Scratch.write("inv/sources.csv", rest)
    } else {
        _ = Scratch.write("inv/inventory.yaml", rest)
        Scratch.write("inv/sources.csv", Fixture.table)
    }
    let result = InventoryLoader(threads: 1).load(Scratch.folder.appendingPathComponent("inv").path)
    if let inventory = result.inventory { _ = inventory.sources.count }
    return 0
}

exit(Fuzzer.run { fuzz($0, $1) })
