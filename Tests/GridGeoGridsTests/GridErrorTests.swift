import GridGeoGrids
import Testing

@Test func errorsCarryWhatWasWrong() {
    #expect(GridError.malformedCode("12") != GridError.malformedCode("13"))
    #expect(GridError.sequenceOverflow(prefix: "110101001001", count: 1_000)
        == .sequenceOverflow(prefix: "110101001001", count: 1_000))
}
