public import GridGeoCore
import GridGeoLookup

extension Geocoder {
    /// The address of a point: the unit grid and divisions that own it, plus the nearest door
    /// plate or else the nearest road within `radius` metres, as a formatted address
    /// (省市区街道 + road + number). A point in no grid with nothing within the distance is
    /// answered `outside`, never snapped to something far away.
    ///
    /// A plate is preferred to a road that is nearer by less than 25 m: a plate names a door.
    public func reverse(_ position: Coordinate, withinMetres radius: Double = 100) -> ReverseResult {
        guard position.isFinite, (-180...180).contains(position.lon), (-90...90).contains(position.lat) else {
            return ReverseResult(position: position, status: .invalidInput,
                                 message: "not a lon/lat position: \(position.lon), \(position.lat)")
        }
        let radius = radius.isFinite ? min(max(radius, 0), 5_000) : 100
        let p = frame.point(position)
        let answer = directory?.locate(position)
        let inGrid = answer?.grid != nil
        let plate = book.nearestPoint(to: p, within: radius)
        let road = roads.nearestSegment(to: p, within: radius)

        var hierarchy: Hierarchy? = nil
        if let answer, inGrid {
            hierarchy = Hierarchy(district: answer.district, street: answer.street, community: answer.community,
                                  grid: answer.grid, gridVersion: answer.version, source: .grid)
        } else if let street = areas.street(at: position) {
            let s = areas.streets[street]
            let d = s.parentCode.flatMap { areas.districtByCode[$0] }.map { areas.districts[$0] }
            let c = areas.community(at: position).map { areas.communities[$0] }
            hierarchy = Hierarchy(district: d.map { Division(code: $0.code, name: $0.name) },
                                  street: Division(code: s.code, name: s.name),
                                  community: c.map { Division(code: $0.code, name: $0.name) },
                                  gridVersion: directory?.version, source: .boundaries)
        }

        if let plate, road == nil || plate.distance <= road!.distance + 25 {
            let point = book.points[plate.index]
            let h = completed(hierarchy ?? namesHierarchy(of: point))
            var tail = point.address
            var roadName: String? = nil, number: String? = nil
            if let named = point.plate {
                roadName = named.name
                number = named.number?.plateText
                tail = named.name + (number ?? "")
            } else if let place = point.places.first {
                tail = place
            }
            return ReverseResult(position: position, status: .address, address: addressPrefix(h) + tail, road: roadName,
                                 number: number, distanceMetres: rounded(plate.distance), hierarchy: h,
                                 message: inGrid || directory == nil ? nil : "outside every unit grid")
        }
        if let road {
            let stretch = roads.stretches[road.stretch]
            let number = estimatedNumber(onStretch: road.stretch, at: p, foot: road.point)
            let h = completed(hierarchy ?? namesHierarchy(stretch: road.stretch))
            return ReverseResult(position: position, status: .road,
                                 address: addressPrefix(h) + stretch.name + (number ?? ""), road: stretch.name,
                                 number: number, distanceMetres: rounded(road.distance), hierarchy: h,
                                 message: (number == nil ? "no door plate within \(Int(radius)) m" :
                                            "no door plate within \(Int(radius)) m; the number is estimated from the road's plates")
                                    + (inGrid || directory == nil ? "" : "; outside every unit grid"))
        }
        if let h = hierarchy {
            let full = completed(h)
            return ReverseResult(position: position, status: .area, address: addressPrefix(full), hierarchy: full,
                                 message: "no door plate or road within \(Int(radius)) m")
        }
        return ReverseResult(position: position, status: .outside,
                             message: directory == nil
                                ? "outside every street, and no door plate or road within \(Int(radius)) m (the store has no unit grids)"
                                : "outside every unit grid, and no door plate or road within \(Int(radius)) m")
    }

    private func rounded(_ metres: Double) -> Double { (metres * 10).rounded() / 10 }

    /// Divisions named by an address point's own address (used when no grid owns the position).
    func namesHierarchy(of point: PreparedPoint) -> Hierarchy {
        var h = Hierarchy(source: .names)
        if let code = point.districtCode, let d = areas.districtByCode[code] {
            h.district = Division(code: code, name: areas.districts[d].name)
        } else if areas.districts.count == 1 {
            h.district = Division(code: areas.districts[0].code, name: areas.districts[0].name)
        }
        if let code = point.streetCode, let s = areas.streetByCode[code] {
            h.street = Division(code: code, name: areas.streets[s].name)
        }
        return h
    }

    /// Divisions of a road known from the grids (the street of its polylines when all agree).
    func namesHierarchy(stretch s: Int) -> Hierarchy {
        var h = Hierarchy(source: .names)
        if areas.districts.count == 1 {
            h.district = Division(code: areas.districts[0].code, name: areas.districts[0].name)
        }
        return h
    }

    /// The door number at foot `foot` of a road, from the road's plates: the nearest plate's
    /// number moved by the road's metres per number, on the parity of the side the point is on.
    func estimatedNumber(onStretch s: Int, at p: Point, foot: Point) -> String? {
        let line = book.lines[s]
        guard let slope = line.metresPerNumber, slope != 0, !line.plates.isEmpty else { return nil }
        let axial = (foot - line.centre).dot(line.axis)
        guard let nearest = line.plates.min(by: {
            abs(($0.point - line.centre).dot(line.axis) - axial) < abs(($1.point - line.centre).dot(line.axis) - axial)
        }) else { return nil }
        var n = Double(nearest.number) + (axial - (nearest.point - line.centre).dot(line.axis)) / slope
        guard n.isFinite else { return nil }
        n = max(1, n.rounded())
        // Which parity lies on the point's side: the side (left/right of the axis) of each parity's plates.
        let side = { (q: Point) -> Double in
            let d = q - self.roads.stretches[s].nearest(to: q).point
            return line.axis.x * d.y - line.axis.y * d.x
        }
        let mine = side(p)
        var votes = [0.0, 0.0]
        for plate in line.plates { votes[abs(plate.number) % 2] += side(plate.point) * (mine >= 0 ? 1 : -1) > 0 ? 1 : -1 }
        var number = Int(min(n, 1e6))
        if votes[0] != votes[1] {
            let parity = votes[1] > votes[0] ? 1 : 0
            if number % 2 != parity { number += 1 }
        }
        return "\(number)号"
    }
}
