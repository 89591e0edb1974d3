import GridGeoCore
import GridGeoGeocoding
import GridGeoLookup

/// A placement being considered, before it is bound to the grid.
struct Placement {
    var level: MatchLevel
    var point: Point
    /// In (0, 1]: where in its level's confidence band it lands.
    var quality: Double
    var road: String? = nil
    var number: String? = nil
    var place: String? = nil
    var detail: String? = nil
    var names: [NameMatchNote] = []

    /// The confidence before binding: the level's band, entered by quality.
    var confidence: Double {
        let (low, high) = level.band
        return low + (high - low) * min(1, max(0, quality))
    }
}

/// The divisions chosen from the address, as indices into `Areas`.
struct Scope {
    var district: Int?
    var street: Int?
    var community: Int?
    var names: [NameMatchNote] = []
    /// Penalty for names found only outside the parent written.
    var quality = 1.0
}

extension Geocoder {
    /// Places one address; see the type's documentation for the order of match levels. Never
    /// throws and never traps: any text gets an answer, `invalidInput` or `notFound` at worst.
    ///
    /// - Complexity: one parse (linear in the text, which is cut at 512 characters) plus hash
    ///   look-ups; a fuzzy name look-up scans the names one character longer or shorter.
    public func geocode(_ address: String) -> GeocodeResult {
        guard address.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            return GeocodeResult(input: address, status: .invalidInput, match: nil, alternatives: [],
                                 message: "empty address")
        }
        let parsed = parser.parse(address)
        let query = AddressQuery(parsed)

        // 1. Divisions, each inside the one above it.
        var scope = Scope()
        if let code = query.districtCode {
            if let d = areas.districtByCode[code] {
                scope.district = d
            } else if !areas.districts.isEmpty, query.districtWritten {
                let held = areas.districts.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
                return GeocodeResult(input: address, status: .outsideData, match: nil, alternatives: [],
                                     message: "\(query.districtName ?? code) (\(code)) is not in the data; it holds \(held)")
            }
        }
        resolveStreet(query, &scope)
        resolveCommunity(query, &scope)

        // 2. Roads, then places: the first name that matches gives the placement; its other
        //    matches (same name elsewhere) and the later names give the alternatives.
        var groups: [[Placement]] = []
        for named in query.roads {
            let found = placements(for: named, scope: scope, isRoad: true)
            if !found.isEmpty { groups.append(found) }
        }
        for named in query.places {
            let found = placements(for: named, scope: scope, isRoad: false)
            if !found.isEmpty { groups.append(found) }
        }
        // 3. Otherwise the smallest division named.
        if groups.isEmpty, let area = areaPlacement(scope) { groups.append([area]) }
        guard var first = groups.first else {
            var message = "no road, place or division of the data is named in the address"
            if query.isEmpty && query.districtCode == nil { message = "the text names no address component the data holds" }
            return GeocodeResult(input: address, status: .notFound, match: nil, alternatives: [], message: message)
        }

        // 4. Ambiguity: placements of the first group that lie apart, at the top's level and nearly
        //    its quality, are alternatives of equal rank; each keeps 1/k of its quality.
        first.sort { $0.confidence > $1.confidence }
        var distinct: [Placement] = []
        for p in first where !distinct.contains(where: { $0.point.distance(to: p.point) < 100 }) { distinct.append(p) }
        let top = distinct[0]
        let tied = distinct.filter { $0.level == top.level && $0.quality >= top.quality * 0.9 }.count
        let ambiguous = tied > 1
        var results = distinct.enumerated().map { k, p -> GeocodeMatch in
            var p = p
            p.names = scope.names + p.names
            if ambiguous, k < tied { p.quality /= Double(tied) }
            p.quality *= scope.quality
            return bind(p, scope: scope)
        }
        for group in groups.dropFirst() {
            if let best = group.max(by: { $0.quality < $1.quality }) {
                var p = best
                p.quality *= 0.8 * scope.quality
                p.names = scope.names + p.names
                p.detail = [p.detail, "a later name in the address"].compactMap { $0 }.joined(separator: "; ")
                results.append(bind(p, scope: scope))
            }
        }
        let match = results.removeFirst()
        var message: String? = nil
        if ambiguous {
            message = "\(tied) places fit equally well; see alternatives"
        }
        return GeocodeResult(input: address, status: ambiguous ? .ambiguous : .matched, match: match,
                             alternatives: Array(results.prefix(8)), message: message)
    }

    // MARK: Divisions

    func resolveStreet(_ query: AddressQuery, _ scope: inout Scope) {
        let district = scope.district
        let inDistrict: (Int32) -> Bool = { s in
            guard let d = district else { return true }
            return self.areas.streets[Int(s)].parentCode == self.areas.districts[d].code
        }
        if let code = query.streetCode, let s = areas.streetByCode[code], inDistrict(Int32(s)) {
            scope.street = s
        } else if let name = query.streetName {
            if let found = areas.streetNames.lookup(name, accept: inDistrict), found.values.count == 1 {
                let s = Int(found.values[0])
                scope.street = s
                if found.match != .exact {
                    scope.names.append(NameMatchNote(level: "street", written: name, matched: areas.streets[s].name, match: found.match))
                    scope.quality *= found.match.quality
                }
            }
        }
        if let s = scope.street, scope.district == nil, let parent = areas.streets[s].parentCode {
            scope.district = areas.districtByCode[parent]
        }
    }

    func resolveCommunity(_ query: AddressQuery, _ scope: inout Scope) {
        guard let name = query.communityName else { return }
        let (street, district) = (scope.street, scope.district)
        let accept: (Int32) -> Bool = { c in
            let community = self.areas.communities[Int(c)]
            if let s = street { return community.parentCode == self.areas.streets[s].code }
            if let d = district { return community.code.hasPrefix(self.areas.districts[d].code) }
            return true
        }
        guard let found = areas.communityNames.lookup(name, accept: accept), found.values.count == 1 else { return }
        let c = Int(found.values[0])
        scope.community = c
        if found.match != .exact {
            scope.names.append(NameMatchNote(level: "community", written: name, matched: areas.communities[c].name, match: found.match))
            scope.quality *= found.match.quality
        }
        if scope.street == nil, let parent = areas.communities[c].parentCode { scope.street = areas.streetByCode[parent] }
    }

    func areaPlacement(_ scope: Scope) -> Placement? {
        // The size of an area is the scale of the error of its centre.
        func placement(_ level: MatchLevel, _ area: Area) -> Placement {
            Placement(level: level, point: area.centre, quality: 1 / (1 + area.size / 2000))
        }
        if let c = scope.community { return placement(.community, areas.communities[c]) }
        if let s = scope.street { return placement(.street, areas.streets[s]) }
        if let d = scope.district { return placement(.district, areas.districts[d]) }
        return nil
    }

    // MARK: Roads and places

    /// Placements for a road or place name with its number: one per line of that name (several
    /// when the name is used in places apart), or per cluster of place points.
    func placements(for named: AddressQuery.Named, scope: Scope, isRoad: Bool) -> [Placement] {
        let streetCode = scope.street.map { areas.streets[$0].code }
        // Lines of that name in the street written; else anywhere, with a penalty. A name joined
        // with the unknown text before it is tried first.
        var penalty = 1.0
        var found = book.lineNames.lookup(named) { line in
            guard let streetCode else { return true }
            return self.lineLies(Int(line), in: streetCode) != false
        }
        if found == nil, streetCode != nil {
            found = book.lineNames.lookup(named)
            penalty = 0.85
        }
        let written = found?.written ?? named.name
        var result: [Placement] = []
        if let found {
            for line in found.values {
                guard var p = placement(on: Int(line), number: named.number, streetCode: streetCode) else { continue }
                p.quality *= penalty * found.match.quality
                let matched = book.lines[Int(line)].name
                if found.match != .exact || matched != written {
                    p.names.append(NameMatchNote(level: isRoad ? "road" : "place", written: written, matched: matched,
                                                 match: found.match))
                }
                if penalty < 1, let streetCode {
                    let street = areas.streetByCode[streetCode].map { areas.streets[$0].name } ?? streetCode
                    p.detail = [p.detail, "\(matched) is not known in \(street)"].compactMap { $0 }.joined(separator: "; ")
                }
                result.append(p)
            }
        }
        // A place named by address points: its points, clustered.
        if result.isEmpty || !isRoad, let places = book.places.lookup(named) {
            let placeName = places.written
            let groups = clusters(places.values.map(Int.init))
            for cluster in groups {
                let medoid = medoid(of: cluster)
                let spread = cluster.map { book.points[$0].point.distance(to: medoid) }.max() ?? 0
                // A group with most of the name's points is the likelier place.
                let support = (Double(cluster.count) / Double(groups[0].count)).squareRoot()
                var p = Placement(level: .place, point: medoid,
                                  quality: places.match.quality * support / (1 + spread / 200), place: placeName)
                if cluster.count > 1 { p.detail = "\(cluster.count) address points, spread \(Int(spread.rounded())) m" }
                if places.match != .exact {
                    p.names.append(NameMatchNote(level: "place", written: placeName, matched: placeName, match: places.match))
                }
                result.append(p)
            }
        }
        return result
    }

    /// Whether line `i` lies in street `code`: true or false when its plates or the grids say,
    /// nil when nothing says.
    func lineLies(_ i: Int, in code: String) -> Bool? {
        let line = book.lines[i]
        var known = false
        if !line.streets.isEmpty {
            if line.streets.contains(code) { return true }
            known = true
        }
        if let s = line.stretch {
            let streets = roads.stretches[s].polylineStreets
            if streets.contains(code) { return true }
            if streets.contains(where: { $0 != nil }) { known = true }
        }
        return known ? false : nil
    }

    /// The placement of `number` on line `i`: the door plate, interpolated, or the road.
    func placement(on i: Int, number: HouseNumber?, streetCode: String?) -> Placement? {
        let line = book.lines[i]
        if let number, let doors = Optional(number.doors), !doors.isEmpty {
            // Exact: any door written (17-19号 is 17 or 19).
            for door in doors {
                if let p = exactPlate(line, door: door, number: number) { return p }
            }
            if let p = interpolate(line, door: doors[0], number: number) { return p }
        }
        return roadPlacement(line, streetCode: streetCode, numberWritten: number)
    }

    func exactPlate(_ line: PlateLine, door: Int, number: HouseNumber) -> Placement? {
        let same = line.plates.filter { $0.number == door }
        guard !same.isEmpty else { return nil }
        // 甲16号 is a plate of its own beside 16号: a plate with another prefix or sub-number is close, not equal.
        let exact = same.filter { $0.prefix == number.prefix && ($0.sub == number.sub || number.sub == nil) }
        let used = exact.isEmpty ? same : exact
        let points = used.map(\.point)
        let centre = medoid(points)
        let spread = points.map { $0.distance(to: centre) }.max() ?? 0
        var quality = 1 / (1 + spread / 50)
        var detail: String? = used.count > 1 ? "\(used.count) address points, spread \(Int(spread.rounded())) m" : nil
        let written = HouseNumber(prefix: number.prefix, numbers: [door], sub: number.sub).plateText
        let placed = HouseNumber(prefix: used[0].prefix, numbers: [door], sub: used[0].sub).plateText
        if exact.isEmpty {
            quality *= 0.7
            detail = [detail, "\(placed) for \(written)"].compactMap { $0 }.joined(separator: "; ")
        }
        return Placement(level: .doorPlate, point: centre, quality: quality, road: line.name, number: written, detail: detail)
    }

    /// Between the nearest known plates below and above, same side first; else beyond the last
    /// known plate along the road's axis, when the road's numbering follows it.
    func interpolate(_ line: PlateLine, door n: Int, number: HouseNumber) -> Placement? {
        let plates = line.plates
        guard plates.count >= 2 else { return nil }
        let written = HouseNumber(prefix: number.prefix, numbers: [n], sub: number.sub).plateText
        func bracket(_ candidates: [Plate]) -> (Plate, Plate)? {
            guard let below = candidates.last(where: { $0.number < n }),
                  let above = candidates.first(where: { $0.number > n }) else { return nil }
            return (below, above)
        }
        let sameSide = plates.filter { ($0.number - n) % 2 == 0 }
        for (candidates, side) in [(sameSide, "same side"), (plates, "both sides")] {
            guard let (a, b) = bracket(candidates) else { continue }
            let t = Double(n - a.number) / Double(b.number - a.number)
            let gap = a.point.distance(to: b.point)
            // Plates of the other side bracket the number only loosely (the sides are numbered
            // apart): trusted when close together (on Dongcheng, both-side brackets further apart
            // erred by 160 m at the median, more than the road's own point).
            if side == "both sides", gap > 150 { continue }
            let point = a.point.interpolated(to: b.point, t)
            // The error grows with the gap between the plates interpolated between.
            let quality = (side == "same side" ? 1 : 0.8) / (1 + gap / 400)
            return Placement(level: .interpolated, point: point, quality: quality, road: line.name, number: written,
                             detail: "between \(a.number)号 and \(b.number)号 (\(side), \(Int(gap.rounded())) m apart)")
        }
        // Beyond the known plates: along the axis from the nearest plate, same side when possible.
        guard let slope = line.metresPerNumber else { return nil }
        let anchors = sameSide.isEmpty ? plates : sameSide
        guard let anchor = anchors.min(by: { abs($0.number - n) < abs($1.number - n) }) else { return nil }
        var start = anchor.point
        if sameSide.isEmpty, let s = line.stretch {
            // Mirror across the road to the other side.
            let foot = roads.stretches[s].nearest(to: start).point
            start = foot + (foot - start)
        }
        var shift = slope * Double(n - anchor.number)
        let axial = (start - line.centre).dot(line.axis)
        let target = min(max(axial + shift, line.axialRange.lowerBound), line.axialRange.upperBound)
        shift = target - axial
        let point = start + line.axis * shift
        let quality = (sameSide.isEmpty ? 0.5 : 0.6) / (1 + abs(shift) / 100)
        return Placement(level: .interpolated, point: point, quality: quality, road: line.name, number: written,
                         detail: "\(Int(abs(shift).rounded())) m beyond \(anchor.number)号 along the road")
    }

    func roadPlacement(_ line: PlateLine, streetCode: String?, numberWritten: HouseNumber?) -> Placement? {
        var detail: String? = numberWritten.map { "\($0.plateText) cannot be placed on the road" }
        if let s = line.stretch {
            let stretch = roads.stretches[s]
            var point = stretch.representative, length = stretch.length
            if let streetCode, let part = stretch.representative(inStreet: streetCode) {
                (point, length) = part
                detail = [detail, "the part in the street written"].compactMap { $0 }.joined(separator: "; ")
            }
            return Placement(level: .road, point: point, quality: 1 / (1 + length / 1000), road: line.name, detail: detail)
        }
        // A road known only from its plates: their medoid.
        guard !line.plates.isEmpty else { return nil }
        let points = line.plates.map(\.point)
        let centre = medoid(points)
        let spread = points.map { $0.distance(to: centre) }.max() ?? 0
        return Placement(level: .road, point: centre, quality: 1 / (1 + 2 * spread / 1000), road: line.name,
                         detail: [detail, "known only from \(Set(line.plates.map(\.source)).count) address points"]
                            .compactMap { $0 }.joined(separator: "; "))
    }

    // MARK: Helpers

    /// The point of `points` with the least total distance to the others (robust to one far point).
    func medoid(_ points: [Point]) -> Point {
        guard points.count > 2 else {
            return points.count == 2 ? points[0].interpolated(to: points[1], 0.5) : points[0]
        }
        let sample = points.prefix(64)
        return sample.min { a, b in
            sample.reduce(0) { $0 + $1.distance(to: a) } < sample.reduce(0) { $0 + $1.distance(to: b) }
        }!
    }

    func medoid(of cluster: [Int]) -> Point { medoid(cluster.map { book.points[$0].point }) }

    /// Address points grouped by single linkage within 300 m, largest group first.
    func clusters(_ indices: [Int]) -> [[Int]] {
        var groups: [[Int]] = []
        for i in indices.prefix(512) {
            let p = book.points[i].point
            let joined = groups.indices.filter { g in groups[g].contains { book.points[$0].point.distance(to: p) <= 300 } }
            if joined.isEmpty {
                groups.append([i])
            } else {
                var merged = [i]
                for g in joined.reversed() { merged += groups.remove(at: g) }
                groups.append(merged)
            }
        }
        return groups.sorted { $0.count > $1.count }
    }

    // MARK: Binding

    /// The final match: position, confidence, hierarchy from the owning grid (or the names), and
    /// the address as the store names it.
    func bind(_ p: Placement, scope: Scope) -> GeocodeMatch {
        let position = frame.coordinate(p.point)
        let hierarchy = self.hierarchy(at: position, scope: scope)
        let confidence = (p.confidence * 1000).rounded() / 1000
        var text = addressPrefix(hierarchy)
        if let road = p.road { text += road + (p.number ?? "") } else if let place = p.place { text += place }
        return GeocodeMatch(level: p.level, position: position, confidence: confidence, address: text, road: p.road,
                            number: p.number, place: p.place, hierarchy: hierarchy, names: p.names, detail: p.detail)
    }

    /// The grid owning `position` and its divisions; without one (no grids, or the position is
    /// outside them all), the street and community boundaries holding it; without those, the
    /// divisions matched from the address.
    func hierarchy(at position: Coordinate, scope: Scope) -> Hierarchy {
        func division(_ a: Area?) -> Division? { a.map { Division(code: $0.code, name: $0.name) } }
        var h: Hierarchy
        if let directory, case let answer = directory.locate(position, nearestWithinMetres: 30), answer.grid != nil {
            h = Hierarchy(district: answer.district, street: answer.street, community: answer.community,
                          grid: answer.grid, gridVersion: answer.version, source: .grid)
        } else if let street = areas.street(at: position) {
            let s = areas.streets[street]
            h = Hierarchy(district: division(s.parentCode.flatMap { areas.districtByCode[$0] }.map { areas.districts[$0] }),
                          street: division(s), community: division(areas.community(at: position).map { areas.communities[$0] }),
                          gridVersion: directory?.version, source: .boundaries)
        } else {
            h = Hierarchy(district: division(scope.district.map { areas.districts[$0] }),
                          street: division(scope.street.map { areas.streets[$0] }),
                          community: division(scope.community.map { areas.communities[$0] }),
                          gridVersion: directory?.version, source: .names)
            if h.district == nil, areas.districts.count == 1 {
                // A one-district store: a match inside its data is in that district.
                h.district = division(areas.districts[0])
            }
        }
        return completed(h)
    }

    /// The hierarchy with the province and city above its district (from the national divisions).
    func completed(_ h: Hierarchy) -> Hierarchy {
        var h = h
        if let code = h.district?.code, let entry = parser.gazetteer.entry(code: code) {
            let chain = parser.gazetteer.ancestors(of: entry)
            h.province = chain.first { $0.level == .province }?.name
            h.city = chain.first { $0.level == .city }?.name
        }
        return h
    }

    /// 省市区街道 as far as known (a municipality's city is not repeated: 北京市东城区).
    func addressPrefix(_ h: Hierarchy) -> String {
        var text = h.province ?? ""
        if let city = h.city, city != h.province { text += city }
        text += (h.district?.name ?? "") + (h.street?.name ?? "")
        return text
    }
}
