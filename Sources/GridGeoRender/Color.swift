/// An opaque sRGB colour, 8 bits per channel. Transparency is a property of the style that paints with it.
public struct Color: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a `0xRRGGBB` literal, as web colours are written.
    public init(hex: UInt32) {
        self.init(red: UInt8(hex >> 16 & 0xFF), green: UInt8(hex >> 8 & 0xFF), blue: UInt8(hex & 0xFF))
    }

    public static let white = Color(hex: 0xFFFFFF)
    public static let black = Color(hex: 0x000000)

    /// `#rrggbb`, as SVG and CSS spell it.
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [red, green, blue] {
            s.append(digits[Int(v >> 4)])
            s.append(digits[Int(v & 0xF)])
        }
        return s
    }

    /// Perceived brightness from 0 (black) to 1 (white), with Rec. 709 weights on the sRGB values.
    /// Rough, but enough to choose between a dark and a light label.
    public var luminance: Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    /// The colour a fraction `t` of the way to `other` (0 gives `self`, 1 gives `other`).
    public func mixed(with other: Color, by t: Double) -> Color {
        let t = min(max(t, 0), 1)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return Color(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }
}

/// Colours spread evenly along 0...1, interpolated linearly between stops: a sequential scale for choropleths.
public struct ColorRamp: Hashable, Sendable {
    /// The anchor colours, first at 0 and last at 1.
    public var stops: [Color]

    /// - Precondition: `stops` is not empty.
    public init(_ stops: [Color]) {
        precondition(!stops.isEmpty, "a colour ramp needs at least one colour")
        self.stops = stops
    }

    /// The colour at `t`, clamped to 0...1.
    public func color(at t: Double) -> Color {
        guard stops.count > 1 else { return stops[0] }
        let position = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], by: position - Double(i))
    }

    /// Light yellow through orange to dark red: low counts recede, high counts stand out.
    public static let yellowToRed = ColorRamp([
        Color(hex: 0xFFF5C0), Color(hex: 0xFBB35A), Color(hex: 0xE2502A), Color(hex: 0x8C0A22),
    ])
}
