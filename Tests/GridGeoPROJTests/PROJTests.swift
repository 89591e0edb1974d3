import GridGeoPROJ
import Testing

@Test func versionIsTheLinkedRelease() {
    let parts = PROJ.version.split(separator: ".")
    #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(PROJ.version)")
    #expect(Int(parts[0]) ?? 0 >= 9)  // Debian 12 ships 9.1.1
}
