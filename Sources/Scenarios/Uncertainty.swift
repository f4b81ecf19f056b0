import Diagnostics
import EmissionInventory
import FileFormats
import FormatSchema
import Foundation

/// An uncertain input (Docs/reference/uncertainty.md): a positive multiplier X with a
/// distribution, on the emission factors or the activity of a selection, on the level of a
/// measure, or on the change a driver makes.
public struct UncertainFactor: Sendable {
    public enum Subject: Sendable, Equatable {
        /// `of: ef`: X multiplies k of the listed pollutants (nil: every pollutant).
        case emissionFactor(Selector, pollutants: [Pollutant]?)
        /// `of: activity`: X multiplies A0.
        case activity(Selector)
        /// `of: level`: X (≤ 1) multiplies the measure's phase-in φ.
        case level(measure: String)
        /// `of: growth`: a rate r becomes r·X, an index value v becomes 1 + X·(v − 1), for
        /// the drivers with this very selector (or macro series).
        case growth(Driver.Subject)
    }

    public enum Distribution: String, Sendable, CaseIterable {
        case lognormal, normal, uniform, triangular
    }

    public var id: String
    public var title: String?
    public var subject: Subject
    /// The range of X − 1: for `lognormal` and `normal` its 2.5 % and 97.5 % points, for
    /// `uniform` and `triangular` the whole support.
    public var lower: Double
    public var upper: Double
    public var distribution: Distribution
    /// One draw for the whole selection (true) or one per source (false).
    public var isCorrelated: Bool
    public var location: SourceLocation?
    /// Where the measure or macro series is named (for messages about it).
    public var subjectLocation: SourceLocation?

    public init(
        id: String, title: String? = nil, subject: Subject, lower: Double, upper: Double,
        distribution: Distribution = .lognormal, isCorrelated: Bool = true, location: SourceLocation? = nil,
        subjectLocation: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.subject = subject
        self.lower = lower
        self.upper = upper
        self.distribution = distribution
        self.isCorrelated = isCorrelated
        self.location = location
        self.subjectLocation = subjectLocation
    }

    /// `ef`, `activity`, `level` or `growth`: the value of `of:`.
    public var kindName: String {
        switch subject {
        case .emissionFactor: "ef"
        case .activity: "activity"
        case .level: "level"
        case .growth: "growth"
        }
    }

    /// Whether the range is zero-width: X = 1 in every draw.
    public var isCertain: Bool { lower == 0 && upper == 0 }
}

/// A correlation between two factors' standard normal draws.
public struct FactorCorrelation: Sendable {
    public var first: String
    public var second: String
    public var r: Double
    public var location: SourceLocation?
    /// Where each of the two ids is written.
    public var idLocations: [SourceLocation?]

    public init(first: String, second: String, r: Double, location: SourceLocation? = nil) {
        self.first = first
        self.second = second
        self.r = r
        self.location = location
        idLocations = [location, location]
    }

    /// The pair, order-independent.
    var pair: Set<String> { [first, second] }
}

/// The factors and correlations of a scenario (or an inventory).
public struct UncertaintySpec: Sendable {
    public var factors: [UncertainFactor] = []
    public var correlations: [FactorCorrelation] = []

    public init(factors: [UncertainFactor] = [], correlations: [FactorCorrelation] = []) {
        self.factors = factors
        self.correlations = correlations
    }

    public var isEmpty: Bool { factors.isEmpty }

    /// `other` on top of this one, as a child scenario's list on its parent's: a factor with
    /// an id already here replaces it in place, others are appended; the same for the
    /// correlation of a pair.
    public func merging(_ other: UncertaintySpec) -> UncertaintySpec {
        var result = self
        for factor in other.factors {
            if let i = result.factors.firstIndex(where: { $0.id == factor.id }) {
                result.factors[i] = factor
            } else {
                result.factors.append(factor)
            }
        }
        for correlation in other.correlations {
            if let i = result.correlations.firstIndex(where: { $0.pair == correlation.pair }) {
                result.correlations[i] = correlation
            } else {
                result.correlations.append(correlation)
            }
        }
        return result
    }
}

private func t(_ en: String, _ zh: String) -> LocalizedText { LocalizedText(en: en, zh: zh) }

/// The registry entries of `uncertainty:` and `correlation:` (in a scenario file or in
/// `inventory.yaml`).
public enum UncertaintyFormat {
    public static let factor = RecordSpec(
        name: "uncertainty",
        title: t("Uncertain factors (uncertainty)", "不确定性因子（uncertainty）"),
        summary: t(
            "Each entry is a positive multiplier X with a distribution. In inventory.yaml the factors hold for every scenario on the inventory; a scenario's list is inherited like drivers (a child's entries are appended, one with an existing id replaces it). The deterministic projection is X = 1 everywhere.",
            "每一项是一个带概率分布的正乘数 X。写在 inventory.yaml 中的因子适用于基于该清单的所有情景；情景中的列表按驱动因子的方式继承（子情景的条目追加在后，id 相同的条目替换父情景的条目）。确定性预测即所有 X = 1。"
        ),
        fields: [
            FieldSpec("id", .identifier, .required, zh: "因子 id", en: "the factor's id"),
            FieldSpec("title", .text, zh: "标题", en: "a title"),
            FieldSpec(
                "of", .text, .required,
                zh: "乘在什么上：ef（所列污染物的排放强度 k）、activity（基准年活动水平 A0）、level（措施的实施进度 φ）、growth（驱动因子的变化）",
                en:
                    "what X multiplies: ef (k of the listed pollutants), activity (base-year activity A0), level (a measure's phase-in φ), growth (a driver's change)"
            ),
            FieldSpec(
                "select", .selector,
                zh: "of: ef 和 activity 必需：哪些排放源；of: growth 时指选择器与之完全相同的驱动因子",
                en:
                    "required for of: ef and activity: which sources; for of: growth, the drivers whose selector is this very mapping"
            ),
            FieldSpec(
                "pollutants", .list, default: t("every pollutant", "全部污染物"),
                zh: "仅用于 of: ef：乘以 X 的污染物", en: "of: ef only: the pollutants whose k is multiplied"),
            FieldSpec("measure", .identifier, zh: "of: level 必需：措施 id", en: "required for of: level: the measure's id"),
            FieldSpec(
                "macro", .identifier, zh: "of: growth：改为作用于该宏观序列（如 gdp）的驱动因子",
                en: "of: growth: the drivers of this macro series (such as gdp) instead"),
            FieldSpec(
                "range", .list, .required,
                zh:
                    "[L, U]：X − 1 的区间。lognormal 和 normal 为 2.5 % 与 97.5 % 分位点（即 X 的 95 % 区间为 [1+L, 1+U]）；uniform 和 triangular 为全部取值范围。L ≤ U，L > −1（uniform、triangular、normal 允许 L = −1），U ≤ 99；triangular 须 L ≤ 0 ≤ U；of: level 须在 [−1, 0] 内",
                en:
                    "[L, U], the range of X − 1: the 2.5 % and 97.5 % points for lognormal and normal (X's 95 % interval is [1+L, 1+U]); the whole support for uniform and triangular. L ≤ U, L > −1 (L = −1 allowed for uniform, triangular and normal), U ≤ 99; triangular needs L ≤ 0 ≤ U; of: level needs it within [−1, 0]"
            ),
            FieldSpec(
                "distribution", .text, default: t("lognormal", "lognormal"),
                zh: "lognormal、normal、uniform 或 triangular（众数为 1）",
                en: "lognormal, normal, uniform or triangular (mode 1)"),
            FieldSpec(
                "correlated", .bool, default: t("true", "true"),
                zh: "true：整个选择只抽一次；false：每个排放源各抽一次（仅 of: ef 和 activity）",
                en: "true: one draw for the whole selection; false: one per source (of: ef and activity only)"),
            FieldSpec("note", .text, zh: "备注（如数据来源）", en: "a note (such as the source of the range)"),
        ],
        example: Example(
            .yaml,
            """
            uncertainty:
              - id: ef-household-coal
                select: {sector: residential/heating/coal}
                of: ef
                pollutants: [SO2, NOx, PM]
                range: [-0.30, 0.50]
              - {id: ule-effect, of: level, measure: ule-cement, range: [-0.2, 0], distribution: uniform}
              - {id: gdp-growth, of: growth, macro: gdp, range: [-0.3, 0.3], distribution: normal}
            """))

    public static let correlation = RecordSpec(
        name: "correlation",
        title: t("Correlations between factors (correlation)", "因子间的相关（correlation）"),
        summary: t(
            "Correlations of the factors' standard normal draws, applied through the Cholesky factor of the correlation matrix; the matrix must be positive definite. Only factors with correlated: true may be correlated.",
            "因子的标准正态抽样之间的相关系数，通过相关矩阵的 Cholesky 分解施加；该矩阵必须正定。只有 correlated: true 的因子可以相关。"),
        fields: [
            FieldSpec("between", .list, .required, zh: "两个因子 id", en: "two factor ids"),
            FieldSpec("r", .number, .required, range: .signedFraction, zh: "相关系数", en: "the correlation"),
        ],
        example: Example(
            .yaml,
            """
            correlation:
              - {between: [ef-household-coal, ef-boilers], r: 0.6}
            """))

    public static var records: [RecordSpec] { [factor, correlation] }

    /// The largest U of a range: X up to 100 times its value is "an order of magnitude" twice.
    public static let largestUpper = 99.0
}

/// Reads `uncertainty:` and `correlation:`; whether selectors match, measures and macro
/// series exist and the correlation matrix is positive definite is checked later, against
/// the scenario and its inventory.
public enum UncertaintyReader {
    /// Reads the two lists (either may be nil). Entries with mistakes are reported and left out.
    public static func read(
        factors node: YAMLNode?, correlations correlationNode: YAMLNode?, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> UncertaintySpec {
        var spec = UncertaintySpec()
        if let node, let items = document.list(node, "uncertainty", &diagnostics) {
            var seen: [String: SourceLocation] = [:]
            for item in items {
                guard let factor = readFactor(item, document, &diagnostics) else { continue }
                if seen[factor.id] != nil {
                    document.error(
                        at: item.location, en: "the factor id '\(factor.id)' is used twice in this file",
                        zh: "因子 id '\(factor.id)' 在本文件中重复", &diagnostics)
                    continue
                }
                seen[factor.id] = item.location
                spec.factors.append(factor)
            }
        }
        if let correlationNode, let items = document.list(correlationNode, "correlation", &diagnostics) {
            for item in items {
                guard let correlation = readCorrelation(item, document, &diagnostics) else { continue }
                if spec.correlations.contains(where: { $0.pair == correlation.pair }) {
                    document.error(
                        at: item.location,
                        en: "the correlation of '\(correlation.first)' and '\(correlation.second)' is given twice",
                        zh: "'\(correlation.first)' 与 '\(correlation.second)' 的相关系数重复给出", &diagnostics)
                    continue
                }
                spec.correlations.append(correlation)
            }
        }
        return spec
    }

    private static func readFactor(
        _ node: YAMLNode, _ document: YAMLDocument, _ diagnostics: inout DiagnosticList
    ) -> UncertainFactor? {
        let spec = UncertaintyFormat.factor
        let what = LocalizedText(en: "an uncertain factor", zh: "不确定性因子")
        guard
            let fields = document.mapping(
                node, what, allowed: spec.keys, required: spec.requiredKeys, &diagnostics)
        else { return nil }
        let errorsBefore = diagnostics.errorCount
        let id = fields["id"].flatMap {
            document.identifier($0.value, "id", LocalizedText(en: "factor id", zh: "因子 id"), &diagnostics)
        }
        let named = LocalizedText(en: "factor '\(id ?? "?")'", zh: "因子 '\(id ?? "?")'")
        let title = fields["title"].flatMap { document.string($0.value, "title", &diagnostics) }
        _ = fields["note"].flatMap { document.text($0.value, "note", &diagnostics) }

        // What it multiplies, and the keys that go with it.
        let kinds = ["ef", "activity", "level", "growth"]
        var kind: String?
        if let pair = fields["of"], let written = document.string(pair.value, "of", &diagnostics)?.trimmingSpaces {
            if kinds.contains(written) {
                kind = written
            } else {
                document.error(
                    at: pair.value.location,
                    en: "'of' must be ef, activity, level or growth, got '\(written)'",
                    zh: "'of' 应为 ef、activity、level 或 growth，实际为 '\(written)'",
                    suggestion: Suggestion.nearest(to: written, among: kinds), &diagnostics)
            }
        }
        let applies: [String: [String]] = [
            "select": ["ef", "activity", "growth"], "pollutants": ["ef"], "measure": ["level"], "macro": ["growth"],
        ]
        if let kind {
            for (key, kinds) in applies.sorted(by: { $0.key < $1.key }) where !kinds.contains(kind) {
                if let pair = fields[key] {
                    document.error(
                        at: pair.keyLocation,
                        en: "'\(key)' does not apply to of: \(kind) (it is for of: \(kinds.joined(separator: ", ")))",
                        zh: "'\(key)' 不适用于 of: \(kind)（仅用于 of: \(kinds.joined(separator: "、"))）", &diagnostics)
                }
            }
        }
        var selector: Selector?
        if let pair = fields["select"] { selector = SelectorReader.read(pair.value, document, &diagnostics) }
        var pollutants: [Pollutant]?
        if let pair = fields["pollutants"], let items = document.list(pair.value, "pollutants", &diagnostics) {
            if items.isEmpty {
                document.error(
                    at: pair.value.location, en: "'pollutants' must not be an empty list",
                    zh: "'pollutants' 不能为空列表", &diagnostics)
            }
            var list: [Pollutant] = []
            for item in items {
                guard let name = document.string(item, "pollutants", &diagnostics)?.trimmingSpaces,
                    let p = document.pollutant(name, at: item.location, &diagnostics)
                else { continue }
                if list.contains(p) {
                    document.error(
                        at: item.location, en: "pollutant \(p.id) is listed twice", zh: "污染物 \(p.id) 重复列出",
                        &diagnostics)
                } else {
                    list.append(p)
                }
            }
            pollutants = list
        }
        var subject: UncertainFactor.Subject?
        var subjectLocation: SourceLocation?
        switch kind {
        case "ef", "activity":
            if fields["select"] == nil {
                document.error(
                    at: node.location, en: "\(named.en) (of: \(kind!)) needs 'select': which sources",
                    zh: "\(named.zh)（of: \(kind!)）需要 'select'：哪些排放源", &diagnostics)
            } else if let selector {
                subject = kind == "ef" ? .emissionFactor(selector, pollutants: pollutants) : .activity(selector)
            }
        case "level":
            if let pair = fields["measure"] {
                subjectLocation = pair.value.location
                subject = document.identifier(
                    pair.value, "measure", LocalizedText(en: "measure id", zh: "措施 id"), &diagnostics
                ).map { .level(measure: $0) }
            } else {
                document.error(
                    at: node.location, en: "\(named.en) (of: level) needs 'measure': the measure's id",
                    zh: "\(named.zh)（of: level）需要 'measure'：措施 id", &diagnostics)
            }
        case "growth":
            let pair = document.oneOf(
                ["select", "macro"], in: fields, what: named,
                missing: LocalizedText(
                    en: "'select' (the drivers with this selector) or 'macro' (the drivers of a macro series)",
                    zh: "'select'（选择器与之相同的驱动因子）或 'macro'（宏观序列的驱动因子）"), at: node, &diagnostics)
            if let pair {
                subjectLocation = pair.value.location
                if pair.key == "select" {
                    subject = selector.map { .growth(.sources($0)) }
                } else if let name = document.string(pair.value, "macro", &diagnostics)?.trimmingSpaces {
                    subject = .growth(.macro(name))
                }
            }
        default:
            break
        }

        var distribution = UncertainFactor.Distribution.lognormal
        if let pair = fields["distribution"],
            let written = document.string(pair.value, "distribution", &diagnostics)?.trimmingSpaces
        {
            if let value = UncertainFactor.Distribution(rawValue: written) {
                distribution = value
            } else {
                let names = UncertainFactor.Distribution.allCases.map(\.rawValue)
                document.error(
                    at: pair.value.location,
                    en: "'distribution' must be one of \(names.joined(separator: ", ")), got '\(written)'",
                    zh: "'distribution' 应为 \(names.joined(separator: "、")) 之一，实际为 '\(written)'",
                    suggestion: Suggestion.nearest(to: written, among: names), &diagnostics)
            }
        }
        var correlated = true
        if let pair = fields["correlated"], let value = document.bool(pair.value, "correlated", &diagnostics) {
            correlated = value
            if !value, kind == "level" || kind == "growth" {
                document.error(
                    at: pair.value.location,
                    en: "correlated: false (one draw per source) applies only to of: ef and activity",
                    zh: "correlated: false（每个排放源各抽一次）仅适用于 of: ef 和 activity", &diagnostics)
            }
        }
        var range: (Double, Double)?
        if let pair = fields["range"] {
            range = readRange(pair.value, document, distribution: distribution, kind: kind, &diagnostics)
        }
        guard diagnostics.errorCount == errorsBefore, let id, let subject, let range else { return nil }
        return UncertainFactor(
            id: id, title: title, subject: subject, lower: range.0, upper: range.1, distribution: distribution,
            isCorrelated: correlated, location: node.location, subjectLocation: subjectLocation)
    }

    /// `[L, U]` within the domain of its distribution and kind.
    private static func readRange(
        _ node: YAMLNode, _ document: YAMLDocument, distribution: UncertainFactor.Distribution, kind: String?,
        _ diagnostics: inout DiagnosticList
    ) -> (Double, Double)? {
        guard let items = document.list(node, "range", &diagnostics) else { return nil }
        guard items.count == 2 else {
            document.error(
                at: node.location, en: "'range' must be two numbers [L, U], got \(items.count)",
                zh: "'range' 应为两个数 [L, U]，实际为 \(items.count) 个", &diagnostics)
            return nil
        }
        guard let lower = document.number(items[0], "range", &diagnostics),
            let upper = document.number(items[1], "range", &diagnostics)
        else { return nil }
        func fail(_ en: String, _ zh: String) -> (Double, Double)? {
            document.error(
                at: node.location,
                en: "'range' [\(DecimalNumber.format(lower)), \(DecimalNumber.format(upper))]: \(en)",
                zh: "'range' [\(DecimalNumber.format(lower)), \(DecimalNumber.format(upper))]：\(zh)", &diagnostics)
            return nil
        }
        if lower > upper { return fail("L must not exceed U", "L 不能大于 U") }
        if lower < -1 { return fail("L must be at least −1 (X is never negative)", "L 不能小于 −1（X 不能为负）") }
        if lower == -1 && distribution == .lognormal {
            return fail("a lognormal X cannot be 0: L must be greater than −1", "对数正态分布的 X 不能为 0：L 应大于 −1")
        }
        if upper > UncertaintyFormat.largestUpper {
            return fail(
                "U must be at most \(DecimalNumber.format(UncertaintyFormat.largestUpper)) (X up to 100 times its value)",
                "U 不能超过 \(DecimalNumber.format(UncertaintyFormat.largestUpper))（X 至多为原值的 100 倍）")
        }
        if distribution == .triangular && !(lower <= 0 && upper >= 0) {
            return fail(
                "a triangular X has its mode at 1, so L ≤ 0 ≤ U", "三角分布的众数为 1，因此须 L ≤ 0 ≤ U")
        }
        if kind == "level" && !(lower >= -1 && upper <= 0) {
            return fail(
                "a level factor never raises a measure above its full effect: the range must be within [−1, 0]",
                "措施力度因子不能使措施超过其全部效果：区间应在 [−1, 0] 内")
        }
        return (lower, upper)
    }

    private static func readCorrelation(
        _ node: YAMLNode, _ document: YAMLDocument, _ diagnostics: inout DiagnosticList
    ) -> FactorCorrelation? {
        let spec = UncertaintyFormat.correlation
        let what = LocalizedText(en: "a correlation", zh: "相关系数条目")
        guard
            let fields = document.mapping(
                node, what, allowed: spec.keys, required: spec.requiredKeys, &diagnostics),
            let between = fields["between"], let rPair = fields["r"]
        else { return nil }
        let errorsBefore = diagnostics.errorCount
        var ids: [(String, SourceLocation)] = []
        if let items = document.list(between.value, "between", &diagnostics) {
            if items.count != 2 {
                document.error(
                    at: between.value.location, en: "'between' must name two factors, got \(items.count)",
                    zh: "'between' 应列出两个因子，实际为 \(items.count) 个", &diagnostics)
            } else {
                for item in items {
                    if let id = document.identifier(
                        item, "between", LocalizedText(en: "factor id", zh: "因子 id"), &diagnostics)
                    {
                        ids.append((id, item.location))
                    }
                }
                if ids.count == 2, ids[0].0 == ids[1].0 {
                    document.error(
                        at: between.value.location, en: "a factor is not correlated with itself: name two factors",
                        zh: "因子不能与自身相关：请列出两个不同的因子", &diagnostics)
                }
            }
        }
        let r = document.number(rPair.value, "r", in: spec.range("r"), &diagnostics)
        guard diagnostics.errorCount == errorsBefore, ids.count == 2, let r else { return nil }
        var correlation = FactorCorrelation(first: ids[0].0, second: ids[1].0, r: r, location: node.location)
        correlation.idLocations = [ids[0].1, ids[1].1]
        return correlation
    }
}
