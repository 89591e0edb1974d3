/// A labelled span proposed by a rule, with its score.
struct Candidate {
    var start: Int32
    var end: Int32
    /// ``AddressLabel/index``.
    var label: UInt8
    var evidence: AddressComponent.Evidence
    var score: Float
    /// Index of the ``PlaceHit`` behind a gazetteer candidate, or -1.
    var hit: Int32 = -1
}

/// Semi-Markov decoding over candidate spans: picks the sequence of non-overlapping candidates
/// covering the text whose scores plus label-transition scores add up to the most.
///
/// The state is the last label that takes part in the address order (assist, redundant and
/// otherinfo are transparent: they keep the state they were entered in), so the transition from
/// `road` to `roadno` is seen through a `-` or a 附近 in between, plus one flag: whether a POI
/// has been named yet. A second POI is a sub-POI or a company (person), whatever lies between.
///
/// - Complexity: O(candidates × states), states = 2 × 19.
enum Lattice {
    /// Start state plus one state per ordered label.
    static let orderStates = 19
    /// The same again with the "a POI was named" flag set.
    static let stateCount = 2 * orderStates
    static let labelCount = AddressLabel.allCases.count

    /// State reached after `label` from `state`; transparent labels keep the state.
    @inline(__always)
    static func stateAfter(_ label: Int, from state: Int) -> Int {
        let rank = rankTable[label]
        guard rank >= 0 else { return state }
        let seenPOI = state >= orderStates || label == AddressLabel.poi.index
        return Int(rank) + 1 + (seenPOI ? orderStates : 0)
    }

    /// Rank per label index, -1 for transparent labels.
    static let rankTable: [Int8] = AddressLabel.allCases.map { Int8($0.rank ?? -1) }

    /// Transition score per (state, label index), flattened: `transitions[state * 21 + label]`.
    static let transitions: [Float] = {
        var table = [Float](repeating: 0, count: stateCount * labelCount)
        for state in 0..<stateCount {
            let order = state % orderStates
            let previous: AddressLabel? = order == 0 ? nil : AddressLabel.allCases.first { $0.rank == order - 1 }
            for label in AddressLabel.allCases {
                table[state * labelCount + label.index] = transition(from: previous, to: label,
                                                                     afterPOI: state >= orderStates)
            }
        }
        return table
    }()

    /// The preference for `label` right after `previous` (nil = start of the address). Hand-set from
    /// the guideline's partial order: forward moves are free, repeats and backward moves cost, and a
    /// few pairs that belong together (road → roadno, houseno → cellno) earn a bonus. After a POI,
    /// another POI is a sub-POI or a company; before any POI, neither is likely.
    static func transition(from previous: AddressLabel?, to label: AddressLabel, afterPOI: Bool) -> Float {
        switch label {
        case .poi where afterPOI: return -3.5
        case .subpoi where !afterPOI: return -3
        case .subpoi:
            switch previous {
            case .poi: return 0.3
            case .floorno, .roomno, .subpoi: return -1.0
            default: return 0
            }
        case .person where !afterPOI: return -1.5
        case .person:
            switch previous {
            case .floorno, .roomno, .subpoi: return 0.5
            case .houseno, .cellno: return 0
            case .poi: return -1.2
            default: return -1.5
            }
        default: break
        }
        guard let to = label.rank else { return 0 }
        guard let previous, let from = previous.rank else {
            switch label {
            case .subroad, .subroadno: return -3
            case .roadno: return -0.6
            case .houseno, .cellno, .floorno, .roomno: return -0.4
            default: return 0
            }
        }
        switch (previous, label) {
        case (.road, .roadno), (.subroad, .subroadno): return 0.8
        case (.road, .subroad), (.roadno, .subroad): return 0.2
        case (_, .subroadno): return -3
        case (_, .subroad): return -2.5
        case (.houseno, .cellno), (.cellno, .roomno), (.floorno, .roomno): return 0.5
        case (.houseno, .floorno), (.houseno, .roomno): return 0.3
        case (.roadno, .poi): return 0.4
        case (.community, .roadno), (.town, .roadno): return -0.2
        case (.prov, .roadno), (.city, .roadno), (.district, .roadno), (.devzone, .roadno), (.country, .roadno):
            return -0.8
        case (.poi, .roadno): return -1.0
        case (.subpoi, .roadno): return -2.0
        case (.poi, .road), (.subpoi, .road): return -0.8
        case (.roadno, .road), (.subroadno, .road), (.subroad, .road): return -1.5
        case (.houseno, .poi), (.cellno, .poi), (.floorno, .poi), (.roomno, .poi): return -2.5
        default: break
        }
        if to == from { return -3 }
        if to > from { return 0 }
        if label.isAdministrative { return -5 }
        if label == .community || label == .devzone { return -2.5 }
        return -2
    }

    /// The best path through `candidates` over `length` positions; returns candidate indices in
    /// order. Every position must be covered by some candidate chain (fallback spans make sure).
    ///
    /// For an ordered label the next state depends only on the label and the POI flag of the
    /// state it leaves, so at each position the best entry into every (label, flag) pair is
    /// computed once and shared by all candidates starting there; only transparent candidates
    /// carry every live state across.
    static func decode(_ candidates: [Candidate], length: Int) -> [Int] {
        guard length > 0 else { return [] }
        let states = stateCount
        let minusInfinity = -Float.greatestFiniteMagnitude
        // Candidates grouped by start.
        var firstByStart = [Int32](repeating: -1, count: length + 1)
        var nextSameStart = [Int32](repeating: -1, count: candidates.count)
        for index in candidates.indices.reversed() {
            let start = Int(candidates[index].start)
            nextSameStart[index] = firstByStart[start]
            firstByStart[start] = Int32(index)
        }
        // Scratch memory for the pass, freed on return (no copy-on-write checks in the loop).
        let slots = (length + 1) * states
        let best = UnsafeMutableBufferPointer<Float>.allocate(capacity: slots)
        let backCandidate = UnsafeMutableBufferPointer<Int32>.allocate(capacity: slots)
        let backState = UnsafeMutableBufferPointer<Int8>.allocate(capacity: slots)
        // Best entry per (label, flag) at the current position: value and source state, with a
        // stamp saying at which position it was computed.
        let entryValue = UnsafeMutableBufferPointer<Float>.allocate(capacity: labelCount * 2)
        let entryState = UnsafeMutableBufferPointer<Int8>.allocate(capacity: labelCount * 2)
        let entryStamp = UnsafeMutableBufferPointer<Int32>.allocate(capacity: labelCount)
        let live = UnsafeMutableBufferPointer<Int8>.allocate(capacity: states)
        defer {
            best.deallocate()
            backCandidate.deallocate()
            backState.deallocate()
            entryValue.deallocate()
            entryState.deallocate()
            entryStamp.deallocate()
            live.deallocate()
        }
        best.initialize(repeating: minusInfinity)
        backCandidate.initialize(repeating: -1)
        backState.initialize(repeating: -1)
        entryStamp.initialize(repeating: -1)
        entryValue.initialize(repeating: 0)
        entryState.initialize(repeating: 0)
        live.initialize(repeating: 0)
        best[0] = 0
        transitions.withUnsafeBufferPointer { transitions in
            candidates.withUnsafeBufferPointer { candidates in
                for position in 0..<length {
                    var index = firstByStart[position]
                    guard index >= 0 else { continue }
                    let row = position * states
                    var liveCount = 0
                    for state in 0..<states where best[row + state] > minusInfinity {
                        live[liveCount] = Int8(state)
                        liveCount += 1
                    }
                    if liveCount == 0 { continue }
                    while index >= 0 {
                        let candidate = candidates[Int(index)]
                        let label = Int(candidate.label)
                        let endRow = Int(candidate.end) * states
                        let rank = rankTable[label]
                        if rank < 0 {
                            // Transparent: every live state carries over.
                            for k in 0..<liveCount {
                                let s = Int(live[k])
                                let value = best[row + s] + transitions[s * labelCount + label] + candidate.score
                                let next = endRow + s
                                if value > best[next] {
                                    best[next] = value
                                    backCandidate[next] = index
                                    backState[next] = Int8(s)
                                }
                            }
                        } else {
                            if entryStamp[label] != Int32(position) {
                                entryStamp[label] = Int32(position)
                                entryValue[label * 2] = minusInfinity
                                entryValue[label * 2 + 1] = minusInfinity
                                for k in 0..<liveCount {
                                    let s = Int(live[k])
                                    let flag = s >= orderStates ? 1 : 0
                                    let value = best[row + s] + transitions[s * labelCount + label]
                                    if value > entryValue[label * 2 + flag] {
                                        entryValue[label * 2 + flag] = value
                                        entryState[label * 2 + flag] = Int8(s)
                                    }
                                }
                            }
                            let setsFlag = label == AddressLabel.poi.index
                            for flag in 0..<2 {
                                let value = entryValue[label * 2 + flag]
                                guard value > minusInfinity else { continue }
                                let total = value + candidate.score
                                let next = endRow + Int(rank) + 1 + (flag == 1 || setsFlag ? orderStates : 0)
                                if total > best[next] {
                                    best[next] = total
                                    backCandidate[next] = index
                                    backState[next] = entryState[label * 2 + flag]
                                }
                            }
                        }
                        index = nextSameStart[Int(index)]
                    }
                }
            }
        }
        // Best final state, then walk back.
        var state = 0
        var top = minusInfinity
        for s in 0..<states where best[length * states + s] > top {
            top = best[length * states + s]
            state = s
        }
        guard top > minusInfinity else { return [] }
        var path: [Int] = []
        var position = length
        while position > 0 {
            let slot = position * states + state
            let index = Int(backCandidate[slot])
            guard index >= 0 else { break }
            path.append(index)
            state = Int(backState[slot])
            position = Int(candidates[index].start)
        }
        return path.reversed()
    }
}
