import EmisTestSupport
import Foundation
import Testing

/// A failed write to standard output is one line and exit status 1; a reader that goes
/// away ends emis quietly (no signal, no message); `--threads` is bounded.
@Suite struct OutputErrorTests {
    /// Runs `script` in bash with `$EMIS` set to the binary; returns status and stderr.
    func shell(_ script: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = Fixtures.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["EMIS": Emis.executable.path]) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDeviceIsOneLineAndStatusOne() throws {
        let run = try shell("\"$EMIS\" project Scenarios/plan.yaml --lang en > /dev/full")
        #expect(run.status == 1)
        #expect(run.stderr == "emis: cannot write the output: No space left on device\n")
    }

    @Test func aClosedStandardOutputIsRefused() throws {
        let run = try shell("\"$EMIS\" project Scenarios/plan.yaml >&-")
        #expect(run.status == 1)
        #expect(run.stderr == "emis: standard output is closed\n")
    }

    @Test func aClosedPipeEndsQuietly() throws {
        // 86 kB of CSV: more than a pipe holds, so emis is still writing when head leaves.
        let run = try shell(
            "\"$EMIS\" project Scenarios/plan.yaml --by source --format csv 2>/tmp/emis-pipe-$$.err | head -c 1 >/dev/null; "
                + "status=${PIPESTATUS[0]}; cat /tmp/emis-pipe-$$.err >&2; rm -f /tmp/emis-pipe-$$.err; exit $status")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(!run.stderr.contains("emis:"), "\(run.stderr)")
    }

    @Test(arguments: ["0", "99999999999", "100000"])
    func threadsOutOfRangeAreAUsageError(threads: String) throws {
        let run = try Emis.run(["validate", "Scenarios/plan.yaml", "--threads", threads])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--threads must be between 1 and"))
    }
}
