/// One field of a CSV row: a byte range in the file, and where it starts.
public struct CSVField: Sendable {
    /// Byte offsets of the field's content (inside the quotes for a quoted field).
    public var start: Int
    public var end: Int
    /// The field was enclosed in double quotes.
    public var isQuoted: Bool
    /// The quoted content holds `""` pairs that stand for one `"` each.
    public var hasEscapedQuotes: Bool
    /// 1-based physical line of the field's first byte (a quoted field may span lines).
    public var line: Int
    /// Byte offset where that physical line starts.
    public var lineStart: Int
    /// Byte offset of the field's first byte in the file (its opening quote if quoted).
    public var offset: Int
}

/// A row: its fields, reused from one row to the next to avoid allocation.
public struct CSVRow: Sendable {
    public var fields: [CSVField] = []
    /// 1-based physical line where the row starts.
    public var line = 0
    /// Byte offset of the line where the row starts.
    public var lineStart = 0
    /// Byte offset just past the row's last field (before its line break).
    public var end = 0

    public init() {}

    public var count: Int { fields.count }
}

/// A syntax error that makes the rest of the file unreadable as CSV.
public struct CSVSyntaxError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A quoted field runs to the end of the file.
        case unterminatedQuote
        /// A `"` inside a field that does not start with one.
        case quoteInUnquotedField
        /// Something other than a separator or line break right after a closing quote.
        case textAfterClosingQuote
    }

    public var kind: Kind
    public var line: Int
    public var lineStart: Int
    public var offset: Int
}

/// A fast, strict RFC 4180 reader over bytes already in memory.
///
/// - UTF-8 with or without a byte-order mark; line breaks LF, CRLF or CR.
/// - Fields separated by `,`; a field that starts with `"` is quoted: it may hold commas,
///   line breaks and `""` (one quote); after the closing quote comes `,` or a line break.
/// - Empty lines are skipped.
///
/// The scanner never copies field contents: it reports byte ranges, and the caller converts
/// only the fields it needs. This keeps loading millions of rows allocation-free.
public struct CSVScanner {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    /// Byte offset of the next byte to read.
    public private(set) var position: Int
    /// 1-based physical line of the next byte to read.
    public private(set) var line = 1
    private var lineStart: Int

    /// `buffer` must stay valid while the scanner is used.
    public init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer still needs a valid pointer.
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = buffer.count
        var start = 0
        if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        position = start
        lineStart = start
    }

    /// A scanner over `range` of `buffer` only, whose first byte is on line `line` and starts
    /// it (a part of a file cut by `splitPoints`).
    public init(_ buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, line: Int) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = range.upperBound
        position = range.lowerBound
        lineStart = range.lowerBound
        self.line = line
    }

    /// Where to cut the rows from `start` (on line `line`) to the end into about `parts`
    /// pieces of similar size that can be read independently: each cut is just after a line
    /// break outside any quoted field (an even number of `"` precede it, which holds for
    /// valid RFC 4180 text). Returns the start offset and line of each piece, the first being
    /// `(start, line)`. Line breaks are counted as the scanner counts them.
    public static func splitPoints(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, line: Int,
        parts: Int
    ) -> [(offset: Int, line: Int)] {
        var points = [(offset: start, line: line)]
        let length = buffer.count - start
        guard parts > 1, length > 0 else { return points }
        let step = length / parts
        var nextTarget = start + step
        var quotes = 0
        var currentLine = line
        var i = start
        while i < buffer.count, points.count < parts {
            let c = buffer[i]
            if c == 0x22 {
                quotes += 1
            } else if c == 0x0A || (c == 0x0D && (i + 1 == buffer.count || buffer[i + 1] != 0x0A)) {
                currentLine += 1
                if i >= nextTarget, quotes & 1 == 0, i + 1 < buffer.count {
                    points.append((i + 1, currentLine))
                    nextTarget = i + 1 + step
                }
            }
            i += 1
        }
        return points
    }

    /// Reads the next non-empty row into `row`. Returns `false` at the end of the input.
    public mutating func nextRow(_ row: inout CSVRow) throws(CSVSyntaxError) -> Bool {
        // Skip empty lines.
        while position < count, base[position] == 0x0A || base[position] == 0x0D {
            consumeLineBreak()
        }
        guard position < count else { return false }
        row.fields.removeAll(keepingCapacity: true)
        row.line = line
        row.lineStart = lineStart
        while true {
            let field = try readField()
            row.fields.append(field)
            if position < count, base[position] == 0x2C {  // ','
                position += 1
                if position == count {  // a trailing comma at the end of the file
                    row.fields.append(
                        CSVField(
                            start: position, end: position, isQuoted: false,
                            hasEscapedQuotes: false, line: line,
                            lineStart: lineStart, offset: position))
                    row.end = position
                    return true
                }
                continue
            }
            row.end = position
            if position < count { consumeLineBreak() }
            return true
        }
    }

    private mutating func consumeLineBreak() {
        if base[position] == 0x0D, position + 1 < count, base[position + 1] == 0x0A {
            position += 2
        } else {
            position += 1
        }
        line += 1
        lineStart = position
    }

    private mutating func readField() throws(CSVSyntaxError) -> CSVField {
        let offset = position
        let fieldLine = line
        let fieldLineStart = lineStart
        if position < count, base[position] == 0x22 {  // '"'
            position += 1
            let start = position
            var escaped = false
            while true {
                guard position < count else {
                    throw CSVSyntaxError(
                        kind: .unterminatedQuote, line: fieldLine,
                        lineStart: fieldLineStart, offset: offset)
                }
                let c = base[position]
                if c == 0x22 {
                    if position + 1 < count, base[position + 1] == 0x22 {
                        escaped = true
                        position += 2
                        continue
                    }
                    let end = position
                    position += 1
                    if position < count {
                        let next = base[position]
                        if next != 0x2C && next != 0x0A && next != 0x0D {
                            throw CSVSyntaxError(
                                kind: .textAfterClosingQuote, line: line,
                                lineStart: lineStart, offset: position)
                        }
                    }
                    return CSVField(
                        start: start, end: end, isQuoted: true, hasEscapedQuotes: escaped,
                        line: fieldLine, lineStart: fieldLineStart, offset: offset)
                }
                if c == 0x0A || c == 0x0D {
                    if c == 0x0D, position + 1 < count, base[position + 1] == 0x0A { position += 1 }
                    line += 1
                    lineStart = position + 1
                }
                position += 1
            }
        }
        let start = position
        while position < count {
            let c = base[position]
            if c == 0x2C || c == 0x0A || c == 0x0D { break }
            if c == 0x22 {
                throw CSVSyntaxError(
                    kind: .quoteInUnquotedField, line: line,
                    lineStart: lineStart, offset: position)
            }
            position += 1
        }
        return CSVField(
            start: start, end: position, isQuoted: false, hasEscapedQuotes: false,
            line: fieldLine, lineStart: fieldLineStart, offset: offset)
    }
}

/// Helpers to turn byte positions into what a person reads.
public enum TextPosition {
    /// 1-based column of `offset` on the line starting at `lineStart`, counting Unicode
    /// scalars (UTF-8 lead bytes), as libyaml and the diagnostics do.
    public static func column(in bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, offset: Int) -> Int {
        var column = 1
        var i = lineStart
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    /// The line around `offset` for a message: the whole line when it is short, else about
    /// `radius` bytes either side of `offset` with "…" where it was cut, and the caret's
    /// column within that excerpt. Reads at most `2 · radius` bytes, however long the line.
    public static func excerpt(
        in bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, offset: Int, radius: Int = 400
    ) -> (line: String, column: Int?) {
        let offset = min(max(offset, lineStart), bytes.count)
        var end = offset
        let limit = min(bytes.count, offset + radius)
        while end < limit, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        let cutEnd = end == limit && end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D
        if cutEnd { while end > offset, bytes[end] & 0xC0 == 0x80 { end -= 1 } }
        var start = lineStart
        let cutStart = offset - lineStart > radius
        if cutStart {
            start = offset - radius
            while start < offset, bytes[start] & 0xC0 == 0x80 { start += 1 }
        }
        let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard cutStart || cutEnd else { return (body, nil) }
        let column = (cutStart ? 1 : 0) + column(in: bytes, lineStart: start, offset: offset)
        return ((cutStart ? "…" : "") + body + (cutEnd ? "…" : ""), column)
    }

    /// The text of the physical line starting at `lineStart`, without its line break.
    public static func line(in bytes: UnsafeBufferPointer<UInt8>, lineStart: Int) -> String {
        var end = lineStart
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self)
    }

    /// The content of a field as a string, with `""` unescaped.
    public static func string(of field: CSVField, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let content = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        guard field.hasEscapedQuotes else { return String(decoding: content, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(content.count)
        var previousWasQuote = false
        for byte in content {
            if byte == 0x22, previousWasQuote {
                previousWasQuote = false  // the second quote of a `""` pair
                continue
            }
            previousWasQuote = byte == 0x22
            unescaped.append(byte)
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}
