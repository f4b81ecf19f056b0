import Diagnostics
import EmissionInventory
import FileFormats
import FormatSchema

/// A target as read from one file; its year is checked against the scenario's years once
/// they are known.
struct TargetEntry {
    var id: String
    var idLocation: SourceLocation
    /// Nil when the target had a mistake (already reported).
    var target: Target?
    /// The year, when readable (checked against the scenario's years even when the target
    /// has other mistakes).
    var year: Int?
    var yearLocation: SourceLocation?
    /// Where `intensity.per` names a macro series, checked against the inventory.
    var perLocation: SourceLocation?
}

/// Reads a `targets:` list (Docs/reference/targets.md).
enum TargetReader {
    static var keys: [String] { ScenarioFormat.target.keys }
    static var kindKeys: [String] { ScenarioFormat.target.group("kind") }
    static let metrics = ["energy"]

    static func read(_ node: YAMLNode, _ document: YAMLDocument, _ diagnostics: inout DiagnosticList) -> [TargetEntry] {
        guard let items = document.list(node, "targets", &diagnostics) else { return [] }
        var entries: [TargetEntry] = []
        var seen: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            guard let entry = readTarget(item, number: index + 1, document, &diagnostics) else { continue }
            if let first = seen[entry.id] {
                document.error(
                    at: entry.idLocation,
                    en: "duplicate target id '\(entry.id)' (first defined at \(first))",
                    zh: "目标 id '\(entry.id)' 重复（首次定义于 \(first)）", &diagnostics)
                continue
            }
            seen[entry.id] = entry.idLocation
            entries.append(entry)
        }
        return entries
    }

    private static func readTarget(
        _ node: YAMLNode, number: Int, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> TargetEntry? {
        var label = LocalizedText(en: "target \(number)", zh: "第 \(number) 个目标")
        if case let .mapping(pairs) = node.content, let pair = pairs.first(where: { $0.key == "id" }),
            case let .scalar(id, _) = pair.value.content, isValidID(id)
        {
            label = LocalizedText(en: "target '\(id)'", zh: "目标 '\(id)' ")
        }
        guard
            let fields = document.mapping(
                node, label, allowed: keys, required: ScenarioFormat.target.requiredKeys, &diagnostics)
        else {
            return nil
        }
        let errorsBefore = diagnostics.errorCount
        let id = fields["id"].flatMap {
            document.identifier($0.value, "id", LocalizedText(en: "target id", zh: "目标 id"), &diagnostics)
        }
        let title = fields["title"].flatMap { document.string($0.value, "title", &diagnostics) }
        let note = fields["note"].flatMap { document.text($0.value, "note", &diagnostics) }
        let year = fields["year"].flatMap { document.integer($0.value, "year", &diagnostics) }
        let select = fields["select"].flatMap { SelectorReader.read($0.value, document, &diagnostics) }

        var metric: Target.Metric?
        let metricPair = document.oneOf(
            ["pollutant", "metric"], in: fields, what: label,
            missing: LocalizedText(
                en: "'pollutant' (e.g. NOx) or 'metric: energy'",
                zh: "'pollutant'（如 NOx）或 'metric: energy'"),
            at: node, &diagnostics)
        if let pair = metricPair, let name = document.string(pair.value, pair.key, &diagnostics)?.trimmingSpaces {
            if pair.key == "pollutant" {
                metric = document.pollutant(name, at: pair.value.location, &diagnostics).map { .pollutant($0) }
            } else if name == "energy" {
                metric = .energy
            } else {
                document.error(
                    at: pair.value.location,
                    en: "unknown metric '\(name)' (the only metric is 'energy'; for emissions use 'pollutant')",
                    zh: "未知的指标 '\(name)'（目前只有 'energy'；排放量目标请用 'pollutant'）",
                    suggestion: Suggestion.nearest(to: name, among: metrics), &diagnostics)
            }
        }

        var kind: Target.Kind?
        var perLocation: SourceLocation?
        let kindPair = document.oneOf(
            kindKeys, in: fields, what: label,
            missing: LocalizedText(
                en: "one of 'reduction', 'cap', 'project_reduction' or 'intensity'",
                zh: "'reduction'、'cap'、'project_reduction' 或 'intensity' 之一"),
            at: node, &diagnostics)
        if let pair = kindPair {
            let isEnergy = metric == .energy || (metric == nil && fields["metric"] != nil)
            switch pair.key {
            case "reduction":
                kind = document.number(
                    pair.value, "reduction", in: ScenarioFormat.target.range("reduction"), &diagnostics
                ).map { .reduction($0) }
            case "cap":
                kind =
                    isEnergy
                    ? energy(pair.value, "cap", document, &diagnostics).map { .cap($0) }
                    : document.mass(pair.value, ValueName("cap"), &diagnostics).map { .cap($0) }
            case "project_reduction":
                kind =
                    isEnergy
                    ? energy(pair.value, "project_reduction", document, &diagnostics).map { .projectReduction($0) }
                    : document.mass(pair.value, ValueName("project_reduction"), &diagnostics).map {
                        .projectReduction($0)
                    }
            default:
                if let intensity = document.mapping(
                    pair.value, LocalizedText(en: "'intensity'", zh: "'intensity' "),
                    allowed: ScenarioFormat.intensity.keys, required: ScenarioFormat.intensity.requiredKeys,
                    &diagnostics),
                    let perPair = intensity["per"], let reductionPair = intensity["reduction"]
                {
                    let per = document.string(perPair.value, "per", &diagnostics)?.trimmingSpaces
                    let reduction = document.number(
                        reductionPair.value, "reduction", in: ScenarioFormat.intensity.range("reduction"), &diagnostics)
                    if let per, let reduction {
                        kind = .intensity(per: per, reduction: reduction)
                        perLocation = perPair.value.location
                    }
                }
            }
        }

        guard let id, let idPair = fields["id"] else { return nil }
        var target: Target?
        if diagnostics.errorCount == errorsBefore, let metric, let year, let kind {
            target = Target(
                id: id, title: title, metric: metric, year: year, kind: kind, select: select,
                note: note, location: node.location)
        }
        return TargetEntry(
            id: id, idLocation: idPair.value.location, target: target, year: year,
            yearLocation: fields["year"]?.value.location, perLocation: perLocation)
    }

    /// An amount of energy: a plain number of tce, ≥ 0.
    private static func energy(
        _ node: YAMLNode, _ key: String, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> Double? {
        if case let .scalar(text, isPlain) = node.content, isPlain, case .value = DecimalNumber.parse(text) {
            return document.number(node, key, in: .nonNegative, &diagnostics)
        }
        document.error(
            at: node.location,
            en: "\(key) of an energy target must be a number of tce, got \(document.got(node).en)",
            zh: "能源目标的 \(key) 应为数值（单位 tce），实际为\(document.got(node).zh)",
            &diagnostics)
        return nil
    }
}
