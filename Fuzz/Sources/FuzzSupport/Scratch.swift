import Foundation

/// A scratch folder of this fuzzing process (under the system's temporary folder), where a
/// harness writes the input the loaders read from a path. Created once, reused every run.
public enum Scratch {
    public static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("emis-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `bytes` to `name` inside the scratch folder and returns its path.
    public static func write(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let url = folder.appendingPathComponent(name)
        try? FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(buffer: bytes).write(to: url)
        return url.path
    }

    /// Writes `text` to `name` inside the scratch folder and returns its path.
    @discardableResult
    public static func write(_ name: String, _ text: String) -> String {
        let url = folder.appendingPathComponent(name)
        try? FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
        return url.path
    }
}
