import EmisTestSupport
import Foundation

/// Runs the built `emis` binary as a user would, capturing its output and exit status.
struct EmisRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Emis {
    /// The `emis` executable next to this test bundle (SwiftPM puts all products of a
    /// build configuration in one folder).
    static let executable: URL = {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ].compactMap { $0 }
        for folder in candidates {
            let url = folder.appendingPathComponent("emis")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/emis")
    }()

    /// `environment` is added to (and overrides) this process's environment.
    static func run(
        _ arguments: [String], in directory: URL = Fixtures.repositoryRoot,
        environment: [String: String] = [:]
    ) throws -> EmisRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return EmisRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
