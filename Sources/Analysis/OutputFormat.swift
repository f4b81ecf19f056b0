import Diagnostics
import FormatSchema

/// The JSON that `emis project --format json` writes (`AnalysedScenario.json`), as data:
/// the reference (Docs/reference/output.md) is rendered from these entries, and a test
/// checks that every object the command writes has exactly these keys.
public enum OutputFormat {
    private static func t(_ en: String, _ zh: String) -> LocalizedText { LocalizedText(en: en, zh: zh) }
    private static let tonnes = LocalizedText(en: "t/a", zh: "t/a")

    /// The top-level object.
    public static let projection = RecordSpec(
        name: "project-json",
        title: t("The projection (emis project --format json)", "预测结果（emis project --format json）"),
        summary: t(
            "One JSON object; keys sorted, numbers as plain decimals. Every series is aligned with `years`; a pollutant map has one entry per id in `pollutants`.",
            "一个 JSON 对象；键按字母排序，数值为普通十进制小数。所有序列与 `years` 一一对应；按污染物的映射对 `pollutants` 中的每个代码各有一项。"),
        fields: [
            FieldSpec("scenario", .identifier, .required, zh: "情景 id", en: "the scenario's id"),
            FieldSpec("base_year", .year, .required, zh: "清单基准年", en: "the inventory's base year"),
            FieldSpec(
                "years", .list, .required, zh: "输出的年份（--years 可缩小范围）", en: "the years written (--years narrows them)"),
            FieldSpec(
                "pollutants", .list, .required,
                zh: "按登记表顺序列出的污染物：基准情景或本情景在某一年总量不为零的",
                en: "the pollutants, in registry order, whose baseline or scenario total is non-zero in some year"),
            FieldSpec(
                "baseline_totals", .pollutantMap, .required, unit: tonnes,
                zh: "污染物 → 逐年基准情景总量（只有驱动因子，没有措施）", en: "pollutant → yearly baseline totals (drivers only, no measures)"),
            FieldSpec(
                "totals", .pollutantMap, .required, unit: tonnes,
                zh: "污染物 → 逐年情景总量", en: "pollutant → yearly scenario totals"),
            FieldSpec(
                "measures", .list, .required, zh: "各措施的减排量，按合并后的顺序；见下表",
                en: "each measure's reductions, in resolved order; see below"),
            FieldSpec("targets", .list, .required, zh: "各目标的评价结果；见下表", en: "each target's evaluation; see below"),
            FieldSpec(
                "warnings", .list, .required, zh: "警告信息（所选语言，不含文件位置）",
                en: "the warnings (in the chosen language, without file positions)"),
            FieldSpec(
                "energy_tce", .list, unit: t("tce/a", "tce/a"),
                zh: "逐年能耗；清单有 energy_tce 列时才有", en: "yearly energy use; only when the inventory has energy_tce"),
            FieldSpec(
                "non_fossil_share", .list, range: .unit,
                zh: "逐年非化石能源占比；清单有 energy_tce 列时才有",
                en: "yearly non-fossil share of energy; only when the inventory has energy_tce"),
            FieldSpec(
                "by", .text, zh: "分组方式（total、sector:N、county、source）；用了 --by 时才有",
                en: "the grouping (total, sector:N, county, source); only with --by"),
            FieldSpec("breakdown", .list, zh: "分组结果；用了 --by 时才有；见下表", en: "the groups; only with --by; see below"),
            FieldSpec(
                "candidates", .mapping,
                zh: "备选措施按什么力度计入；情景含 candidate: true 的措施时才有；见下表",
                en:
                    "at which levels the candidate measures count; only for a scenario with candidate: true measures; see below"
            ),
        ])

    /// One entry of `measures`.
    public static let measure = RecordSpec(
        name: "project-json-measure",
        title: t("An entry of measures", "measures 的一项"),
        summary: t(
            "reduction_j = total before measure j − total after it, per pollutant and year; the entries add up exactly to baseline − scenario.",
            "reduction_j = 措施 j 生效前的总量 − 生效后的总量（逐污染物、逐年）；各项之和恰好等于基准情景 − 本情景。"),
        fields: [
            FieldSpec("id", .identifier, .required, zh: "措施 id", en: "the measure's id"),
            FieldSpec(
                "reduction", .pollutantMap, .required, unit: tonnes,
                zh: "污染物 → 逐年减排量（可为负，如电代煤的 CO2）",
                en: "pollutant → yearly reduction (may be negative, such as CO2 of electric heating)"),
        ])

    /// One entry of `targets`.
    public static let target = RecordSpec(
        name: "project-json-target",
        title: t("An entry of targets", "targets 的一项"),
        summary: t(
            "required, projected and margin are in the target's own quantity: a fraction for reduction and intensity, t (tce for energy) for cap and project_reduction. margin is positive when the target is met.",
            "required、projected 和 margin 采用目标本身的量纲：reduction 与 intensity 为比例，cap 与 project_reduction 为 t（能源为 tce）。达标时 margin 为正。"
        ),
        fields: [
            FieldSpec("id", .identifier, .required, zh: "目标 id", en: "the target's id"),
            FieldSpec("year", .year, .required, zh: "目标年", en: "the target year"),
            FieldSpec(
                "kind", .text, .required, zh: "reduction、cap、project_reduction 或 intensity",
                en: "reduction, cap, project_reduction or intensity"),
            FieldSpec("pollutant", .pollutant, .oneOf("metric"), zh: "污染物代码", en: "the pollutant's id"),
            FieldSpec("metric", .text, .oneOf("metric"), zh: "energy（能源目标）", en: "energy (an energy target)"),
            FieldSpec("required", .number, .required, zh: "要求值", en: "the required value"),
            FieldSpec("projected", .number, .required, zh: "预测值", en: "the projected value"),
            FieldSpec(
                "margin", .number, .required,
                zh: "余量：projected − required（cap 为 required − projected）",
                en: "projected − required (required − projected for cap)"),
            FieldSpec(
                "met", .bool, .required,
                zh: "是否达标：margin ≥ −10⁻⁹ · max(1, |required|)", en: "whether met: margin ≥ −10⁻⁹ · max(1, |required|)"),
        ])

    /// One entry of `breakdown`.
    public static let breakdown = RecordSpec(
        name: "project-json-breakdown",
        title: t("An entry of breakdown", "breakdown 的一项"),
        summary: t("One group of sources; the groups add up to totals.", "一组排放源；各组之和等于 totals。"),
        fields: [
            FieldSpec(
                "key", .text, .required, zh: "分组名（行业路径、区县或排放源 id）",
                en: "the group (a sector path, a county or a source id)"),
            FieldSpec(
                "totals", .pollutantMap, .required, unit: tonnes, zh: "污染物 → 逐年总量", en: "pollutant → yearly totals"),
        ])

    /// `candidates`.
    public static let candidates = RecordSpec(
        name: "project-json-candidates",
        title: t("candidates", "candidates"),
        summary: t(
            "Every command uses one rule for candidate measures: the levels of a --levels file when one is given for the scenario, otherwise the least-cost levels that meet the targets of the earliest target year (what emis optimize finds). When that optimisation fails the candidates are left out, and the output says why.",
            "所有命令对备选措施采用同一规则：为该情景给出了 --levels 文件时按文件中的力度；否则按达到最早目标年全部目标的最低成本力度（即 emis optimize 的结果）。优化失败时不计入备选措施，并说明原因。"
        ),
        fields: [
            FieldSpec("source", .text, .required, zh: "file、least-cost 或 left-out", en: "file, least-cost or left-out"),
            FieldSpec("statement", .text, .required, zh: "一句说明，用于报告", en: "a sentence saying which, for reports"),
            FieldSpec(
                "levels", .mapping, .required, range: .unit, zh: "措施 id → 实施力度 x ∈ [0, 1]",
                en: "measure id → level x ∈ [0, 1]"),
            FieldSpec("file", .path, zh: "levels 文件的路径（source 为 file 时）", en: "the levels file (when source is file)"),
            FieldSpec(
                "year", .year, zh: "优化所针对的目标年（source 为 least-cost 时）",
                en: "the target year optimised for (when source is least-cost)"),
            FieldSpec(
                "status", .text, zh: "优化的状态（source 为 least-cost 时）",
                en: "the optimisation's status (when source is least-cost)"),
            FieldSpec(
                "reason", .text, zh: "不计入的原因（source 为 left-out 时）",
                en: "why they are left out (when source is left-out)"),
        ])

    /// Every record of the output, in reference order.
    public static let records = [projection, measure, target, breakdown, candidates]
}
