import Analysis
import Diagnostics
import EmissionInventory
import FileFormats
import Foundation
import Presentation
import ScenarioEngine
import Scenarios

/// Builds the sections of the report from the projected scenarios. Each section is in a
/// file of its own (`ReportBuilder+Summary.swift`, …); this file holds what they share.
struct ReportBuilder {
    let runs: [ScenarioRun]
    let request: ReportRequest
    /// The year of the comparison tables.
    let year: Int

    var language: Language { request.language }
    var zh: Bool { language == .zh }
    var text: ProjectionText { ProjectionText(language: language) }

    /// The Chinese or the English text.
    func t(_ zh: String, _ en: String) -> String { self.zh ? zh : en }

    /// A sector path as people read it: its name from the first inventory whose
    /// `sector_names` lists it, otherwise the path itself.
    func sectorName(_ key: String) -> String {
        if key.isEmpty { return t("（未指定）", "(unspecified)") }
        for run in runs {
            if let name = run.inventory.manifest.sectorNames[key] { return name(language) }
        }
        return key
    }

    func document(progress: (LocalizedText) -> Void) -> ReportDocument {
        var sections: [ReportSection] = []
        func add(_ anchor: String, _ title: String, _ blocks: [ReportBlock]) {
            sections.append(ReportSection(anchor: anchor, number: sections.count + 1, title: title, blocks: blocks))
        }
        add("summary", t("结论摘要", "Summary"), summary())
        add("trajectories", t("排放趋势", "Trajectories"), trajectories())
        add("reductions", t("减排量来源", "Where the reductions come from"), reductions())
        add("costs", t("成本", "Costs"), costs())
        add("carbon-peak", t("碳达峰", "Carbon peak (碳达峰)"), carbonPeak())
        if !drawnRuns.isEmpty {
            add("uncertainty", t("不确定性与达标概率", "Uncertainty: how likely the targets are met"), uncertaintySection())
        }
        add("provenance", t("数据来源与方法", "Provenance and method"), provenance())
        sections = sections.map(numbered)
        return ReportDocument(language: language, title: title, facts: facts, banner: banner, sections: sections)
    }

    /// Numbers the headings (`5.2`), tables (`表5-3`) and figures (`图5-1`) of a section.
    func numbered(_ section: ReportSection) -> ReportSection {
        var section = section
        var headings = 0
        var tables = 0
        var figures = 0
        section.blocks = section.blocks.map { block in
            switch block {
            case let .heading(text):
                headings += 1
                return .heading("\(section.number).\(headings) \(text)")
            case var .table(table):
                tables += 1
                table.caption = t("表\(section.number)-\(tables) ", "Table \(section.number)-\(tables) ") + table.caption
                return .table(table)
            case var .figure(figure):
                figures += 1
                figure.caption =
                    t("图\(section.number)-\(figures) ", "Figure \(section.number)-\(figures) ") + figure.caption
                return .figure(figure)
            default:
                return block
            }
        }
        return section
    }

    // MARK: - Heading

    var inventories: [Inventory] {
        var seen = Set<String>()
        return runs.map(\.inventory).filter { seen.insert($0.manifestPath ?? $0.manifest.name).inserted }
    }

    var region: String? { runs.first?.inventory.manifest.region }

    var title: String {
        let place = region ?? runs.first?.inventory.manifest.name ?? ""
        return zh ? "\(place)排放情景对比与碳达峰分析报告" : "\(place): scenario comparison and carbon-peak report"
    }

    var facts: [String] {
        var out: [String] = []
        for inventory in inventories {
            let name = inventory.manifest.title ?? inventory.manifest.name
            out.append(
                t("清单：\(name)（基准年 \(inventory.baseYear)）", "Inventory: \(name) (base year \(inventory.baseYear))"))
        }
        out.append(
            t("情景：", "Scenarios: ")
                + runs.map { $0.label == $0.scenario.id ? $0.label : "\($0.label)（\($0.scenario.id)）" }
                .joined(separator: t("、", ", ")))
        out.append(
            t(
                "对比年份：\(year)　生成日期：\(request.date)　emis \(request.emisVersion)",
                "Comparison year: \(year)   Date: \(request.date)   emis \(request.emisVersion)"))
        return out
    }

    /// The inventory's own warning (demonstration data) is repeated at the top.
    var banner: String? {
        let notes = inventories.flatMap(\.manifest.provenance).filter {
            $0.contains("演示数据") || $0.lowercased().contains("demonstration")
        }
        guard let first = notes.first else { return nil }
        return t("注意：", "Note: ") + first
    }

    // MARK: - Shared helpers

    /// Pollutants some scenario emits, in registry order.
    var pollutants: [Pollutant] {
        Pollutant.allCases.filter { p in runs.contains { $0.result.pollutants.contains(p) } }
    }

    var baseYear: Int { runs[0].result.baseYear }

    /// Years of any scenario, ascending.
    var allYears: [Int] { Set(runs.flatMap(\.result.years)).sorted() }

    /// The years shown in wide tables: the base year, every fifth year, the comparison and
    /// target years, and the last year.
    var shownYears: [Int] {
        let targets = Set(runs.flatMap { $0.result.targets.map(\.year) })
        let last = allYears.last
        return allYears.filter { $0 == baseYear || $0 == last || $0 % 5 == 0 || $0 == year || targets.contains($0) }
    }

    func unit(_ p: Pollutant) -> DisplayUnit { DisplayUnit.of(p, language) }

    /// `二氧化硫 SO2`, for table cells.
    func label(_ p: Pollutant) -> String { text.label(p) }

    /// `二氧化硫（SO2）`, `Sulphur dioxide (SO2)`, for running text and captions.
    func name(_ p: Pollutant) -> String {
        let name = p.name(language)
        if name == p.id { return name }
        return zh ? "\(name)（\(p.id)）" : "\(name) (\(p.id))"
    }

    /// `A、B和C` / `A, B and C`.
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: t("、", ", ")) + t("和", " and ") + items.last!
    }

    /// A change against a base, `-18.3%`, or "–".
    func change(_ base: Double?, _ value: Double?) -> String { text.change(from: base, to: value) }

    /// A plain decimal for CSV; empty for nil.
    func csv(_ value: Double?) -> String { value.map(DecimalNumber.format) ?? "" }

    /// A pollutant id for file names (`PM2.5` → `PM2_5`).
    func fileID(_ p: Pollutant) -> String {
        p.id.replacingOccurrences(of: ".", with: "_")
    }

    /// A file path as shown: `..` resolved, and relative to the working folder when inside it.
    func display(_ path: String) -> String {
        let normalized = FileDigest.normalized(path)
        guard let folder = request.workingFolder.map(FileDigest.normalized), folder.hasPrefix("/"),
            normalized.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
        else { return normalized }
        return String(normalized.dropFirst(folder.hasSuffix("/") ? folder.count : folder.count + 1))
    }

    /// A measure's name: its title, or its id.
    func measureName(_ m: MeasureAttribution) -> String { m.title ?? m.id }

    /// Shortens a title for a chart legend or a step label.
    func short(_ text: String, _ limit: Int = 18) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// The measures of every scenario, each once (by id), with the first scenario that has
    /// it in effect: the reference for per-measure numbers.
    var distinctMeasures: [(measure: MeasureAttribution, run: ScenarioRun)] {
        var seen = Set<String>()
        var out: [(MeasureAttribution, ScenarioRun)] = []
        for run in runs {
            for m in run.appliedMeasures where seen.insert(m.id).inserted { out.append((m, run)) }
        }
        return out
    }

    /// Reduction by measure `m` of `p` in `year` in `run` (nil when the run does not reach it).
    func reduction(_ m: MeasureAttribution, _ p: Pollutant, in run: ScenarioRun) -> Double? {
        reduction(m, p, in: run, at: year)
    }

    func reduction(_ m: MeasureAttribution, _ p: Pollutant, in run: ScenarioRun, at year: Int) -> Double? {
        run.index(of: year).map { m.reduction[p]?[$0] ?? 0 }
    }

    /// The IAMC table of every scenario, with the sector levels.
    func iamc() -> String {
        let region = region ?? runs.first?.inventory.manifest.name ?? ""
        let text = ProjectionExport.iamc(runs.map(\.result), region: region)
        // Excel-ready like the other tables: a byte-order mark and CRLF.
        return "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
    }
}
