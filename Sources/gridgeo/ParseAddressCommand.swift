import ArgumentParser
import Foundation
import GridGeoGeocoding
import GridGeoGeocoder

struct ParseAddress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-address",
        abstract: "Split Chinese addresses into labelled components: one address per line in, JSON lines out.",
        discussion: """
            Labels are the NCAP/CCKS set (prov, city, district, town, community, road, roadno, poi, houseno, \
            cellno, floorno, roomno, …). With --eval FILE (BI-tagged, one `TOKEN TAG` per line, a blank line \
            between addresses) it prints chunk precision, recall and F1 overall and per label in conlleval's \
            layout; add --conll to print `TOKEN GOLD GUESS` lines for conlleval.pl instead.
            Exit codes: 64 usage, 65 malformed --eval file, 66 missing input.
            """)

    @Option(help: "Score the parser on this BI-tagged corpus instead of parsing stdin.") var eval: String?
    @Flag(help: "With --eval: print TOKEN GOLD GUESS lines (conlleval input) instead of the scores.") var conll = false
    @Option(help: "Also know this GridGeo database's streets, communities, roads and places.") var db: String?
    @OptionGroup var lines: LineOptions

    func validate() throws {
        if conll && eval == nil { throw ValidationError("--conll needs --eval FILE") }
    }

    func run() throws {
        let parser = try db.map { try openGeocoder(db: $0, date: nil, quiet: true).parser } ?? AddressParser()
        if let eval {
            guard let corpus = try? String(contentsOfFile: eval, encoding: .utf8) else {
                throw failure(.noInput, "--eval \(eval): no such file or not UTF-8 text")
            }
            do {
                if conll {
                    print(try ChunkEvaluation.conllLines(corpus: corpus, parser: parser).joined(separator: "\n"))
                } else {
                    print(conlleval(try ChunkEvaluation.evaluate(corpus: corpus, parser: parser)))
                }
            } catch ChunkEvaluation.EvaluationError.malformedLine(let line) {
                throw failure(.dataError, "--eval \(eval), line \(line): expected `TOKEN TAG`")
            }
            return
        }
        try lines.run { line, text in jsonLine(ParseRecord(line: line, parsed: parser.parse(text))) }
    }
}

/// conlleval.pl's report layout: totals, then one line per label in alphabetical order.
func conlleval(_ r: ChunkEvaluation.Report) -> String {
    func pct(_ v: Double) -> String { String(format: "%6.2f", v) }
    var out = "processed \(r.tokens) tokens with \(r.overall.gold) phrases; found: \(r.overall.found) phrases; correct: \(r.overall.correct).\n"
    out += "accuracy: \(pct(r.accuracy))%; precision: \(pct(r.overall.precision))%; recall: \(pct(r.overall.recall))%; FB1: \(pct(r.overall.f1))\n"
    for (label, s) in r.perLabel.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where s.found + s.gold > 0 {
        let name = String(repeating: " ", count: max(0, 17 - label.rawValue.count)) + label.rawValue
        out += "\(name): precision: \(pct(s.precision))%; recall: \(pct(s.recall))%; FB1: \(pct(s.f1))  \(s.found)\n"
    }
    out += "exact addresses: \(String(format: "%.2f", r.exactMatchRate))% of \(r.addresses); token mismatches: \(r.tokenMismatches)"
    return out
}

/// One parsed address as a JSON line.
struct ParseRecord: Encodable {
    struct Component: Encodable {
        var label: String
        var text: String
        var normalized: String
        /// Offsets in the input's Unicode scalars.
        var start: Int
        var end: Int
        var number: Number?
        /// The division code of a matched gazetteer name.
        var code: String?
    }

    struct Number: Encodable {
        var prefix: String?
        var numbers: [Int]
        var range: [Int]?
        var sub: Int?
        var letter: String?
        var unit: String?
    }

    struct Division: Encodable {
        var code: String?
        var name: String
        var explicit: Bool
        var ambiguous: Bool
    }

    var line: Int
    var input: String
    var normalized: String
    var components: [Component]
    var divisions: [String: Division]
    var truncated: Bool?

    init(line: Int, parsed: ParsedAddress) {
        self.line = line
        input = parsed.input
        normalized = parsed.normalized
        components = parsed.components.map { c in
            Component(label: c.label.rawValue, text: c.text, normalized: c.normalized, start: c.range.lowerBound,
                      end: c.range.upperBound,
                      number: c.number.map { n in
                          Number(prefix: n.prefix, numbers: n.numbers, range: n.range.map { [$0.lowerBound, $0.upperBound] },
                                 sub: n.sub, letter: n.letter, unit: n.unit)
                      },
                      code: c.place?.entry.code)
        }
        var divisions: [String: Division] = [:]
        let d = parsed.divisions
        for (key, value) in [("province", d.province), ("city", d.city), ("district", d.district), ("town", d.town)] {
            if let value {
                divisions[key] = Division(code: value.entry.code, name: value.entry.name, explicit: value.isExplicit,
                                          ambiguous: value.isAmbiguous)
            }
        }
        self.divisions = divisions
        truncated = parsed.isTruncated ? true : nil
    }
}
