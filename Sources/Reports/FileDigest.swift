import Crypto
import Foundation

/// SHA-256 of input files, for the provenance section (swift-crypto; read in blocks, so a
/// census-sized sources table is never held in memory at once).
enum FileDigest {
    struct Entry: Sendable, Equatable {
        /// Lower-case hex, 64 digits.
        var sha256: String
        var size: Int
    }

    /// Nil when the file cannot be read.
    static func sha256(ofFile path: String) -> Entry? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while true {
            let block: Data?
            do { block = try handle.read(upToCount: 1 << 20) } catch { return nil }
            // nil or empty: the end of the file.
            guard let block, !block.isEmpty else { break }
            size += block.count
            hasher.update(data: block)
        }
        return Entry(sha256: hex(hasher.finalize()), size: size)
    }

    static func sha256(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `a/b/../c/./d` → `a/c/d`, without touching the file system (no symlinks resolved),
    /// so that one file named two ways is listed once and shown as a reader would write it.
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
