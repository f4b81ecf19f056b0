import Diagnostics
import Foundation

/// Checks made before an input file is read, and the decoding of its text: what kind of
/// file it is (reading a FIFO would wait forever; a symbolic-link loop is not "missing"),
/// and, when it is not UTF-8, where the first bad byte is and how to convert the file.
public enum InputFile {
    /// Why `path` cannot be read as a file, or nil when it is a regular file (following
    /// symbolic links).
    public static func problem(_ path: String) -> LocalizedText? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return LocalizedText(en: "no such file", zh: "文件不存在")
            case ELOOP:
                return LocalizedText(
                    en: "a loop of symbolic links (the link points back to itself)", zh: "符号链接形成循环（链接指向自身）")
            case EACCES: return LocalizedText(en: "permission denied", zh: "没有读取权限")
            default:
                let reason = String(cString: strerror(errno))
                return LocalizedText(en: reason, zh: reason)
            }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return LocalizedText(en: "is a folder, not a file", zh: "是文件夹，不是文件")
        case S_IFIFO:
            return LocalizedText(
                en: "is a FIFO (named pipe), not a regular file", zh: "是命名管道（FIFO），不是普通文件")
        case S_IFSOCK: return LocalizedText(en: "is a socket, not a regular file", zh: "是套接字，不是普通文件")
        default: return LocalizedText(en: "is a device, not a regular file", zh: "是设备文件，不是普通文件")
        }
    }

    /// The bytes of the regular file at `path`, or nil when it cannot be read. Plain POSIX
    /// reads (Foundation's `FileManager.contents(atPath:)` leaks 4 KiB on an empty file in
    /// Swift 6.3.1, as the fuzzer found).
    public static func contents(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    /// The text of `data` (a UTF-8 byte-order mark is kept for the caller to drop), or a
    /// finding at the first byte that is not UTF-8, saying which encoding it looks like and
    /// the command that converts the file.
    public static func text(_ data: Data, file: String) -> (text: String?, problem: Diagnostic?) {
        if let text = String(data: data, encoding: .utf8) { return (text, nil) }
        return (nil, encodingProblem(data, file: file))
    }

    /// A finding for bytes that are not UTF-8: UTF-16 (by its byte-order mark or its zero
    /// bytes), or GB18030/GBK (what Chinese Windows and Excel write), or unknown.
    public static func encodingProblem(_ data: Data, file: String) -> Diagnostic {
        let bytes = [UInt8](data.prefix(1 << 20))
        let name = (file as NSString).lastPathComponent
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || (bytes.count >= 4 && (bytes[1] == 0 || bytes[0] == 0) && (bytes[3] == 0 || bytes[2] == 0))
        {
            return .error(
                at: SourceLocation(file: file, line: 1, column: 1),
                en:
                    "the file is UTF-16 (Excel's \"Unicode text\"), not UTF-8: save it as UTF-8 (Excel: \"CSV UTF-8\"), or convert it: iconv -f UTF-16 -t UTF-8 \(name) > utf8-\(name)",
                zh:
                    "该文件是 UTF-16 编码（Excel 的“Unicode 文本”），不是 UTF-8：请另存为 UTF-8（Excel 中选择“CSV UTF-8”），或转换：iconv -f UTF-16 -t UTF-8 \(name) > utf8-\(name)"
            )
        }
        // The first byte that does not start or continue a UTF-8 sequence.
        var line = 1
        var lineStart = 0
        var offset = 0
        var bad = bytes.count
        while offset < bytes.count {
            let byte = bytes[offset]
            let length =
                byte < 0x80
                ? 1
                : byte >= 0xC2 && byte <= 0xDF
                    ? 2
                    : byte >= 0xE0 && byte <= 0xEF
                        ? 3
                        : byte >= 0xF0 && byte <= 0xF4 ? 4 : 0
            let valid =
                length > 0 && offset + length <= bytes.count
                && bytes[(offset + 1)..<(offset + length)].allSatisfy { $0 & 0xC0 == 0x80 }
            if !valid {
                bad = offset
                break
            }
            if byte == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            offset += length
        }
        let column =
            1 + (bad > lineStart ? bytes[lineStart..<bad].filter { $0 & 0xC0 != 0x80 }.count : 0)
        let location = SourceLocation(file: file, line: line, column: column)
        let gbk = bad + 1 < bytes.count && bytes[bad] >= 0x81 && bytes[bad] <= 0xFE && bytes[bad + 1] >= 0x40
        if gbk {
            return .error(
                at: location,
                en:
                    "the file is not UTF-8 (it looks like GBK/GB18030, what Chinese Windows writes): save it as UTF-8, or convert it: iconv -f GB18030 -t UTF-8 \(name) > utf8-\(name)",
                zh:
                    "该文件不是 UTF-8 编码（看起来是 GBK/GB18030，中文 Windows 的默认编码）：请另存为 UTF-8，或转换：iconv -f GB18030 -t UTF-8 \(name) > utf8-\(name)"
            )
        }
        return .error(
            at: location,
            en:
                "the file is not UTF-8 text (byte 0x\(String(bytes[min(bad, bytes.count - 1)], radix: 16, uppercase: true)) here); save it as UTF-8",
            zh:
                "该文件不是 UTF-8 文本（此处为字节 0x\(String(bytes[min(bad, bytes.count - 1)], radix: 16, uppercase: true))）；请另存为 UTF-8"
        )
    }
}
