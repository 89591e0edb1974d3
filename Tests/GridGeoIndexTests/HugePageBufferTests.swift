@testable import GridGeoIndex
import Testing

/// Below, at and above the 2 MiB threshold (heap, exactly one mapped page, a mapping rounded up):
/// every element reads back, and the large ones sit on a 2 MiB boundary.
@Test(arguments: [0, 1, 1000, 262_144, 262_145, 700_001])
func buffersHoldWhatTheyWereGiven(count: Int) {
    let values = (0..<count).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
    let buffer = HugePageBuffer(values)
    #expect(buffer.count == count)
    #expect(Array(buffer.buffer) == values)
    #if canImport(Glibc)
    if count * 8 >= LargePages.pageBytes {
        #expect(Int(bitPattern: buffer.buffer.baseAddress) % LargePages.pageBytes == 0)
    }
    #endif
}
