public import GridGeoCore
import GridGeoIndex
public import GridGeoStore

/// A component near a point, and its distance in metres.
public struct NearbyComponent: Hashable, Sendable, Codable {
    public var component: Component
    public var distanceMetres: Double

    public init(component: Component, distanceMetres: Double) {
        self.component = component
        self.distanceMetres = distanceMetres
    }
}

/// The components of one snapshot (now, or a past date) in a k-d tree: the k nearest to a point
/// and those within a radius, exact (equal to a brute-force scan; ties by code).
///
/// Distances are metres on the local equirectangular projection centred on the query point
/// (below 0.1 % error within a few kilometres). Immutable and `Sendable`: build it once per snapshot.
public struct ComponentIndex: Sendable {
    /// The components, in code order.
    public let components: [Component]
    private let tree: PointTree

    public init(_ components: [Component]) {
        // Sorted by code so that equal distances, broken by position in the tree, are broken by code.
        self.components = components.sorted { $0.code < $1.code }
        tree = PointTree(self.components.map(\.location))
    }

    /// The components in use that match `filter`, now or on `date`.
    public init(store: GridStore, _ filter: ComponentFilter = .all, on date: LocalDate? = nil) throws {
        self.init(try store.components(filter, on: date))
    }

    public var count: Int { components.count }

    /// The `k` components nearest to `point`, nearest first.
    public func nearest(to point: Coordinate, k: Int, maxDistanceMetres: Double = .infinity) -> [NearbyComponent] {
        tree.nearest(to: point, k: k, maxDistanceMetres: maxDistanceMetres).map {
            NearbyComponent(component: components[$0.item], distanceMetres: $0.distanceMetres)
        }
    }

    /// The components at most `radiusMetres` from `point`, nearest first.
    public func within(_ radiusMetres: Double, of point: Coordinate) -> [NearbyComponent] {
        tree.within(radiusMetres, of: point).map {
            NearbyComponent(component: components[$0.item], distanceMetres: $0.distanceMetres)
        }
    }
}
