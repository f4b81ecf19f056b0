import EmisTestSupport
import Foundation
import Testing

/// `--out` never destroys what emis did not write: not a file, a device, a FIFO, a link's
/// target, the current folder or its parents, nor a folder of other files, with or without
/// `--force`. Everything here happens inside a temporary folder.
@Suite struct OutputSafetyTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1719705600"]
    static let plan = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/baseline.yaml").path

    /// The commands that write a folder, writing to `out`.
    static func commands(_ out: String, force: Bool) -> [[String]] {
        let flag = force ? ["--force"] : []
        return [["report", plan, "--out", out] + flag, ["synth", "--sources", "5", "--out", out] + flag]
    }

    private func expectRefused(_ out: String, in directory: URL = Fixtures.repositoryRoot, _ message: String) throws {
        for force in [false, true] {
            for command in Self.commands(out, force: force) {
                let run = try Emis.run(command + ["--lang", "en"], in: directory, environment: Self.epoch)
                #expect(run.status == 1, "\(command): \(run.stdout)")
                #expect(run.stderr.contains(message), "\(command): \(run.stderr)")
            }
        }
    }

    @Test func aFileIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("notes.txt", "keep me")
        try expectRefused(file, "is a file, not a folder")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
    }

    @Test func aFIFOIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        try expectRefused(fifo, "is a FIFO, not a folder")
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    /// A device node made inside the temporary folder (only as root, which may make one).
    @Test(.enabled(if: getuid() == 0)) func aDeviceIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let device = folder.url.appendingPathComponent("null").path
        // makedev(1, 3), as glibc encodes small numbers: (major << 8) | minor.
        #expect(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        try expectRefused(device, "is a device, not a folder")
        var status = stat()
        #expect(lstat(device, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aSymbolicLinkIsNeverFollowed() throws {
        let folder = try TemporaryFolder()
        let notes = try folder.write("real/notes.txt", "keep me")
        let link = folder.url.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: folder.url.appendingPathComponent("real").path)
        try expectRefused(link, "is a symbolic link")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link).hasSuffix("real"))
    }

    @Test func theCurrentFolderAndItsParentsAreNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let notes = try folder.write("work/notes.txt", "keep me")
        let work = folder.url.appendingPathComponent("work")
        for out in [".", "..", work.path, "/", "./"] {
            try expectRefused(out, in: work, "the current folder or one of its parents")
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "keep me")
    }

    @Test func anotherCommandsOutputNeedsForce() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out").path
        #expect(try Emis.run(["synth", "--sources", "5", "--out", out]).status == 0)
        let refused = try Emis.run(["report", Self.plan, "--out", out, "--lang", "en"], environment: Self.epoch)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds the output of another emis command (.emis-synth); use --force"))
        let forced = try Emis.run(["report", Self.plan, "--out", out, "--force"], environment: Self.epoch)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))
        #expect(!FileManager.default.fileExists(atPath: out + "/sources.csv"))
    }

    /// Temporary folders of a run that was killed are removed by the next run; those of a
    /// run still going (here: this test process) are left alone.
    @Test func staleTemporaryFoldersAreRemovedByTheNextRun() throws {
        let folder = try TemporaryFolder()
        var dead: Int32 = 4_000_000
        while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
        let stale = ".report.emis-tmp-\(dead)-A"
        let old = ".report.emis-old-\(dead)-B"
        let alive = ".report.emis-tmp-\(getpid())-C"
        for name in [stale, old, alive] { _ = try folder.write("\(name)/index.html", "half") }
        let out = folder.url.appendingPathComponent("report").path
        let run = try Emis.run(["report", Self.plan, "--out", out], environment: Self.epoch)
        #expect(run.status == 0, "\(run.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [alive, "report"].sorted())
    }
}
