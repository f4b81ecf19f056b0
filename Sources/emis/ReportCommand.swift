import Analysis
import ArgumentParser
import Diagnostics
import EmissionInventory
import FileFormats
import Foundation
import Reports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成情景对比与碳达峰报告 / Write the scenario comparison and carbon-peak report (HTML, Markdown, CSV).",
        discussion: """
            Writes DIR/index.html (one self-contained page, printable on A4), DIR/report.md, \
            DIR/charts/*.svg and DIR/data/*.csv (UTF-8 with BOM, for Excel), including the IAMC \
            table of all scenarios. \(levelsRule) DIR must be new, empty or hold an earlier \
            report (it is then replaced); --force also replaces the output of another emis \
            command. A file, a device, a link, a folder of other files, the current folder and \
            its parents are never replaced. The report appears only once complete. With SOURCE_DATE_EPOCH set, the date comes from it and two runs \
            write identical files. With --draws N, the uncertain factors (uncertainty:, as in emis \
            uncertainty) of every scenario that has some are drawn N times: the target table gains \
            P(met), and a section gives fan charts, the peak year's distribution and the factors \
            behind the least certain target.
            """
    )

    @Argument(help: "Scenario files, in the order to compare them.")
    var scenarios: [String]

    @Option(name: .long, help: "Folder to write the report to.")
    var out: String

    @Option(name: .long, help: "Year of the comparison tables (default: the earliest target year).")
    var year: Int?

    @Option(name: .long, help: ArgumentHelp(levelsHelp))
    var levels: [String] = []

    @Option(
        name: .long, help: "Monte Carlo draws of the uncertain factors per scenario (1 to 10,000,000; default: none).")
    var draws: Int?

    @Option(name: .long, help: "Seed of the random numbers for --draws (0 to 2^53 − 1).")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Also replace DIR when it holds the output of another emis command (e.g. emis synth).")
    var force = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file") }
        if out.isEmpty { throw ValidationError("--out must name a folder") }
        try DrawArguments.validate(draws: draws, seed: seed)
    }

    func run() throws {
        let zh = common.lang == .zh
        let target = OutputFolder(path: out, marker: Report.markerFile, otherMarkers: [SyntheticInventory.markerFile])
        if let refusal = target.refusal(force: force) {
            Terminal.writeError("emis: \(out): \(refusal.message(common.lang))\n")
            throw ExitCode(1)
        }
        let progress = Progress(language: common.lang)
        progress.show(LocalizedText(en: "reading the scenarios", zh: "读取情景"))
        let loaded = try ScenarioPipeline.load(scenarios, common, grouping: ReportRequest.grouping)
        guard loaded.count == scenarios.count else { throw ExitCode(1) }
        let assigned = ScenarioAnalysis.levels(levels, for: loaded)
        try Terminal.report(assigned.diagnostics, language: common.lang)

        // Inputs are never written: the folder to replace must not hold any of them.
        var inputs: [String] = []
        for scenario in loaded {
            inputs.append(scenario.path)
            inputs += scenario.scenario.files
            if let file = assigned.levels[scenario.scenario.id] { inputs.append(file.path) }
            inputs += [scenario.inventory.manifestPath, scenario.inventory.sourcesPath].compactMap { $0 }
        }
        if let refusal = target.refusal(force: force, inputs: inputs) {
            Terminal.writeError("emis: \(out): \(refusal.message(common.lang))\n")
            throw ExitCode(1)
        }

        let request = ReportRequest(
            scenarios: loaded.map {
                ReportRequest.Input(
                    path: $0.path, engine: $0.engine, levels: assigned.levels[$0.scenario.id],
                    fullProjection: $0.fullGrouping == ReportRequest.grouping ? $0.fullProjection : nil,
                    factors: $0.factors)
            },
            language: common.lang, year: year, date: Self.date(), emisVersion: EmisVersion.current,
            repositories: Repositories.state(of: loaded.map(\.path), inputs: inputs), threads: common.threadCount,
            uncertainty: draws.map { ReportRequest.Uncertainty(draws: $0, seed: seed) })
        let report: Report
        do {
            report = try Report.make(request, progress: progress.show)
        } catch {
            progress.clear()
            Terminal.writeError("emis: \(error.message(common.lang))\n")
            throw ExitCode(1)
        }
        do throws(OutputFolder.Failure) {
            try target.write(force: force, inputs: inputs) { folder in try report.write(into: folder) }
        } catch {
            progress.clear()
            Terminal.writeError("emis: \(error.path): \(error.message(common.lang))\n")
            throw ExitCode(1)
        }
        progress.clear()
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        let charts = report.files.count(where: { $0.path.hasPrefix("charts/") })
        let tables = report.files.count(where: { $0.path.hasPrefix("data/") })
        let page = URL(fileURLWithPath: folder).standardizedFileURL.appendingPathComponent("index.html")
        Terminal.write(
            zh
                ? "报告已写入 \(folder)/index.html（另有 report.md、\(charts) 幅图 charts/*.svg、\(tables) 个表 data/*.csv）\n在浏览器中打开：\(page.absoluteString)\n"
                : "Report written to \(folder)/index.html (and report.md, \(charts) charts in charts/, \(tables) tables in data/)\nOpen in a browser: \(page.absoluteString)\n"
        )
    }

    /// `YYYY-MM-DD`: the UTC date of `SOURCE_DATE_EPOCH` when set (reproducible builds),
    /// else today's local date.
    static func date(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var calendar = Calendar(identifier: .gregorian)
        let date: Date
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text.trimmingCharacters(in: .whitespaces)) {
            date = Date(timeIntervalSince1970: TimeInterval(seconds))
            calendar.timeZone = TimeZone(identifier: "UTC")!
        } else {
            date = Date()
            calendar.timeZone = .current
        }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.year!)-\(two(parts.month!))-\(two(parts.day!))"
    }
}

/// Progress of long steps, on standard error and only when it is a terminal: one line,
/// rewritten in place, cleared at the end.
final class Progress: @unchecked Sendable {
    let language: Language
    let enabled: Bool
    private var shown = false

    init(language: Language) {
        self.language = language
        enabled = isatty(STDERR_FILENO) == 1
    }

    func show(_ step: LocalizedText) {
        guard enabled else { return }
        Terminal.writeError("\r\u{1B}[K" + "emis report: " + step(language) + "…")
        shown = true
    }

    func clear() {
        guard enabled, shown else { return }
        Terminal.writeError("\r\u{1B}[K")
        shown = false
    }
}

/// The git state of the folders that hold the scenario files.
enum Repositories {
    static func state(of scenarioPaths: [String], inputs: [String]) -> [ReportRequest.Repository] {
        var seen = Set<String>()
        var out: [ReportRequest.Repository] = []
        for path in scenarioPaths {
            let folder =
                (path as NSString).deletingLastPathComponent.isEmpty
                ? "." : (path as NSString).deletingLastPathComponent
            guard let top = git(["rev-parse", "--show-toplevel"], in: folder), seen.insert(top).inserted,
                let commit = git(["rev-parse", "HEAD"], in: folder)
            else { continue }
            let absolute = inputs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                .filter { $0 == top || $0.hasPrefix(top + "/") }
            var modified: [String] = []
            if !absolute.isEmpty, let status = git(["status", "--porcelain", "--"] + absolute, in: folder) {
                modified = status.split(separator: "\n").map { String($0.dropFirst(3)) }
            }
            out.append(ReportRequest.Repository(folder: folder, commit: commit, modifiedFiles: modified))
        }
        return out
    }

    /// The trimmed output of a successful `git` command, else nil (no git, not a repository).
    static func git(_ arguments: [String], in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
