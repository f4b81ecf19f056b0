import Analysis
import Diagnostics
import EmissionInventory
import FileFormats
import Foundation
import Presentation
import ScenarioEngine
import Scenarios

/// `emis report`: the scenario comparison and carbon-peak (碳达峰) report.
///
/// `Report.make` analyses the scenarios (`ScenarioAnalysis`: a scenario with candidate
/// measures at the levels given, else at its least-cost levels), builds the document and renders every file:
///
/// - `index.html` — one self-contained page (inline CSS and SVG, no script, no network),
///   printable on A4;
/// - `report.md` — the same content, the charts linked as `charts/*.svg`;
/// - `charts/*.svg` — every chart standalone;
/// - `data/*.csv` — every table (UTF-8 with BOM, CRLF, numbers as plain decimals in the
///   units the header names), and `data/iamc.csv`, the IAMC table of all scenarios;
/// - `.emis-report` — the marker that lets a later run replace the folder.
///
/// The library only returns the files; the caller writes them (atomically) and prints.
/// The output depends only on the inputs and the request (the date is given), so two runs
/// give the same bytes.
public struct Report: Sendable {
    /// The file that marks a folder as a report `emis report` may replace.
    public static let markerFile = ".emis-report"

    public var document: ReportDocument
    /// Path inside the report folder → contents, sorted by path.
    public var files: [(path: String, data: Data)]

    /// Builds the report. Throws when there is no scenario or the year is in none of them.
    /// `progress` is told about each long step (for a terminal; it may ignore them).
    public static func make(
        _ request: ReportRequest,
        progress: (LocalizedText) -> Void = { _ in }
    ) throws(ReportFailure) -> Report {
        guard !request.scenarios.isEmpty else { throw .noScenarios }
        let allYears = request.scenarios.flatMap { Array($0.engine.scenario.years) }
        let span = allYears.min()!...allYears.max()!
        let year: Int
        if let asked = request.year {
            guard request.scenarios.contains(where: { $0.engine.scenario.years.contains(asked) }) else {
                throw .yearOutsideScenarios(asked, available: span)
            }
            year = asked
        } else {
            year = AnalysisYear.of(request.scenarios.map(\.engine.scenario))!
        }
        if let uncertainty = request.uncertainty {
            guard (1...UncertaintyAnalysis.maximumDraws).contains(uncertainty.draws) else {
                throw .drawsOutOfRange(uncertainty.draws)
            }
            guard request.scenarios.contains(where: { $0.factors != nil }) else { throw .noUncertainFactors }
        }
        let runs = try ScenarioRun.make(
            request.scenarios, language: request.language, threads: request.threads,
            uncertainty: request.uncertainty, progress: progress)
        progress(LocalizedText(en: "drawing charts and tables", zh: "绘制图表"))
        let builder = ReportBuilder(runs: runs, request: request, year: year)
        let document = builder.document(progress: progress)
        progress(LocalizedText(en: "writing the report", zh: "生成报告文件"))
        var files: [String: Data] = [:]
        files["index.html"] = Data(HTMLRenderer(document: document).render().utf8)
        files["report.md"] = Data(MarkdownRenderer(document: document).render().utf8)
        for figure in document.figures {
            files["charts/\(figure.file).svg"] = Data(standaloneSVG(figure.svg).utf8)
        }
        for table in document.tables {
            var writer = CSVWriter(excelCompatible: true)
            writer.writeRow(table.csvHeader)
            for row in table.csvRows { writer.writeRow(row) }
            files["data/\(table.file).csv"] = Data(writer.text.utf8)
        }
        files["data/iamc.csv"] = Data(builder.iamc().utf8)
        files[markerFile] = Data("emis report \(request.emisVersion)\n".utf8)
        return Report(document: document, files: files.keys.sorted().map { ($0, files[$0]!) })
    }

    /// An SVG as a file of its own: with the XML declaration.
    static func standaloneSVG(_ svg: String) -> String {
        svg.hasPrefix("<?xml") ? svg : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg
    }

    /// Writes the files into `folder` (which exists), creating `charts/` and `data/`.
    public func write(into folder: URL) throws {
        let fileManager = FileManager.default
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}
