import Diagnostics
import EmissionInventory
import Foundation
import LinearAlgebra
import Scenarios

/// The uncertain factors of a scenario resolved against its engine (Docs/reference/uncertainty.md):
/// each factor's sources, pollutants, measure or drivers, and the Cholesky factor of the
/// correlations between factors drawn once per draw.
public struct FactorModel: Sendable {
    /// What a factor multiplies, as indices into the engine.
    enum Target: Sendable {
        /// k of `pollutants` of the sources `selection` (ascending).
        case emissionFactor(selection: [Int32], pollutants: [Pollutant])
        /// A0 of the sources `selection`.
        case activity(selection: [Int32])
        /// φ of measure `measure` (an index into the scenario's measures).
        case level(measure: Int)
        /// The change made by the drivers `drivers` (indices into the scenario's drivers).
        case growth(drivers: [Int])
    }

    struct Resolved: Sendable {
        let factor: UncertainFactor
        let target: Target
        /// Index among the factors drawn once per draw, or nil (one draw per source).
        let correlatedIndex: Int?

        /// How many standard normal numbers the factor takes per draw beyond the correlated ones.
        var perSourceCount: Int {
            guard correlatedIndex == nil else { return 0 }
            switch target {
            case let .emissionFactor(selection, _), let .activity(selection): return selection.count
            case .level, .growth: return 0
            }
        }
    }

    let factors: [Resolved]
    /// Lower-triangular Cholesky factor of the correlation matrix of the correlated factors,
    /// column-major; nil when no correlations are given (the identity).
    let cholesky: [Double]?
    let correlatedCount: Int

    /// The factors' ids, in order.
    public var ids: [String] { factors.map(\.factor.id) }
    public var specs: [UncertainFactor] { factors.map(\.factor) }
    public var isEmpty: Bool { factors.isEmpty }

    /// Resolves `spec` against `engine`: every selector must match a source, every measure
    /// and macro series exist, every growth factor name a driver, every correlation name two
    /// correlated factors, and the correlation matrix be positive definite. Problems are
    /// added to `diagnostics`; nil when there is any error.
    public init?(_ spec: UncertaintySpec, engine: ProjectionEngine, diagnostics: inout DiagnosticList) {
        let errorsBefore = diagnostics.errorCount
        let scenario = engine.scenario
        var resolved: [Resolved] = []
        var correlatedCount = 0
        for factor in spec.factors {
            let what = LocalizedText(en: "factor '\(factor.id)'", zh: "因子 '\(factor.id)'")
            var target: Target?
            switch factor.subject {
            case let .emissionFactor(selector, pollutants):
                if let selection = engine.resolveForFactor(selector, what: what, &diagnostics) {
                    target = .emissionFactor(selection: selection, pollutants: pollutants ?? engine.universe.pollutants)
                    // A factor on pollutants the selection does not emit changes nothing:
                    // most likely a slip in `pollutants` or `select`.
                    let universe = engine.universe
                    let emitted = Set(universe.emitting(anyOf: selection).map { universe.pollutants[$0] })
                    let idle = (pollutants ?? []).filter { !emitted.contains($0) }.map(\.id)
                    if emitted.isEmpty {
                        diagnostics.append(
                            .warning(
                                at: factor.location,
                                en: "\(what.en) changes nothing: the sources it selects emit no pollutant",
                                zh: "\(what.zh)不起作用：所选排放源不排放任何污染物"))
                    } else if !idle.isEmpty {
                        let list = idle.joined(separator: ", ")
                        diagnostics.append(
                            .warning(
                                at: factor.location,
                                en:
                                    "\(what.en) changes nothing for \(list): the sources it selects do not emit \(idle.count == 1 ? "it" : "them")",
                                zh: "\(what.zh)对 \(list) 不起作用：所选排放源不排放\(idle.count == 1 ? "该污染物" : "这些污染物")"))
                    }
                }
            case let .activity(selector):
                if let selection = engine.resolveForFactor(selector, what: what, &diagnostics) {
                    target = .activity(selection: selection)
                }
            case let .level(id):
                if let j = scenario.measures.firstIndex(where: { $0.id == id }) {
                    target = .level(measure: j)
                } else {
                    diagnostics.append(
                        .error(
                            at: factor.subjectLocation ?? factor.location,
                            en: "\(what.en) names the measure '\(id)', which scenario '\(scenario.id)' does not have",
                            zh: "\(what.zh)所指的措施 '\(id)' 不在情景 '\(scenario.id)' 中",
                            suggestion: Suggestion.nearest(to: id, among: scenario.measures.map(\.id))))
                }
            case let .growth(subject):
                let drivers = scenario.drivers.indices.filter { scenario.drivers[$0].subject == subject }
                if drivers.isEmpty {
                    let named: LocalizedText
                    if case let .macro(name) = subject {
                        named = LocalizedText(en: "the macro series '\(name)'", zh: "宏观序列 '\(name)'")
                    } else {
                        named = LocalizedText(en: "this selector", zh: "这一选择器")
                    }
                    diagnostics.append(
                        .error(
                            at: factor.subjectLocation ?? factor.location,
                            en:
                                "\(what.en) is on growth, but no driver of scenario '\(scenario.id)' has \(named.en) (a growth factor applies to the drivers whose select is the same mapping, or whose macro is the same series)",
                            zh:
                                "\(what.zh)作用于增长，但情景 '\(scenario.id)' 中没有驱动因子使用\(named.zh)（增长因子作用于 select 完全相同或 macro 相同的驱动因子）"
                        ))
                } else {
                    target = .growth(drivers: drivers)
                }
            }
            guard let target else { continue }
            let index: Int? = factor.isCorrelated ? correlatedCount : nil
            if factor.isCorrelated { correlatedCount += 1 }
            resolved.append(Resolved(factor: factor, target: target, correlatedIndex: index))
        }

        // Correlations: between two known factors drawn once per draw.
        let byID = Dictionary(resolved.map { ($0.factor.id, $0) }, uniquingKeysWith: { a, _ in a })
        var matrix: [Double]?
        let n = correlatedCount
        for correlation in spec.correlations {
            var indices: [Int] = []
            for (k, id) in [correlation.first, correlation.second].enumerated() {
                let location = correlation.idLocations[k] ?? correlation.location
                guard let factor = byID[id] else {
                    if !spec.factors.contains(where: { $0.id == id }) {
                        diagnostics.append(
                            .error(
                                at: location, en: "the correlation names '\(id)', which is not an uncertain factor",
                                zh: "相关系数条目中的 '\(id)' 不是不确定性因子",
                                suggestion: Suggestion.nearest(to: id, among: spec.factors.map(\.id))))
                    }
                    continue
                }
                guard let index = factor.correlatedIndex else {
                    diagnostics.append(
                        .error(
                            at: location,
                            en:
                                "factor '\(id)' is drawn once per source (correlated: false) and cannot be correlated with another factor",
                            zh: "因子 '\(id)' 为每个排放源各抽一次（correlated: false），不能与其他因子相关"))
                    continue
                }
                indices.append(index)
            }
            guard indices.count == 2 else { continue }
            if matrix == nil {
                matrix = [Double](repeating: 0, count: n * n)
                for i in 0..<n { matrix![i * n + i] = 1 }
            }
            matrix![indices[0] * n + indices[1]] = correlation.r
            matrix![indices[1] * n + indices[0]] = correlation.r
        }
        guard diagnostics.errorCount == errorsBefore else { return nil }

        var cholesky: [Double]?
        if let matrix {
            do {
                let factorization = try CholeskyFactorization(Matrix(rows: n, columns: n, columnMajor: matrix))
                cholesky = factorization.lower.columnMajorElements
            } catch let error {
                let correlated = resolved.filter { $0.correlatedIndex != nil }.map(\.factor)
                var named: [String] = []
                if case let .notPositiveDefinite(k) = error, k >= 1, k <= n {
                    // The leading minor of order k fails: factor k and those it is correlated
                    // with among the first k − 1 cannot have these correlations together.
                    named = (0..<k).filter { i in i == k - 1 || matrix[(k - 1) * n + i] != 0 }.map { correlated[$0].id }
                } else {
                    named = correlated.map(\.id)
                }
                let list = named.map { "'\($0)'" }
                diagnostics.append(
                    .error(
                        at: spec.correlations.first?.location ?? SourceLocation(file: scenario.file),
                        en:
                            "the correlations between factors \(list.joined(separator: ", ")) are impossible together (the correlation matrix is not positive definite): weaken some of them",
                        zh: "因子 \(list.joined(separator: "、")) 之间的相关系数不可能同时成立（相关矩阵非正定）：请减弱其中一些"))
                return nil
            }
        }
        factors = resolved
        self.cholesky = cholesky
        self.correlatedCount = n
    }
}

extension ProjectionEngine {
    /// The sources a factor's selector matches, among the inventory's and the scenario's own
    /// (ascending); nil after reporting when it matches none or names an unknown id.
    func resolveForFactor(_ selector: Selector, what: LocalizedText, _ diagnostics: inout DiagnosticList) -> [Int32]? {
        var idIndex = universe.locate(Set(selector.ids ?? []))
        for id in selector.ids ?? [] where idIndex[id] == nil {
            if let e = universe.extras.firstIndex(where: { $0.id == id }) { idIndex[id] = universe.inventoryCount + e }
        }
        let (indices, unknown) = universe.select(selector, idIndex: idIndex)
        for id in unknown {
            diagnostics.append(
                .error(
                    at: selector.location(of: id, in: "ids"),
                    en: "unknown source id '\(id)' in the selector of \(what.en)",
                    zh: "\(what.zh)的选择器中有未知的排放源 id '\(id)'"))
        }
        if indices.isEmpty && unknown.isEmpty {
            diagnostics.append(
                .error(
                    at: selector.location, en: "the selector of \(what.en) matches no source",
                    zh: "\(what.zh)的选择器没有匹配到任何排放源",
                    suggestion: universe.unmatchedValues(of: selector).first?.suggestion))
        }
        return indices.isEmpty || !unknown.isEmpty ? nil : indices
    }
}
