import CGEOS
public import GridGeoCore

// Building polygons from lines: how grid cells get cut by roads, rivers and walls.

extension GEOSContext {
    /// The lines split at every crossing and touching point, so that lines meet only at their
    /// ends; overlapping stretches are kept once. The C function is `GEOSNode_r`.
    public func node(_ lines: [LineString]) throws(GEOSError) -> [LineString] {
        let noded = try transform(.multiLineString(lines), "GEOSNode_r") { GEOSNode_r($0, $1) } // returns NULL on exception
        return lineStrings(of: noded)
    }

    /// The polygons enclosed by the lines. Lines must already be noded (see ``node(_:)``);
    /// dangles and cut edges form no polygon and are dropped. The C function is `GEOSPolygonize_r`.
    public func polygonize(_ lines: [LineString]) throws(GEOSError) -> [Polygon] {
        // One multilinestring input: GEOS extracts the linework of each input geometry.
        let input = try own(.multiLineString(lines))
        let inputs: [OpaquePointer?] = [input.pointer]
        let polygons = try core(geometry("GEOSPolygonize_r") { // returns NULL on exception
            GEOSPolygonize_r($0, inputs, 1)
        })
        return polygons.polygons
    }

    private func lineStrings(of geometry: Geometry) -> [LineString] {
        switch geometry {
        case .lineString(let line): [line]
        case .multiLineString(let lines): lines
        case .collection(let members): members.flatMap(lineStrings(of:))
        default: []
        }
    }
}
