import Analysis
import Diagnostics
import EmissionInventory
import Foundation
import Presentation
import ScenarioEngine
import Scenarios

/// Section 6: the input files with their SHA-256, the git commit, the version, the method,
/// the inventory's data-source notes and the projections' warnings.
extension ReportBuilder {
    func provenance() -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(t("输入文件", "Input files"))]
        blocks.append(.table(fileTable()))
        var facts: [String] = []
        for repository in request.repositories {
            let folder = display(repository.folder)
            facts.append(
                t(
                    "情景文件所在的 git 仓库（\(folder)）版本：\(repository.commit)",
                    "Git commit of the scenario repository (\(folder)): \(repository.commit)"))
            if !repository.modifiedFiles.isEmpty {
                facts.append(
                    t(
                        "注意：以下输入文件与该版本不同（有未提交的修改）：\(repository.modifiedFiles.joined(separator: "、"))",
                        "Note: these input files differ from that commit (uncommitted changes): \(repository.modifiedFiles.joined(separator: ", "))"
                    ))
            }
        }
        if request.repositories.isEmpty {
            facts.append(
                t(
                    "情景文件不在 git 仓库中，无版本号；请以上表的 SHA-256 核对文件。",
                    "The scenario files are not in a git repository; check them by the SHA-256 above."))
        }
        facts.append(
            t(
                "emis 版本：\(request.emisVersion)；报告日期：\(request.date)；对比年份：\(year)。",
                "emis version \(request.emisVersion); report date \(request.date); comparison year \(year)."))
        blocks.append(.bullets(facts))

        blocks.append(.heading(t("方法", "Method")))
        blocks.append(contentsOf: method())

        blocks.append(.heading(t("清单的数据来源说明", "The inventory's data sources")))
        for inventory in inventories {
            let m = inventory.manifest
            var lines = [
                t(
                    "\(m.title ?? m.name)：地区 \(m.region ?? "–")，基准年 \(m.baseYear)，\(inventory.sources.count) 个排放源。",
                    "\(m.title ?? m.name): region \(m.region ?? "–"), base year \(m.baseYear), \(inventory.sources.count) sources."
                )
            ]
            for (name, value) in m.macro.sorted(by: { $0.key < $1.key }) {
                lines.append(
                    t(
                        "宏观序列 \(name)：基准年 \(TableNumber.format(value.value)) \(value.unit ?? "")",
                        "Macro series \(name): \(TableNumber.format(value.value)) \(value.unit ?? "") in the base year")
                )
            }
            blocks.append(.paragraph(lines.joined(separator: t("", " "))))
            if m.provenance.isEmpty {
                blocks.append(
                    .paragraph(
                        t(
                            "清单没有给出数据来源说明（inventory.yaml 的 provenance）。",
                            "The inventory gives no data-source notes (provenance: in inventory.yaml).")))
            } else {
                blocks.append(.bullets(m.provenance))
            }
        }

        let warnings = runs.flatMap { run in run.result.warnings.map { "\(run.label)：\($0.message(language))" } }
        blocks.append(.heading(t("预测中的警告", "Warnings of the projections")))
        blocks.append(warnings.isEmpty ? .paragraph(t("无。", "None.")) : .bullets(warnings))
        return blocks
    }

    /// Every file read, once, in the order read: each scenario's files (itself, the files it
    /// extends and imports, its targets), its levels file (`--levels`), then its inventory's.
    private func fileTable() -> ReportTable {
        var entries: [(path: String, read: String, role: String)] = []
        func add(_ path: String?, _ role: String) {
            guard let path else { return }
            let normalized = display(path)
            if !entries.contains(where: { $0.path == normalized }) { entries.append((normalized, path, role)) }
        }
        for run in runs {
            add(run.path, t("情景", "scenario"))
            for file in run.scenario.files { add(file, t("情景引用（继承、导入或目标）", "scenario: extended, imported or targets")) }
            if case let .file(levels) = run.choice { add(levels, t("备选措施力度（--levels）", "candidate levels (--levels)")) }
            add(run.inventory.manifestPath, t("清单说明", "inventory manifest"))
            add(run.inventory.sourcesPath, t("排放源表", "inventory sources"))
        }
        var table = ReportTable(
            file: "input-files", caption: t("输入文件及其 SHA-256", "Input files and their SHA-256"),
            header: zh ? ["文件", "用途", "大小（字节）", "SHA-256"] : ["File", "Role", "Size (bytes)", "SHA-256"],
            alignments: [.left, .left, .right, .left],
            csvHeader: ["file", "role", "bytes", "sha256"])
        for entry in entries {
            let digest = FileDigest.sha256(ofFile: entry.read)
            table.add(
                [
                    .init(entry.path), .init(entry.role),
                    .init(digest.map { TableNumber.grouped(Int64($0.size)) } ?? "–"),
                    .init(digest?.sha256 ?? t("无法读取", "unreadable"), tone: digest == nil ? .bad : .plain),
                ],
                csv: [entry.path, entry.role, digest.map { "\($0.size)" } ?? "", digest?.sha256 ?? ""])
        }
        return table
    }

    private func method() -> [ReportBlock] {
        let rate = Set(runs.map(\.scenario.economics.discountRate)).sorted().map { TableNumber.percent($0) }.joined(
            separator: "、")
        return [
            .bullets(
                zh
                    ? [
                        "排放量：每个排放源、每种污染物的排放量 E = A · k · (1 − η) · m，其中 A 为活动水平，k 为未控制排放因子，η 为去除效率，m 为措施（减排量、总量控制）带来的乘数。基准年的 k、η 由清单给出的排放量或排放因子求得。",
                        "基准趋势：活动水平按驱动因子逐年增长（年均增长率或指数序列），每个排放源取最后一个匹配的驱动因子；GDP、人口等宏观序列同样由驱动因子外推。",
                        "措施：按情景文件中的顺序逐年施加，每项措施作用于前一项措施之后的状态；实施进度 φ 从开始年到全面实施年线性增加。措施类型有规模调整、替代（如以电代煤）、治理改造（提高去除效率）、定量减排、总量控制和新增排放源。",
                        "减排量归因：措施 j 对污染物 P 的减排量为实施该措施前后的 P 排放总量之差；各措施减排量之和恰等于不实施措施的排放量与情景排放量之差，负值表示增排。",
                        "目标：削减率目标和强度目标以清单基准年排放总量（实施措施前）为基数；总量上限以吨计；重点工程减排量为同年不实施措施与实施措施的排放量之差。余量为正即达标。",
                        "成本：年化成本 = 投资 × 资本回收系数 + 年运维费，折现率 \(rate)；单位减排成本为年化成本除以目标年的减排量。含备选措施（candidate）的情景若给出了 --levels 文件，按文件中的实施力度计算；否则先求解以最低年化成本达到其最早目标年全部目标的实施力度（内点法线性规划，按精确预测迭代），再按该组合计算。",
                        "碳达峰：达峰判断只依据预测年份：最高值在末年为“尚未达峰”，最高值在此前但末年回升为“达峰不稳固”。单位GDP二氧化碳排放、单位GDP能耗均与基准年相比。非化石能源比重为 fossil: false 的排放源占能耗的份额。",
                        "数据口径：二氧化碳为本地生产口径（含外送电力的发电排放）；排放量单位为吨/年，表中二氧化碳以万吨/年表示。",
                    ]
                    : [
                        "Emissions: for each source and pollutant E = A · k · (1 − η) · m, with activity A, unabated emission factor k, removal efficiency η and the multiplier m of amount and cap measures. The base-year k and η come from the inventory's emissions or emission factors.",
                        "Baseline: activities grow year by year with the drivers (an annual rate or an index); each source takes the last driver that matches it; GDP and population are projected by drivers too.",
                        "Measures are applied each year in the scenario's order, each to the state the previous one left; the phase-in φ rises linearly from the start year to the year of full effect. Kinds: scale, substitute (such as coal to electricity), retrofit (a higher removal efficiency), reduction (a stated tonnage), cap and add (a new source).",
                        "Attribution: measure j's reduction of pollutant P is the total of P before it minus the total after it; the reductions add up exactly to the emissions without measures minus the scenario's; negative values are increases.",
                        "Targets: reductions and intensities are against the inventory's base-year total (before any measure); caps are in t; project reductions are the emissions without measures minus the scenario's in the same year. A positive margin means the target is met.",
                        "Costs: annualised cost = capital × capital recovery factor + O&M, at a discount rate of \(rate); cost-effectiveness is the annualised cost over the reduction in the target year. A scenario with candidate measures is projected at the levels of its --levels file when one is given; otherwise it is first solved for the levels that meet every target of its earliest target year at least annualised cost (an interior-point linear programme, iterated on the exact projection) and then projected with them.",
                        "Carbon peak: judged on the projected years only: highest in the last year is “not peaked”; highest earlier but rising in the last year is “not secure”. CO2 and energy per unit of GDP are compared with the base year. The non-fossil share is the share of energy use of sources with fossil: false.",
                        "Accounting: CO2 is on a local production basis (including the generation of power sent out of the region). Emissions are in t/a; tables show CO2 in kt/a.",
                    ])
        ]
    }
}
