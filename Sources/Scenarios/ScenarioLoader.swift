import Diagnostics
import EmissionInventory
import FileFormats
import FormatSchema
import Foundation

/// The outcome of loading a scenario: the resolved scenario when the input had no errors,
/// and every finding (errors and warnings) in the order of their positions.
public struct ScenarioLoadResult: Sendable {
    public var scenario: Scenario?
    public var diagnostics: DiagnosticList

    public init(scenario: Scenario?, diagnostics: DiagnosticList) {
        self.scenario = scenario
        self.diagnostics = diagnostics
    }
}

/// Reads a scenario file (Docs/reference): the files it extends and imports, its targets
/// file, and the base year of its inventory; checks every key and value; and resolves the
/// inheritance into one `Scenario`.
///
/// Every problem is collected (reading goes on after an error), each with the file, line
/// and column of the offending YAML node. File names in diagnostics are built from the
/// path as given, joined with the relative paths inside the files (`Scenarios/plan.yaml`,
/// `Scenarios/baseline.yaml`). The loader never prints and never exits.
///
/// Not checked here (the engine does it against the loaded inventory): whether a selector
/// matches any source, and whether the source ids it names exist.
public struct ScenarioLoader: Sendable {
    public init() {}

    /// Reads `path`, everything it extends and imports, and its targets file; checks every
    /// key. The scenario is nil when any error was found.
    public func load(_ path: String) -> ScenarioLoadResult {
        var reading = ScenarioReading()
        let layer = reading.resolve(path, reference: nil, chain: [])
        let scenario = reading.finish(layer, path: path)
        var diagnostics = reading.diagnostics
        diagnostics.sortByPosition()
        return ScenarioLoadResult(scenario: diagnostics.hasErrors ? nil : scenario, diagnostics: diagnostics)
    }
}

/// The keys of a scenario file (Docs/reference/scenario.md).
enum ScenarioKeys {
    static var scenario: [String] { ScenarioFormat.scenario.keys }
    /// What an imported file may hold.
    static var imported: [String] { ScenarioFormat.imported.keys }
    /// What a targets file may hold.
    static var targets: [String] { ScenarioFormat.targetsFile.keys }
    /// Years a scenario may span; anything else is a typo (as for an inventory's base year).
    static let plausibleYears = 1950...2100
}

/// A scenario as far as one file and the files it extends say: the state of inheritance.
struct ScenarioLayer {
    /// `scenario:` and `title:` of this file itself (not inherited).
    var id: String?
    var title: String?
    /// The inventory path, resolved against the file that names it.
    var inventory: (path: String, location: SourceLocation)?
    var years: (range: ClosedRange<Int>, location: SourceLocation, firstLocation: SourceLocation)?
    var economics: Economics?
    /// `inventory`/`years` were written somewhere on the chain (perhaps unreadably, or in a
    /// parent that failed): their absence is then not reported again.
    var inventoryWritten = false
    var yearsWritten = false
    var drivers: [DriverReader.Read] = []
    var measures: [MeasureEntry] = []
    var targets: [TargetEntry] = []
    /// Uncertain factors and correlations: the parent's, then this file's on top.
    var uncertainty = UncertaintySpec()
}

/// The state of one `load`: the findings, the files read and their parsed documents.
struct ScenarioReading {
    var diagnostics = DiagnosticList()
    /// Every file read, in reading order, each once.
    var files: [String] = []
    var documents: [String: YAMLDocument] = [:]

    /// Where a file is named in another one: the document, the node holding the path, and
    /// the path as written.
    struct Reference {
        var document: YAMLDocument
        var node: YAMLNode
        var written: String
    }

    /// A file on the current `extends` chain.
    struct ChainLink {
        var identity: String
        var name: String
    }

    // MARK: - Files

    /// Reads and parses `path`; nil (after reporting) when the file cannot be read. A file
    /// that cannot be found is reported where it is named, when it is named in a file.
    mutating func document(_ path: String, reference: Reference?) -> YAMLDocument? {
        func fail(_ en: String, _ zh: String) {
            if let reference {
                reference.document.error(
                    at: reference.node.location,
                    en: "cannot read '\(reference.written)': \(en)",
                    zh: "无法读取 '\(reference.written)'：\(zh)", &diagnostics)
            } else {
                diagnostics.append(.error(at: SourceLocation(file: path), en: en, zh: zh))
            }
        }
        if let problem = InputFile.problem(path) {
            if reference != nil {
                fail("\(problem.en) (looked for \(path))", "\(problem.zh)（查找位置：\(path)）")
            } else {
                fail(problem.en, problem.zh)
            }
            return nil
        }
        guard let data = InputFile.contents(path) else {
            fail("the file cannot be read", "文件无法读取")
            return nil
        }
        let decoded = InputFile.text(data, file: path)
        guard let text = decoded.text else {
            if let problem = decoded.problem { diagnostics.append(problem) }
            return nil
        }
        if !files.contains(path) { files.append(path) }
        let document = YAMLDocument.parse(text, file: path, diagnostics: &diagnostics)
        documents[path] = document
        return document
    }

    /// The file's identity for cycle detection: absolute, without `.`/`..`, symlinks resolved.
    static func identity(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `a.yaml → b.yaml → a.yaml` when `path` is already on `chain`.
    static func cycle(to path: String, in chain: [ChainLink]) -> String? {
        let identity = identity(path)
        guard let first = chain.firstIndex(where: { $0.identity == identity }) else { return nil }
        return (chain[first...].map(\.name) + [chain[first].name]).joined(separator: " → ")
    }

    // MARK: - Scenario files

    /// Reads the scenario file `path` and, first, everything it extends; returns the
    /// resolved layer (nil when the file could not be read at all).
    mutating func resolve(_ path: String, reference: Reference?, chain: [ChainLink]) -> ScenarioLayer? {
        let errorsBefore = diagnostics.errorCount
        guard let document = document(path, reference: reference) else { return nil }
        guard let root = document.root else {
            if diagnostics.errorCount == errorsBefore {
                diagnostics.append(
                    .error(
                        at: SourceLocation(file: path),
                        en: "the scenario file is empty", zh: "情景文件为空"))
            }
            return nil
        }
        let what = LocalizedText(en: "the scenario file", zh: "情景文件")
        guard let keys = document.mapping(root, what, allowed: ScenarioKeys.scenario, &diagnostics) else { return nil }
        let chain = chain + [ChainLink(identity: Self.identity(path), name: path)]
        let folder = folderOf(path)

        // The parent first: this file's contents apply on top of it.
        var layer = ScenarioLayer()
        var parent: ParentState = .none
        if let pair = keys["extends"], let written = document.string(pair.value, "extends", &diagnostics) {
            let parentPath = joinPath(folder, written.trimmingSpaces)
            if let cycle = Self.cycle(to: parentPath, in: chain) {
                document.error(
                    at: pair.value.location, en: "'extends' makes a cycle: \(cycle)",
                    zh: "'extends' 形成循环继承：\(cycle)", &diagnostics)
                parent = .failed
            } else if let resolved = resolve(
                parentPath,
                reference: Reference(
                    document: document, node: pair.value,
                    written: written), chain: chain)
            {
                layer = resolved
                parent = .read(parentPath)
            } else {
                parent = .failed
            }
        } else if keys["extends"] != nil {
            parent = .failed
        }
        if case .failed = parent {
            layer.inventoryWritten = true
            layer.yearsWritten = true
        }
        layer.inventoryWritten = layer.inventoryWritten || keys["inventory"] != nil
        layer.yearsWritten = layer.yearsWritten || keys["years"] != nil

        layer.id = keys["scenario"].flatMap { document.string($0.value, "scenario", &diagnostics)?.trimmingSpaces }
        layer.title = keys["title"].flatMap { document.string($0.value, "title", &diagnostics) }
        _ = keys["description"].flatMap { document.text($0.value, "description", &diagnostics) }
        // Given but unreadable: the parent's value does not stand in for it (nor is it
        // reported missing).
        if let pair = keys["inventory"] {
            layer.inventory = document.string(pair.value, "inventory", &diagnostics).map {
                (joinPath(folder, $0.trimmingSpaces), pair.value.location)
            }
        }
        if let pair = keys["years"] {
            layer.years = readYears(pair.value, document)
        }
        if let pair = keys["economics"], let economics = readEconomics(pair.value, document) {
            layer.economics = economics
        }

        // This file's drivers and measures: the imported ones, then its own.
        var drivers: [DriverReader.Read] = []
        var measures: [MeasureEntry] = []
        if let pair = keys["import"] {
            for item in importNodes(pair.value, document) {
                guard let written = document.string(item, "import", &diagnostics) else { continue }
                let importPath = joinPath(folder, written.trimmingSpaces)
                if let cycle = Self.cycle(to: importPath, in: chain) {
                    document.error(
                        at: item.location, en: "'import' makes a cycle: \(cycle)",
                        zh: "'import' 形成循环引用：\(cycle)", &diagnostics)
                    continue
                }
                let imported = readImport(importPath, Reference(document: document, node: item, written: written))
                drivers += imported.drivers
                measures += imported.measures
            }
        }
        if let pair = keys["drivers"] { drivers += DriverReader.read(pair.value, document, &diagnostics) }
        if let pair = keys["measures"] { measures += MeasureReader.read(pair.value, document, &diagnostics) }
        measures = withoutDuplicates(measures)

        layer.drivers += drivers
        if let pair = keys["remove"] {
            applyRemove(pair.value, document, parent: parent, redefined: measures, to: &layer)
        }
        for entry in measures {
            if let index = layer.measures.firstIndex(where: { $0.id == entry.id }) {
                layer.measures[index] = entry  // replaces the parent's measure in place
            } else {
                layer.measures.append(entry)
            }
        }

        if keys["uncertainty"] != nil || keys["correlation"] != nil {
            let own = UncertaintyReader.read(
                factors: keys["uncertainty"]?.value, correlations: keys["correlation"]?.value, document, &diagnostics)
            layer.uncertainty = layer.uncertainty.merging(own)
        }
        if let pair = keys["targets"] {
            for entry in readTargets(pair.value, document, folder: folder) {
                if let index = layer.targets.firstIndex(where: { $0.id == entry.id }) {
                    layer.targets[index] = entry
                } else {
                    layer.targets.append(entry)
                }
            }
        }
        return layer
    }

    enum ParentState {
        case none
        /// The parent could not be read or resolved (already reported): `remove` is not checked.
        case failed
        case read(String)
    }

    /// `import:` is a list of paths; a single path is accepted too.
    private mutating func importNodes(_ node: YAMLNode, _ document: YAMLDocument) -> [YAMLNode] {
        switch node.content {
        case let .sequence(items): return items
        case .scalar where !node.isNull: return [node]
        default:
            document.error(
                at: node.location, en: "'import' must be a list of file paths, got \(node.kindName.en)",
                zh: "'import' 应为文件路径列表，实际为\(node.kindName.zh)", &diagnostics)
            return []
        }
    }

    /// An imported file: only `drivers:` and `measures:` (and `title`, `description`).
    private mutating func readImport(_ path: String, _ reference: Reference)
        -> (drivers: [DriverReader.Read], measures: [MeasureEntry])
    {
        let errorsBefore = diagnostics.errorCount
        guard let document = document(path, reference: reference) else { return ([], []) }
        guard let root = document.root else {
            if diagnostics.errorCount == errorsBefore {
                diagnostics.append(
                    .warning(
                        at: SourceLocation(file: path),
                        en: "the imported file is empty", zh: "被导入的文件为空"))
            }
            return ([], [])
        }
        let what = LocalizedText(en: "the imported file", zh: "被导入的文件")
        let explain: (String) -> LocalizedText? = { key in
            guard ScenarioKeys.scenario.contains(key) else { return nil }
            return LocalizedText(
                en: "an imported file may hold only 'drivers' and 'measures', besides 'title' and 'description'",
                zh: "被导入的文件只能包含 'drivers' 和 'measures'，以及 'title'、'description'")
        }
        guard
            let keys = document.mapping(
                root, what, allowed: ScenarioKeys.imported, explain: explain,
                &diagnostics)
        else { return ([], []) }
        _ = keys["title"].flatMap { document.string($0.value, "title", &diagnostics) }
        _ = keys["description"].flatMap { document.text($0.value, "description", &diagnostics) }
        let drivers = keys["drivers"].map { DriverReader.read($0.value, document, &diagnostics) } ?? []
        let measures = keys["measures"].map { MeasureReader.read($0.value, document, &diagnostics) } ?? []
        return (drivers, measures)
    }

    /// Measures of one file (with its imports) must have distinct ids; a repeated one is
    /// reported and dropped.
    private mutating func withoutDuplicates(_ measures: [MeasureEntry]) -> [MeasureEntry] {
        var seen: [String: SourceLocation] = [:]
        var result: [MeasureEntry] = []
        for entry in measures {
            if let first = seen[entry.id] {
                documents[entry.idLocation.file]?.error(
                    at: entry.idLocation,
                    en: "duplicate measure id '\(entry.id)' (first defined at \(first))",
                    zh: "措施 id '\(entry.id)' 重复（首次定义于 \(first)）", &diagnostics)
                continue
            }
            seen[entry.id] = entry.idLocation
            result.append(entry)
        }
        return result
    }

    /// `remove: [id, …]` deletes measures of the parent.
    private mutating func applyRemove(
        _ node: YAMLNode, _ document: YAMLDocument, parent: ParentState,
        redefined: [MeasureEntry], to layer: inout ScenarioLayer
    ) {
        guard let items = document.list(node, "remove", &diagnostics) else { return }
        var removed: Set<String> = []
        for item in items {
            guard let id = document.string(item, "remove", &diagnostics)?.trimmingSpaces else { continue }
            defer { removed.insert(id) }
            if removed.contains(id) {
                document.error(
                    at: item.location, en: "'\(id)' is listed twice in 'remove'",
                    zh: "'\(id)' 在 'remove' 中重复出现", &diagnostics)
                continue
            }
            if redefined.contains(where: { $0.id == id }) {
                document.error(
                    at: item.location,
                    en:
                        "measure '\(id)' is both removed and redefined in this file; to replace it in place, drop it from 'remove'",
                    zh: "措施 '\(id)' 在本文件中既被删除又被重新定义；如需原位替换，请将其从 'remove' 中去掉",
                    &diagnostics)
                continue
            }
            switch parent {
            case .none:
                document.error(
                    at: item.location,
                    en:
                        "cannot remove '\(id)': this file extends no scenario ('remove' deletes measures of the parent)",
                    zh: "无法删除 '\(id)'：本文件没有继承（extends）任何情景（'remove' 用于删除父情景中的措施）",
                    &diagnostics)
            case .failed:
                break
            case let .read(parentPath):
                guard let index = layer.measures.firstIndex(where: { $0.id == id }) else {
                    document.error(
                        at: item.location,
                        en:
                            "cannot remove '\(id)': \(parentPath) (with the files it extends) has no measure with this id",
                        zh: "无法删除 '\(id)'：\(parentPath)（及其继承的文件）中没有此 id 的措施",
                        suggestion: Suggestion.nearest(to: id, among: layer.measures.map(\.id)), &diagnostics)
                    continue
                }
                layer.measures.remove(at: index)
            }
        }
    }

    /// `targets:` is a list, or the path of a file whose `targets:` is the list.
    private mutating func readTargets(_ node: YAMLNode, _ document: YAMLDocument, folder: String) -> [TargetEntry] {
        switch node.content {
        case .sequence:
            return TargetReader.read(node, document, &diagnostics)
        case .scalar where !node.isNull:
            guard let written = document.string(node, "targets", &diagnostics) else { return [] }
            let path = joinPath(folder, written.trimmingSpaces)
            let errorsBefore = diagnostics.errorCount
            guard let file = self.document(path, reference: Reference(document: document, node: node, written: written))
            else { return [] }
            guard let root = file.root else {
                if diagnostics.errorCount == errorsBefore {
                    diagnostics.append(
                        .error(
                            at: SourceLocation(file: path),
                            en: "the targets file is empty", zh: "目标文件为空"))
                }
                return []
            }
            let what = LocalizedText(en: "the targets file", zh: "目标文件")
            let explain: (String) -> LocalizedText? = { key in
                guard ScenarioKeys.scenario.contains(key) else { return nil }
                return LocalizedText(
                    en: "a targets file may hold only 'targets', besides 'title' and 'description'",
                    zh: "目标文件只能包含 'targets'，以及 'title'、'description'")
            }
            guard
                let keys = file.mapping(
                    root, what, allowed: ScenarioKeys.targets, required: ScenarioFormat.targetsFile.requiredKeys,
                    explain: explain, &diagnostics)
            else { return [] }
            _ = keys["title"].flatMap { file.string($0.value, "title", &diagnostics) }
            _ = keys["description"].flatMap { file.text($0.value, "description", &diagnostics) }
            return keys["targets"].map { TargetReader.read($0.value, file, &diagnostics) } ?? []
        default:
            document.error(
                at: node.location,
                en: "'targets' must be a list of targets or the path of a targets file, got \(node.kindName.en)",
                zh: "'targets' 应为目标列表或目标文件的路径，实际为\(node.kindName.zh)", &diagnostics)
            return []
        }
    }

    /// `years: [first, last]`.
    private mutating func readYears(_ node: YAMLNode, _ document: YAMLDocument)
        -> (range: ClosedRange<Int>, location: SourceLocation, firstLocation: SourceLocation)?
    {
        guard let items = document.list(node, "years", &diagnostics) else { return nil }
        guard items.count == 2 else {
            document.error(
                at: node.location,
                en: "'years' must be [first, last], two years, got \(items.count) value\(items.count == 1 ? "" : "s")",
                zh: "'years' 应为 [起始年, 终止年] 两个年份，实际有 \(items.count) 个值", &diagnostics)
            return nil
        }
        var years: [Int] = []
        for item in items {
            guard let year = document.integer(item, "years", &diagnostics) else { continue }
            guard ScenarioKeys.plausibleYears.contains(year) else {
                let range = ScenarioKeys.plausibleYears
                document.error(
                    at: item.location,
                    en: "years must be between \(range.lowerBound) and \(range.upperBound), got \(year)",
                    zh: "年份应在 \(range.lowerBound)–\(range.upperBound) 之间，实际为 \(year)", &diagnostics)
                continue
            }
            years.append(year)
        }
        guard years.count == 2 else { return nil }
        guard years[0] <= years[1] else {
            document.error(
                at: items[0].location,
                en: "the first year \(years[0]) is after the last year \(years[1])",
                zh: "起始年 \(years[0]) 晚于终止年 \(years[1])", &diagnostics)
            return nil
        }
        return (years[0]...years[1], node.location, items[0].location)
    }

    /// `economics: {discount_rate: i}`, 0 ≤ i < 1.
    private mutating func readEconomics(_ node: YAMLNode, _ document: YAMLDocument) -> Economics? {
        let what = LocalizedText(en: "'economics'", zh: "'economics' ")
        guard
            let keys = document.mapping(
                node, what, allowed: ScenarioFormat.economics.keys, required: ScenarioFormat.economics.requiredKeys,
                &diagnostics),
            let pair = keys["discount_rate"],
            let rate = document.number(
                pair.value, "discount_rate", in: ScenarioFormat.economics.range("discount_rate"), &diagnostics)
        else { return nil }
        return Economics(discountRate: rate)
    }

    // MARK: - The resolved scenario

    /// Checks what needs the whole chain and the inventory (the base year, defaults of
    /// `start`/`full`, years of measures and targets, macro series) and builds the scenario.
    mutating func finish(_ layer: ScenarioLayer?, path: String) -> Scenario? {
        guard let layer, let document = documents[path] else { return nil }
        let fileLocation = document.root?.location ?? SourceLocation(file: path)
        func report(_ location: SourceLocation, en: String, zh: String, suggestion: String? = nil) {
            let line = documents[location.file]?.line(location.line)
            diagnostics.append(.error(at: location, en: en, zh: zh, sourceLine: line, suggestion: suggestion))
        }

        if layer.inventory == nil && !layer.inventoryWritten {
            report(
                fileLocation,
                en:
                    "the scenario names no inventory: add 'inventory:' (the inventory folder or its inventory.yaml), here or in the file it extends",
                zh: "情景未指定清单：请在本文件或其继承的文件中添加 'inventory:'（清单文件夹或其 inventory.yaml 的路径）")
        }
        if layer.years == nil && !layer.yearsWritten {
            report(
                fileLocation,
                en: "the scenario has no 'years': add years: [first, last], here or in the file it extends",
                zh: "情景未指定 'years'：请在本文件或其继承的文件中添加 years: [起始年, 终止年]")
        }

        // The inventory's manifest: its base year and macro series.
        var manifest: InventoryManifest?
        if let inventory = layer.inventory {
            if FileManager.default.fileExists(atPath: inventory.path) {
                let read = InventoryLoader().manifest(inventory.path)
                diagnostics.append(contentsOf: read.diagnostics)
                manifest = read.manifest
            } else {
                report(
                    inventory.location, en: "the inventory does not exist (looked for \(inventory.path))",
                    zh: "清单不存在（查找位置：\(inventory.path)）")
            }
        }
        if let manifest, let years = layer.years, years.range.lowerBound != manifest.baseYear {
            report(
                years.firstLocation,
                en: "the first year \(years.range.lowerBound) must be the inventory's base year \(manifest.baseYear)",
                zh: "起始年 \(years.range.lowerBound) 必须等于清单的基准年 \(manifest.baseYear)")
        }
        let baseYear = manifest?.baseYear ?? layer.years?.range.lowerBound

        // Measures: defaults of start and full, then their years.
        var measures: [Measure] = []
        for entry in layer.measures {
            guard let baseYear, !entry.startUnreadable, !entry.fullUnreadable else { continue }
            let start = entry.start?.year ?? baseYear + 1
            let full = entry.full?.year ?? start
            var valid = true
            // The horizon rule: `start` and `full` may lie after the last year (a programme
            // half done at the horizon, or a child that shortens `years`); a `start` after the
            // last year has no effect within the horizon and earns a warning. Before the base
            // year is an error: the base year is the inventory as measured.
            if let years = layer.years?.range {
                if let given = entry.start, given.year < years.lowerBound {
                    report(
                        given.location,
                        en: "start \(given.year) is before the base year \(years.lowerBound)",
                        zh: "start（\(given.year)）早于基准年 \(years.lowerBound)")
                    valid = false
                } else if let given = entry.full, given.year < years.lowerBound {
                    report(
                        given.location,
                        en: "full \(given.year) is before the base year \(years.lowerBound)",
                        zh: "full（\(given.year)）早于基准年 \(years.lowerBound)")
                    valid = false
                } else if start > years.upperBound, start <= full || entry.full == nil {
                    let location = entry.start?.location ?? entry.location
                    diagnostics.append(
                        .warning(
                            at: location,
                            en:
                                "measure '\(entry.id)' starts in \(start), after the scenario's last year \(years.upperBound): it has no effect within the horizon",
                            zh: "措施 '\(entry.id)' 从 \(start) 年开始，晚于情景的终止年 \(years.upperBound)：在规划期内没有效果",
                            sourceLine: documents[location.file]?.line(location.line)))
                }
            }
            if valid, start > full, let given = entry.full {
                if entry.start != nil {
                    report(
                        given.location, en: "start \(start) is after full \(full)",
                        zh: "start（\(start)）晚于 full（\(full)）")
                } else {
                    report(
                        given.location,
                        en:
                            "full \(full) is before the default start \(start) (the year after the base year): give 'start'",
                        zh: "full（\(full)）早于默认的 start（\(start)，即基准年的下一年）：请给出 'start'")
                }
                valid = false
            }
            guard valid, var measure = entry.measure else { continue }
            measure.start = start
            measure.full = full
            measures.append(measure)
        }

        // Targets: their years.
        if let years = layer.years?.range {
            for entry in layer.targets {
                guard let year = entry.year, !years.contains(year), let location = entry.yearLocation else { continue }
                report(
                    location,
                    en: "target year \(year) is outside the scenario's years \(years.lowerBound)–\(years.upperBound)",
                    zh: "目标年份 \(year) 超出情景的年份范围 \(years.lowerBound)–\(years.upperBound)")
            }
        }

        // Macro series named by drivers and intensity targets must be in the inventory.
        if let manifest {
            let known = manifest.macro.keys.sorted()
            func checkMacro(_ name: String, _ location: SourceLocation) {
                guard manifest.macro[name] == nil else { return }
                report(
                    location,
                    en: "the inventory has no macro series '\(name)' "
                        + (known.isEmpty
                            ? "(it defines none under 'macro:')" : "(it has: \(known.joined(separator: ", ")))"),
                    zh: "清单中没有宏观序列 '\(name)'"
                        + (known.isEmpty ? "（清单的 'macro:' 中未定义任何序列）" : "（现有：\(known.joined(separator: "、"))）"),
                    suggestion: Suggestion.nearest(to: name, among: known))
            }
            for read in layer.drivers {
                if case let .macro(name) = read.driver.subject, let location = read.macroLocation {
                    checkMacro(name, location)
                }
            }
            for entry in layer.targets {
                if case let .intensity(per, _)? = entry.target?.kind, let location = entry.perLocation {
                    checkMacro(per, location)
                }
            }
        }

        guard !diagnostics.hasErrors, let inventory = layer.inventory, let years = layer.years else { return nil }
        return Scenario(
            id: layer.id ?? Self.defaultID(path), title: layer.title, file: path, inventoryPath: inventory.path,
            years: years.range, drivers: layer.drivers.map(\.driver), measures: measures,
            targets: layer.targets.compactMap(\.target), economics: layer.economics ?? Economics(), files: files,
            uncertainty: layer.uncertainty)
    }

    /// The file name without its folder and `.yaml` (or `.yml`).
    static func defaultID(_ path: String) -> String {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
            break
        }
        return name
    }
}
