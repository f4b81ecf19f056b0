import Diagnostics

/// An interval a number read from an input file must lie in, and how to say so.
public enum ValueRange: Sendable, Hashable {
    /// ≥ 0
    case nonNegative
    /// > 0
    case positive
    /// > −1 (a growth rate)
    case aboveMinusOne
    /// (0, 1] (a share, a coverage)
    case share
    /// [0, 1) (an efficiency, a discount rate)
    case belowOne
    /// [0, 1]
    case unit
    /// (−1, 1) (a fractional reduction; negative allows growth)
    case signedFraction

    public func contains(_ value: Double) -> Bool {
        switch self {
        case .nonNegative: value >= 0
        case .positive: value > 0
        case .aboveMinusOne: value > -1
        case .share: value > 0 && value <= 1
        case .belowOne: value >= 0 && value < 1
        case .unit: value >= 0 && value <= 1
        case .signedFraction: value > -1 && value < 1
        }
    }

    /// The rule as a predicate for messages ("must be in (0, 1]").
    public var text: LocalizedText {
        switch self {
        case .nonNegative: LocalizedText(en: "must not be negative", zh: "不能为负数")
        case .positive: LocalizedText(en: "must be greater than 0", zh: "应大于 0")
        case .aboveMinusOne: LocalizedText(en: "must be greater than -1", zh: "应大于 -1")
        case .share: LocalizedText(en: "must be in (0, 1]", zh: "应在 (0, 1] 区间内")
        case .belowOne: LocalizedText(en: "must be in [0, 1)", zh: "应在 [0, 1) 区间内")
        case .unit: LocalizedText(en: "must be in [0, 1]", zh: "应在 [0, 1] 区间内")
        case .signedFraction: LocalizedText(en: "must be in (-1, 1)", zh: "应在 (-1, 1) 区间内")
        }
    }

    /// The interval alone, for reference tables (`(0, 1]`, `≥ 0`).
    public var notation: String {
        switch self {
        case .nonNegative: "≥ 0"
        case .positive: "> 0"
        case .aboveMinusOne: "> −1"
        case .share: "(0, 1]"
        case .belowOne: "[0, 1)"
        case .unit: "[0, 1]"
        case .signedFraction: "(−1, 1)"
        }
    }
}

/// What kind of value a field holds.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case text, identifier, sector, path, year, integer, number, mass, money, bool, list, mapping
    case pollutantMap = "pollutant-map"
    case selector
    case sourceRow = "source-row"
    case pollutant

    /// How the type is named in the reference.
    public var name: LocalizedText {
        switch self {
        case .text: LocalizedText(en: "text", zh: "文本")
        case .identifier: LocalizedText(en: "id", zh: "标识符")
        case .sector: LocalizedText(en: "sector path", zh: "行业路径")
        case .path: LocalizedText(en: "file path", zh: "文件路径")
        case .year: LocalizedText(en: "year", zh: "年份")
        case .integer: LocalizedText(en: "integer", zh: "整数")
        case .number: LocalizedText(en: "number", zh: "数值")
        case .mass: LocalizedText(en: "mass", zh: "质量")
        case .money: LocalizedText(en: "money", zh: "金额")
        case .bool: LocalizedText(en: "true/false", zh: "布尔值")
        case .list: LocalizedText(en: "list", zh: "列表")
        case .mapping: LocalizedText(en: "mapping", zh: "映射")
        case .pollutantMap: LocalizedText(en: "pollutant → value", zh: "污染物 → 数值")
        case .selector: LocalizedText(en: "selector", zh: "选择器")
        case .sourceRow: LocalizedText(en: "source row", zh: "排放源行")
        case .pollutant: LocalizedText(en: "pollutant id", zh: "污染物代码")
        }
    }
}

/// Whether a field must be written.
public enum Requirement: Sendable, Hashable {
    case required
    case optional
    /// Required, but a child scenario may inherit it from its parent.
    case requiredUnlessInherited
    /// Exactly one field of the named group must be given.
    case oneOf(String)
    /// At least one field of the named group must be given (several may be).
    case anyOf(String)

    public var name: LocalizedText {
        switch self {
        case .required: LocalizedText(en: "required", zh: "必需")
        case .optional: LocalizedText(en: "optional", zh: "可选")
        case .requiredUnlessInherited: LocalizedText(en: "required unless inherited", zh: "必需（可从父情景继承）")
        case .oneOf: LocalizedText(en: "exactly one of the group", zh: "组内恰选其一")
        case .anyOf: LocalizedText(en: "at least one of the group", zh: "组内至少其一")
        }
    }
}

/// One key of a mapping (or one column of a table) and what it may hold.
public struct FieldSpec: Sendable, Hashable {
    public var key: String
    public var type: FieldType
    public var unit: LocalizedText?
    public var range: ValueRange?
    public var defaultValue: LocalizedText?
    public var requirement: Requirement
    public var description: LocalizedText
    /// A family of keys (`<P>.ef`, one per pollutant) rather than one key.
    public var isPattern: Bool

    public init(
        _ key: String, _ type: FieldType, _ requirement: Requirement = .optional,
        unit: LocalizedText? = nil, range: ValueRange? = nil, default defaultValue: LocalizedText? = nil,
        isPattern: Bool = false, zh: String, en: String
    ) {
        self.key = key
        self.type = type
        self.unit = unit
        self.range = range
        self.defaultValue = defaultValue
        self.requirement = requirement
        self.description = LocalizedText(en: en, zh: zh)
        self.isPattern = isPattern
    }
}

/// A worked example of a record, as a user would write it.
public struct Example: Sendable, Hashable {
    public enum Syntax: String, Sendable { case yaml, csv }
    public var syntax: Syntax
    public var text: String

    public init(_ syntax: Syntax, _ text: String) {
        self.syntax = syntax
        self.text = text
    }
}

/// A mapping (or table) of the file formats: its fields and how it reads.
public struct RecordSpec: Sendable, Hashable {
    public var name: String
    public var title: LocalizedText
    public var summary: LocalizedText
    public var fields: [FieldSpec]
    public var example: Example?

    public init(
        name: String, title: LocalizedText, summary: LocalizedText, fields: [FieldSpec],
        example: Example? = nil
    ) {
        self.name = name
        self.title = title
        self.summary = summary
        self.fields = fields
        self.example = example
    }

    /// The keys in their written order (patterns excluded).
    public var keys: [String] { fields.filter { !$0.isPattern }.map(\.key) }

    /// The keys that must always be given, in order.
    public var requiredKeys: [String] { fields.filter { $0.requirement == .required && !$0.isPattern }.map(\.key) }

    /// The keys of a `oneOf`/`anyOf` group, in order.
    public func group(_ name: String) -> [String] {
        fields.filter { $0.requirement == .oneOf(name) || $0.requirement == .anyOf(name) }.map(\.key)
    }

    public subscript(key: String) -> FieldSpec? { fields.first { $0.key == key } }

    /// The range of a numeric field; a field without one is a mistake in the registry.
    public func range(_ key: String) -> ValueRange {
        guard let range = self[key]?.range else { preconditionFailure("\(name).\(key) has no range in the registry") }
        return range
    }
}
