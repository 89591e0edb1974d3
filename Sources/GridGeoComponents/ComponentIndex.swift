public import GridGeoCore
import GridGeoIndex
public import GridGeoStore

/// A component near a point, and its distance in metres.
public struct NearbyComponent: Hashable, Sendable {
    /// Shared with the index: an answer costs one reference per hit, not a copy of every attribute.
    private let box: ComponentBox
    public let distanceMetres: Double
    public var component: Component { box.component }

    public init(component: Component, distanceMetres: Double) {
        self.init(box: ComponentBox(component), distanceMetres: distanceMetres)
    }

    fileprivate init(box: ComponentBox, distanceMetres: Double) {
        self.box = box
        self.distanceMetres = distanceMetres
    }

    public static func == (a: NearbyComponent, b: NearbyComponent) -> Bool {
        a.distanceMetres == b.distanceMetres && a.component == b.component
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(component)
        hasher.combine(distanceMetres)
    }
}

/// An immutable component behind one reference.
private final class ComponentBox: Sendable {
    let component: Component
    init(_ component: Component) { self.component = component }
}

/// The components of one snapshot (now, or a past date) in a k-d tree: the k nearest to a point
/// and those within a radius, exact (equal to a brute-force scan; ties by code).
///
/// Distances are metres on the local equirectangular projection centred on the query point
/// (below 0.1 % error within a few kilometres). Immutable and `Sendable`: build it once per snapshot.
public struct ComponentIndex: Sendable {
    private let boxes: [ComponentBox]
    private let tree: PointTree

    public init(_ components: [Component]) {
        // Sorted by code so that equal distances, broken by position in the tree, are broken by code.
        boxes = components.sorted { $0.code < $1.code }.map(ComponentBox.init)
        tree = PointTree(boxes.map(\.component.location))
    }

    /// The components, in code order.
    public var components: [Component] { boxes.map(\.component) }

    /// The components in use that match `filter`, now or on `date`.
    public init(store: GridStore, _ filter: ComponentFilter = .all, on date: LocalDate? = nil) throws {
        self.init(try store.components(filter, on: date))
    }

    public var count: Int { boxes.count }

    /// The `k` components nearest to `point`, nearest first.
    public func nearest(to point: Coordinate, k: Int, maxDistanceMetres: Double = .infinity) -> [NearbyComponent] {
        tree.nearest(to: point, k: k, maxDistanceMetres: maxDistanceMetres).map {
            NearbyComponent(box: boxes[$0.item], distanceMetres: $0.distanceMetres)
        }
    }

    /// The components at most `radiusMetres` from `point`, nearest first.
    public func within(_ radiusMetres: Double, of point: Coordinate) -> [NearbyComponent] {
        tree.within(radiusMetres, of: point).map {
            NearbyComponent(box: boxes[$0.item], distanceMetres: $0.distanceMetres)
        }
    }
}
