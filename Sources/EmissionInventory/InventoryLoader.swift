import Diagnostics
import FileFormats
import Foundation

/// The outcome of loading: an inventory when the input had no errors, and every finding.
public struct InventoryLoadResult: Sendable {
    public var inventory: Inventory?
    public var diagnostics: DiagnosticList
    /// Whether the sources table came from the cache, or was written to it.
    public var cacheUse: InventoryCache.Use = .none
}

/// Loads an inventory folder (`inventory.yaml` + its sources table), checking everything.
///
/// The loader never prints and never stops the program: it returns the inventory (or nil)
/// and the list of diagnostics, and the caller decides what to show and how to exit.
public struct InventoryLoader: Sendable {
    /// Unknown columns are errors rather than warnings.
    public var strict: Bool
    /// Threads that read a large sources table at the same time (default: one per core).
    /// The result does not depend on it.
    public var threads: Int
    /// Where parsed sources tables are kept between runs (`InventoryCache`); nil: always
    /// read the CSV.
    public var cache: InventoryCache?
    /// A table is cut into pieces of at least this many bytes (smaller ones are read whole).
    var minimumBytesPerThread = 4 << 20
    /// How many bytes of the mapped table are read before their pages are given back
    /// (small in tests, so that late diagnostics read given-back pages again).
    var releaseInterval = 16 << 20

    public init(strict: Bool = false, threads: Int? = nil, cache: InventoryCache? = nil) {
        self.strict = strict
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        self.cache = cache
    }

    /// Loads from a folder holding `inventory.yaml`, or from the YAML file itself. File
    /// names in diagnostics are built from `path` as given, so they read as the user typed.
    public func load(_ path: String) -> InventoryLoadResult {
        var diagnostics = DiagnosticList()
        var cacheUse = InventoryCache.Use.none
        let inventory = load(path, &diagnostics, cacheUse: &cacheUse)
        return InventoryLoadResult(
            inventory: diagnostics.hasErrors ? nil : inventory, diagnostics: diagnostics, cacheUse: cacheUse)
    }

    /// Reads only `inventory.yaml` (from the folder or the file `path`), without the sources:
    /// what a scenario file needs to know about its inventory (the base year) cheaply.
    public func manifest(_ path: String) -> (manifest: InventoryManifest?, diagnostics: DiagnosticList) {
        var diagnostics = DiagnosticList()
        let manifest = readManifest(path, &diagnostics)?.manifest
        return (diagnostics.hasErrors ? nil : manifest, diagnostics)
    }

    func load(_ path: String, _ diagnostics: inout DiagnosticList, cacheUse: inout InventoryCache.Use) -> Inventory? {
        guard let (manifest, manifestPath, manifestBytes) = readManifest(path, &diagnostics) else { return nil }
        let folder = (manifestPath as NSString).deletingLastPathComponent
        let sourcesPath = joinPath(folder, manifest.sourcesFile)
        func inventory(_ sources: SourceTable) -> Inventory {
            Inventory(manifest: manifest, sources: sources, manifestPath: manifestPath, sourcesPath: sourcesPath)
        }
        // A large table that loaded cleanly before is read back as its columns.
        var status = stat()
        let cache =
            self.cache.flatMap { cache in
                InputFile.problem(sourcesPath) == nil && stat(sourcesPath, &status) == 0
                    && Int(status.st_size) >= cache.minimumBytes ? cache : nil
            }
        // (Findings of inventory.yaml are reported afresh on every load; only the table's are
        // cached, and a cached table has none.)
        if let cache, !diagnostics.hasErrors,
            let key = InventoryCache.key(sourcesPath: sourcesPath, manifestBytes: manifestBytes),
            let table = cache.read(sourcesPath, key: key)
        {
            cacheUse = .read
            return inventory(table)
        }
        let findingsBefore = Self.findings(diagnostics)
        var key: InventoryCache.Key?
        guard
            let sources = readSources(
                sourcesPath, manifest, &diagnostics,
                keyed: cache == nil ? nil : { InventoryCache.key(sources: $0, manifestBytes: manifestBytes) },
                key: &key)
        else { return nil }
        // Only a table without any finding is cached: a cached load then reports what a
        // fresh one would.
        if let cache, let key, Self.findings(diagnostics) == findingsBefore,
            cache.write(sources, sourcesPath: sourcesPath, key: key)
        {
            cacheUse = .written
        }
        return inventory(sources)
    }

    private static func findings(_ diagnostics: DiagnosticList) -> Int {
        diagnostics.items.count + diagnostics.suppressedErrorCount + diagnostics.suppressedWarningCount
    }

    private func readManifest(_ path: String, _ diagnostics: inout DiagnosticList)
        -> (manifest: InventoryManifest, path: String, bytes: Data)?
    {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let problem = InputFile.problem(path) ?? LocalizedText(en: "no such file", zh: "文件不存在")
            diagnostics.append(
                .error(
                    at: SourceLocation(file: path),
                    en: problem.en == "no such file" ? "no such file or folder" : problem.en,
                    zh: problem.en == "no such file" ? "文件或文件夹不存在" : problem.zh))
            return nil
        }
        let manifestPath = isDirectory.boolValue ? joinPath(path, "inventory.yaml") : path
        if let problem = InputFile.problem(manifestPath) {
            diagnostics.append(
                .error(
                    at: SourceLocation(file: manifestPath),
                    en: isDirectory.boolValue && problem.en == "no such file"
                        ? "the folder has no inventory.yaml" : problem.en,
                    zh: isDirectory.boolValue && problem.en == "no such file" ? "该文件夹中没有 inventory.yaml" : problem.zh))
            return nil
        }
        guard let manifestData = InputFile.contents(manifestPath) else {
            diagnostics.append(
                .error(
                    at: SourceLocation(file: manifestPath),
                    en: isDirectory.boolValue ? "the folder has no inventory.yaml" : "cannot read the file",
                    zh: isDirectory.boolValue ? "该文件夹中没有 inventory.yaml" : "无法读取该文件"))
            return nil
        }
        let decoded = InputFile.text(manifestData, file: manifestPath)
        guard let text = decoded.text else {
            if let problem = decoded.problem { diagnostics.append(problem) }
            return nil
        }
        let document = YAMLDocument.parse(text, file: manifestPath, diagnostics: &diagnostics)
        let folder = (manifestPath as NSString).deletingLastPathComponent
        let defaultName = ((isDirectory.boolValue ? path : folder) as NSString).lastPathComponent
        guard let manifest = ManifestReader.read(document, defaultName: defaultName, &diagnostics) else {
            return nil
        }
        return (manifest, manifestPath, manifestData)
    }

    /// Reads the sources table; `keyed`, when given, computes the cache key from the very
    /// bytes that were read (into `key`).
    private func readSources(
        _ path: String, _ manifest: InventoryManifest,
        _ diagnostics: inout DiagnosticList,
        keyed: ((UnsafeRawBufferPointer) -> InventoryCache.Key)? = nil, key: inout InventoryCache.Key?
    ) -> SourceTable? {
        if let problem = InputFile.problem(path) {
            let missing = problem.en == "no such file"
            diagnostics.append(
                .error(
                    at: SourceLocation(file: path),
                    en: missing
                        ? "the sources file does not exist"
                        : "the sources file" + (problem.en.hasPrefix("is ") ? " " : ": ") + problem.en,
                    zh: missing ? "排放源文件不存在" : "排放源文件\(problem.zh)"))
            return nil
        }
        // Mapped, not copied: a census-sized table is read once, sequentially, and the pages
        // already read are given back as the reading goes on.
        guard let file = MappedFile(path: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            diagnostics.append(
                .error(
                    at: SourceLocation(file: path),
                    en: exists ? "cannot read the sources file" : "the sources file does not exist",
                    zh: exists ? "无法读取排放源文件" : "排放源文件不存在"))
            return nil
        }
        let bytes = file.bytes
        // UTF-16 (Excel's "Unicode text") is refused whole, with the command that converts
        // it; GBK is caught cell by cell by the reader, which names the first bad cell.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || (bytes.count >= 4 && bytes.prefix(4).contains(0))
        {
            diagnostics.append(InputFile.encodingProblem(Data(bytes.prefix(1 << 20)), file: path))
            return nil
        }
        let reader = SourcesReader(file: path, emissionUnit: manifest.emissionUnit, strict: strict)
        if let keyed {
            key = keyed(UnsafeRawBufferPointer(bytes))
            file.release(0..<bytes.count)
        }
        return reader.read(
            bytes, threads: threads, minimumBytesPerThread: minimumBytesPerThread,
            release: (file.release, every: releaseInterval), &diagnostics)
    }

}
