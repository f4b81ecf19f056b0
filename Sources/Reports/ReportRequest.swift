import Analysis
import Diagnostics
import EmissionInventory
import Presentation
import ScenarioEngine
import Scenarios

/// What a report is built from: prepared scenarios (in the order they are compared) and
/// the facts about the run that the library cannot know by itself.
public struct ReportRequest: Sendable {
    /// The breakdown of every projection the report shows: by top-level sector.
    public static let grouping = Grouping.sector(depth: 1)

    /// A scenario ready to project, and its file as the user named it.
    public struct Input: Sendable {
        public var path: String
        public var engine: ProjectionEngine
        /// Levels of its candidate measures (`--levels`); nil: the rule of `CandidateChoice`.
        public var levels: CandidateLevels.File?
        /// The projection with every candidate in full and the report's breakdown
        /// (`ReportRequest.grouping`), if already made: used instead of projecting again.
        public var fullProjection: ProjectionResult?
        /// Its uncertain factors, resolved (`PreparedScenario.factors`); drawn when the request
        /// asks for `uncertainty`.
        public var factors: FactorModel?

        public init(
            path: String, engine: ProjectionEngine, levels: CandidateLevels.File? = nil,
            fullProjection: ProjectionResult? = nil, factors: FactorModel? = nil
        ) {
            self.path = path
            self.engine = engine
            self.levels = levels
            self.fullProjection = fullProjection
            self.factors = factors
        }
    }

    /// The Monte Carlo run behind the report's uncertainty section (`emis report --draws`).
    public struct Uncertainty: Sendable, Equatable {
        /// Draws per scenario, 1…`UncertaintyAnalysis.maximumDraws`.
        public var draws: Int
        public var seed: UInt64

        public init(draws: Int, seed: UInt64 = 1) {
            self.draws = draws
            self.seed = seed
        }
    }

    /// The git state of a folder holding scenario files (found by the caller).
    public struct Repository: Sendable, Equatable {
        /// The folder, as the scenario file's folder was named.
        public var folder: String
        /// `git rev-parse HEAD`.
        public var commit: String
        /// Input files in that folder that differ from the commit (`git status --porcelain`).
        public var modifiedFiles: [String]

        public init(folder: String, commit: String, modifiedFiles: [String] = []) {
            self.folder = folder
            self.commit = commit
            self.modifiedFiles = modifiedFiles
        }
    }

    public var scenarios: [Input]
    public var language: Language
    /// The year of the comparison tables (sectors, measures, costs); nil: `AnalysisYear`.
    public var year: Int?
    /// The date printed on the report, `YYYY-MM-DD` (from `SOURCE_DATE_EPOCH` when set, so
    /// that two runs give the same bytes).
    public var date: String
    public var emisVersion: String
    public var repositories: [Repository]
    /// Threads for the projections; the results do not depend on it.
    public var threads: Int
    /// Absolute file paths inside this folder are shown relative to it (nil: every path as
    /// given).
    public var workingFolder: String?
    /// Draws of the scenarios' uncertain factors; nil: no uncertainty section.
    public var uncertainty: Uncertainty?

    public init(
        scenarios: [Input], language: Language = .zh, year: Int? = nil, date: String,
        emisVersion: String, repositories: [Repository] = [], threads: Int = 1, workingFolder: String? = nil,
        uncertainty: Uncertainty? = nil
    ) {
        self.scenarios = scenarios
        self.language = language
        self.year = year
        self.date = date
        self.emisVersion = emisVersion
        self.repositories = repositories
        self.threads = threads
        self.workingFolder = workingFolder
        self.uncertainty = uncertainty
    }
}

/// Why a report cannot be made.
public enum ReportFailure: Error, Sendable, Equatable {
    case noScenarios
    /// The year asked for is in none of the scenarios.
    case yearOutsideScenarios(Int, available: ClosedRange<Int>)
    /// Draws were asked for but no scenario has uncertain factors.
    case noUncertainFactors
    /// `draws` outside 1…`UncertaintyAnalysis.maximumDraws`.
    case drawsOutOfRange(Int)
    /// A scenario's Monte Carlo run failed (`UncertaintyError.message`).
    case uncertainty(scenario: String, LocalizedText)

    public var message: LocalizedText {
        switch self {
        case .noScenarios:
            LocalizedText(en: "no scenario to report on", zh: "没有可生成报告的情景")
        case let .yearOutsideScenarios(year, available):
            LocalizedText(
                en: "--year \(year) is outside the scenarios' years \(available.lowerBound)–\(available.upperBound)",
                zh: "--year \(year) 不在情景年份范围 \(available.lowerBound)–\(available.upperBound) 内")
        case .noUncertainFactors:
            LocalizedText(
                en: "--draws: none of the scenarios or their inventories has uncertain factors (uncertainty:)",
                zh: "--draws：所有情景及其清单都没有不确定性因子（uncertainty:）")
        case let .drawsOutOfRange(draws):
            LocalizedText(
                en: "--draws \(draws) must be between 1 and \(UncertaintyAnalysis.maximumDraws)",
                zh: "--draws \(draws) 须在 1 到 \(UncertaintyAnalysis.maximumDraws) 之间")
        case let .uncertainty(scenario, message):
            LocalizedText(en: "scenario '\(scenario)': \(message.en)", zh: "情景 '\(scenario)'：\(message.zh)")
        }
    }
}
