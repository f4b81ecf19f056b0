import Diagnostics
import FormatSchema

private func t(_ en: String, _ zh: String) -> LocalizedText { LocalizedText(en: en, zh: zh) }

/// The scenario file formats as data. The readers take their keys, required keys, groups
/// and ranges from these entries, and the reference (Docs/reference) is rendered from them.
public enum ScenarioFormat {
    /// A scenario file.
    public static let scenario = RecordSpec(
        name: "scenario",
        title: t("The scenario file", "情景文件"),
        summary: t(
            "One scenario: which inventory, which years, and the drivers, measures and targets on top of it. A scenario may extend another.",
            "一个情景：使用哪份清单、哪些年份，以及在其上叠加的驱动因子、措施和目标。情景可以继承另一个情景。"),
        fields: [
            FieldSpec(
                "scenario", .identifier, default: t("the file name", "文件名"),
                zh: "情景 id", en: "the scenario's id"),
            FieldSpec("title", .text, zh: "情景标题", en: "a title for people"),
            FieldSpec("description", .text, zh: "说明文字", en: "free text"),
            FieldSpec(
                "extends", .path, zh: "父情景文件的路径（相对于本文件）；本文件在其完整结果之上生效",
                en: "path of the parent scenario (relative to this file); this file applies on top of it"),
            FieldSpec(
                "inventory", .path, .requiredUnlessInherited,
                zh: "清单文件或清单文件夹的路径（相对于本文件）", en: "path of the inventory file or folder (relative to this file)"),
            FieldSpec(
                "years", .list, .requiredUnlessInherited,
                zh: "[起始年, 终止年]，含两端；起始年必须等于清单基准年",
                en: "[first, last], both included; the first year must be the inventory's base year"),
            FieldSpec(
                "import", .list,
                zh: "被导入文件的路径列表；其 drivers 和 measures 依次排在本文件自己的之前",
                en: "paths of imported files; their drivers and measures come, in order, before this file's own"),
            FieldSpec("drivers", .list, zh: "驱动因子列表（基准情景的增长）", en: "the drivers (baseline growth)"),
            FieldSpec("measures", .list, zh: "措施列表，按顺序生效", en: "the measures, applied in order"),
            FieldSpec("remove", .list, zh: "要删除的父情景措施 id 列表", en: "ids of parent measures to delete"),
            FieldSpec("targets", .list, zh: "目标列表，或目标文件的路径", en: "the targets, or the path of a targets file"),
            FieldSpec("economics", .mapping, zh: "经济参数（贴现率）", en: "economic settings (the discount rate)"),
            FieldSpec(
                "uncertainty", .list, zh: "不确定性因子列表（用于 emis uncertainty）",
                en: "uncertain factors (for emis uncertainty)"),
            FieldSpec("correlation", .list, zh: "因子间的相关系数", en: "correlations between factors"),
        ],
        example: Example(
            .yaml,
            """
            scenario: plan
            title: 规划情景：落实重点减排措施
            extends: baseline.yaml
            import: [measures/heating.yaml]
            measures:
              - id: ule-power
                title: 燃煤机组超低排放改造
                kind: retrofit
                select: {sector: power/coal}
                efficiency: {SO2: 0.9}
                start: 2021
                full: 2022
            remove: [old-plan]
            targets: targets.yaml
            economics: {discount_rate: 0.05}
            """))

    /// A file named under `import:`.
    public static let imported = RecordSpec(
        name: "import",
        title: t("An imported file", "被导入的文件"),
        summary: t(
            "Holds drivers and measures shared by several scenarios; nothing else.",
            "存放多个情景共用的驱动因子和措施，不能包含其他内容。"),
        fields: [
            FieldSpec("title", .text, zh: "标题", en: "a title"),
            FieldSpec("description", .text, zh: "说明文字", en: "free text"),
            FieldSpec("drivers", .list, zh: "驱动因子列表", en: "drivers"),
            FieldSpec("measures", .list, zh: "措施列表", en: "measures"),
        ],
        example: Example(
            .yaml,
            """
            title: 清洁取暖措施
            measures:
              - id: heat-electric
                kind: substitute
                select: {sector: residential/heating/coal}
                to: e1
                share: 0.5
                ratio: 2
                start: 2021
            """))

    /// A file named by `targets: <path>`.
    public static let targetsFile = RecordSpec(
        name: "targets-file",
        title: t("A targets file", "目标文件"),
        summary: t(
            "Holds the targets of a scenario, so that several scenarios can be judged by the same ones.",
            "存放情景的目标，使多个情景可以用同一组目标评价。"),
        fields: [
            FieldSpec("title", .text, zh: "标题", en: "a title"),
            FieldSpec("description", .text, zh: "说明文字", en: "free text"),
            FieldSpec("targets", .list, .required, zh: "目标列表", en: "the targets"),
        ],
        example: Example(
            .yaml,
            """
            title: 十四五约束性指标
            targets:
              - {id: nox-2025, pollutant: NOx, year: 2025, reduction: 0.1}
            """))

    /// `select:`.
    public static let selector = RecordSpec(
        name: "select",
        title: t("Selectors (select)", "选择器（select）"),
        summary: t(
            "Picks sources. Several keys must all match (AND); the values of a list are alternatives (OR). A selector that matches no source is an error.",
            "选择排放源。多个键须同时满足（与）；列表中的值任一满足即可（或）。不匹配任何排放源的选择器是错误。"),
        fields: [
            FieldSpec(
                "sector", .sector,
                zh: "行业路径或其列表：行业等于它，或以它加 / 开头",
                en: "a sector path or a list: the sector equals it or starts with it and /"),
            FieldSpec("county", .text, zh: "区县或其列表，精确匹配", en: "a county or a list, matched exactly"),
            FieldSpec("ids", .list, zh: "排放源 id 列表；不存在的 id 是错误", en: "a list of source ids; an unknown id is an error"),
        ],
        example: Example(.yaml, "select: {sector: [industry/cement, power/coal], county: 云冈区}"))

    /// One entry of `drivers:`.
    public static let driver = RecordSpec(
        name: "driver",
        title: t("Drivers (drivers)", "驱动因子（drivers）"),
        summary: t(
            "The baseline growth of activity. For each source the last driver whose selector matches it applies; sources no driver matches stay at their base-year activity. A driver with `macro:` projects a macro series instead.",
            "活动水平的基准增长。对每个排放源，最后一个选中它的驱动因子生效；未被选中的排放源保持基准年活动水平。带 `macro:` 的驱动因子改为预测宏观序列。"),
        fields: [
            FieldSpec("select", .selector, .oneOf("subject"), zh: "哪些排放源增长", en: "which sources grow"),
            FieldSpec(
                "macro", .identifier, .oneOf("subject"), zh: "要预测的宏观序列名（如 gdp）",
                en: "the macro series to project (such as gdp)"),
            FieldSpec(
                "rate", .number, .oneOf("growth"), range: .aboveMinusOne,
                zh: "相对基准年的年均复合变化率 r：g(y) = (1 + r)^(y − 基准年)",
                en: "compound annual change r from the base year: g(y) = (1 + r)^(y − base)"),
            FieldSpec(
                "index", .mapping, .oneOf("growth"), range: .positive,
                zh: "年份 → 指数；年份之间线性插值，范围外取端点值；列出基准年时除以基准年的值",
                en:
                    "year → index; linear between the years, flat outside; divided by the base year's value when it is listed"
            ),
            FieldSpec("title", .text, zh: "标题", en: "a title"),
            FieldSpec("note", .text, zh: "备注", en: "a note"),
        ],
        example: Example(
            .yaml,
            """
            drivers:
              - select: {sector: industry/cement}
                rate: -0.02
              - select: {sector: transport}
                index: {2020: 1.0, 2025: 1.18, 2030: 1.30}
              - macro: gdp
                rate: 0.055
            """))

    /// The fields every measure has besides those of its kind.
    public static let measureCommon = RecordSpec(
        name: "measure",
        title: t("Fields of every measure", "所有措施的共同字段"),
        summary: t(
            "Measures act, year by year and in the order of the resolved list, on the state after growth; each acts on what the previous one left.",
            "措施逐年、按合并后列表的顺序作用于增长之后的状态；每项措施作用于前一项留下的结果。"),
        fields: [
            FieldSpec("id", .identifier, .required, zh: "措施 id，在情景内唯一", en: "the measure's id, unique in the scenario"),
            FieldSpec("title", .text, zh: "标题", en: "a title"),
            FieldSpec(
                "kind", .text, .required,
                zh: "措施类型：" + MeasureKindName.allCases.map(\.rawValue).joined(separator: "、") + "（见下文）",
                en: "the kind of measure: " + MeasureKindName.allCases.map(\.rawValue).joined(separator: ", ")
                    + " (see below)"),
            FieldSpec(
                "select", .selector, .required, zh: "措施作用的排放源（add 类除外）",
                en: "the sources the measure acts on (not for add)"),
            FieldSpec(
                "start", .year, default: t("base year + 1", "基准年 + 1"), zh: "开始生效的年份",
                en: "the first year with an effect"),
            FieldSpec("full", .year, default: t("start", "start"), zh: "完全生效的年份", en: "the year of full effect"),
            FieldSpec("category", .text, zh: "分类标签（如碳达峰行动）", en: "a free tag (such as a carbon-peak action)"),
            FieldSpec("note", .text, zh: "备注", en: "a note"),
            FieldSpec("cost", .mapping, zh: "费用（见费用页）", en: "its cost (see the costs page)"),
            FieldSpec(
                "candidate", .bool, default: t("false", "false"),
                zh: "是否作为优化的候选措施", en: "whether the optimiser may choose its level"),
        ])

    /// `intensity:` of a target.
    public static let intensity = RecordSpec(
        name: "intensity",
        title: t("Intensity (intensity)", "强度（intensity）"),
        summary: t(
            "A reduction of emissions (or energy) per unit of a macro series, against the base year.",
            "单位宏观序列的排放量（或能耗）相对基准年的下降率。"),
        fields: [
            FieldSpec(
                "per", .identifier, .required, zh: "清单中的宏观序列名（如 gdp）",
                en: "a macro series of the inventory (such as gdp)"),
            FieldSpec(
                "reduction", .number, .required, range: .signedFraction,
                zh: "强度相对基准年的下降率", en: "the fractional fall of the intensity against the base year"),
        ])

    /// The target kinds: each one key with its meaning.
    public static let targetKinds: [RecordSpec] = [
        RecordSpec(
            name: "reduction", title: t("Reduction", "减排比例"),
            summary: t(
                "The total in the target year is at least this fraction below the base-year total (before any measure).",
                "目标年总量比基准年总量（未施加措施）至少下降该比例。"),
            fields: [
                FieldSpec(
                    "reduction", .number, .oneOf("kind"), range: .signedFraction,
                    zh: "相对基准年的下降比例", en: "fractional reduction against the base year")
            ],
            example: Example(.yaml, "- {id: vocs-2025, pollutant: VOCs, year: 2025, reduction: 0.16}")),
        RecordSpec(
            name: "cap", title: t("Cap", "总量上限"),
            summary: t("The total in the target year is at most this amount.", "目标年总量不超过该值。"),
            fields: [
                FieldSpec(
                    "cap", .mass, .oneOf("kind"), unit: t("t (tce for energy)", "t（能源为 tce）"),
                    zh: "总量上限", en: "the ceiling")
            ],
            example: Example(.yaml, "- {id: nox-cap, pollutant: NOx, year: 2025, cap: \"2.349 万t\"}")),
        RecordSpec(
            name: "project_reduction", title: t("Project reduction", "重点工程减排量"),
            summary: t(
                "The baseline total minus the scenario total in the target year (the sum of the measures' reductions) is at least this amount.",
                "目标年基准情景总量减去本情景总量（即各措施减排量之和）不少于该值。"),
            fields: [
                FieldSpec(
                    "project_reduction", .mass, .oneOf("kind"), unit: t("t (tce for energy)", "t（能源为 tce）"),
                    zh: "要求的减排量", en: "the required cut")
            ],
            example: Example(.yaml, "- {id: nox-proj, pollutant: NOx, year: 2025, project_reduction: 20}")),
        RecordSpec(
            name: "intensity", title: t("Intensity", "强度下降"),
            summary: t(
                "The total per unit of a macro series falls by at least this fraction against the base year.",
                "单位宏观序列的总量相对基准年至少下降该比例。"),
            fields: [
                FieldSpec(
                    "intensity", .mapping, .oneOf("kind"), zh: "{per, reduction}，见下表", en: "{per, reduction}, see below"
                )
            ],
            example: Example(
                .yaml,
                """
                - {id: co2-int, pollutant: CO2, year: 2025, intensity: {per: gdp, reduction: 0.18}}
                - {id: energy-int, metric: energy, year: 2025, intensity: {per: gdp, reduction: 0.145}}
                """)),
    ]

    /// One entry of `targets:`: the common fields, then one key per kind.
    public static let target = RecordSpec(
        name: "target",
        title: t("Targets (targets)", "目标（targets）"),
        summary: t(
            "A condition on a total in one year. Each target is of one kind, named by its key.",
            "对某一年总量的要求。每个目标属于一种类型，由其键名决定。"),
        fields: [
            FieldSpec("id", .identifier, .required, zh: "目标 id，唯一", en: "the target's id, unique"),
            FieldSpec("title", .text, zh: "标题", en: "a title"),
            FieldSpec("note", .text, zh: "备注", en: "a note"),
            FieldSpec("pollutant", .pollutant, .oneOf("metric"), zh: "针对的污染物", en: "the pollutant judged"),
            FieldSpec(
                "metric", .text, .oneOf("metric"), zh: "非排放指标：目前只有 energy（能耗，tce）",
                en: "a metric other than emissions: only energy (energy use, tce)"),
            FieldSpec("year", .year, .required, zh: "目标年，须在情景年份内", en: "the target year, within the scenario's years"),
            FieldSpec(
                "select", .selector, zh: "只统计所选排放源（区县目标、行业目标）",
                en: "count only the selected sources (a county or sector target)"),
        ] + targetKinds.flatMap(\.fields),
        example: Example(
            .yaml,
            "targets:\n"
                + targetKinds.compactMap { $0.example?.text }.joined(separator: "\n")
                .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")))

    /// `cost:` of a measure.
    public static let cost = RecordSpec(
        name: "cost",
        title: t("Cost (cost)", "费用（cost）"),
        summary: t(
            "What a measure costs at full effect: investment, yearly operation and the investment's lifetime.",
            "措施完全生效时的费用：投资、年运行维护费和投资寿命。"),
        fields: [
            FieldSpec(
                "capital", .money, .required, unit: t("元 (or 万元, 亿元)", "元（或 万元、亿元）"),
                zh: "一次性投资", en: "the investment"),
            FieldSpec(
                "om", .money, unit: t("元 per year", "元/年"), default: t("0", "0"),
                zh: "年运行维护费", en: "yearly operation and maintenance"),
            FieldSpec(
                "lifetime", .number, .required, unit: t("years", "年"), range: .positive,
                zh: "投资寿命 n", en: "lifetime n of the investment"),
        ],
        example: Example(.yaml, "cost: {capital: \"3.53 亿元\", om: \"0.2 亿元\", lifetime: 15}"))

    /// `economics:` of a scenario.
    public static let economics = RecordSpec(
        name: "economics",
        title: t("Economics (economics)", "经济参数（economics）"),
        summary: t(
            "Settings for annualising costs; replaced as a whole by a child scenario that gives it.",
            "费用年化的参数；子情景给出时整体替换。"),
        fields: [
            FieldSpec(
                "discount_rate", .number, .required, range: .belowOne,
                default: t("0.05 when economics is absent", "未给出 economics 时为 0.05"),
                zh: "贴现率 i", en: "the discount rate i")
        ],
        example: Example(.yaml, "economics: {discount_rate: 0.05}"))

    /// Every record of the scenario formats (the measure kinds' own specs included), in
    /// reference order.
    public static var records: [RecordSpec] {
        [scenario, imported, targetsFile, selector, driver, measureCommon] + MeasureKindName.allCases.map(\.spec)
            + [target] + targetKinds + [intensity, cost, economics] + UncertaintyFormat.records
    }
}

/// The measure kinds. Adding a kind is one case here (with its spec and effect) and, in the
/// engine, the code of its effect.
public enum MeasureKindName: String, CaseIterable, Sendable {
    case scale, substitute, retrofit, reduction, cap, add

    /// Common keys this kind does not take.
    public var omittedCommonKeys: [String] { self == .add ? ["select"] : [] }

    /// How the kind changes each selected source in a year with phase-in φ.
    public var effect: LocalizedText {
        switch self {
        case .scale:
            t(
                "A ← A · (1 − φ · (1 − f)): activity is scaled towards f times its value.",
                "A ← A · (1 − φ · (1 − f))：活动水平逐步变为原来的 f 倍。")
        case .substitute:
            t(
                "moved = A · s · φ (with amount: Q · φ in total, pro rata to activity, at most all of it); A ← A − moved; the target gains r · moved. Activity moves; emission factors do not change.",
                "转移量 = A · s · φ（用 amount 时总计 Q · φ，按活动水平比例分摊，至多全部转移）；A ← A − 转移量；替代目标增加 r · 转移量。转移的是活动水平，排放因子不变。")
        case .retrofit:
            t(
                "With a = 1 − η: replacement a ← a − φ · c · max(0, η_new − (1 − a)); add-on a ← a · (1 − φ · c · δ).",
                "记 a = 1 − η：替换 a ← a − φ · c · max(0, η_new − (1 − a))；追加 a ← a · (1 − φ · c · δ)。")
        case .reduction:
            t(
                "m ← m · max(0, 1 − φ · R / E_sel), E_sel being the selection's current total; a shortfall (φ · R > E_sel) is a warning.",
                "m ← m · max(0, 1 − φ · R / E_sel)，E_sel 为所选排放源当前总量；不足（φ · R > E_sel）时给出警告。")
        case .cap:
            t(
                "When the selection's total exceeds C, its sources are scaled down pro rata to a total of (1 − φ) · current + φ · min(current, C).",
                "所选排放源总量超过 C 时，按比例压减，使总量为 (1 − φ) · 当前值 + φ · min(当前值, C)。")
        case .add:
            t(
                "A new source whose activity is φ · activity; it grows with the drivers that match it.",
                "新增一个排放源，其活动水平为 φ · activity，并随选中它的驱动因子增长。")
        }
    }

    /// The kind's own fields and an example.
    public var spec: RecordSpec {
        switch self {
        case .scale:
            RecordSpec(
                name: rawValue, title: t("scale: change activity", "scale：调整活动水平"),
                summary: t(
                    "Scales the activity of the selected sources (output cuts, closures).", "按比例调整所选排放源的活动水平（减产、关停）。"),
                fields: [
                    FieldSpec(
                        "factor", .number, .required, range: .nonNegative,
                        zh: "完全生效时活动水平的倍数 f（0 为关停）", en: "multiple f of activity at full effect (0 closes)")
                ],
                example: Example(
                    .yaml,
                    """
                    - id: cement-cut
                      kind: scale
                      select: {sector: industry/cement}
                      factor: 0.8
                      start: 2021
                      full: 2025
                    """))
        case .substitute:
            RecordSpec(
                name: rawValue, title: t("substitute: move activity to another source", "substitute：活动水平转移"),
                summary: t(
                    "Moves activity from the selected sources to a target source (coal to electric heating, road to rail).",
                    "把所选排放源的活动水平转移到替代目标（散煤改电、公转铁）。"),
                fields: [
                    FieldSpec(
                        "to", .sourceRow, .required,
                        zh: "替代目标：已有排放源 id，或内联的排放源行（活动水平从零开始，不能含 activity 和 <P>）",
                        en:
                            "the target: a source id, or an inline source row (starts with zero activity, so without activity and <P>)"
                    ),
                    FieldSpec(
                        "share", .number, .oneOf("quantity"), range: .share,
                        zh: "各所选排放源转移的活动水平比例 s", en: "share s of each selected source's activity moved"),
                    FieldSpec(
                        "amount", .number, .oneOf("quantity"), unit: t("activity units", "活动水平单位"), range: .positive,
                        zh: "转移的活动水平总量 Q", en: "activity Q moved in total"),
                    FieldSpec(
                        "ratio", .number, range: .positive, default: t("1", "1"),
                        zh: "每单位转出活动水平对应的目标活动水平 r", en: "activity r of the target per unit moved"),
                ],
                example: Example(
                    .yaml,
                    """
                    - id: heat-electric
                      kind: substitute
                      select: {sector: residential/heating/coal}
                      to: e1
                      share: 0.5
                      ratio: 2
                      start: 2021
                    """))
        case .retrofit:
            RecordSpec(
                name: rawValue, title: t("retrofit: better removal", "retrofit：治理改造"),
                summary: t(
                    "Raises the removal efficiency of the selected sources: a new efficiency (replacement), an add-on removal, or both.",
                    "提高所选排放源的去除效率：新的效率（替换）、追加去除，或两者兼有。"),
                fields: [
                    FieldSpec(
                        "efficiency", .pollutantMap, .anyOf("effect"), range: .belowOne,
                        zh: "污染物 → 新的去除效率 η_new（不会降低现有效率）",
                        en: "pollutant → new removal efficiency η_new (never lowers the current one)"),
                    FieldSpec(
                        "additional", .pollutantMap, .anyOf("effect"), range: .unit,
                        zh: "污染物 → 追加去除率 δ（作用于剩余排放）", en: "pollutant → add-on removal δ (of what is left)"),
                    FieldSpec(
                        "coverage", .number, range: .share, default: t("1", "1"),
                        zh: "改造覆盖的比例 c", en: "share c of the selection retrofitted"),
                ],
                example: Example(
                    .yaml,
                    """
                    - id: ule-power
                      kind: retrofit
                      select: {sector: power/coal}
                      efficiency: {SO2: 0.9}
                      additional: {NOx: 0.5}
                      coverage: 0.8
                      start: 2021
                      full: 2022
                      cost: {capital: "3.53 亿元", om: "0.2 亿元", lifetime: 15}
                    """))
        case .reduction:
            RecordSpec(
                name: rawValue, title: t("reduction: a project's stated cut", "reduction：工程减排量"),
                summary: t(
                    "Cuts the selection's total by a stated amount per year (a named project whose details are not modelled).",
                    "按给定的年减排量压减所选排放源的总量（不细化建模的重点工程）。"),
                fields: [
                    FieldSpec(
                        "amount", .pollutantMap, .required, unit: t("t/a (or another mass unit)", "t/a（或其他质量单位）"),
                        zh: "污染物 → 年减排量 R", en: "pollutant → yearly cut R")
                ],
                example: Example(
                    .yaml,
                    """
                    - id: vocs-project
                      kind: reduction
                      select: {sector: industry}
                      amount: {NOx: 5, SO2: "0.001 万t"}
                    """))
        case .cap:
            RecordSpec(
                name: rawValue, title: t("cap: a ceiling on the selection", "cap：总量控制"),
                summary: t("Holds the selection's total of a pollutant at or below a ceiling.", "使所选排放源的污染物总量不超过上限。"),
                fields: [
                    FieldSpec(
                        "limit", .pollutantMap, .required, unit: t("t/a (or another mass unit)", "t/a（或其他质量单位）"),
                        zh: "污染物 → 上限 C", en: "pollutant → ceiling C")
                ],
                example: Example(
                    .yaml,
                    """
                    - id: power-cap
                      kind: cap
                      select: {sector: power}
                      limit: {SO2: 30}
                      start: 2023
                    """))
        case .add:
            RecordSpec(
                name: rawValue, title: t("add: a new source", "add：新增排放源"),
                summary: t(
                    "Adds a source (a new plant). It selects nothing; later measures and drivers can select it.",
                    "新增一个排放源（如新建项目）。它不选择已有排放源；之后的措施和驱动因子可以选择它。"),
                fields: [
                    FieldSpec(
                        "source", .sourceRow, .required,
                        zh: "完整的排放源行（与排放源表的列相同，须有 id、sector、activity）",
                        en: "a full source row (the columns of the sources table; id, sector and activity required)")
                ],
                example: Example(
                    .yaml,
                    """
                    - id: new-plant
                      kind: add
                      source: {id: n1, sector: industry/cement, activity: 20, activity_unit: kt clinker, SO2.ef: 400, NOx.ef: 700}
                      start: 2024
                      full: 2026
                    """))
        }
    }
}
