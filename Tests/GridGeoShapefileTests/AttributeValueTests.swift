import Testing
@testable import GridGeoShapefile

@Test(arguments: [
    ("110101001", FieldType.integer, AttributeValue.integer(110_101_001)),
    ("-42", .integer, .integer(-42)),
    ("12345678901234567890123", .integer, .double(1.2345678901234568e22)),
    ("3.25", .double, .double(3.25)),
    ("T", .logical, .logical(true)), ("y", .logical, .logical(true)), ("F", .logical, .logical(false)),
    ("?", .logical, .null),
    ("20240131", .date, .date(year: 2024, month: 1, day: 31)),
    ("2024-1-31", .date, .string("2024-1-31")),
    ("abc", .integer, .string("abc")),
])
func parsing(_ text: String, _ type: FieldType, _ expected: AttributeValue) {
    #expect(AttributeValue(parsing: text, as: type) == expected)
}

@Test(arguments: [
    (UInt8(ascii: "C"), 0, FieldType.string), (UInt8(ascii: "N"), 0, .integer), (UInt8(ascii: "N"), 3, .double),
    (UInt8(ascii: "F"), 2, .double), (UInt8(ascii: "L"), 0, .logical), (UInt8(ascii: "D"), 0, .date),
    (UInt8(ascii: "M"), 0, .other(UInt8(ascii: "M"))),
])
func nativeFieldTypes(_ letter: UInt8, _ decimals: Int, _ type: FieldType) {
    #expect(FieldType(native: letter, decimals: decimals) == type)
}
