import Foundation

/// The communities (社区) of each street as a names list gives them, e.g. `SampleData/communities.csv`:
/// `street_code,street_name,seq_in_street,community_name_nbs,community_name_short`.
///
/// Columns are found by their header: `street_code` (9 digits) is required; the name is
/// `community_name_short`, else `community_name`, else `name`, else `community_name_nbs`; an optional
/// `community_code` (or `code`) column holds official 12-digit codes. Without codes, drafted
/// communities get provisional ones.
public struct CommunityNameList: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var streetCode: String
        public var name: String
        /// The official 12-digit code, when the list has one.
        public var code: String?

        public init(streetCode: String, name: String, code: String? = nil) {
            self.streetCode = streetCode
            self.name = name
            self.code = code
        }
    }

    /// In file order.
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Reads a names list.
    /// - Throws: `HierarchyError.missingInput` for a missing file, `.data` for a list without the
    ///   needed columns or with malformed codes.
    public init(contentsOfFile path: String) throws(HierarchyError) {
        let table = try CSVTable(contentsOfFile: path)
        guard let street = table.column("street_code") else {
            throw .data("\(path): no street_code column (columns: \(table.header.joined(separator: ", ")))")
        }
        guard let name = table.column("community_name_short", "community_name", "name", "community_name_nbs") else {
            throw .data("\(path): no community name column (community_name_short, community_name or name)")
        }
        let code = table.column("community_code", "code")
        var entries: [Entry] = []
        for (line, row) in table.rows {
            let s = row[street], n = row[name], c = code.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            guard s.count == 9, s.isDigits else { throw .data("\(path):\(line): street code «\(s)» is not 9 digits") }
            guard !n.isEmpty else { throw .data("\(path):\(line): empty community name") }
            if let c, c.count != 12 || !c.isDigits || !c.hasPrefix(s) {
                throw .data("\(path):\(line): community code «\(c)» is not 12 digits starting with its street code \(s)")
            }
            entries.append(Entry(streetCode: s, name: n, code: c))
        }
        guard !entries.isEmpty else { throw .data("\(path): no communities listed") }
        self.entries = entries
    }

    /// The entries of one street, in file order.
    public func entries(inStreet code: String) -> [Entry] {
        entries.filter { $0.streetCode == code }
    }
}

/// The area of each street (街道) of a district, for drafting streets when only their areas are
/// known: `code,name,area_km2` (like `SampleData/street_areas.csv`). A `level` column, as in
/// `divisions.csv`, keeps only the rows whose level is `street`.
public struct StreetAreaList: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var code: String
        public var name: String
        public var areaSquareKilometres: Double

        public init(code: String, name: String, areaSquareKilometres: Double) {
            self.code = code
            self.name = name
            self.areaSquareKilometres = areaSquareKilometres
        }
    }

    /// In file order.
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public init(contentsOfFile path: String) throws(HierarchyError) {
        let table = try CSVTable(contentsOfFile: path)
        guard let code = table.column("code", "street_code"), let name = table.column("name", "street_name"),
              let area = table.column("area_km2") else {
            throw .data("\(path): needs the columns code, name and area_km2 (has: \(table.header.joined(separator: ", ")))")
        }
        let level = table.column("level")
        var entries: [Entry] = []
        for (line, row) in table.rows where level.map({ row[$0] == "street" }) ?? true {
            guard row[code].count == 9, row[code].isDigits else { throw .data("\(path):\(line): street code «\(row[code])» is not 9 digits") }
            guard let km2 = Double(row[area]), km2 > 0, km2.isFinite else {
                throw .data("\(path):\(line): area_km2 «\(row[area])» is not a positive number")
            }
            entries.append(Entry(code: row[code], name: row[name], areaSquareKilometres: km2))
        }
        guard !entries.isEmpty else { throw .data("\(path): no streets listed") }
        self.entries = entries
    }
}

/// A small CSV reader: a header line, comma-separated fields, double quotes around fields that hold
/// commas or quotes (`""` inside them). Enough for the division tables; not a general CSV parser.
struct CSVTable {
    var header: [String]
    /// (1-based line number, fields padded to the header's width).
    var rows: [(line: Int, fields: [String])]

    init(contentsOfFile path: String) throws(HierarchyError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingInput("\(path): no such file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .io("\(path): cannot read") }
        guard let text = String(data: data, encoding: .utf8) else { throw .data("\(path): not UTF-8 text") }
        try self.init(text: text, source: path)
    }

    init(text: String, source: String) throws(HierarchyError) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        guard let head = lines.first, !head.isEmpty else { throw .data("\(source): empty file, expected a header line") }
        header = CSVTable.fields(head).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        rows = []
        for (i, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            var f = CSVTable.fields(line).map { $0.trimmingCharacters(in: .whitespaces) }
            if f.count < header.count { f += Array(repeating: "", count: header.count - f.count) }
            rows.append((i + 1, f))
        }
    }

    /// The index of the first of `names` present in the header.
    func column(_ names: String...) -> Int? {
        names.lazy.compactMap { header.firstIndex(of: $0) }.first
    }

    static func fields(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }
}

extension String {
    /// Only ASCII digits (codes are digit strings of fixed length).
    var isDigits: Bool { !isEmpty && utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
}
