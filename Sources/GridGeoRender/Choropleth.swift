/// Colours for values (counts per grid, community or street): class breaks, a colour per class, and the
/// legend that explains them.
///
/// Class 0 holds values in [`breaks[0]`, `breaks[1]`], every later class *j* those in
/// (`breaks[j]`, `breaks[j+1]`]. Ties can merge classes, so there may be fewer than asked for; when the
/// minimum is frequent (grids without events) it keeps a class of its own, so "none" stays visible.
public struct Choropleth: Hashable, Sendable {
    public enum Classification: Hashable, Sendable {
        /// About the same number of values per class: good for skewed counts.
        case quantiles
        /// Classes of the same width: good when the values themselves should be compared.
        case equalIntervals
    }

    /// Class boundaries, ascending: the minimum first, the maximum last. Empty when there are no values.
    public let breaks: [Double]
    /// One colour per class, light to dark.
    public let colors: [Color]
    /// How many of the values fall in each class.
    public let counts: [Int]
    /// How many values were NaN or infinite: features without data.
    public let noDataCount: Int
    /// The colour of features without data.
    public let noDataColor: Color

    /// Classifies `values`.
    /// - Parameters:
    ///   - classes: how many classes to aim for (5 is what readers tell apart easily).
    ///   - ramp: colours from the lowest class (at 0) to the highest (at 1).
    /// - Complexity: O(*n* log *n*) for *n* values.
    public init(values: [Double], classes: Int = 5, classification: Classification = .quantiles,
                ramp: ColorRamp = .yellowToRed, noDataColor: Color = Color(hex: 0xD9D9D9)) {
        let sorted = values.filter(\.isFinite).sorted()
        noDataCount = values.count - sorted.count
        self.noDataColor = noDataColor
        guard let low = sorted.first, let high = sorted.last else {
            breaks = []
            colors = []
            counts = []
            return
        }
        let k = max(classes, 1)
        var candidates = [low]
        for i in 1..<k {
            switch classification {
            case .quantiles:
                // The value below which i/k of the values lie (nearest rank).
                let rank = (i * sorted.count + k - 1) / k
                candidates.append(sorted[max(rank - 1, 0)])
            case .equalIntervals:
                candidates.append(low + (high - low) * Double(i) / Double(k))
            }
        }
        candidates.append(high)
        // Drop empty classes: a repeated break, except that class 0 may be just the minimum.
        var b = [low]
        for c in candidates.dropFirst() where c > b.last! || b.count == 1 {
            b.append(c)
        }
        breaks = b

        let n = b.count - 1
        colors = (0..<n).map { ramp.color(at: n == 1 ? 0.5 : Double($0) / Double(n - 1)) }
        var counts = Array(repeating: 0, count: n)
        for v in sorted { counts[Choropleth.classIndex(of: v, breaks: b)] += 1 }
        self.counts = counts
    }

    /// The class of `value`; values outside the range fall in the first or last class. `nil` without classes.
    public func classIndex(for value: Double) -> Int? {
        colors.isEmpty ? nil : Choropleth.classIndex(of: value, breaks: breaks)
    }

    /// The colour for `value`: its class's colour, or `noDataColor` for NaN, infinity or no classes.
    public func color(for value: Double) -> Color {
        guard value.isFinite, let i = classIndex(for: value) else { return noDataColor }
        return colors[i]
    }

    /// One entry per class ("3–4", with its count), plus "no data" when some values were missing.
    /// Labels show whole numbers as ranges of integers, since counts are what choropleths here show.
    public func legend(title: String? = nil) -> Legend {
        let integral = breaks.allSatisfy { $0 == $0.rounded() }
        var entries: [LegendEntry] = colors.indices.map { j in
            let upper = breaks[j + 1]
            // Classes above the first exclude their lower break: for integers that is the next whole number.
            let lower = j == 0 ? breaks[0] : integral ? breaks[j] + 1 : breaks[j]
            let label = lower == upper ? formatNumber(upper) : "\(formatNumber(lower))–\(formatNumber(upper))"
            return LegendEntry(color: colors[j], label: label, count: counts[j])
        }
        if noDataCount > 0 { entries.append(LegendEntry(color: noDataColor, label: "no data", count: noDataCount)) }
        return Legend(title: title, entries: entries)
    }

    /// Binary search for the first class whose upper break is at least `value`.
    private static func classIndex(of value: Double, breaks: [Double]) -> Int {
        var lo = 1, hi = breaks.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if value <= breaks[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo - 1
    }
}
