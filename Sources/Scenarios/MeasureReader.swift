import Diagnostics
import EmissionInventory
import FileFormats
import FormatSchema

/// A measure as read from one file, before the scenario's years are known: `start` and
/// `full` may still be missing (they default to base year + 1 and `start`).
struct MeasureEntry {
    var id: String
    var idLocation: SourceLocation
    /// Nil when the measure had a mistake (already reported); the id still takes part in
    /// replacement and `remove`, so one mistake does not cause others.
    var measure: Measure?
    var start: (year: Int, location: SourceLocation)?
    var full: (year: Int, location: SourceLocation)?
    /// `start`/`full` written but unreadable (reported): no default is assumed for them.
    var startUnreadable = false
    var fullUnreadable = false
    var location: SourceLocation
}

/// Reads the `measures:` list (Docs/reference/measures.md), with the keys of
/// `ScenarioFormat.measureCommon` and of each kind's `MeasureKindName.spec`.
enum MeasureReader {
    static var commonKeys: [String] { ScenarioFormat.measureCommon.keys }

    static var kindNames: [String] { MeasureKindName.allCases.map(\.rawValue) }

    static func read(_ node: YAMLNode, _ document: YAMLDocument, _ diagnostics: inout DiagnosticList) -> [MeasureEntry]
    {
        guard let items = document.list(node, "measures", &diagnostics) else { return [] }
        return items.enumerated().compactMap { readMeasure($1, number: $0 + 1, document, &diagnostics) }
    }

    private static func readMeasure(
        _ node: YAMLNode, number: Int, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> MeasureEntry? {
        guard case let .mapping(pairs) = node.content else {
            document.error(
                at: node.location, en: "measure \(number) must be a mapping, got \(node.kindName.en)",
                zh: "第 \(number) 项措施应为映射（键: 值），实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        let errorsBefore = diagnostics.errorCount

        // The id and kind first: messages name the measure, and the kind decides the keys.
        let idPair = pairs.first { $0.key == "id" }
        let id = idPair.flatMap {
            document.identifier($0.value, "id", LocalizedText(en: "measure id", zh: "措施 id"), &diagnostics)
        }
        var kindName: String?
        if let pair = pairs.first(where: { $0.key == "kind" }),
            let name = document.string(pair.value, "kind", &diagnostics)?.trimmingSpaces
        {
            if MeasureKindName(rawValue: name) != nil {
                kindName = name
            } else {
                let suggestion = Suggestion.nearest(to: name, among: kindNames)
                document.error(
                    at: pair.value.location,
                    en: "unknown measure kind '\(name)' (kinds: \(kindNames.joined(separator: ", ")))",
                    zh: "未知的措施类型 '\(name)'（可用类型：\(kindNames.joined(separator: "、"))）",
                    suggestion: suggestion, &diagnostics)
                // A misspelt kind: check the rest as the kind it most likely means, so that
                // its other mistakes are found now too (the measure is refused either way).
                kindName = suggestion
            }
        }

        let label = id.map { "'\($0)'" } ?? "\(number)"
        let what =
            kindName.map {
                LocalizedText(
                    en: "\($0) measure \(label)", zh: id != nil ? "\($0) 类措施 \(label) " : "第 \(number) 项措施（\($0)）")
            } ?? LocalizedText(en: "measure \(label)", zh: id != nil ? "措施 \(label) " : "第 \(number) 项措施")

        // Without a known kind, any key of any kind is accepted (only typos are reported).
        let allowed: [String]
        let required: [String]
        if let kind = kindName.flatMap(MeasureKindName.init(rawValue:)) {
            let common = ScenarioFormat.measureCommon
            allowed = common.keys.filter { !kind.omittedCommonKeys.contains($0) } + kind.spec.keys
            required = common.requiredKeys.filter { !kind.omittedCommonKeys.contains($0) } + kind.spec.requiredKeys
        } else {
            allowed = commonKeys + MeasureKindName.allCases.flatMap(\.spec.keys)
            required = ScenarioFormat.measureCommon.requiredKeys.filter { $0 != "select" }
        }
        let explain: (String) -> LocalizedText? = { key in
            if key == "select" {
                return LocalizedText(
                    en: "an add measure creates a new source and selects none",
                    zh: "add 类措施新增排放源，不选择已有排放源")
            }
            let owners = MeasureKindName.allCases.filter { $0.spec.keys.contains(key) }.map(\.rawValue)
            guard !owners.isEmpty else { return nil }
            return LocalizedText(
                en: "'\(key)' belongs to \(owners.joined(separator: " and ")) measures",
                zh: "'\(key)' 属于 \(owners.joined(separator: "、")) 类措施")
        }
        guard
            let fields = document.mapping(
                node, what, allowed: allowed, required: required,
                explain: explain, &diagnostics)
        else { return nil }

        let title = fields["title"].flatMap { document.string($0.value, "title", &diagnostics) }
        let category = fields["category"].flatMap { document.string($0.value, "category", &diagnostics) }
        let note = fields["note"].flatMap { document.text($0.value, "note", &diagnostics) }
        let select = fields["select"].flatMap { SelectorReader.read($0.value, document, &diagnostics) }
        var start: (Int, SourceLocation)?
        if let pair = fields["start"], let year = document.integer(pair.value, "start", &diagnostics) {
            start = (year, pair.value.location)
        }
        var full: (Int, SourceLocation)?
        if let pair = fields["full"], let year = document.integer(pair.value, "full", &diagnostics) {
            full = (year, pair.value.location)
        }
        let cost = fields["cost"].flatMap { readCost($0.value, document, &diagnostics) }
        let candidate = fields["candidate"].flatMap { document.bool($0.value, "candidate", &diagnostics) } ?? false

        var kind: Measure.Kind?
        if let kindName {
            kind = MeasureKindName(rawValue: kindName).flatMap {
                readKind($0, fields, node, what, document, &diagnostics)
            }
        }

        guard let id, let idPair else { return nil }
        var measure: Measure?
        if diagnostics.errorCount == errorsBefore, let kind {
            measure = Measure(
                id: id, title: title, kind: kind, select: select, start: 0, full: 0,
                category: category, note: note, cost: cost, isCandidate: candidate,
                location: node.location)
        }
        return MeasureEntry(
            id: id, idLocation: idPair.value.location, measure: measure,
            start: start, full: full,
            startUnreadable: start == nil && fields["start"] != nil,
            fullUnreadable: full == nil && fields["full"] != nil, location: node.location)
    }

    // MARK: - Kinds

    private static func readKind(
        _ kind: MeasureKindName, _ fields: [String: YAMLPair], _ node: YAMLNode,
        _ what: LocalizedText, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> Measure.Kind? {
        let spec = kind.spec
        switch kind {
        case .scale:
            guard let pair = fields["factor"],
                let factor = document.number(pair.value, "factor", in: spec.range("factor"), &diagnostics)
            else { return nil }
            return .scale(factor: factor)

        case .substitute:
            let target = fields["to"].flatMap { readSubstitutionTarget($0.value, document, &diagnostics) }
            var quantity: Measure.SubstitutionQuantity?
            let quantityPair = document.oneOf(
                spec.group("quantity"), in: fields,
                what: LocalizedText(en: "a substitute measure", zh: "substitute 类措施"),
                missing: LocalizedText(
                    en: "'share' (a fraction of each selected source's activity) or 'amount' (activity moved in total)",
                    zh: "'share'（各所选排放源活动水平的比例）或 'amount'（转移的活动水平总量）"),
                at: node, &diagnostics)
            if let pair = quantityPair {
                quantity =
                    pair.key == "share"
                    ? document.number(pair.value, "share", in: spec.range("share"), &diagnostics).map { .share($0) }
                    : document.number(pair.value, "amount", in: spec.range("amount"), &diagnostics).map { .amount($0) }
            }
            var ratio: Double? = 1
            if let pair = fields["ratio"] {
                ratio = document.number(pair.value, "ratio", in: spec.range("ratio"), &diagnostics)
            }
            guard let target, let quantity, let ratio else { return nil }
            return .substitute(to: target, quantity: quantity, ratio: ratio)

        case .retrofit:
            let efficiencyPair = fields["efficiency"]
            let additionalPair = fields["additional"]
            if efficiencyPair == nil && additionalPair == nil {
                if document.misspells(node, spec.group("effect"), known: { fields[$0] != nil }) { return nil }
                document.error(
                    at: node.location,
                    en:
                        "\(what.en) needs 'efficiency' (a new removal efficiency) and/or 'additional' (an add-on removal)",
                    zh: "\(what.zh)需要 'efficiency'（新的去除效率）和/或 'additional'（追加的去除率）",
                    &diagnostics)
                return nil
            }
            let efficiency = efficiencyPair.flatMap { pair in
                document.pollutantMap(pair.value, "efficiency", &diagnostics) { node, p, d in
                    document.number(node, ValueName("efficiency", for: p), in: spec.range("efficiency"), &d)
                }
            }
            let additional = additionalPair.flatMap { pair in
                document.pollutantMap(pair.value, "additional", &diagnostics) { node, p, d in
                    document.number(node, ValueName("additional", for: p), in: spec.range("additional"), &d)
                }
            }
            var coverage: Double? = 1
            if let pair = fields["coverage"] {
                coverage = document.number(pair.value, "coverage", in: spec.range("coverage"), &diagnostics)
            }
            guard efficiencyPair == nil || efficiency != nil, additionalPair == nil || additional != nil,
                let coverage
            else { return nil }
            return .retrofit(efficiency: efficiency ?? [:], additional: additional ?? [:], coverage: coverage)

        case .reduction:
            guard let pair = fields["amount"],
                let amount = document.pollutantMap(
                    pair.value, "amount", &diagnostics,
                    value: { node, p, d in
                        document.mass(node, ValueName("amount", for: p), &d)
                    })
            else { return nil }
            return .reduction(amount: amount)

        case .cap:
            guard let pair = fields["limit"],
                let limit = document.pollutantMap(
                    pair.value, "limit", &diagnostics,
                    value: { node, p, d in
                        document.mass(node, ValueName("limit", for: p), &d)
                    })
            else { return nil }
            return .cap(limit: limit)

        case .add:
            guard let pair = fields["source"],
                let row = SourceRowReader.read(pair.value, .added, document, &diagnostics)
            else { return nil }
            return .add(source: row)
        }
    }

    private static func readSubstitutionTarget(
        _ node: YAMLNode, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> Measure.SubstitutionTarget? {
        switch node.content {
        case .mapping:
            return SourceRowReader.read(node, .substitutionTarget, document, &diagnostics).map { .inline($0) }
        case .scalar where !node.isNull:
            return document.identifier(node, "to", LocalizedText(en: "source id", zh: "排放源 id"), &diagnostics)
                .map { .existing(id: $0) }
        default:
            document.error(
                at: node.location,
                en: "'to' must be a source id or a source mapping (id, sector, …), got \(node.kindName.en)",
                zh: "'to' 应为排放源 id 或排放源映射（id、sector 等），实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
    }

    /// `cost: {capital, om, lifetime}` (`ScenarioFormat.cost`): money in 元, lifetime in years.
    private static func readCost(
        _ node: YAMLNode, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> Cost? {
        let what = LocalizedText(en: "'cost'", zh: "'cost' ")
        guard
            let fields = document.mapping(
                node, what, allowed: ScenarioFormat.cost.keys,
                required: ScenarioFormat.cost.requiredKeys, &diagnostics)
        else { return nil }
        let capital = fields["capital"].flatMap { document.money($0.value, "capital", &diagnostics) }
        var operation: Double? = 0
        if let pair = fields["om"] { operation = document.money(pair.value, "om", &diagnostics) }
        let lifetime = fields["lifetime"].flatMap {
            document.number($0.value, "lifetime", in: ScenarioFormat.cost.range("lifetime"), &diagnostics)
        }
        guard let capital, let operation, let lifetime else { return nil }
        return Cost(capital: capital, operation: operation, lifetime: lifetime)
    }
}

/// Reads a source row written in a scenario (`add.source`, an inline `substitute.to`), with
/// the columns of the inventory's sources table and the same derivation of k and η0
/// (Docs/reference/inventory.md, as `SourcesReader` does for CSV rows).
enum SourceRowReader {
    enum Role {
        /// `add`'s source: `activity` is required.
        case added
        /// An inline `to`: created with zero activity, so `activity` is not allowed.
        case substitutionTarget
    }

    static var fixedKeys: [String] { InventoryFormat.fixedSourceColumns }

    /// Every key a source row understands, for suggestions.
    static var knownKeys: [String] { InventoryFormat.sourceColumnNames }

    static func read(
        _ node: YAMLNode, _ role: Role, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> SourceRow? {
        let what =
            role == .added
            ? LocalizedText(en: "the added source", zh: "新增排放源")
            : LocalizedText(en: "the substitution target", zh: "替代目标")
        guard case let .mapping(pairs) = node.content else {
            document.error(
                at: node.location, en: "\(what.en) must be a mapping, got \(node.kindName.en)",
                zh: "\(what.zh)应为映射（键: 值），实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        let errorsBefore = diagnostics.errorCount
        var fields: [String: YAMLPair] = [:]
        // Per pollutant: its emission, factor and efficiency entries.
        var emission: [Pollutant: YAMLPair] = [:]
        var factor: [Pollutant: YAMLPair] = [:]
        var efficiency: [Pollutant: YAMLPair] = [:]
        for pair in pairs {
            let key = pair.key
            if fixedKeys.contains(key) {
                if key == "activity" && role == .substitutionTarget {
                    document.error(
                        at: pair.keyLocation,
                        en: "an inline substitution target starts with zero activity: remove 'activity'",
                        zh: "内联替代目标的活动水平从零开始：请删除 'activity'", &diagnostics)
                    continue
                }
                fields[key] = pair
            } else if let p = Pollutant(id: key) {
                emission[p] = pair
            } else if key.hasSuffix(".eff"), let p = Pollutant(id: String(key.dropLast(4))) {
                efficiency[p] = pair
            } else if key.hasSuffix(".ef"), let p = Pollutant(id: String(key.dropLast(3))) {
                factor[p] = pair
            } else {
                let caseOnly = knownKeys.contains { $0.lowercased() == key.lowercased() }
                document.error(
                    at: pair.keyLocation,
                    en: "unknown key '\(key)' in \(what.en)" + (caseOnly ? " (pollutant ids are case-sensitive)" : ""),
                    zh: "\(what.zh)中有未知的键 '\(key)'" + (caseOnly ? "（污染物代码区分大小写）" : ""),
                    suggestion: Suggestion.nearest(to: key, among: knownKeys), &diagnostics)
            }
        }
        let recognised: (String) -> Bool = { key in
            fields[key] != nil || key == "activity" || SourceRowReader.knownKeys.contains(key)
        }
        for key in ["id", "sector"] + (role == .added ? ["activity"] : [])
        where fields[key] == nil && !document.misspells(node, [key], known: recognised) {
            document.error(
                at: node.location, en: "\(what.en) is missing the required key '\(key)'",
                zh: "\(what.zh)缺少必需的键 '\(key)'", &diagnostics)
        }

        let id = fields["id"].flatMap {
            document.identifier($0.value, "id", LocalizedText(en: "source id", zh: "排放源 id"), &diagnostics)
        }
        let sector = fields["sector"].flatMap { document.sector($0.value, "sector", &diagnostics) }
        let name = fields["name"].flatMap { document.string($0.value, "name", &diagnostics) }
        let county = fields["county"].flatMap { document.string($0.value, "county", &diagnostics)?.trimmingSpaces }
        let unit = fields["activity_unit"].flatMap { document.string($0.value, "activity_unit", &diagnostics) }
        let activity =
            fields["activity"].flatMap { document.number($0.value, "activity", in: .nonNegative, &diagnostics) } ?? 0
        let energy = fields["energy_tce"].flatMap {
            document.number($0.value, "energy_tce", in: .nonNegative, &diagnostics)
        }
        var fossil = fields["fossil"].flatMap { document.bool($0.value, "fossil", &diagnostics) }
        if let pair = fields["fossil"], energy == nil, fields["energy_tce"] == nil {
            document.warning(
                at: pair.keyLocation, en: "'fossil' is ignored without 'energy_tce'",
                zh: "没有 'energy_tce' 时，'fossil' 将被忽略", &diagnostics)
            fossil = nil
        } else if energy != nil, fossil == nil {
            fossil = true  // Docs/reference/inventory.md: default true when energy_tce is given
        }

        var pollutants: [Pollutant: (intensity: Double, efficiency: Double)] = [:]
        var bare = Set<Pollutant>()
        for p in Pollutant.allCases {
            let e = emission[p]
            let f = factor[p]
            let eff = efficiency[p]
            if e == nil && f == nil {
                if let eff {
                    document.warning(
                        at: eff.keyLocation,
                        en: "'\(p.id).eff' has no '\(p.id)' or '\(p.id).ef' beside it and is ignored",
                        zh: "'\(p.id).eff' 没有对应的 '\(p.id)' 或 '\(p.id).ef'，将被忽略", &diagnostics)
                }
                continue
            }
            var eta = 0.0
            if let eff {
                guard let value = document.number(eff.value, ValueName("\(p.id).eff"), in: .belowOne, &diagnostics)
                else { continue }
                eta = value
            }
            if e != nil, let f {
                document.error(
                    at: f.keyLocation,
                    en: "both \(p.id) and \(p.id).ef are given for this source; give one of them",
                    zh: "该排放源同时给出了 \(p.id) 和 \(p.id).ef，只能给出其中之一", &diagnostics)
            } else if let f {
                if let ef = document.number(f.value, ValueName("\(p.id).ef"), in: .nonNegative, &diagnostics) {
                    pollutants[p] = (SourceRowRules.intensity(factor: ef), eta)
                }
            } else if let e, let e0 = document.mass(e.value, ValueName("\(p.id)"), &diagnostics) {
                // k = E0 / (A0 · (1 − η0)), with E0 in t.
                if e0 == 0 {
                    pollutants[p] = (0, eta)
                } else if role == .substitutionTarget {
                    document.error(
                        at: e.keyLocation,
                        en:
                            "\(p.id) emissions cannot be given for an inline substitution target, which starts with zero activity: give \(p.id).ef (kg per activity unit) instead",
                        zh: "内联替代目标的活动水平从零开始，不能给出 \(p.id) 排放量：请改用 \(p.id).ef（每单位活动水平的排放量，千克）",
                        &diagnostics)
                } else if activity == 0 {
                    if fields["activity"] != nil {
                        document.error(
                            at: e.value.location,
                            en:
                                "\(p.id) emissions are \(document.written(e.value)) but activity is 0; a source with emissions needs activity > 0",
                            zh: "\(p.id) 排放量为 \(document.written(e.value))，但活动水平为 0；有排放的排放源活动水平必须大于 0",
                            &diagnostics)
                    }
                } else if case let .success(k) = SourceRowRules.intensity(
                    emission: e0, activity: activity, efficiency: eta)
                {
                    pollutants[p] = (k, eta)
                    // A bare number is in the inventory's emission_unit, as in sources.csv.
                    if case let .scalar(text, isPlain) = e.value.content, isPlain,
                        case .value = DecimalNumber.parse(text)
                    {
                        bare.insert(p)
                    }
                }
            }
            // E0 = A0 · k · (1 − η0) must be a number the model can carry.
            if let (k, eta) = pollutants[p], let field = f ?? e, !Bounds.holds(activity * k * (1 - eta), Bounds.tonnes)
            {
                let e0 = activity * k * (1 - eta)
                let shown = Bounds.shown(e0)
                document.error(
                    at: field.value.location,
                    en:
                        "\(p.id) of this source would be \(shown) t/a (activity × factor), more than \(Bounds.text(Bounds.tonnes)) t/a: check the units of activity and \(p.id).ef (kg per activity unit)",
                    zh:
                        "该排放源的 \(p.id) 将为 \(shown) 吨/年（活动水平 × 排放因子），超过 \(Bounds.text(Bounds.tonnes)) 吨/年：请检查活动水平和 \(p.id).ef（千克/单位活动水平）的单位",
                    &diagnostics)
            }
        }

        guard diagnostics.errorCount == errorsBefore, let id, let sector else { return nil }
        var row = SourceRow(
            id: id, name: name, sector: sector, county: county,
            activity: role == .added ? activity : 0, activityUnit: unit,
            energyPerActivity: energy, isFossil: fossil, pollutants: pollutants, location: node.location)
        row.bareEmissions = bare
        return row
    }
}
