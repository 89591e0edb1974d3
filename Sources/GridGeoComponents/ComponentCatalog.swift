public import GridGeoStore

/// One class of the catalogue: a component class (部件小类) or an event class (事件小类).
public struct CatalogClass: Hashable, Sendable, Codable {
    public var kind: CatalogExtension.Kind
    /// Major + minor, 4 digits as the catalogue writes it (0203 公交站亭).
    public var code: String
    public var name: String
    public var majorCode: String { String(code.prefix(2)) }
    public var majorName: String
    /// A local class the city registered (扩展部件, 扩展事件), not a standard one.
    public var isExtension: Bool

    public init(kind: CatalogExtension.Kind, code: String, name: String, majorName: String, isExtension: Bool) {
        self.kind = kind
        self.code = code
        self.name = name
        self.majorName = majorName
        self.isExtension = isExtension
    }
}

/// The component and event catalogue: the standard tables (CJ/T 214 lineage, `StandardCatalog.swift`)
/// plus the local classes registered in a store.
public struct ComponentCatalog: Hashable, Sendable {
    /// Component classes by code.
    public let componentClasses: [CatalogClass]
    /// Event classes by code.
    public let eventClasses: [CatalogClass]

    /// The standard tables only: 85 component classes in 6 major classes, 54 event classes.
    public static let standard = ComponentCatalog(
        componentClasses: parse(standardComponentClassesCSV, kind: .component),
        eventClasses: parse(standardEventClassesCSV, kind: .event))

    init(componentClasses: [CatalogClass], eventClasses: [CatalogClass]) {
        self.componentClasses = componentClasses.sorted { $0.code < $1.code }
        self.eventClasses = eventClasses.sorted { $0.code < $1.code }
    }

    /// The standard tables plus the local classes registered in `store`.
    public init(store: GridStore) throws {
        let local = try store.catalogExtensions().map {
            CatalogClass(kind: $0.kind, code: $0.code, name: $0.name, majorName: $0.majorName, isExtension: true)
        }
        self.init(componentClasses: Self.standard.componentClasses + local.filter { $0.kind == .component },
                  eventClasses: Self.standard.eventClasses + local.filter { $0.kind == .event })
    }

    /// The component class with this 4-digit code.
    public func componentClass(_ code: String) -> CatalogClass? { componentClasses.first { $0.code == code } }

    /// The event class with this 4-digit code.
    public func eventClass(_ code: String) -> CatalogClass? { eventClasses.first { $0.code == code } }

    /// Major classes of a kind: (code, name), by code.
    public func majorClasses(_ kind: CatalogExtension.Kind) -> [(code: String, name: String)] {
        var seen: [String: String] = [:]
        for c in kind == .component ? componentClasses : eventClasses where seen[c.majorCode] == nil {
            seen[c.majorCode] = c.majorName
        }
        return seen.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Registers a local class in `store` and returns the catalogue with it.
    ///
    /// The code is 4 digits and must not be a class already there. Within a standard major class
    /// (01–06 for components) the major name is the standard one; otherwise `majorName` names it
    /// (C1 puts Beijing's local components under 21 扩展部件).
    /// - Throws: `ComponentError.classExists`, or `ComponentError.unknownClass` for a malformed code.
    public static func register(kind: CatalogExtension.Kind, code: String, name: String,
                                majorName: String? = nil, in store: GridStore) throws -> ComponentCatalog {
        guard code.count == 4, code.utf8.allSatisfy({ (48...57).contains($0) }), !name.isEmpty else {
            throw ComponentError.unknownClass(code)
        }
        let catalog = try ComponentCatalog(store: store)
        let existing = kind == .component ? catalog.componentClasses : catalog.eventClasses
        guard !existing.contains(where: { $0.code == code }) else { throw ComponentError.classExists(code) }
        let standardMajor = catalog.majorClasses(kind).first { $0.code == String(code.prefix(2)) }?.name
        let major = standardMajor ?? majorName ?? (kind == .component ? "扩展部件" : "扩展事件")
        try store.register(CatalogExtension(kind: kind, code: code, majorName: major, name: name))
        return try ComponentCatalog(store: store)
    }

    static func parse(_ csv: String, kind: CatalogExtension.Kind) -> [CatalogClass] {
        csv.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            return CatalogClass(kind: kind, code: f[2], name: f[3], majorName: f[1], isExtension: false)
        }
    }
}
