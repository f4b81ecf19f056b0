import ArgumentParser
import Diagnostics
import EmissionInventory
import FileFormats
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "检查清单或情景的所有问题 / Check an inventory or a scenario and report every problem.",
        discussion: """
            A folder or an inventory.yaml is checked as an inventory; any other YAML file as a \
            scenario, with the files it extends and imports, its targets and its inventory. \
            Exit status: 0 valid, 1 invalid input.
            """
    )

    @Argument(help: "An inventory folder, its inventory.yaml, or a scenario file.")
    var path: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        if Self.isInventory(path) {
            let result = common.loader.load(path)
            try Terminal.report(result.diagnostics, language: common.lang)
            guard let inventory = result.inventory else { throw ExitCode(1) }
            let sources = inventory.sources.count
            let pollutants = inventory.sources.pollutants.count
            Terminal.write(
                common.lang == .zh
                    ? "清单有效：\(path)（基准年 \(inventory.baseYear)，\(sources) 个排放源，\(pollutants) 种污染物）\n"
                    : "valid: \(path) (base year \(inventory.baseYear), \(sources) sources, \(pollutants) pollutants)\n"
            )
            return
        }
        guard let loaded = try ScenarioPipeline.load([path], common).first else { throw ExitCode(1) }
        let scenario = loaded.scenario
        Terminal.write(
            common.lang == .zh
                ? "情景有效：\(path)（\(scenario.years.lowerBound)–\(scenario.years.upperBound) 年，\(scenario.measures.count) 项措施，\(scenario.targets.count) 个目标，清单 \(loaded.inventory.sources.count) 个排放源）\n"
                : "valid: \(path) (\(scenario.years.lowerBound)–\(scenario.years.upperBound), \(scenario.measures.count) measures, \(scenario.targets.count) targets, inventory of \(loaded.inventory.sources.count) sources)\n"
        )
    }

    /// A folder, a file named inventory.yaml, or a YAML file whose top level has `sources`
    /// and `base_year` (the keys of an inventory, never of a scenario).
    static func isInventory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return !path.hasSuffix(".yaml") && !path.hasSuffix(".yml")
        }
        if isDirectory.boolValue || (path as NSString).lastPathComponent == "inventory.yaml" { return true }
        // Never open what is not a regular file (a FIFO would wait): the loader says what it is.
        guard InputFile.problem(path) == nil, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return false
        }
        var ignored = DiagnosticList()
        guard case let .mapping(pairs)? = YAMLDocument.parse(text, file: path, diagnostics: &ignored).root?.content
        else {
            return false
        }
        let keys = Set(pairs.map(\.key))
        return keys.contains("sources") && keys.contains("base_year")
    }
}
