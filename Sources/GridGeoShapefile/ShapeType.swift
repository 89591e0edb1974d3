/// The geometry type of a shapefile, as its header declares it.
public struct ShapeType: Hashable, Sendable, CustomStringConvertible {
    /// The 2-D kind; GridGeo reads only these four.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case point, polyline, polygon, multipoint
    }

    /// The 2-D kind.
    public var kind: Kind
    /// True for the Z types (11, 13, 15, 18), which also carry optional measures.
    public var hasZ: Bool
    /// True for the M types (21, 23, 25, 28).
    public var hasM: Bool

    public init(kind: Kind, hasZ: Bool = false, hasM: Bool = false) {
        self.kind = kind
        self.hasZ = hasZ
        self.hasM = hasM
    }

    /// The type for a shapefile type code; nil for 0 (null shapes), 31 (MultiPatch) and unknown codes.
    public init?(code: Int) {
        let kinds: [Int: Kind] = [1: .point, 3: .polyline, 5: .polygon, 8: .multipoint]
        // Z types add 10 to the 2-D code and M types add 20 (ESRI Shapefile Technical Description, 1998).
        guard (1..<30).contains(code), let kind = kinds[code % 10] else { return nil }
        self.init(kind: kind, hasZ: (10..<20).contains(code), hasM: (20..<30).contains(code))
    }

    /// The shapefile type code.
    public var code: Int {
        let base = switch kind { case .point: 1; case .polyline: 3; case .polygon: 5; case .multipoint: 8 }
        return base + (hasZ ? 10 : hasM ? 20 : 0)
    }

    /// The ESRI name, e.g. `PolygonZ`.
    public var description: String {
        let base = switch kind {
        case .point: "Point"; case .polyline: "PolyLine"; case .polygon: "Polygon"; case .multipoint: "MultiPoint"
        }
        return base + (hasZ ? "Z" : hasM ? "M" : "")
    }
}
