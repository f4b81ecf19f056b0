import Foundation

/// Writing outputs so that a reader never sees half a file: everything is written to a
/// temporary sibling first and then renamed into place (rename is atomic on one file system).
public enum AtomicOutput {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes `data` to `path`, replacing any file there only once the write has succeeded.
    public static func write(_ data: Data, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw Failure(path: path, reason: error.localizedDescription)
        }
    }

    /// Creates the folder `path` with the files `fill` writes into a temporary folder, then
    /// moves it into place. `path` must not exist yet unless `replace` is set, in which case
    /// the old folder is removed only after the new one is complete.
    public static func createDirectory(
        at path: String, replace: Bool = false, _ fill: (URL) throws -> Void
    ) throws {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !replace {
            throw Failure(path: path, reason: "already exists")
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: parent.path, reason: error.localizedDescription)
        }
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
            try fill(temporary)
            if exists {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(UUID().uuidString)")
                try fileManager.moveItem(at: target, to: old)
                try fileManager.moveItem(at: temporary, to: target)
                try? fileManager.removeItem(at: old)
            } else {
                try fileManager.moveItem(at: temporary, to: target)
            }
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw error
        }
    }
}
