import GridGeoCore
import GridGeoGEOS
import Testing

@Test func messagesAreClearedBeforeEachCall() throws {
    let geos = try GEOSContext()
    #expect(throws: GEOSError.self) { try geos.area(brokenRing) }
    #expect(try geos.area(square) == 100)
    let second = #expect(throws: GEOSError.self) { try geos.area(brokenRing) }
    #expect(second?.messages.count == 1)
}

/// Many tasks, each with its own context, working at once: clean under `--sanitize=thread`.
@Test func contextsPerTaskRunInParallel() async throws {
    let areas = try await withThrowingTaskGroup(of: Double.self) { group in
        for i in 0..<32 {
            group.addTask {
                let geos = try GEOSContext()
                let offset = Double(i) * 10
                let cells: [Geometry] = (0..<4).map { .polygon(rectangle(offset + Double($0), 0, offset + Double($0) + 1, 1)) }
                let merged = try geos.union(cells + [try geos.makeValid(bowTie)])
                let cell = try geos.prepare(.polygon(rectangle(offset, 0, offset + 4, 1)))
                #expect(try cell.covers(c(offset + 4, 0.5)))
                #expect(try geos.isValid(merged))
                return try geos.area(merged)
            }
        }
        return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(areas.count == 32)
    // The first task's cells overlap the repaired bow-tie; the others lie beside it.
    #expect(areas.filter { $0 == 54 }.count == 31)
}
