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

    /// More than the largest difference between two transitions into one label (from +0.8 to −5),
    /// so that pruning states this far below the best never changes the best path.
    static let transitionSpread: Float = {
        var spread: Float = 0
        for label in 0..<labelCount {
            let column = (0..<stateCount).map { transitions[label * stateCount + $0] }
            spread = max(spread, column.max()! - column.min()!)
        }
        return spread + 0.5
    }()

    /// Rank per label index, -1 for transparent labels.
    static let rankTable: [Int8] = AddressLabel.allCases.map { Int8($0.rank ?? -1) }

    /// Transition score per (label index, state), flattened: `transitions[label * stateCount + state]`
    /// (label-major, so the decoder's loop over states reads one contiguous row).
    static let transitions: [Float] = {
        var table = [Float](repeating: 0, count: stateCount * labelCount)
        for state in 0..<stateCount {
            let order = state % orderStates
            let previous: AddressLabel? = order == 0 ? nil : AddressLabel.allCases.first { $0.rank == order - 1 }
            for label in AddressLabel.allCases {
                table[label.index * stateCount + state] = transition(from: previous, to: label,
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
        // Scratch memory for the pass in one block, freed on return (one allocation, no
        // copy-on-write checks in the loop). 8-byte items first, so every part stays aligned.
        let slots = (length + 1) * states
        func rounded(_ bytes: Int) -> Int { (bytes + 7) & ~7 }
        let bytes = rounded((length + 1) * 8)                                   // reached
            + 2 * rounded(slots * 4)                                            // best, backCandidate
            + rounded((length + 1) * 4) + rounded(candidates.count * 4)         // firstByStart, nextSameStart
            + rounded(labelCount * 2 * 4) + rounded(labelCount * 4)             // entryValue, entryStamp
            + rounded(slots) + rounded(labelCount * 2) + rounded(states)        // backState, entryState, live
        let block = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 8)
        defer { block.deallocate() }
        var offset = 0
        func next<T>(_ type: T.Type, _ count: Int) -> UnsafeMutableBufferPointer<T> {
            let part = UnsafeMutableBufferPointer(start: (block + offset).bindMemory(to: T.self, capacity: count),
                                                  count: count)
            offset += rounded(count * MemoryLayout<T>.stride)
            return part
        }
        // Per position, the states reached so far (bit s: state s), so a position's live states
        // are read from one word instead of a scan of every state.
        let reached = next(UInt64.self, length + 1)
        let best = next(Float.self, slots)
        let backCandidate = next(Int32.self, slots)
        let firstByStart = next(Int32.self, length + 1)
        let nextSameStart = next(Int32.self, candidates.count)
        // Best entry per (label, flag) at the current position: value and source state, with a
        // stamp saying at which position it was computed.
        let entryValue = next(Float.self, labelCount * 2)
        let entryStamp = next(Int32.self, labelCount)
        let backState = next(Int8.self, slots)
        let entryState = next(Int8.self, labelCount * 2)
        let live = next(Int8.self, states)
        // `best`, `backCandidate` and `backState` hold a value only where `reached` has the
        // state's bit: everything else is never read, so they need no initialising.
        entryStamp.initialize(repeating: -1)
        entryValue.initialize(repeating: 0)
        entryState.initialize(repeating: 0)
        live.initialize(repeating: 0)
        reached.initialize(repeating: 0)
        // Candidates grouped by start.
        firstByStart.initialize(repeating: -1)
        for index in candidates.indices.reversed() {
            let start = Int(candidates[index].start)
            nextSameStart[index] = firstByStart[start]
            firstByStart[start] = Int32(index)
        }
        best[0] = 0
        reached[0] = 1
        let transitionSpread = Self.transitionSpread
        let rankTable = Self.rankTable   // one lookup of the global, not one per candidate
        transitions.withUnsafeBufferPointer { transitions in
            candidates.withUnsafeBufferPointer { candidates in
                for position in 0..<length {
                    var index = firstByStart[position]
                    guard index >= 0 else { continue }
                    let row = position * states
                    // Live states, without those too far below the best of their POI flag to win:
                    // two states of one flag part at the next ordered label, whose transitions
                    // differ by at most `transitionSpread`; transparent labels cost them alike.
                    var top0 = minusInfinity, top1 = minusInfinity
                    var mask = reached[position]
                    while mask != 0 {
                        let s = mask.trailingZeroBitCount
                        mask &= mask - 1
                        if s < orderStates { top0 = max(top0, best[row + s]) } else { top1 = max(top1, best[row + s]) }
                    }
                    let floor0 = top0 - transitionSpread, floor1 = top1 - transitionSpread
                    var liveCount = 0
                    mask = reached[position]
                    while mask != 0 {
                        let s = mask.trailingZeroBitCount
                        mask &= mask - 1
                        if best[row + s] >= (s < orderStates ? floor0 : floor1) {
                            live[liveCount] = Int8(s)
                            liveCount += 1
                        }
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
                                let value = best[row + s] + transitions[label * states + s] + candidate.score
                                let next = endRow + s
                                let bit: UInt64 = 1 &<< UInt64(s)   // s < 64: no overflow branch
                                if reached[Int(candidate.end)] & bit == 0 || value > best[next] {
                                    best[next] = value
                                    backCandidate[next] = index
                                    backState[next] = Int8(s)
                                    reached[Int(candidate.end)] |= bit
                                }
                            }
                        } else {
                            if entryStamp[label] != Int32(position) {
                                entryStamp[label] = Int32(position)
                                // Live states are in increasing order: those without the POI flag first.
                                var value0 = minusInfinity, value1 = minusInfinity
                                var state0: Int8 = 0, state1: Int8 = 0
                                let column = label * states
                                for k in 0..<liveCount {
                                    let s = Int(live[k])
                                    let value = best[row + s] + transitions[column + s]
                                    if s < orderStates {
                                        if value > value0 { value0 = value; state0 = Int8(s) }
                                    } else if value > value1 {
                                        value1 = value
                                        state1 = Int8(s)
                                    }
                                }
                                entryValue[label * 2] = value0
                                entryValue[label * 2 + 1] = value1
                                entryState[label * 2] = state0
                                entryState[label * 2 + 1] = state1
                            }
                            let setsFlag = label == AddressLabel.poi.index
                            let end = Int(candidate.end)
                            var endReached = reached[end]   // kept in a register across both flags
                            for flag in 0..<2 {
                                let value = entryValue[label * 2 + flag]
                                guard value > minusInfinity else { continue }
                                let total = value + candidate.score
                                let state = Int(rank) + 1 + (flag == 1 || setsFlag ? orderStates : 0)
                                let next = endRow + state
                                let bit: UInt64 = 1 &<< UInt64(state)
                                if endReached & bit == 0 || total > best[next] {
                                    best[next] = total
                                    backCandidate[next] = index
                                    backState[next] = entryState[label * 2 + flag]
                                    endReached |= bit
                                }
                            }
                            reached[end] = endReached
                        }
                        index = nextSameStart[Int(index)]
                    }
                }
            }
        }
        // Best final state, then walk back.
        var state = 0
        var top = minusInfinity
        var finals = reached[length]
        guard finals != 0 else { return [] }
        while finals != 0 {
            let s = finals.trailingZeroBitCount
            finals &= finals - 1
            if best[length * states + s] > top || top == minusInfinity {
                top = best[length * states + s]
                state = s
            }
        }
        var path: [Int] = []
        path.reserveCapacity(length)
        var position = length
        while position > 0 {
            let slot = position * states + state
            let index = Int(backCandidate[slot])
            guard index >= 0 else { break }
            path.append(index)
            state = Int(backState[slot])
            position = Int(candidates[index].start)
        }
        path.reverse()
        return path
    }
}
