@testable import GridGeoGeocoder
import Testing

@Suite struct NameMatchingTests {
    private func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test(arguments: [
        ("东黄城根南街", "东皇城根南街", true),   // substitution
        ("东四十条", "东四条", true),             // deletion
        ("东四条", "东四十条", true),             // insertion
        ("安定门", "定安门", true),               // swap
        ("安定门", "安定门", false),              // equal is not one edit
        ("东四十条", "西四八条", false),          // two
        ("北街", "北京大街", false),
    ])
    func oneEdit(_ a: String, _ b: String, _ expected: Bool) {
        #expect(isOneEdit(scalars(a), scalars(b)) == expected)
    }

    @Test func streetNamesMatchFullShortAndVariant() throws {
        var table = NameTable<Int>(kind: .street)
        table.add("安定门街道", 1)
        table.add("东华门街道", 2)
        #expect(table.lookup("安定门街道")?.match == .exact)
        #expect(table.lookup("安定门")?.match == .shortForm)
        #expect(table.lookup("安定门街道办事处")?.values == [1])
        #expect(table.lookup("东化门街道")?.match == .oneEdit)
        #expect(table.lookup("东化门街道")?.values == [2])
        // Short stems are never matched fuzzily.
        var short = NameTable<Int>(kind: .road)
        short.add("北街", 1)
        #expect(short.lookup("南街") == nil)
    }

    @Test func hutongSuffixIsOptional() {
        var table = NameTable<Int>(kind: .road)
        table.add("东罗圈胡同", 1)
        table.add("草厂七条", 2)
        #expect(table.lookup("东罗圈")?.values == [1])
        #expect(table.lookup("草厂七条胡同")?.values == [2])
    }

    @Test func acceptFiltersBeforeWeakerMatches() {
        var table = NameTable<Int>(kind: .road)
        table.add("北街", 1)
        table.add("北街", 2)
        #expect(table.lookup("北街")?.values == [1, 2])
        #expect(table.lookup("北街", accept: { $0 == 2 })?.values == [2])
        #expect(table.lookup("北街", accept: { _ in false }) == nil)
    }
}
