import GridGeoCore
public import GridGeoLookup
public import GridGeoStore

/// 部件台账: the components of a store, updated online (部件在线更新) against one grid version.
///
/// Every added or moved component gets the unit grid that owns its position (`GridDirectory`, the
/// same boundary rule as every lookup); a component in no grid is refused with its position, never
/// stored without a grid. Classes must be in the catalogue (standard or registered). Each call is one
/// transaction. `Sendable`: the store serialises writes.
public final class ComponentLedger: Sendable {
    public let store: GridStore
    public let directory: GridDirectory
    public let catalog: ComponentCatalog

    /// A ledger assigning grids of `directory` (by default the store's current grid version).
    /// - Throws: `ComponentError.noGrids` when the store has no grids.
    public init(store: GridStore, directory: GridDirectory? = nil) throws {
        self.store = store
        if let directory {
            self.directory = directory
        } else {
            do { self.directory = try GridDirectory(store: store) } catch is LookupError { throw ComponentError.noGrids }
        }
        catalog = try ComponentCatalog(store: store)
    }

    /// The records with their grid (and the district of that grid) filled in, and those in no grid.
    /// - Throws: `ComponentError.unknownClass` for a class outside the catalogue.
    public func placed(_ records: [ComponentRecord]) throws -> (placed: [ComponentRecord], outside: [OutsideComponent]) {
        var placed: [ComponentRecord] = [], outside: [OutsideComponent] = []
        placed.reserveCapacity(records.count)
        var checked: [String: String] = [:]
        let answers = directory.locate(records.map(\.location))
        for (i, (record, answer)) in zip(records, answers).enumerated() {
            var r = record
            if checked[r.classCode] == nil {
                guard let c = catalog.componentClass(r.classCode) else { throw ComponentError.unknownClass(r.classCode) }
                checked[r.classCode] = c.name
            }
            if r.className.isEmpty { r.className = checked[r.classCode]! }
            guard let grid = answer.grid, answer.position != .outside else {
                outside.append(OutsideComponent(index: i, name: r.name, location: r.location))
                continue
            }
            r.gridCode = grid
            r.districtCode = String(grid.prefix(6))
            placed.append(r)
        }
        return (placed, outside)
    }

    /// Adds components in one transaction.
    /// - Parameter skipOutside: leave components in no grid out (they are returned) instead of refusing all.
    /// - Returns: the codes of the added components, in order, and the ones left out.
    /// - Throws: `ComponentError.outsideEveryGrid` listing them (nothing written), `.unknownClass`.
    @discardableResult
    public func add(_ records: [ComponentRecord], skipOutside: Bool = false) throws
        -> (codes: [String], outside: [OutsideComponent])
    {
        let (placed, outside) = try placed(records)
        if !outside.isEmpty && !skipOutside { throw ComponentError.outsideEveryGrid(outside) }
        return (try store.addComponents(placed), outside)
    }

    /// Changes a component from `date`; a new location is placed in its grid.
    public func change(_ code: String, on date: LocalDate, _ change: ComponentChange) throws {
        try apply([.change(code: code, date: date, change)])
    }

    /// Retires a component from `date`; it stays, with its history.
    public func retire(_ code: String, on date: LocalDate) throws {
        try apply([.retire(code: code, date: date)])
    }

    /// After a re-division: every component in use whose grid in this ledger's directory differs from
    /// the one it has gets a change to that grid dated `date` (usually the new version's start), in one
    /// transaction, so the history tells which grid a component was in on any date.
    /// - Returns: the number of components moved to another grid, and those in no grid of the version
    ///   (left unchanged; with `skipOutside` false they are refused and nothing is written).
    @discardableResult
    public func reassignGrids(on date: LocalDate, skipOutside: Bool = false) throws
        -> (changed: Int, outside: [OutsideComponent])
    {
        let components = try store.components(.all)
        let answers = directory.locate(components.map(\.location))
        var operations: [ComponentOperation] = [], outside: [OutsideComponent] = []
        for (i, (c, answer)) in zip(components, answers).enumerated() {
            guard let grid = answer.grid, answer.position != .outside else {
                outside.append(OutsideComponent(index: i, name: c.code + " " + c.name, location: c.location))
                continue
            }
            if grid != c.gridCode { operations.append(.change(code: c.code, date: max(date, c.validFrom), ComponentChange(gridCode: grid))) }
        }
        if !outside.isEmpty && !skipOutside { throw ComponentError.outsideEveryGrid(outside) }
        try store.apply(operations)
        return (operations.count, outside)
    }

    /// Runs a batch of adds, changes and retirements in one transaction (all or nothing), placing
    /// added and moved components in their grids first.
    /// - Returns: each operation's component code.
    /// - Throws: `ComponentError.outsideEveryGrid` (index = position in the batch), `.unknownClass`,
    ///   and the store's `ComponentError`s.
    @discardableResult
    public func apply(_ operations: [ComponentOperation]) throws -> [String] {
        var placedOps = operations
        var outside: [OutsideComponent] = []
        let adds = operations.indices.compactMap { i -> (Int, ComponentRecord)? in
            if case .add(let r) = operations[i] { (i, r) } else { nil }
        }
        let (placedAdds, outsideAdds) = try placed(adds.map(\.1))
        let outsideIndices = Set(outsideAdds.map(\.index))
        var next = placedAdds.makeIterator()
        for (k, (i, r)) in adds.enumerated() {
            if outsideIndices.contains(k) {
                outside.append(OutsideComponent(index: i, name: r.name, location: r.location))
            } else {
                placedOps[i] = .add(next.next()!)
            }
        }
        for (i, op) in operations.enumerated() {
            guard case .change(let code, let date, var change) = op, let location = change.location else { continue }
            let answer = directory.locate(location)
            guard let grid = answer.grid, answer.position != .outside else {
                outside.append(OutsideComponent(index: i, name: change.name ?? code, location: location))
                continue
            }
            change.gridCode = grid
            placedOps[i] = .change(code: code, date: date, change)
        }
        guard outside.isEmpty else { throw ComponentError.outsideEveryGrid(outside.sorted { $0.index < $1.index }) }
        return try store.apply(placedOps)
    }
}
