internal import CFileSystem
import Diagnostics
import Foundation

/// A folder a command writes (`emis report --out`, `emis synth --out`), and the rules that
/// keep it from destroying anything it did not create.
///
/// - Only a folder is ever replaced: never a file, a device, a FIFO, a socket, nor anything
///   through a symbolic link. Never the root, the current folder or one of its parents, and
///   never a folder that holds one of the command's inputs.
/// - A folder is replaced when it is empty or holds this kind of output (its marker file,
///   e.g. `.emis-report`, at the top). With `force`, also when it holds another kind of emis
///   output (`otherMarkers`). A folder of anything else is refused, with or without `force`.
/// - The new content is written into a temporary sibling `.<name>.emis-tmp-<pid>-<uuid>`
///   (its marker first) and swapped into place in one step (`renameat2(RENAME_EXCHANGE)`,
///   falling back to two renames that put the old folder back if the second fails). A new
///   folder appears with `RENAME_NOREPLACE`, so nothing that appeared meanwhile is replaced.
///   The temporary folder is removed on every error; those left by killed runs (their
///   process gone) are removed by the next write next to them.
public struct OutputFolder: Sendable {
    /// The path as the user gave it.
    public let path: String
    /// The file at the top of a folder this kind of output wrote.
    public let marker: String
    /// Markers of the other kinds of emis output (replaced only with `force`).
    public let otherMarkers: [String]

    public init(path: String, marker: String, otherMarkers: [String] = []) {
        self.path = path
        self.marker = marker
        self.otherMarkers = otherMarkers
    }

    /// A refusal, or a failure while writing: a message and the path it concerns.
    public struct Failure: Error, Sendable {
        public var path: String
        public var message: LocalizedText
    }

    /// What is at the path now.
    enum Entry: Equatable {
        case absent
        case symbolicLink
        case other(LocalizedText)
        case folder
    }

    private var url: URL { URL(fileURLWithPath: path).standardizedFileURL }

    static func entry(at path: String) -> Entry {
        var status = stat()
        guard lstat(path, &status) == 0 else { return errno == ENOENT ? .absent : .other(Self.unreadable) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        case S_IFREG: return .other(LocalizedText(en: "a file", zh: "文件"))
        case S_IFCHR, S_IFBLK: return .other(LocalizedText(en: "a device", zh: "设备文件"))
        case S_IFIFO: return .other(LocalizedText(en: "a FIFO", zh: "命名管道（FIFO）"))
        case S_IFSOCK: return .other(LocalizedText(en: "a socket", zh: "套接字"))
        default: return .other(LocalizedText(en: "not a folder", zh: "不是文件夹"))
        }
    }

    private static let unreadable = LocalizedText(en: "something emis cannot inspect", zh: "无法检查的对象")

    /// The path with `..`, `.` and symbolic links of its parents resolved (the last
    /// component itself is not followed).
    private static func resolvedParent(_ url: URL) -> String {
        url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
    }

    private static func isWithin(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// Why the folder may not be written, or nil. `inputs` are the files the command reads.
    public func refusal(force: Bool, inputs: [String] = []) -> Failure? {
        func refuse(_ en: String, _ zh: String) -> Failure {
            Failure(path: path, message: LocalizedText(en: en, zh: zh))
        }
        let target = Self.resolvedParent(url)
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        if target == "/" || Self.isWithin(current, target) {
            return refuse(
                "refusing to write over the root, the current folder or one of its parents",
                "不能写入根目录、当前文件夹或其上级文件夹")
        }
        for input in inputs {
            let resolved = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
            if Self.isWithin(resolved, target)
                || Self.isWithin(URL(fileURLWithPath: input).standardizedFileURL.path, url.path)
            {
                return refuse("it holds the input \(input); an output cannot replace it", "其中有输入文件 \(input)，不能用输出替换")
            }
        }
        switch Self.entry(at: url.path) {
        case .absent:
            return nil
        case .symbolicLink:
            return refuse(
                "is a symbolic link; emis does not write through links (give the folder itself)",
                "是符号链接；emis 不通过链接写入（请直接给出文件夹）")
        case let .other(kind):
            return refuse(
                "already exists and is \(kind.en), not a folder; emis replaces only folders it wrote",
                "已存在且是\(kind.zh)而不是文件夹；emis 只替换它自己生成的文件夹")
        case .folder:
            // An unreadable folder counts as holding something.
            let isEmpty = (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty ?? false
            if isEmpty || holdsMarker(marker) { return nil }
            if let other = otherMarkers.first(where: holdsMarker) {
                return force
                    ? nil
                    : refuse(
                        "holds the output of another emis command (\(other)); use --force to replace it",
                        "其中是另一个 emis 命令的输出（\(other)）；如确需替换，请加 --force")
            }
            return refuse(
                "already exists and holds files emis did not write (no \(marker)); choose a new folder or empty this one",
                "已存在且包含不是 emis 生成的文件（没有 \(marker)）；请换一个新文件夹，或先清空它")
        }
    }

    /// Whether the folder holds the marker `name` as a regular file at its top.
    private func holdsMarker(_ name: String) -> Bool {
        var status = stat()
        return lstat(url.appendingPathComponent(name).path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Checks the folder again (it may have changed since `refusal`), writes the marker and
    /// what `fill` writes into a temporary sibling, and swaps it into place.
    public func write(force: Bool, inputs: [String] = [], _ fill: (URL) throws -> Void) throws(Failure) {
        if let refusal = refusal(force: force, inputs: inputs) { throw refusal }
        let fileManager = FileManager.default
        let target = url
        let parent = target.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: parent.path, message: Self.text(of: error))
        }
        Self.removeStale(next: target)
        let stem = ".\(target.lastPathComponent).emis-tmp-\(getpid())-\(UUID().uuidString)"
        let temporary = parent.appendingPathComponent(stem)
        do {
            try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
            try Data("emis\n".utf8).write(to: temporary.appendingPathComponent(marker))
            try fill(temporary)
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw Failure(path: path, message: Self.text(of: error))
        }
        let exists = Self.entry(at: target.path) != .absent
        if !exists {
            if emis_rename_no_replace(temporary.path, target.path) == 0 { return }
            let code = errno
            if code == ENOSYS || code == EINVAL, rename(temporary.path, target.path) == 0 { return }
            try? fileManager.removeItem(at: temporary)
            throw Failure(path: path, message: Self.text(ofErrno: code))
        }
        if emis_exchange_paths(temporary.path, target.path) == 0 {
            // The old content is now at the temporary path.
            try? fileManager.removeItem(at: temporary)
            return
        }
        let code = errno
        guard code == ENOSYS || code == EINVAL else {
            try? fileManager.removeItem(at: temporary)
            throw Failure(path: path, message: Self.text(ofErrno: code))
        }
        // Two renames; if the second fails the old folder goes back.
        let old = parent.appendingPathComponent(
            ".\(target.lastPathComponent).emis-old-\(getpid())-\(UUID().uuidString)")
        guard rename(target.path, old.path) == 0 else {
            let code = errno
            try? fileManager.removeItem(at: temporary)
            throw Failure(path: path, message: Self.text(ofErrno: code))
        }
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            _ = rename(old.path, target.path)
            try? fileManager.removeItem(at: temporary)
            throw Failure(path: path, message: Self.text(ofErrno: code))
        }
        try? fileManager.removeItem(at: old)
    }

    /// Removes temporary and old folders that runs killed before they finished left next to
    /// `target`: `.<name>.emis-tmp-<pid>-…` and `.<name>.emis-old-<pid>-…` whose process is
    /// gone. Folders of a run still going are left alone.
    static func removeStale(next target: URL) {
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries {
            for kind in ["tmp", "old"] {
                let prefix = ".\(name).emis-\(kind)-"
                guard entry.hasPrefix(prefix),
                    let pid = Int32(entry.dropFirst(prefix.count).prefix(while: { $0 != "-" })),
                    pid != getpid(), kill(pid, 0) == -1, errno == ESRCH,
                    Self.entry(at: parent.appendingPathComponent(entry).path) == .folder
                else { continue }
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
            }
        }
    }

    private static func text(ofErrno code: Int32) -> LocalizedText {
        let message = String(cString: strerror(code))
        return LocalizedText(en: message, zh: message)
    }

    private static func text(of error: any Error) -> LocalizedText {
        if let failure = error as? Failure { return failure.message }
        let message = (error as NSError).localizedDescription
        return LocalizedText(en: message, zh: message)
    }
}
