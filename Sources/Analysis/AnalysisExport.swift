import Diagnostics
import FileFormats
import ScenarioEngine

extension AnalysedScenario {
    /// The JSON of `emis project --format json`: `ProjectionExport.json`, plus, for a scenario
    /// with candidate measures, `"candidates"`: `{"source": "file" | "least-cost" | "left-out",
    /// "statement": …, "levels": {id: x}}` with `"file"` (the levels file), `"year"` and
    /// `"status"` (of the optimisation) or `"reason"` (why they were left out).
    public func json(years: ClosedRange<Int>? = nil, language: Language = .en) -> JSONValue {
        let projection = ProjectionExport.json(result, years: years, language: language)
        guard case var .object(members) = projection, let code = choice.code, let statement = choice.statement else {
            return projection
        }
        var candidates: [String: JSONValue] = [
            "source": .string(code),
            "statement": .string(statement(language)),
            "levels": .object(levels.mapValues(JSONValue.number)),
        ]
        switch choice {
        case let .file(path):
            candidates["file"] = .string(path)
        case let .leastCost(optimization):
            candidates["year"] = .number(Double(optimization.year))
            candidates["status"] = .string(optimization.status.rawValue)
        case let .leftOut(reason):
            candidates["reason"] = .string(reason(language))
        case .none:
            break
        }
        members["candidates"] = .object(candidates)
        return .object(members)
    }
}
