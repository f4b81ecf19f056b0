import ArgumentParser
import Diagnostics
import EmissionInventory
import Presentation

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "基准年排放量汇总 / Base-year emission totals of an inventory.",
        discussion: """
            --by groups the totals: sector (full path), sector:N (first N levels of the path), \
            county, or source. Emissions are in tonnes per year.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Argument(help: "An inventory folder or its inventory.yaml.")
    var path: String

    @Option(name: .long, help: "Group by sector, sector:N, county or source.")
    var by: String?

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: Format = .table

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let by, Grouping(argument: by) == nil {
            throw ValidationError("--by must be sector, sector:N (N ≥ 1), county or source; got '\(by)'")
        }
    }

    func run() throws {
        let result = common.loader.load(path)
        try Terminal.report(result.diagnostics, language: common.lang)
        guard let inventory = result.inventory else { throw ExitCode(1) }
        let grouping = by.flatMap(Grouping.init(argument:))
        switch format {
        case .json:
            let breakdown = grouping.map { inventory.breakdown(by: $0) }
            Terminal.write(InventoryExport.json(inventory, breakdown: breakdown).serialized())
        case .csv:
            Terminal.write(InventoryExport.csv(inventory, breakdown: inventory.breakdown(by: grouping ?? .total)))
        case .table:
            Terminal.write(InventoryTable(inventory: inventory, language: common.lang).render(grouping))
        }
    }
}

/// The terminal view of `emis inventory`: a heading, then the totals as a table.
struct InventoryTable {
    let inventory: Inventory
    let language: Language

    func render(_ grouping: Grouping?) -> String {
        let zh = language == .zh
        let manifest = inventory.manifest
        var out = (manifest.title ?? manifest.name) + "\n"
        var facts: [String] = []
        if let region = manifest.region { facts.append(zh ? "地区：\(region)" : "Region: \(region)") }
        facts.append(zh ? "基准年：\(inventory.baseYear)" : "Base year: \(inventory.baseYear)")
        facts.append(zh ? "排放源：\(inventory.sources.count) 个" : "Sources: \(inventory.sources.count)")
        out += facts.joined(separator: zh ? "　" : "   ") + "\n"
        out += (zh ? "单位：吨/年 (t/a)" : "Unit: tonnes per year (t/a)") + "\n\n"
        let pollutants = inventory.sources.pollutants
        guard let grouping, grouping != .total else {
            let totals = inventory.baseYearTotals()
            var table = TextTable(
                headers: zh ? ["污染物", "代码", "排放量"] : ["Pollutant", "ID", "Emissions"],
                alignments: [.left, .left, .right])
            for p in pollutants {
                table.add([p.name(language), p.id, TableNumber.format(totals[p] ?? 0)])
            }
            return out + table.rendered()
        }
        let breakdown = inventory.breakdown(by: grouping)
        let keyHeader: String =
            switch grouping {
            case .sector, .total: zh ? "行业" : "Sector"
            case .county: zh ? "区县" : "County"
            case .source: zh ? "排放源" : "Source"
            }
        var headers = [keyHeader]
        var alignments: [TextTable.Alignment] = [.left]
        if grouping == .source {
            headers += zh ? ["名称", "行业"] : ["Name", "Sector"]
            alignments += [.left, .left]
        }
        var table = TextTable(
            headers: headers + pollutants.map(\.id),
            alignments: alignments + pollutants.map { _ in .right })
        for row in breakdown.keys.indices {
            var cells = [breakdown.keys[row].isEmpty ? (zh ? "（未指定）" : "(unspecified)") : breakdown.keys[row]]
            if grouping == .source {
                cells += [inventory.sources.names[row], inventory.sources.sectors[row] ?? ""]
            }
            table.add(cells + pollutants.map { TableNumber.format(breakdown.totals[$0]?[row] ?? 0) })
        }
        table.addRule()
        let totals = inventory.baseYearTotals()
        table.add(
            [zh ? "合计" : "Total"] + (grouping == .source ? ["", ""] : [])
                + pollutants.map { TableNumber.format(totals[$0] ?? 0) })
        return out + table.rendered()
    }
}
