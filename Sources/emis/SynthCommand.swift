import ArgumentParser
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
            DIR/scenario.yaml, a scenario with 20 measures on it. DIR must not exist (use --force \
            to replace it); it appears only once complete.
            """
    )

    @Option(name: .long, help: "Number of sources.")
    var sources: Int

    @Option(name: .long, help: "Seed of the random generator.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Folder to create.")
    var out: String

    @Flag(name: .long, help: "Replace DIR if it exists.")
    var force = false

    func validate() throws {
        guard sources >= 1 else { throw ValidationError("--sources must be at least 1") }
        guard sources <= 100_000_000 else { throw ValidationError("--sources must be at most 100,000,000") }
    }

    func run() throws {
        let generator = SyntheticInventory(sourceCount: sources, seed: seed)
        do {
            try AtomicOutput.createDirectory(at: out, replace: force) { folder in
                try generator.write(to: folder)
            }
        } catch let failure as AtomicOutput.Failure {
            Terminal.writeError(
                "emis: \(failure.path): \(failure.reason)\(failure.reason == "already exists" ? " (use --force to replace it)" : "")\n"
            )
            throw ExitCode(1)
        } catch {
            Terminal.writeError("emis: \(out): \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        Terminal.write("\(out): \(sources) sources, seed \(seed)\n")
    }
}
