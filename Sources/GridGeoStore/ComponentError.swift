public import GridGeoCore

/// Why a component operation was refused. Nothing of the batch it belonged to was written.
public enum ComponentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No component has this code.
    case notFound(code: String)
    /// The component was retired on `date`; a retired component takes no more changes.
    case retired(code: String, date: LocalDate)
    /// A change must not predate the state it replaces: history is written forwards.
    case changeBeforeLastChange(code: String, date: LocalDate, last: LocalDate)
    /// The class is neither in the standard catalogue nor registered as a local extension.
    case unknownClass(String)
    /// A registered extension may not reuse a standard code or a registered one.
    case classExists(String)
    /// Components whose position lies in no unit grid: (position in the batch, name, location).
    case outsideEveryGrid([OutsideComponent])
    /// The store has no unit grids to assign components to.
    case noGrids
    /// All 999,999 sequence numbers of a district and class were used.
    case codesExhausted(prefix: String)

    public var description: String {
        switch self {
        case .notFound(let code): "no component has code \(code)"
        case let .retired(code, date): "component \(code) was retired on \(date); it takes no more changes"
        case let .changeBeforeLastChange(code, date, last):
            "a change of \(code) dated \(date) predates its last change (\(last)); changes are recorded forwards"
        case .unknownClass(let c): "class \(c) is not in the standard catalogue and not registered as a local extension"
        case .classExists(let c): "class \(c) already exists (standard or registered)"
        case .outsideEveryGrid(let list):
            "\(list.count) component(s) lie in no unit grid: "
                + list.prefix(10).map(\.description).joined(separator: "; ") + (list.count > 10 ? "; …" : "")
        case .noGrids: "the store has no unit grids to assign components to; build grids first (geo-import build-grids)"
        case .codesExhausted(let prefix): "all sequence numbers of \(prefix) are used"
        }
    }
}

/// A component that could not be placed in a unit grid.
public struct OutsideComponent: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Its position in the batch (or the feature number of an import).
    public var index: Int
    public var name: String
    public var location: Coordinate

    public init(index: Int, name: String, location: Coordinate) {
        self.index = index
        self.name = name
        self.location = location
    }

    public var description: String {
        "#\(index) \(name) at (\(fixed(location.x)), \(fixed(location.y)))"
    }
}

/// Seven decimals (about 1 cm) without Foundation.
func fixed(_ v: Double) -> String {
    let scaled = (abs(v) * 1e7).rounded()
    let whole = Int(scaled / 1e7), fraction = Int(scaled.truncatingRemainder(dividingBy: 1e7))
    let digits = String(fraction)
    return (v < 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: 7 - digits.count) + digits
}
