import Testing
@testable import GridGeoRender

@Test(arguments: [(0xFFF5C0 as UInt32, "#fff5c0"), (0x000000, "#000000"), (0x0A0B0C, "#0a0b0c")])
func hexRoundTrip(hex: UInt32, text: String) {
    #expect(Color(hex: hex).hexString == text)
}

@Test func mixingGoesFromOneColourToTheOther() {
    let a = Color(hex: 0x000000), b = Color(hex: 0xFF8040)
    #expect(a.mixed(with: b, by: 0) == a)
    #expect(a.mixed(with: b, by: 1) == b)
    #expect(a.mixed(with: b, by: 0.5) == Color(red: 128, green: 64, blue: 32))
    #expect(a.mixed(with: b, by: 7) == b, "t is clamped")
}

@Test func luminanceOrdersBlackBelowWhite() {
    #expect(Color.black.luminance == 0)
    #expect(Color.white.luminance > 0.99)
    #expect(Color(hex: 0x8C0A22).luminance < 0.5)
    #expect(Color(hex: 0xFFF5C0).luminance > 0.5)
}

@Test func rampInterpolatesBetweenEvenlySpacedStops() {
    let ramp = ColorRamp([.black, .white])
    #expect(ramp.color(at: 0) == .black)
    #expect(ramp.color(at: 1) == .white)
    #expect(ramp.color(at: 0.5) == Color(red: 128, green: 128, blue: 128))
    #expect(ramp.color(at: -1) == .black)
    #expect(ColorRamp([.white]).color(at: 0.3) == .white)
}

@Test func yellowToRedDarkensMonotonically() {
    let ramp = ColorRamp.yellowToRed
    let luminances = stride(from: 0.0, through: 1.0, by: 0.125).map { ramp.color(at: $0).luminance }
    #expect(zip(luminances, luminances.dropFirst()).allSatisfy { $0 > $1 })
}
