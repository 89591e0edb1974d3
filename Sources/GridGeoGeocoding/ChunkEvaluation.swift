public import Foundation

/// Chunk-level precision, recall and F1 of the parser on a BI-tagged corpus (the NCAP format: one
/// `TOKEN TAG` per line, a blank line between addresses, tags `B-label`/`I-label` with no `O`),
/// with `conlleval` semantics: a chunk counts as correct only when its label and both boundaries
/// match.
///
/// Each address is rebuilt by joining its tokens, parsed, and re-tokenised with the corpus rule
/// (``tokenize(_:)``: one Chinese character per token, a run of ASCII letters and digits with
/// internal hyphens one token). A token is further split where the parse puts a component
/// boundary inside it, then every token gets `B-`/`I-` tags from its component. Chunks are compared
/// by their character spans, which equals conlleval on the corpus tokens whenever the two
/// tokenisations agree. They do not always agree: the corpus split some runs where its source text
/// had spaces (`47 - 6 - 746`), which the joined text no longer shows; ``Report/tokenMismatches``
/// counts those addresses.
public enum ChunkEvaluation {
    /// Counts and scores for one label or overall.
    public struct Scores: Sendable, Hashable {
        /// Chunks found by the parser that match a gold chunk exactly.
        public var correct = 0
        /// Chunks found by the parser.
        public var found = 0
        /// Gold chunks.
        public var gold = 0

        public init(correct: Int = 0, found: Int = 0, gold: Int = 0) {
            self.correct = correct
            self.found = found
            self.gold = gold
        }

        /// Percent, 0–100.
        public var precision: Double { found == 0 ? 0 : 100 * Double(correct) / Double(found) }
        /// Percent, 0–100.
        public var recall: Double { gold == 0 ? 0 : 100 * Double(correct) / Double(gold) }
        /// Percent, 0–100.
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    /// The result over a corpus.
    public struct Report: Sendable, Hashable {
        public var overall = Scores()
        public var perLabel: [AddressLabel: Scores] = [:]
        /// Number of addresses scored.
        public var addresses = 0
        /// Number of corpus tokens.
        public var tokens = 0
        /// Addresses whose chunks all match.
        public var exactMatches = 0
        /// Addresses whose corpus tokens differ from ``tokenize(_:)`` of their joined text.
        public var tokenMismatches = 0
        /// Corpus tokens whose predicted tag (see ``predictedTags(tokens:parsed:)``) equals the gold tag.
        public var correctTags = 0

        /// Token accuracy, percent (conlleval's `accuracy`).
        public var accuracy: Double { tokens == 0 ? 0 : 100 * Double(correctTags) / Double(tokens) }

        /// Share of addresses parsed without a single chunk error, percent.
        public var exactMatchRate: Double { addresses == 0 ? 0 : 100 * Double(exactMatches) / Double(addresses) }

        /// A conlleval-style table: the overall line, then one line per label.
        public var table: String {
            func line(_ name: String, _ s: Scores) -> String {
                let padded = String(repeating: " ", count: max(0, 10 - name.count)) + name
                return "\(padded): precision: \(format(s.precision))%; recall: \(format(s.recall))%; FB1: \(format(s.f1))  found \(s.found), gold \(s.gold)"
            }
            var lines = ["processed \(tokens) tokens in \(addresses) addresses with \(overall.gold) phrases; found: \(overall.found) phrases; correct: \(overall.correct).",
                         "exact addresses: \(format(exactMatchRate))%; token mismatches: \(tokenMismatches)",
                         line("overall", overall)]
            for label in AddressLabel.allCases {
                if let s = perLabel[label], s.found + s.gold > 0 { lines.append(line(label.rawValue, s)) }
            }
            return lines.joined(separator: "\n")
        }

        private func format(_ value: Double) -> String {
            let scaled = (value * 100).rounded() / 100
            let whole = Int(scaled)
            let fraction = Int(((scaled - Double(whole)) * 100).rounded())
            return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }

    /// Errors reading a corpus file.
    public enum EvaluationError: Error, Sendable, Equatable {
        case unreadable(String)
        case malformedLine(Int)
    }

    /// Scores `parser` on the BI-tagged corpus at `file`.
    public static func evaluate(file: URL, parser: AddressParser = AddressParser()) throws -> Report {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw EvaluationError.unreadable(file.path)
        }
        return try evaluate(corpus: text, parser: parser)
    }

    /// Scores `parser` on BI-tagged corpus text.
    public static func evaluate(corpus: String, parser: AddressParser = AddressParser()) throws -> Report {
        var report = Report()
        for address in try read(corpus) {
            score(address, parser: parser, into: &report)
        }
        return report
    }

    /// Tokens of `address` by the corpus rule: one token per character, except that a run of ASCII
    /// letters and digits, with hyphens inside it, is one token (`602`, `1-3`, `B`).
    public static func tokenize(_ address: String) -> [String] {
        let scalars = Array(address.unicodeScalars)
        var tokens: [String] = []
        var i = 0
        while i < scalars.count {
            var j = i + 1
            if isAlphanumeric(scalars[i]) {
                while j < scalars.count {
                    if isAlphanumeric(scalars[j]) { j += 1; continue }
                    if scalars[j] == "-", j + 1 < scalars.count, isAlphanumeric(scalars[j + 1]) { j += 2; continue }
                    break
                }
            }
            tokens.append(String(String.UnicodeScalarView(scalars[i..<j])))
            i = j
        }
        return tokens
    }

    /// The parse as corpus lines: each token (by ``tokenize(_:)``, split at component boundaries)
    /// with its `B-label`/`I-label` tag.
    public static func taggedTokens(_ parsed: ParsedAddress) -> [(token: String, tag: String)] {
        let scalars = Array(parsed.input.unicodeScalars)
        var result: [(String, String)] = []
        var componentStarts: [Int: AddressComponent] = [:]
        for component in parsed.components { componentStarts[component.range.lowerBound] = component }
        var boundaries = Set(componentStarts.keys)
        boundaries.insert(scalars.count)
        var offset = 0
        var current: AddressComponent? = nil
        for token in tokenize(parsed.input) {
            let length = token.unicodeScalars.count
            var pieceStart = offset
            for position in offset...(offset + length) where position == offset + length || (position > offset && boundaries.contains(position)) {
                let piece = String(String.UnicodeScalarView(scalars[pieceStart..<position]))
                let begins = componentStarts[pieceStart]
                if let begins { current = begins }
                if piece.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                    // Whitespace belongs to no component.
                } else if let current, current.range.contains(pieceStart) {
                    result.append((piece, (begins != nil ? "B-" : "I-") + current.label.rawValue))
                } else {
                    result.append((piece, "B-otherinfo"))
                }
                pieceStart = position
            }
            offset += length
        }
        return result
    }

    // MARK: Internals

    /// One corpus address: tokens and lower-cased tags.
    struct GoldAddress {
        var tokens: [String]
        var tags: [String]
    }

    static func read(_ corpus: String) throws -> [GoldAddress] {
        var addresses: [GoldAddress] = []
        var current = GoldAddress(tokens: [], tags: [])
        var lineNumber = 0
        for line in corpus.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line[...]
            if trimmed.allSatisfy(\.isWhitespace) {
                if !current.tokens.isEmpty { addresses.append(current) }
                current = GoldAddress(tokens: [], tags: [])
                continue
            }
            guard let space = trimmed.lastIndex(of: " ") else { throw EvaluationError.malformedLine(lineNumber) }
            current.tokens.append(String(trimmed[..<space]))
            current.tags.append(trimmed[trimmed.index(after: space)...].lowercased())
        }
        if !current.tokens.isEmpty { addresses.append(current) }
        return addresses
    }

    /// A chunk as (label, scalar start, scalar end).
    struct Chunk: Hashable {
        var label: String
        var start: Int
        var end: Int
    }

    /// Gold chunks with conlleval rules: a chunk starts at `B-x`, or at `I-x` after a tag of
    /// another type.
    static func goldChunks(_ address: GoldAddress) -> [Chunk] {
        var chunks: [Chunk] = []
        var offset = 0
        var previousType: String? = nil
        for (token, tag) in zip(address.tokens, address.tags) {
            let length = token.unicodeScalars.count
            let parts = tag.split(separator: "-", maxSplits: 1)
            let prefix = parts.first.map(String.init) ?? ""
            let type = parts.count > 1 ? String(parts[1]) : ""
            if prefix == "b" || type != previousType || chunks.isEmpty {
                chunks.append(Chunk(label: type, start: offset, end: offset + length))
            } else {
                chunks[chunks.count - 1].end = offset + length
            }
            previousType = type
            offset += length
        }
        return chunks
    }

    /// The predicted tag of each corpus token: the tag of the parse's piece that starts where the
    /// token starts (a token the parse splits takes its first piece's tag; a token starting
    /// inside a piece continues it). This is what `conlleval` reads as the guessed column.
    public static func predictedTags(tokens: [String], parsed: ParsedAddress) -> [String] {
        let tagged = taggedTokens(parsed)
        var tagAt: [Int: String] = [:]
        var offset = 0
        var lastLabel = "otherinfo"
        var labelAt: [(start: Int, label: String)] = []
        for (token, tag) in tagged {
            tagAt[offset] = tag
            labelAt.append((offset, String(tag.dropFirst(2))))
            offset += token.unicodeScalars.count
        }
        var result: [String] = []
        offset = 0
        var k = 0
        for token in tokens {
            while k < labelAt.count, labelAt[k].start <= offset { lastLabel = labelAt[k].label; k += 1 }
            result.append(tagAt[offset] ?? "I-" + lastLabel)
            offset += token.unicodeScalars.count
        }
        return result
    }

    /// The corpus as `conlleval` input: per token `TOKEN GOLD GUESS`, a blank line between
    /// addresses; pipe it to `conlleval.pl -d ' '` (or `perl conlleval.pl`) to check these scores.
    public static func conllLines(corpus: String, parser: AddressParser = AddressParser()) throws -> [String] {
        var lines: [String] = []
        for address in try read(corpus) {
            let guesses = predictedTags(tokens: address.tokens, parsed: parser.parse(address.tokens.joined()))
            for (token, (gold, guess)) in zip(address.tokens, zip(address.tags, guesses)) {
                lines.append("\(token) \(conllTag(gold)) \(guess)")
            }
            lines.append("")
        }
        return lines
    }

    /// A gold tag as conlleval wants it: `B-`/`I-` upper-case, the label lower-case.
    static func conllTag(_ tag: String) -> String {
        tag.count > 2 ? tag.prefix(2).uppercased() + tag.dropFirst(2) : tag.uppercased()
    }

    static func score(_ address: GoldAddress, parser: AddressParser, into report: inout Report) {
        let text = address.tokens.joined()
        let gold = goldChunks(address)
        let parsed = parser.parse(text)
        let guesses = predictedTags(tokens: address.tokens, parsed: parsed)
        for (goldTag, guess) in zip(address.tags, guesses) where conllTag(goldTag) == guess { report.correctTags += 1 }
        let tagged = taggedTokens(parsed)
        let found = goldChunks(GoldAddress(tokens: tagged.map(\.token), tags: tagged.map { $0.tag.lowercased() }))
        report.addresses += 1
        report.tokens += address.tokens.count
        if tokenize(text) != address.tokens { report.tokenMismatches += 1 }
        let goldSet = Set(gold)
        var correct = 0
        for chunk in found {
            let label = AddressLabel(corpusName: chunk.label) ?? .otherinfo
            report.perLabel[label, default: Scores()].found += 1
            if goldSet.contains(chunk) {
                correct += 1
                report.perLabel[label, default: Scores()].correct += 1
            }
        }
        for chunk in gold {
            let label = AddressLabel(corpusName: chunk.label) ?? .otherinfo
            report.perLabel[label, default: Scores()].gold += 1
        }
        report.overall.correct += correct
        report.overall.found += found.count
        report.overall.gold += gold.count
        if correct == gold.count && correct == found.count { report.exactMatches += 1 }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }
}
