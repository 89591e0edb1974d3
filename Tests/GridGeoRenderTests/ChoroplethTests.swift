import Testing
@testable import GridGeoRender

@Test func quantilesSplitOneToTenIntoPairs() {
    let c = Choropleth(values: (1...10).map(Double.init))
    #expect(c.breaks == [1, 2, 4, 6, 8, 10])
    #expect(c.counts == [2, 2, 2, 2, 2])
    #expect(c.legend().entries.map(\.label) == ["1–2", "3–4", "5–6", "7–8", "9–10"])
}

@Test func equalIntervalsSplitTheRange() {
    let c = Choropleth(values: [0, 1, 2, 3, 10], classification: .equalIntervals)
    #expect(c.breaks == [0, 2, 4, 6, 8, 10])
    #expect(c.counts == [3, 1, 0, 0, 1])
}

@Test func aFrequentMinimumKeepsAClassOfItsOwn() {
    let c = Choropleth(values: [0, 0, 0, 0, 0, 0, 1, 2, 3, 4])
    #expect(c.breaks == [0, 0, 2, 4])
    #expect(c.counts == [6, 2, 2])
    #expect(c.legend().entries.map(\.label) == ["0", "1–2", "3–4"])
}

@Test func colorsFollowTheRampFromLightToDark() {
    let c = Choropleth(values: (1...10).map(Double.init))
    #expect(c.colors.first == ColorRamp.yellowToRed.color(at: 0))
    #expect(c.colors.last == ColorRamp.yellowToRed.color(at: 1))
    #expect(c.color(for: 1) == c.colors[0])
    #expect(c.color(for: 2) == c.colors[0], "classes include their upper break")
    #expect(c.color(for: 2.5) == c.colors[1])
    #expect(c.color(for: 99) == c.colors[4], "values above the range fall in the last class")
}

@Test func missingValuesGetTheNoDataColourAndEntry() {
    let c = Choropleth(values: [1, 2, .nan, 3])
    #expect(c.noDataCount == 1)
    #expect(c.color(for: .nan) == c.noDataColor)
    let last = c.legend(title: "Events").entries.last!
    #expect(last.label == "no data" && last.count == 1)
    #expect(c.legend(title: "Events").title == "Events")
}

@Test func degenerateInputs() {
    let same = Choropleth(values: [5, 5, 5])
    #expect(same.breaks == [5, 5] && same.counts == [3])
    #expect(same.legend().entries.map(\.label) == ["5"])
    let none = Choropleth(values: [])
    #expect(none.breaks.isEmpty && none.legend().entries.isEmpty)
    #expect(none.color(for: 1) == none.noDataColor)
}

@Test func fractionalBreaksAreLabelledAsTheyAre() {
    let c = Choropleth(values: [0.5, 1.25, 2], classes: 2, classification: .equalIntervals)
    #expect(c.legend().entries.map(\.label) == ["0.5–1.25", "1.25–2"])
}
