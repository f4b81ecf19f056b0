import ArgumentParser
import Diagnostics
import EmissionInventory

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "检查清单的所有问题 / Check an inventory and report every problem.",
        discussion: "Exit status: 0 valid, 1 invalid input."
    )

    @Argument(help: "An inventory folder or its inventory.yaml.")
    var path: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        let result = common.loader.load(path)
        try Terminal.report(result.diagnostics, language: common.lang)
        guard let inventory = result.inventory else { throw ExitCode(1) }
        let sources = inventory.sources.count
        let pollutants = inventory.sources.pollutants.count
        Terminal.write(common.lang == .zh
            ? "清单有效：\(path)（基准年 \(inventory.baseYear)，\(sources) 个排放源，\(pollutants) 种污染物）\n"
            : "valid: \(path) (base year \(inventory.baseYear), \(sources) sources, \(pollutants) pollutants)\n")
    }
}
