import Diagnostics
import EmissionInventory
import Foundation
import Presentation

/// The names a planner reads in place of the codes of the data.
enum Vocabulary {
    /// The ten actions of 《2030年前碳达峰行动方案》 (国发〔2021〕23号), in the plan's order.
    /// A measure's `category` names one of them.
    static let carbonPeakActions: [LocalizedText] = [
        LocalizedText(en: "Green and low-carbon energy transition", zh: "能源绿色低碳转型行动"),
        LocalizedText(en: "Energy saving, carbon reduction and efficiency", zh: "节能降碳增效行动"),
        LocalizedText(en: "Carbon peaking in industry", zh: "工业领域碳达峰行动"),
        LocalizedText(en: "Carbon peaking in urban and rural construction", zh: "城乡建设碳达峰行动"),
        LocalizedText(en: "Green and low-carbon transport", zh: "交通运输绿色低碳行动"),
        LocalizedText(en: "Circular economy for carbon reduction", zh: "循环经济助力降碳行动"),
        LocalizedText(en: "Green and low-carbon technology innovation", zh: "绿色低碳科技创新行动"),
        LocalizedText(en: "Consolidating and enhancing carbon sinks", zh: "碳汇能力巩固提升行动"),
        LocalizedText(en: "Green and low-carbon action by all citizens", zh: "绿色低碳全民行动"),
        LocalizedText(en: "Orderly carbon peaking by region", zh: "各地区梯次有序碳达峰行动"),
    ]

    /// The action a category names: its Chinese name, with or without the final 行动, or
    /// its English name (ignoring case).
    static func action(of category: String) -> Int? {
        let text = category.trimmingCharacters(in: .whitespaces)
        return carbonPeakActions.firstIndex { action in
            text == action.zh || text + "行动" == action.zh || text.lowercased() == action.en.lowercased()
        }
    }
}

/// How amounts are shown in tables and charts: CO2 in 万吨 (Chinese) or kt (English), the
/// other pollutants in t. CSV files always hold t.
struct DisplayUnit {
    let divisor: Double
    let name: String

    static func of(_ p: Pollutant, _ language: Language) -> DisplayUnit {
        switch (p, language) {
        case (.co2, .zh): DisplayUnit(divisor: 1e4, name: "万吨")
        case (.co2, .en): DisplayUnit(divisor: 1e3, name: "kt")
        case (_, .zh): DisplayUnit(divisor: 1, name: "吨")
        case (_, .en): DisplayUnit(divisor: 1, name: "t")
        }
    }

    /// Per year: `吨/年`, `万吨/年`, `t/a`, `kt/a`.
    var perYear: String { name.hasSuffix("吨") ? name + "/年" : name + "/a" }

    /// `2,861`, `18.98`, `0.13`; a value that rounds to zero but is not zero is `≈0`.
    func format(_ tonnes: Double) -> String {
        if tonnes == 0 { return "0" }
        let value = tonnes / divisor
        return abs(value) < 0.005 ? "≈0" : TableNumber.format(value)
    }
}
