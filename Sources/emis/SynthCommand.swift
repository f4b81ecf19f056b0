import ArgumentParser
import Diagnostics
import EmissionInventory
import FileFormats
import Foundation

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "生成合成清单（用于规模测试）/ Generate a synthetic inventory for scale tests.",
        discussion: """
            Writes DIR/inventory.yaml and DIR/sources.csv: N sources with the sector, county and \
            pollutant mix of a pollution-source census, the same for the same seed; and \
            DIR/scenario.yaml, a scenario with 20 measures on it, and DIR/scenario-sectors.yaml, the same \
            measures each selecting a whole top-level sector. DIR must be new, empty or an \
            earlier synth folder (it is then replaced); --force also replaces the output of \
            another emis command. A file, a device, a link, a folder of other files, the current folder and \
            its parents are never replaced. DIR appears only once complete.
            """
    )

    @Option(name: .long, help: "Number of sources.")
    var sources: Int

    @Option(name: .long, help: "Seed of the random generator.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Folder to create.")
    var out: String

    @Flag(name: .long, help: "Also replace DIR when it holds the output of another emis command (e.g. a report).")
    var force = false

    @Option(name: .long, help: "Language of messages: zh (default) or en.")
    var lang: Language = .zh

    func validate() throws {
        guard sources >= 1 else { throw ValidationError("--sources must be at least 1") }
        guard sources <= 100_000_000 else { throw ValidationError("--sources must be at most 100,000,000") }
    }

    func run() throws {
        let generator = SyntheticInventory(sourceCount: sources, seed: seed)
        let target = OutputFolder(path: out, marker: SyntheticInventory.markerFile, otherMarkers: [".emis-report"])
        do throws(OutputFolder.Failure) {
            try target.write(force: force) { folder in try generator.write(to: folder) }
        } catch {
            Terminal.writeError("emis: \(error.path): \(error.message(lang))\n")
            throw ExitCode(1)
        }
        Terminal.write(
            lang == .zh ? "\(out)：\(sources) 个排放源，随机种子 \(seed)\n" : "\(out): \(sources) sources, seed \(seed)\n")
    }
}
