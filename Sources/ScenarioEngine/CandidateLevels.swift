import Diagnostics
import FileFormats
import Foundation
import Scenarios

/// Adoption levels of candidate measures (`candidate: true`), x ∈ [0, 1] by measure id:
/// what `emis optimize` writes and `emis project --levels` reads.
public enum CandidateLevels {
    /// A levels file as read: the levels by measure id, and the scenario it is for when the
    /// file says so (the output of `emis optimize --format json` does).
    public struct File: Sendable, Equatable {
        public var path: String
        public var scenario: String?
        public var levels: [String: Double]
        /// Where each level is written (its key), for messages.
        public var locations: [String: SourceLocation]

        public init(
            path: String, scenario: String?, levels: [String: Double], locations: [String: SourceLocation] = [:]
        ) {
            self.path = path
            self.scenario = scenario
            self.levels = levels
            self.locations = locations
        }
    }

    /// Reads levels from JSON: either the object `emis optimize --format json` writes (its
    /// `levels` member is used) or a plain object `{"id": x, …}`. Problems are reported with
    /// the file name.
    public static func read(_ path: String, _ diagnostics: inout DiagnosticList) -> [String: Double]? {
        readFile(path, &diagnostics)?.levels
    }

    /// As `read`, keeping the scenario id the file names. The JSON is read with the YAML
    /// reader (JSON is YAML's flow style), so that a syntax error, a repeated key or a
    /// value that is not a number is reported at its line and column.
    public static func readFile(_ path: String, _ diagnostics: inout DiagnosticList) -> File? {
        let location = SourceLocation(file: path)
        if let problem = InputFile.problem(path) {
            diagnostics.append(
                .error(at: location, en: "the levels file: \(problem.en)", zh: "措施力度文件：\(problem.zh)"))
            return nil
        }
        guard let data = InputFile.contents(path) else {
            diagnostics.append(.error(at: location, en: "cannot read the levels file", zh: "无法读取措施力度文件"))
            return nil
        }
        let decoded = InputFile.text(data, file: path)
        guard let text = decoded.text else {
            if let problem = decoded.problem { diagnostics.append(problem) }
            return nil
        }
        let errorsBefore = diagnostics.errorCount
        let document = YAMLDocument.parse(text, file: path, diagnostics: &diagnostics)
        guard diagnostics.errorCount == errorsBefore else { return nil }
        let expected = LocalizedText(
            en:
                "the levels file must be a JSON object of numbers, {\"id\": level, …}, or the output of emis optimize --format json",
            zh: "措施力度文件应为 JSON 对象 {\"措施id\": 力度, …}，或 emis optimize --format json 的输出")
        guard let root = document.root, case let .mapping(pairs) = root.content else {
            diagnostics.append(.error(at: document.root?.location ?? location, en: expected.en, zh: expected.zh))
            return nil
        }
        // The output of emis optimize: its `levels` and `scenario` members; other members
        // (status, targets, …) are not levels.
        var levelPairs = pairs
        var scenario: String?
        if let levels = pairs.first(where: { $0.key == "levels" }) {
            guard case let .mapping(inner) = levels.value.content else {
                diagnostics.append(.error(at: levels.value.location, en: expected.en, zh: expected.zh))
                return nil
            }
            levelPairs = inner
            if let named = pairs.first(where: { $0.key == "scenario" }) {
                scenario = document.string(named.value, "scenario", &diagnostics)
            }
        }
        var levels: [String: Double] = [:]
        var locations: [String: SourceLocation] = [:]
        for pair in levelPairs {
            if let value = document.number(pair.value, pair.key, &diagnostics) {
                levels[pair.key] = value
                locations[pair.key] = pair.keyLocation
            }
        }
        guard diagnostics.errorCount == errorsBefore else { return nil }
        return File(path: path, scenario: scenario, levels: levels, locations: locations)
    }

    /// Checks levels against a scenario: every id names a candidate measure, every level is
    /// in [0, 1].
    public static func check(
        _ levels: [String: Double], against scenario: Scenario, file: String,
        locations: [String: SourceLocation] = [:], _ diagnostics: inout DiagnosticList
    ) {
        let measures = Dictionary(scenario.measures.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let candidates = scenario.measures.filter(\.isCandidate).map(\.id)
        for (id, level) in levels.sorted(by: { $0.key < $1.key }) {
            let location = locations[id] ?? SourceLocation(file: file)
            guard let measure = measures[id] else {
                diagnostics.append(
                    .error(
                        at: location, en: "'\(id)' is not a measure of scenario '\(scenario.id)'",
                        zh: "'\(id)' 不是情景 '\(scenario.id)' 中的措施",
                        suggestion: Suggestion.nearest(to: id, among: candidates)))
                continue
            }
            if !measure.isCandidate {
                diagnostics.append(
                    .error(
                        at: location, en: "'\(id)' is not a candidate measure (candidate: true)",
                        zh: "'\(id)' 不是备选措施（candidate: true）"))
            }
            if !(level >= 0 && level <= 1) {
                diagnostics.append(
                    .error(
                        at: location,
                        en: "the level of '\(id)' must be in [0, 1], got \(DecimalNumber.format(level))",
                        zh: "'\(id)' 的力度应在 [0, 1] 之间，实际为 \(DecimalNumber.format(level))"))
            }
        }
    }
}
