import Diagnostics
import Dispatch
import FileFormats

/// Reads a sources table (Docs/reference/inventory.md) from CSV bytes into a `SourceTable`, checking every
/// cell. Problems are collected with file, line and column; reading stops only when the
/// diagnostic list is full or the CSV syntax breaks.
struct SourcesReader {
    /// What a header cell means.
    enum Role: Hashable {
        case id, name, sector, county, activity, activityUnit, energy, fossil
        case emission(Pollutant)
        case factor(Pollutant)
        case efficiency(Pollutant)
        case unknown
    }

    /// The fixed columns of the registry (`InventoryFormat.sourceColumns`) with their roles.
    static let fixedColumns: [(String, Role)] = InventoryFormat.fixedSourceColumns.map { name in
        let role: Role =
            switch name {
            case "id": .id
            case "name": .name
            case "sector": .sector
            case "county": .county
            case "activity": .activity
            case "activity_unit": .activityUnit
            case "energy_tce": .energy
            case "fossil": .fossil
            default: preconditionFailure("source column '\(name)' of the registry has no role in SourcesReader")
            }
        return (name, role)
    }

    /// Every column name the table understands, for suggestions.
    static var knownColumns: [String] { InventoryFormat.sourceColumnNames }

    static func role(of header: String) -> Role {
        let lowered = header.lowercased()
        if let fixed = fixedColumns.first(where: { $0.0 == lowered }) { return fixed.1 }
        if let pollutant = Pollutant(caseInsensitiveID: header) { return .emission(pollutant) }
        if lowered.hasSuffix(".eff"), let pollutant = Pollutant(caseInsensitiveID: String(header.dropLast(4))) {
            return .efficiency(pollutant)
        }
        if lowered.hasSuffix(".ef"), let pollutant = Pollutant(caseInsensitiveID: String(header.dropLast(3))) {
            return .factor(pollutant)
        }
        return .unknown
    }

    let file: String
    let emissionUnit: MassUnit
    let strict: Bool

    /// Reads `bytes`, the whole file. Returns nil when any error was found.
    ///
    /// Large files are cut into `threads` pieces at row boundaries (`CSVScanner.splitPoints`)
    /// and the pieces are read at the same time; the pieces' columns are then joined in file
    /// order, so the table and the diagnostics do not depend on the number of threads.
    ///
    /// `release`, when given, is told (from the reading threads) of the byte ranges read,
    /// `every` bytes or so, so that a mapped file's pages can be given back as the reading
    /// goes on.
    func read(
        _ bytes: UnsafeBufferPointer<UInt8>, threads: Int, minimumBytesPerThread: Int,
        release: (@Sendable (Range<Int>) -> Void, every: Int)? = nil, _ diagnostics: inout DiagnosticList
    ) -> SourceTable? {
        var found = DiagnosticList(limit: diagnostics.limit)
        defer {
            found.sortByPosition()
            diagnostics.append(contentsOf: found)
        }
        let context = Context(file: file, bytes: bytes)
        var scanner = CSVScanner(bytes)
        var row = CSVRow()
        let layout: Layout
        do throws(CSVSyntaxError) {
            guard try scanner.nextRow(&row) else {
                found.append(
                    .error(
                        at: SourceLocation(file: file),
                        en: "the sources file is empty (it needs a header line and one row per source)",
                        zh: "排放源文件为空（需要表头行和每个排放源一行）"))
                return nil
            }
            guard let header = readHeader(row, context, &found) else { return nil }
            layout = header
        } catch {
            report(error, context, &found)
            return nil
        }

        let pieces = max(1, min(threads, (bytes.count - scanner.position) / max(1, minimumBytesPerThread)))
        let starts = CSVScanner.splitPoints(bytes, from: scanner.position, line: scanner.line, parts: pieces)
        let results = ConcurrentSlots<(TableBuilder, DiagnosticList)?>(count: starts.count, repeating: nil)
        let limit = diagnostics.limit
        DispatchQueue.concurrentPerform(iterations: starts.count) { k in
            let end = k + 1 < starts.count ? starts[k + 1].offset : context.bytes.count
            let start = starts[k].offset
            var scanner = CSVScanner(context.bytes, range: start..<end, line: starts[k].line)
            var table = TableBuilder(layout: layout)
            var list = DiagnosticList(limit: limit)
            var row = CSVRow()
            var released = start
            do throws(CSVSyntaxError) {
                while try scanner.nextRow(&row) {
                    readRow(row, layout, &table, context, &list)
                    if list.isTruncated { break }
                    if table.rowCount == 256 {
                        // Room for the rows the piece probably has (from the length of its
                        // first rows), so that its columns are not grown by doubling.
                        let perRow = max(1, (scanner.position - start) / 256)
                        table.reserveCapacity((end - start) / perRow * 21 / 20 + 256)
                    }
                    if let release, scanner.position - released >= release.every {
                        release.0(released..<scanner.position)
                        released = scanner.position
                    }
                }
            } catch {
                report(error, context, &list)
            }
            results[k] = (table, list)
        }
        release?.0(0..<bytes.count)

        // Join the pieces in file order, column by column, each column of a piece released
        // as soon as it is copied: the peak memory is about one table plus one column.
        var joined: TableBuilder?
        for k in 0..<starts.count {
            guard case (var piece, let list)? = results[k] else { continue }
            results[k] = nil
            found.append(contentsOf: list)
            if var table = joined {
                joined = nil
                table.append(moving: &piece)
                joined = table
            } else {
                joined = piece
            }
        }
        let table = joined ?? TableBuilder(layout: layout)
        for (duplicate, first) in table.ids.duplicates(hashes: table.idHashes, parts: threads) {
            reportDuplicate(row: duplicate, first: first, table, context, &found)
        }
        if table.rowCount == 0 && !found.hasErrors {
            found.append(
                .error(
                    at: SourceLocation(file: file, line: 1),
                    en: "the sources file has a header but no sources",
                    zh: "排放源文件只有表头，没有排放源"))
        }
        return found.hasErrors ? nil : table.finish()
    }

    private func report(_ error: CSVSyntaxError, _ context: Context, _ diagnostics: inout DiagnosticList) {
        let location = SourceLocation(
            file: file, line: error.line,
            column: TextPosition.column(in: context.bytes, lineStart: error.lineStart, offset: error.offset))
        let message: LocalizedText =
            switch error.kind {
            case .unterminatedQuote:
                LocalizedText(
                    en: "unterminated quoted field: the closing \" is missing",
                    zh: "引号未闭合：缺少结尾的 \"")
            case .quoteInUnquotedField:
                LocalizedText(
                    en: "a \" inside a field that is not quoted (quote the whole field and double the \")",
                    zh: "未加引号的字段中出现 \"（请用引号包围整个字段，并把 \" 写成 \"\"）")
            case .textAfterClosingQuote:
                LocalizedText(
                    en: "text after the closing quote of a field (expected , or a line break)",
                    zh: "字段结尾引号之后还有文字（应为逗号或换行）")
            }
        let excerpt = TextPosition.excerpt(in: context.bytes, lineStart: error.lineStart, offset: error.offset)
        diagnostics.append(
            Diagnostic(.error, at: location, message, sourceLine: excerpt.line, sourceColumn: excerpt.column))
    }

    /// A repeated id, reported at the repeating row's id cell (found again by re-reading
    /// that one row).
    private func reportDuplicate(
        row: Int, first: Int, _ table: TableBuilder, _ context: Context,
        _ diagnostics: inout DiagnosticList
    ) {
        var scanner = CSVScanner(
            context.bytes, range: table.rowStarts[row]..<context.bytes.count,
            line: Int(table.lines[row]))
        var fields = CSVRow()
        guard (try? scanner.nextRow(&fields)) == true, table.layout.id < fields.count else { return }
        let field = fields.fields[table.layout.id]
        let id = context.string(field)
        context.report(
            field, .error,
            en: "duplicate id '\(context.echo(id))' (first used on line \(table.lines[first]))",
            zh: "id '\(context.echo(id))' 重复（首次出现在第 \(table.lines[first]) 行）", &diagnostics)
    }

    // MARK: - Header

    /// Which field holds what, fixed for the whole file.
    struct Layout {
        var fieldCount = 0
        var id = -1, name = -1, sector = -1, county = -1
        var activity = -1, activityUnit = -1, energy = -1, fossil = -1
        /// For each pollutant with data: its emission, factor and efficiency fields (-1: none).
        var pollutants: [(pollutant: Pollutant, emission: Int, factor: Int, efficiency: Int)] = []
    }

    private func readHeader(
        _ row: CSVRow, _ context: Context,
        _ diagnostics: inout DiagnosticList
    ) -> Layout? {
        var layout = Layout()
        layout.fieldCount = row.count
        var seen: [Role: Int] = [:]
        var emission: [Pollutant: Int] = [:]
        var factor: [Pollutant: Int] = [:]
        var efficiency: [Pollutant: Int] = [:]
        var unknownNames: [String] = []
        let errorsBefore = diagnostics.errorCount
        for (index, field) in row.fields.enumerated() {
            let name = context.string(field).trimmingSpaces
            if name.isEmpty {
                context.report(
                    field, .error, en: "column \(index + 1) has no name",
                    zh: "第 \(index + 1) 列没有列名", &diagnostics)
                continue
            }
            let role = Self.role(of: name)
            if role == .unknown {
                unknownNames.append(name)
                context.report(
                    field, strict ? .error : .warning,
                    en: "unknown column '\(context.echo(name))' is ignored",
                    zh: "未知列 '\(context.echo(name))' 将被忽略",
                    suggestion: Suggestion.nearest(to: name, among: Self.knownColumns), &diagnostics)
                continue
            }
            if seen[role] != nil {
                context.report(
                    field, .error, en: "column '\(context.echo(name))' appears twice",
                    zh: "列 '\(context.echo(name))' 重复出现", &diagnostics)
                continue
            }
            seen[role] = index
            switch role {
            case .id: layout.id = index
            case .name: layout.name = index
            case .sector: layout.sector = index
            case .county: layout.county = index
            case .activity: layout.activity = index
            case .activityUnit: layout.activityUnit = index
            case .energy: layout.energy = index
            case .fossil: layout.fossil = index
            case let .emission(p): emission[p] = index
            case let .factor(p): factor[p] = index
            case let .efficiency(p): efficiency[p] = index
            case .unknown: break
            }
        }
        for (required, index) in [("id", layout.id), ("sector", layout.sector)] where index < 0 {
            let misspelt = Suggestion.nearest(to: required, among: unknownNames)
            diagnostics.append(
                .error(
                    at: SourceLocation(file: file, line: row.line),
                    en: "the required column '\(required)' is missing"
                        + (misspelt.map { " ('\($0)' looks like a misspelling of it)" } ?? ""),
                    zh: "缺少必需的列 '\(required)'" + (misspelt.map { "（'\($0)' 可能是它的拼写错误）" } ?? ""),
                    sourceLine: TextPosition.excerpt(in: context.bytes, lineStart: row.lineStart, offset: row.lineStart)
                        .line))
        }
        for pollutant in Pollutant.allCases {
            let e = emission[pollutant] ?? -1
            let f = factor[pollutant] ?? -1
            let eff = efficiency[pollutant] ?? -1
            if e < 0 && f < 0 {
                if eff >= 0 {
                    context.report(
                        row.fields[eff], .warning,
                        en:
                            "column '\(pollutant.id).eff' has no '\(pollutant.id)' or '\(pollutant.id).ef' column beside it and is ignored",
                        zh: "列 '\(pollutant.id).eff' 没有对应的 '\(pollutant.id)' 或 '\(pollutant.id).ef' 列，将被忽略",
                        &diagnostics)
                }
                continue
            }
            layout.pollutants.append((pollutant, e, f, eff))
        }
        if layout.fossil >= 0 && layout.energy < 0 {
            context.report(
                row.fields[layout.fossil], .warning,
                en: "column 'fossil' is ignored without an 'energy_tce' column",
                zh: "没有 'energy_tce' 列时，'fossil' 列将被忽略", &diagnostics)
        }
        return diagnostics.errorCount == errorsBefore ? layout : nil
    }

    // MARK: - Rows

    private func readRow(
        _ row: CSVRow, _ layout: Layout, _ table: inout TableBuilder,
        _ context: Context, _ diagnostics: inout DiagnosticList
    ) {
        guard row.count == layout.fieldCount else {
            if row.count < layout.fieldCount {
                let location = SourceLocation(
                    file: file, line: row.fields.last!.line,
                    column: TextPosition.column(
                        in: context.bytes, lineStart: row.fields.last!.lineStart, offset: row.end))
                let excerpt = TextPosition.excerpt(
                    in: context.bytes, lineStart: row.fields.last!.lineStart, offset: row.end)
                diagnostics.append(
                    Diagnostic(
                        .error, at: location,
                        LocalizedText(
                            en: "this row has \(row.count) fields but the header has \(layout.fieldCount)",
                            zh: "该行有 \(row.count) 个字段，但表头有 \(layout.fieldCount) 列"),
                        sourceLine: excerpt.line, sourceColumn: excerpt.column))
            } else {
                context.report(
                    row.fields[layout.fieldCount], .error,
                    en: "this row has \(row.count) fields but the header has \(layout.fieldCount)",
                    zh: "该行有 \(row.count) 个字段，但表头有 \(layout.fieldCount) 列", &diagnostics)
            }
            return
        }
        let fields = row.fields

        // id: non-empty and [A-Za-z0-9_.-]+, checked on the bytes; uniqueness is checked once
        // all rows are read (`StringColumn.duplicates`).
        let idField = fields[layout.id]
        let id = context.trimmedBytes(idField)
        if id.isEmpty {
            context.report(
                idField, .error, en: "empty id: every source needs a unique id",
                zh: "id 为空：每个排放源都需要唯一的 id", &diagnostics)
            table.appendID(nil)
        } else if idField.hasEscapedQuotes || !SourceRowRules.isValidID(id) {
            context.report(
                idField, .error,
                en: "id '\(context.echo(context.string(idField)))' may only hold letters, digits, '_', '.' and '-'",
                zh: "id '\(context.echo(context.string(idField)))' 只能包含字母、数字、'_'、'.' 和 '-'", &diagnostics)
            table.appendID(nil)
        } else {
            table.appendID(id)
        }
        table.rowStarts.append(row.lineStart)

        // Texts go into their columns as bytes.
        let nameStored =
            layout.name >= 0
            && context.withText(fields[layout.name], "name", &diagnostics) { table.names.append($0) } != nil
        if !nameStored { table.names.append("") }

        let sectorField = fields[layout.sector]
        let sectorValid = context.withText(sectorField, "sector", &diagnostics) { bytes -> Bool in
            guard !bytes.isEmpty, SourceRowRules.isValidSector(bytes) else { return false }
            table.sectors.append(bytes)
            return true
        }
        if sectorValid != true {
            table.sectors.append(nil as String?)
            if sectorValid == false {
                let text = context.string(sectorField).trimmingSpaces
                if text.isEmpty {
                    context.report(
                        sectorField, .error, en: "empty sector: every source needs a sector",
                        zh: "行业为空：每个排放源都需要行业", &diagnostics)
                } else {
                    context.report(
                        sectorField, .error,
                        en: "sector '\(text)' must be a path like 'industry/cement' (no empty parts)",
                        zh: "行业 '\(text)' 应为 'industry/cement' 形式的路径（各段不能为空）", &diagnostics)
                }
            }
        }
        let countyStored =
            layout.county >= 0
            && context.withText(fields[layout.county], "county", &diagnostics) { table.counties.append($0) } != nil
        if !countyStored { table.counties.append(nil as String?) }
        let unitStored =
            layout.activityUnit >= 0
            && context.withText(fields[layout.activityUnit], "activity_unit", &diagnostics) {
                table.activityUnits.append($0)
            } != nil
        if !unitStored { table.activityUnits.append(nil as String?) }

        let activity =
            layout.activity >= 0
            ? context.nonNegativeNumber(fields[layout.activity], "activity", default: 1, &diagnostics) : 1
        table.activity.append(activity)

        if layout.energy >= 0 {
            let perActivity = context.nonNegativeNumber(fields[layout.energy], "energy_tce", default: 0, &diagnostics)
            if !Bounds.holds(activity * perActivity, Bounds.energy) {
                context.report(
                    fields[layout.energy], .error,
                    en:
                        "energy use of this source (activity × energy_tce) would be \(Self.shown(activity * perActivity)) tce/a, more than \(Bounds.text(Bounds.energy)): check the units",
                    zh:
                        "该排放源的能耗（活动水平 × energy_tce）将为 \(Self.shown(activity * perActivity)) 吨标准煤/年，超过 \(Bounds.text(Bounds.energy))：请检查单位",
                    &diagnostics)
            }
            table.energy.append(perActivity)
            var fossil = true
            if layout.fossil >= 0 {
                let field = fields[layout.fossil]
                let flag = context.trimmedBytes(field)
                if flag.isEmpty || Self.equalsIgnoringCase(flag, "true") {
                    fossil = true
                } else if Self.equalsIgnoringCase(flag, "false") {
                    fossil = false
                } else {
                    let other = context.trimmed(field)
                    context.report(
                        field, .error, en: "fossil must be true or false, got '\(context.echo(other))'",
                        zh: "fossil 应为 true 或 false，实际为 '\(context.echo(other))'", &diagnostics)
                }
            }
            table.fossil.append(fossil)
        }

        for (slot, columns) in layout.pollutants.enumerated() {
            let p = columns.pollutant
            var efficiency = 0.0
            if columns.efficiency >= 0 {
                let field = fields[columns.efficiency]
                efficiency = context.nonNegativeNumber(field, "\(p.id).eff", default: 0, &diagnostics)
                if efficiency >= 1 {
                    context.report(
                        field, .error,
                        en: "\(p.id).eff must be in [0, 1), got \(context.echo(context.trimmed(field)))",
                        zh: "\(p.id).eff 应在 [0, 1) 之间，实际为 \(context.echo(context.trimmed(field)))", &diagnostics)
                    efficiency = 0
                }
            }
            var intensity = 0.0
            let emissionField = columns.emission >= 0 ? fields[columns.emission] : nil
            let factorField = columns.factor >= 0 ? fields[columns.factor] : nil
            let hasEmission = emissionField.map { !context.trimmedBytes($0).isEmpty } ?? false
            let hasFactor = factorField.map { !context.trimmedBytes($0).isEmpty } ?? false
            switch SourceRowRules.basis(hasEmission: hasEmission, hasFactor: hasFactor) {
            case .failure:
                context.report(
                    factorField!, .error,
                    en: "both \(p.id) and \(p.id).ef are given for this source; give one of them",
                    zh: "该排放源同时给出了 \(p.id) 和 \(p.id).ef，只能给出其中之一", &diagnostics)
            case .success(.factor):
                intensity = SourceRowRules.intensity(
                    factor: context.nonNegativeNumber(factorField!, "\(p.id).ef", default: 0, &diagnostics))
            case .success(.emission):
                let e0 = context.nonNegativeNumber(emissionField!, p.id, default: 0, &diagnostics) * emissionUnit.tonnes
                switch SourceRowRules.intensity(emission: e0, activity: activity, efficiency: efficiency) {
                case let .success(k):
                    intensity = k
                case .failure:
                    context.report(
                        emissionField!, .error,
                        en:
                            "\(p.id) emissions are \(context.echo(context.trimmed(emissionField!))) but activity is 0; a source with emissions needs activity > 0",
                        zh: "\(p.id) 排放量为 \(context.echo(context.trimmed(emissionField!)))，但活动水平为 0；有排放的排放源活动水平必须大于 0",
                        &diagnostics)
                }
            case .success(.none):
                break
            }
            // E0 = A0 · k · (1 − η0) must be a number the model can carry.
            let e0 = activity * intensity * (1 - efficiency)
            if !Bounds.holds(e0, Bounds.tonnes), let field = factorField ?? emissionField {
                context.report(
                    field, .error,
                    en:
                        "\(p.id) of this source would be \(Self.shown(e0)) t/a (activity × factor), more than \(Bounds.text(Bounds.tonnes)) t/a: check the units of activity and \(p.id).ef (kg per activity unit)",
                    zh:
                        "该排放源的 \(p.id) 将为 \(Self.shown(e0)) 吨/年（活动水平 × 排放因子），超过 \(Bounds.text(Bounds.tonnes)) 吨/年：请检查活动水平和 \(p.id).ef（千克/单位活动水平）的单位",
                    &diagnostics)
                intensity = 0
            }
            table.intensity[slot].append(intensity)
            table.efficiency[slot].append(efficiency)
        }
        table.lines.append(Int32(clamping: row.line))
        table.rowCount += 1
    }

    /// A number for a message: shortest decimal, or ∞.
    static func shown(_ value: Double) -> String { Bounds.shown(value) }

    /// ASCII case-insensitive comparison of bytes with a lower-case word.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for k in 0..<bytes.count where bytes[k] | 0x20 != expected[k] { return false }
        return true
    }

}

/// The columns being filled, row by row (one per piece of the file, then joined).
private struct TableBuilder {
    var ids = StringColumn()
    /// `StringIndex.hash` of each id, for the uniqueness check.
    var idHashes: [UInt64] = []
    /// Byte offset where each row starts, to find a cell again for a late diagnostic.
    var rowStarts: [Int] = []
    var names = StringColumn()
    var sectors = CategoryColumn()
    var counties = CategoryColumn()
    var activityUnits = CategoryColumn()
    var activity: [Double] = []
    var energy: [Double] = []
    var fossil: [Bool] = []
    var intensity: [[Double]]
    var efficiency: [[Double]]
    var lines: [Int32] = []
    var rowCount = 0
    let layout: SourcesReader.Layout

    init(layout: SourcesReader.Layout) {
        self.layout = layout
        intensity = Array(repeating: [], count: layout.pollutants.count)
        efficiency = Array(repeating: [], count: layout.pollutants.count)
    }

    /// Appends a row's id; nil (an invalid id, already reported) stores an empty one.
    mutating func appendID(_ id: UnsafeBufferPointer<UInt8>?) {
        if let id {
            ids.append(id)
            idHashes.append(StringIndex.hash(id))
        } else {
            ids.append("")
            idHashes.append(0)
        }
    }

    mutating func reserveCapacity(_ rows: Int) {
        for column in [\TableBuilder.sectors, \.counties, \.activityUnits] {
            self[keyPath: column].codes.reserveCapacity(rows)
        }
        idHashes.reserveCapacity(rows)
        rowStarts.reserveCapacity(rows)
        activity.reserveCapacity(rows)
        lines.reserveCapacity(rows)
        if layout.energy >= 0 {
            energy.reserveCapacity(rows)
            fossil.reserveCapacity(rows)
        }
        for slot in intensity.indices {
            intensity[slot].reserveCapacity(rows)
            efficiency[slot].reserveCapacity(rows)
        }
    }

    /// Appends the rows of the next piece of the file, emptying `other` column by column.
    mutating func append(moving other: inout TableBuilder) {
        func move<T>(_ column: inout [T], _ from: inout [T]) {
            column.reserveCapacity(column.count + from.count)
            column += from
            from = []
        }
        ids.append(contentsOf: other.ids)
        other.ids = StringColumn()
        move(&idHashes, &other.idHashes)
        move(&rowStarts, &other.rowStarts)
        names.append(contentsOf: other.names)
        other.names = StringColumn()
        sectors.append(contentsOf: other.sectors)
        other.sectors = CategoryColumn()
        counties.append(contentsOf: other.counties)
        other.counties = CategoryColumn()
        activityUnits.append(contentsOf: other.activityUnits)
        other.activityUnits = CategoryColumn()
        move(&activity, &other.activity)
        move(&energy, &other.energy)
        move(&fossil, &other.fossil)
        for slot in intensity.indices {
            move(&intensity[slot], &other.intensity[slot])
            move(&efficiency[slot], &other.efficiency[slot])
        }
        move(&lines, &other.lines)
        rowCount += other.rowCount
    }

    func finish() -> SourceTable {
        var table = SourceTable()
        table.ids = ids
        table.names = names
        table.sectors = sectors
        table.counties = counties
        table.activityUnits = activityUnits
        table.activity = activity
        table.lines = lines
        if layout.energy >= 0 {
            table.energyPerActivity = energy
            table.isFossil = fossil
        }
        for (slot, columns) in layout.pollutants.enumerated() {
            table.pollutantColumns[columns.pollutant.index] =
                PollutantColumns(intensity: intensity[slot], efficiency: efficiency[slot])
        }
        return table
    }
}

/// The file being read, and how to turn its fields into values or diagnostics. It is shared
/// by the threads reading pieces of the file: the bytes are only read, never written, and
/// stay mapped until every thread is done.
private struct Context: @unchecked Sendable {
    let file: String
    let bytes: UnsafeBufferPointer<UInt8>

    init(file: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.bytes = bytes
    }

    func location(_ field: CSVField) -> SourceLocation {
        SourceLocation(
            file: file, line: field.line,
            column: TextPosition.column(in: bytes, lineStart: field.lineStart, offset: field.offset))
    }

    /// Reports a finding at `field`, with an excerpt of its line (bounded, however long the
    /// line). Past the list's limit it is only counted: neither the message nor the
    /// suggestion is then built.
    func report(
        _ field: CSVField, _ severity: Severity, en: @autoclosure () -> String, zh: @autoclosure () -> String,
        suggestion: @autoclosure () -> String? = nil, _ diagnostics: inout DiagnosticList
    ) {
        guard diagnostics.stores(severity) else {
            diagnostics.count(severity)
            return
        }
        let excerpt = TextPosition.excerpt(in: bytes, lineStart: field.lineStart, offset: field.offset)
        diagnostics.append(
            Diagnostic(
                severity, at: location(field), LocalizedText(en: en(), zh: zh()),
                sourceLine: excerpt.line, sourceColumn: excerpt.column, suggestion: suggestion()))
    }

    /// A cell or a column name as echoed in a message: at most 60 characters.
    func echo(_ text: String) -> String { DiagnosticRenderer.abbreviated(text, to: 60) }

    /// The raw content of a field (quotes unescaped).
    func string(_ field: CSVField) -> String {
        TextPosition.string(of: field, in: bytes)
    }

    /// The raw bytes of a field without surrounding spaces and tabs (quotes not unescaped).
    func trimmedBytes(_ field: CSVField) -> UnsafeBufferPointer<UInt8> {
        var start = field.start
        var end = field.end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Calls `body` with a text cell's bytes (trimmed, quotes unescaped) and returns its
    /// result; returns nil without calling it when the cell is not valid UTF-8 (a file
    /// saved as GBK), after reporting that.
    func withText<R>(
        _ field: CSVField, _ column: String, _ diagnostics: inout DiagnosticList,
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        let raw = trimmedBytes(field)
        if raw.contains(where: { $0 >= 0x80 }), String(validating: raw, as: UTF8.self) == nil {
            report(
                field, .error,
                en: "\(column) is not valid UTF-8 text; save the file as UTF-8 (Excel: 'CSV UTF-8'), not GBK",
                zh: "\(column) 不是有效的 UTF-8 文本；请将文件另存为 UTF-8 编码（Excel 中选择“CSV UTF-8”），而不是 GBK",
                &diagnostics)
            return nil
        }
        guard field.hasEscapedQuotes else { return body(raw) }
        var text = string(field).trimmingSpaces
        return text.withUTF8(body)
    }

    /// The content without surrounding spaces.
    func trimmed(_ field: CSVField) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        if !field.hasEscapedQuotes, raw.allSatisfy({ $0 < 0x80 && $0 != 0x20 && $0 != 0x09 }) {
            return String(decoding: raw, as: UTF8.self)  // the common case: plain ASCII
        }
        return string(field).trimmingSpaces
    }

    /// A finite number ≥ 0; `fallback` when the cell is empty or wrong (after reporting).
    /// The column name is built only when there is something to report.
    func nonNegativeNumber(
        _ field: CSVField, _ columnName: @autoclosure () -> String, default fallback: Double,
        _ diagnostics: inout DiagnosticList
    ) -> Double {
        let parsed = DecimalNumber.parse(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]))
        if case let .value(value) = parsed, value >= 0 { return value }  // the common cases
        if case .empty = parsed { return fallback }
        let column = columnName()
        switch parsed {
        case .empty:
            return fallback
        case .value:  // negative
            report(
                field, .error, en: "\(column) must not be negative, got \(echo(trimmed(field)))",
                zh: "\(column) 不能为负数，实际为 \(echo(trimmed(field)))", &diagnostics)
            return fallback
        case .nonFinite:
            report(
                field, .error, en: "\(column) must be a finite number, got '\(echo(trimmed(field)))'",
                zh: "\(column) 应为有限数值，实际为 '\(echo(trimmed(field)))'", &diagnostics)
            return fallback
        case .invalid:
            report(
                field, .error, en: "\(column) must be a number, got '\(echo(trimmed(field)))'",
                zh: "\(column) 应为数值，实际为 '\(echo(trimmed(field)))'", &diagnostics)
            return fallback
        }
    }
}
