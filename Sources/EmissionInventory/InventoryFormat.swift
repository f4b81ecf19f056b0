import Diagnostics
import FormatSchema

/// The inventory's file formats as data: the keys of `inventory.yaml` and the columns of
/// the sources table. The readers take their keys, required keys and ranges from here, and
/// the reference (Docs/reference/inventory.md) is rendered from the same entries.
public enum InventoryFormat {
    private static func t(_ en: String, _ zh: String) -> LocalizedText { LocalizedText(en: en, zh: zh) }

    /// `inventory.yaml`.
    public static let manifest = RecordSpec(
        name: "inventory",
        title: t("The inventory file (inventory.yaml)", "清单文件（inventory.yaml）"),
        summary: t(
            "Describes one inventory: its base year, where its sources table is, and the unit of its emission columns.",
            "描述一份排放清单：基准年、排放源表的位置以及排放量列的单位。"),
        fields: [
            FieldSpec(
                "name", .text, default: t("the folder name", "所在文件夹名"),
                zh: "清单名称，用于报告和输出", en: "the inventory's name, shown in reports and outputs"),
            FieldSpec("title", .text, zh: "清单标题", en: "a title for people"),
            FieldSpec("region", .text, zh: "清单覆盖的地区", en: "the region the inventory covers"),
            FieldSpec(
                "base_year", .year, .required, range: nil,
                zh: "基准年（1950–2100）；情景的起始年必须等于它", en: "the base year (1950–2100); a scenario's first year must equal it"
            ),
            FieldSpec(
                "sources", .path, .required,
                zh: "排放源表（CSV）的路径，相对于本文件", en: "path of the sources table (CSV), relative to this file"),
            FieldSpec(
                "emission_unit", .text, default: t("t", "t"),
                zh: "排放源表中排放量列的质量单位：kg、t、kt、万t（万吨）、Mt",
                en: "mass unit of the emission columns of the sources table: kg, t, kt, 万t (万吨), Mt"),
            FieldSpec(
                "macro", .mapping,
                zh: "基准年宏观序列（如 gdp、population），供强度目标使用；每项见下表",
                en: "base-year macro series (such as gdp, population) for intensity targets; each entry as below"),
            FieldSpec(
                "sector_names", .mapping,
                zh: "行业路径 → 显示名称，供报告和表格使用；每项见下表；未列出的行业显示其代码",
                en:
                    "sector path → display name, for reports and tables; each entry as below; sectors not listed show their code"
            ),
            FieldSpec(
                "provenance", .list,
                zh: "数据来源说明，一段文本或文本列表", en: "where the numbers come from: a text or a list of texts"),
            FieldSpec(
                "uncertainty", .list,
                zh: "不确定性因子列表，适用于基于本清单的所有情景（格式见情景文件的 uncertainty）",
                en: "uncertain factors for every scenario on this inventory (as a scenario's uncertainty)"),
            FieldSpec(
                "correlation", .list, zh: "因子间的相关系数（格式见情景文件的 correlation）",
                en: "correlations between factors (as a scenario's correlation)"),
        ],
        example: Example(
            .yaml,
            """
            name: demo-2020
            title: 演示城市2020年排放清单
            region: 演示市
            base_year: 2020
            sources: sources.csv
            emission_unit: t
            macro:
              gdp: {value: 1405, unit: 亿元}
              population: {value: 310.6, unit: 万人}
            sector_names:
              power: {zh: 电力, en: Power}
              industry/cement: 水泥
            provenance:
              - 第二次全国污染源普查（示例）
            """))

    /// One entry under `macro:`.
    public static let macroSeries = RecordSpec(
        name: "macro-series",
        title: t("A macro series (macro: <name>)", "宏观序列（macro: <名称>）"),
        summary: t(
            "The base-year value of a series such as GDP; drivers with `macro:` project it.",
            "GDP 等序列的基准年数值；以 `macro:` 命名的驱动因子对其进行预测。"),
        fields: [
            FieldSpec(
                "value", .number, .required, range: .positive,
                zh: "基准年数值，应为正数", en: "the base-year value, positive"),
            FieldSpec("unit", .text, zh: "单位（仅作说明，如 亿元、万人）", en: "its unit (for people only, e.g. 亿元, 万人)"),
        ],
        example: Example(.yaml, "gdp: {value: 1405, unit: 亿元}"))

    /// One entry under `sector_names:`: a mapping, or a plain text as the Chinese name.
    public static let sectorName = RecordSpec(
        name: "sector-name",
        title: t("A sector's display name (sector_names: <sector>)", "行业显示名称（sector_names: <行业>）"),
        summary: t(
            "How a sector path is shown to people. A plain text is the Chinese name. A name applies to that path only, not to its sub-sectors.",
            "行业路径向读者显示的名称。直接写文本即为中文名称。名称只用于该路径本身，不用于其下级行业。"),
        fields: [
            FieldSpec("zh", .text, .required, zh: "中文名称", en: "the Chinese name"),
            FieldSpec("en", .text, default: t("the sector code", "行业代码"), zh: "英文名称", en: "the English name"),
        ],
        example: Example(.yaml, "power: {zh: 电力, en: Power}\nindustry/cement: 水泥"))

    /// The columns of the sources table. The three pollutant columns are patterns: one column
    /// per pollutant id `<P>` of the registry (`SO2`, `SO2.ef`, `SO2.eff`).
    public static let sourceColumns = RecordSpec(
        name: "sources",
        title: t("The sources table (sources.csv)", "排放源表（sources.csv）"),
        summary: t(
            "One row per source (a facility, a unit or an area-source category). UTF-8, optional BOM; column names ignore case; an empty cell means “not given”.",
            "每行一个排放源（企业、装置或面源类别）。UTF-8 编码，可带 BOM；列名不区分大小写；空单元格表示“未给出”。"),
        fields: [
            FieldSpec(
                "id", .identifier, .required,
                zh: "唯一标识，只含字母、数字、_、. 和 -", en: "unique id of letters, digits, _, . and -"),
            FieldSpec("name", .text, zh: "显示名称（任意 UTF-8 文本）", en: "display name (any UTF-8 text)"),
            FieldSpec(
                "sector", .sector, .required,
                zh: "以 / 连接的行业路径，如 industry/cement", en: "sector path joined by /, e.g. industry/cement"),
            FieldSpec("county", .text, zh: "区县（按原文精确匹配）", en: "administrative unit (matched exactly)"),
            FieldSpec(
                "activity", .number, range: .nonNegative, default: t("1", "1"),
                zh: "基准年活动水平 A0", en: "base-year activity A0"),
            FieldSpec(
                "activity_unit", .text, zh: "活动水平单位（说明文字，如 t coal、MWh）",
                en: "unit of activity (free text such as t coal, MWh)"),
            FieldSpec(
                "energy_tce", .number, unit: t("tce per activity unit", "tce/单位活动水平"), range: .nonNegative,
                zh: "单位活动水平的能耗，用于能源指标", en: "energy use per activity unit, for energy metrics"),
            FieldSpec(
                "fossil", .bool, default: t("true when energy_tce is given", "给出 energy_tce 时为 true"),
                zh: "能耗是否来自化石能源；没有 energy_tce 时无意义",
                en: "whether the energy use is fossil; meaningless without energy_tce"),
            FieldSpec(
                "<P>", .mass, unit: t("emission_unit", "emission_unit"), range: .nonNegative, isPattern: true,
                zh: "污染物 P 的基准年排放量 E0", en: "base-year emissions E0 of pollutant P"),
            FieldSpec(
                "<P>.ef", .number, unit: t("kg per activity unit", "kg/单位活动水平"), range: .nonNegative,
                isPattern: true,
                zh: "污染物 P 的未控排放因子；与 <P> 只能给出其一", en: "unabated emission factor of P; give it or <P>, not both"),
            FieldSpec(
                "<P>.eff", .number, range: .belowOne, default: t("0", "0"), isPattern: true,
                zh: "污染物 P 的现有去除效率 η0", en: "current removal efficiency η0 of P"),
        ],
        example: Example(
            .csv,
            """
            id,sector,activity,activity_unit,SO2.ef,SO2.eff,NOx,CO2.ef
            p1,power/coal,100,GWh,1000,0.5,80,900000
            h1,residential/heating/coal,1000,t coal,15,,,1980
            e1,residential/heating/electric,0,MWh,,,,1000
            """))

    /// The fixed (non-pattern) columns of a source row, in order.
    public static var fixedSourceColumns: [String] { sourceColumns.keys }

    /// Every column name a source row understands: the fixed ones, then `<P>`, `<P>.ef`,
    /// `<P>.eff` for each pollutant in registry order (for suggestions).
    public static let sourceColumnNames: [String] =
        sourceColumns.keys
        + Pollutant.allCases.flatMap { p in
            sourceColumns.fields.filter(\.isPattern).map { $0.key.replacingPollutant(p.id) }
        }

    /// The registry of pollutants as a table (id, medium, accounting basis, name).
    public static let pollutantTable = RecordSpec(
        name: "pollutants",
        title: t("The pollutant registry", "污染物登记表"),
        summary: t(
            "A fixed list. Ids are case-sensitive in YAML and case-insensitive in CSV headers; pollutants of different ids are never added together.",
            "固定列表。污染物代码在 YAML 中区分大小写，在 CSV 表头中不区分；不同代码的污染物从不相加。"),
        fields: Pollutant.allCases.map { p in
            FieldSpec(
                p.id, .pollutant, zh: p.name.zh + (p.basis.map { "（\($0.zh)）" } ?? ""),
                en: p.name.en + (p.basis.map { " (\($0.en))" } ?? ""))
        })

    /// Every record of the inventory formats, in reference order.
    public static let records = [manifest, macroSeries, sectorName, sourceColumns, pollutantTable]
}

extension String {
    /// `<P>.ef` → `SO2.ef`.
    func replacingPollutant(_ id: String) -> String {
        var result = self
        if let range = result.range(of: "<P>") { result.replaceSubrange(range, with: id) }
        return result
    }
}
