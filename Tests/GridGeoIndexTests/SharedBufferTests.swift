import Dispatch
@testable import GridGeoIndex
import Testing

@Test func parallelIterationsFillDisjointSlots() {
    let n = 100_000
    let b = SharedBuffer<Int>(count: n)   // every slot is written below
    defer { b.free() }
    DispatchQueue.concurrentPerform(iterations: 10) { c in
        for i in stride(from: c, to: n, by: 10) { b[i] = i * 2 }
    }
    #expect((0..<n).allSatisfy { b[$0] == $0 * 2 })
}
