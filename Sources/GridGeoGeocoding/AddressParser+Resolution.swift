extension AddressParser {
    /// Chooses one gazetteer entry per named component and builds the division chain.
    ///
    /// An entry scores one point for every other named component it is consistent with (one
    /// contains the other), half a point for lying in ``Options/homeRegion``, and a little for
    /// being named in full. Ties are kept as ``PlaceMatch/alternatives`` and flagged ambiguous.
    /// Missing parents are inferred from the deepest division named (安定门街道 → 东城区 → 北京市).
    func resolve(_ components: inout [AddressComponent], hits: [PlaceHit], chosen: [Int32]) -> Divisions {
        var mentions: [(component: Int, surfaces: ArraySlice<Gazetteer.Surface>)] = []
        mentions.reserveCapacity(chosen.count)
        for (index, hitIndex) in chosen.enumerated() where hitIndex >= 0 && index < components.count {
            let label = components[index].label
            guard label != .redundant, label != .assist, label != .otherinfo else { continue }
            mentions.append((index, table[hits[Int(hitIndex)].surfaceRange]))
        }
        var divisions = Divisions()
        var best: [Int] = []   // the top-scoring surfaces of one mention, reused
        for (position, mention) in mentions.enumerated() {
            var bestScore = -Float.greatestFiniteMagnitude
            best.removeAll(keepingCapacity: true)
            let surfaces = mention.surfaces
            for k in surfaces.indices {
                let surface = surfaces[k]
                // Counted as an integer: the same Float as adding 1 per related mention.
                var related = 0
                for other in mentions.indices where other != position {
                    if mentions[other].surfaces.contains(where: {
                        Gazetteer.isAncestor(surface.anchor, of: $0.anchor) || Gazetteer.isAncestor($0.anchor, of: surface.anchor)
                    }) { related += 1 }
                }
                var score = Float(related)
                if home[Int(surface.entry)] { score += 0.5 }
                switch surface.form {
                case .full: score += 0.2
                case .alias: score += 0.1
                case .short: break
                }
                if score > bestScore + 1e-4 {
                    bestScore = score
                    best.removeAll(keepingCapacity: true)
                    best.append(k)
                } else if abs(score - bestScore) <= 1e-4 {
                    best.append(k)
                }
            }
            guard let first = best.first else { continue }
            let entry = gazetteer.entries[Int(surfaces[first].entry)]
            let alternatives = best.dropFirst().map { gazetteer.entries[Int(surfaces[$0].entry)] }
            let old = components[mention.component]
            components[mention.component] = AddressComponent(
                label: old.label, text: old.text, normalized: old.normalized, range: old.range, number: old.number,
                place: PlaceMatch(entry: entry, form: surfaces[first].form, alternatives: alternatives),
                evidence: old.evidence)
            let resolved = ResolvedDivision(entry: entry, isExplicit: true, isAmbiguous: !alternatives.isEmpty)
            switch entry.level {
            case .province: fillEmpty(&divisions.province, with: resolved)
            case .city: fillEmpty(&divisions.city, with: resolved)
            case .district: fillEmpty(&divisions.district, with: resolved)
            case .town: fillEmpty(&divisions.town, with: resolved)
            default: break
            }
        }
        // Infer missing parents from the deepest division named.
        if let deepest = divisions.deepest {
            for ancestor in gazetteer.ancestors(of: deepest.entry) {
                let inferred = ResolvedDivision(entry: ancestor, isExplicit: false, isAmbiguous: deepest.isAmbiguous)
                switch ancestor.level {
                case .province: fillEmpty(&divisions.province, with: inferred)
                case .city: fillEmpty(&divisions.city, with: inferred)
                case .district: fillEmpty(&divisions.district, with: inferred)
                default: break
                }
            }
        }
        return divisions
    }

    /// Sets `slot` unless it holds a division already. (`slot == nil` would pick Equatable's `==`
    /// and copy both operands.)
    @inline(__always) private func fillEmpty(_ slot: inout ResolvedDivision?, with division: ResolvedDivision) {
        if case .none = slot { slot = division }
    }
}
