import Testing
import GridGeoShapefile

@Test(arguments: [
    (1, ShapeType(kind: .point), "Point"), (3, ShapeType(kind: .polyline), "PolyLine"),
    (5, ShapeType(kind: .polygon), "Polygon"), (8, ShapeType(kind: .multipoint), "MultiPoint"),
    (15, ShapeType(kind: .polygon, hasZ: true), "PolygonZ"), (23, ShapeType(kind: .polyline, hasM: true), "PolyLineM"),
    (28, ShapeType(kind: .multipoint, hasM: true), "MultiPointM"), (11, ShapeType(kind: .point, hasZ: true), "PointZ"),
])
func shapeTypeCodes(_ code: Int, _ type: ShapeType, _ name: String) {
    #expect(ShapeType(code: code) == type)
    #expect(type.code == code)
    #expect(type.description == name)
}

@Test(arguments: [0, 2, 31, 9, 41, -1])
func unsupportedShapeTypeCodes(_ code: Int) {
    #expect(ShapeType(code: code) == nil)
}
