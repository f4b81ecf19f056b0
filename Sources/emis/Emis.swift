import ArgumentParser
import Diagnostics
import EmissionInventory
import Foundation
import Glibc

/// `emis`: the command-line front end. It parses arguments, calls the library, prints what
/// the library returns and chooses the exit status:
///   0  success (for `check`: every target met)
///   1  invalid input (the diagnostics say where)
///   3  `check`: a target is missed; `optimize`: infeasible or not converged
///   64 wrong command-line usage
@main
struct Emis: ParsableCommand {
    /// The entry point: a reader that closes the pipe must not kill emis with SIGPIPE (the
    /// failed write is handled in `Terminal.write`).
    ///
    /// A closed standard descriptor would be reused by the next file opened, and output
    /// could land in it: 0 and 2 are pointed at /dev/null, and a closed standard output is
    /// refused.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
        if fcntl(STDOUT_FILENO, F_GETFD) == -1 {
            Terminal.writeError("emis: standard output is closed\n")
            Glibc.exit(1)
        }
        main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "emis",
        abstract: "城市大气、水污染物与二氧化碳排放清单及情景模型 / Emissions inventory and scenario modeler.",
        discussion: """
            文件格式参考 / File formats: `emis reference` (pages: inventory, scenario, measures, \
            targets, costs, uncertainty, output), the same as Docs/reference in the repository.
            退出状态 / Exit status: 0 success; 1 invalid input; 3 a target missed (check) or \
            no feasible portfolio (optimize); 64 wrong command-line usage.
            """,
        version: EmisVersion.current,
        subcommands: [
            ValidateCommand.self, InventoryCommand.self, ProjectCommand.self, CompareCommand.self,
            CheckCommand.self, OptimizeCommand.self, MACCCommand.self, UncertaintyCommand.self, ReportCommand.self,
            SynthCommand.self,
            ReferenceCommand.self,
        ]
    )
}

enum EmisVersion {
    static let current = "0.1.0"
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Language of tables and messages: zh (default) or en.")
    var lang: Language = .zh

    @Flag(name: .long, help: "Treat warnings (e.g. unknown columns) as errors.")
    var strict = false

    @Option(
        name: .long,
        help: "Threads for reading large inputs and projecting (default: one per core). Results do not depend on it.")
    var threads: Int?

    @Flag(
        name: .long,
        help:
            "Read large sources tables from their CSV, neither using nor writing the cache ($XDG_CACHE_HOME/emis, else ~/.cache/emis)."
    )
    var noCache = false

    func validate() throws {
        if let threads, !(1...Self.maximumThreads).contains(threads) {
            throw ValidationError("--threads must be between 1 and \(Self.maximumThreads) (4 per core)")
        }
    }

    /// Threads for computing (the same default as for reading).
    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    /// More threads than 4 per core only adds overhead (and a huge number exhausts memory).
    static var maximumThreads: Int { 4 * max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// The inventory loader these options ask for.
    var loader: InventoryLoader {
        let folder = noCache ? nil : InventoryCache.defaultFolder(environment: ProcessInfo.processInfo.environment)
        return InventoryLoader(strict: strict, threads: threads, cache: folder.map { InventoryCache(folder: $0) })
    }
}

extension Language: ExpressibleByArgument {}
