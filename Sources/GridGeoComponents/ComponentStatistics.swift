public import GridGeoStore

/// One row of the 评价统计 counts: a division, a class and how many components of it are in use there.
public struct ComponentStatisticsRow: Hashable, Sendable, Codable {
    public var divisionCode: String
    /// The street's or community's name; grids have none.
    public var divisionName: String
    public var classCode: String
    public var className: String
    public var count: Int

    public init(divisionCode: String, divisionName: String, classCode: String, className: String, count: Int) {
        self.divisionCode = divisionCode
        self.divisionName = divisionName
        self.classCode = classCode
        self.className = className
        self.count = count
    }
}

/// Counts of components per grid, community or street and class, as tables and CSV.
public enum ComponentStatistics {
    /// The counts per division of `level` and class, now or on `date`, by division and class.
    /// Components without a grid (version-1 files) are counted under an empty division code.
    public static func rows(_ store: GridStore, by level: DivisionLevel, classCode: String? = nil,
                            on date: LocalDate? = nil) throws -> [ComponentStatisticsRow] {
        var names: [String: String] = [:]
        switch level {
        case .district: for d in try store.districts() { names[d.code] = d.name }
        case .street: for s in try store.streets() { names[s.code] = s.name }
        case .community: for c in try store.communities() { names[c.code] = c.name }
        case .grid: break
        }
        let catalog = try ComponentCatalog(store: store)
        var classNames: [String: String] = [:]
        for c in try store.componentClasses() { classNames[c.code] = c.name }
        for c in catalog.componentClasses { classNames[c.code] = c.name }
        return try store.componentCounts(by: level, ComponentFilter(classCode: classCode), on: date).map {
            ComponentStatisticsRow(divisionCode: $0.divisionCode, divisionName: names[$0.divisionCode] ?? "",
                                   classCode: $0.classCode, className: classNames[$0.classCode] ?? "", count: $0.count)
        }
    }

    /// The rows as CSV (RFC 4180 quoting, LF line ends) with a header: `street_code,street_name,class_code,class_name,count`
    /// (the first two named after the level).
    public static func csv(_ rows: [ComponentStatisticsRow], level: DivisionLevel) -> String {
        var out = "\(level.rawValue)_code,\(level.rawValue)_name,class_code,class_name,count\n"
        for r in rows {
            out += [r.divisionCode, r.divisionName, r.classCode, r.className, String(r.count)].map(csvField)
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// Quotes a field when it holds a comma, quote or line break.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
