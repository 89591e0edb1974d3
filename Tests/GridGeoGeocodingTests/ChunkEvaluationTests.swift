import Foundation
import Testing
@testable import GridGeoGeocoding

@Suite struct ChunkEvaluationTests {
    let parser = sharedParser

    @Test func corpusTokenisation() {
        #expect(ChunkEvaluation.tokenize("海丰北路602号") == ["海", "丰", "北", "路", "602", "号"])
        #expect(ChunkEvaluation.tokenize("1-3幢B座") == ["1-3", "幢", "B", "座"])
        #expect(ChunkEvaluation.tokenize("2648-117-") == ["2648-117", "-"])
        #expect(ChunkEvaluation.tokenize("") == [])
    }

    @Test func taggedTokensSplitAtComponentBoundaries() {
        let parsed = parser.parse("金地花园12-3-1001")
        let tagged = ChunkEvaluation.taggedTokens(parsed)
        #expect(tagged.map(\.token) == ["金", "地", "花", "园", "12", "-", "3", "-", "1001"])
        #expect(tagged.map(\.tag) == ["B-poi", "I-poi", "I-poi", "I-poi", "B-houseno", "B-redundant", "B-cellno",
                                      "B-redundant", "B-roomno"])
    }

    @Test func scoresWithConllevalSemantics() throws {
        // Gold: road 净土胡同 + roadno 9号, and a second address whose poi the parser cannot know.
        let corpus = """
        净 B-road
        土 I-road
        胡 I-road
        同 I-road
        9 B-roadNo
        号 I-roadno

        慈 B-community
        东 I-community
        """
        let report = try ChunkEvaluation.evaluate(corpus: corpus, parser: parser)
        #expect(report.addresses == 2)
        #expect(report.tokens == 8)
        #expect(report.overall.gold == 3)
        #expect(report.perLabel[.road]?.correct == 1)
        #expect(report.perLabel[.roadno]?.f1 == 100)
        #expect(report.perLabel[.community]?.correct == 0)
        #expect(report.exactMatches == 1)
        #expect(report.table.contains("overall"))
        #expect(report.overall.precision <= 100 && report.overall.recall == 100 * 2.0 / 3.0)
    }

    @Test func conllevalStartsAChunkAtATypeChange() {
        let gold = ChunkEvaluation.GoldAddress(tokens: ["a", "b", "c", "d"], tags: ["b-poi", "i-poi", "i-road", "i-road"])
        let chunks = ChunkEvaluation.goldChunks(gold)
        #expect(chunks == [.init(label: "poi", start: 0, end: 2), .init(label: "road", start: 2, end: 4)])
    }

    @Test func malformedCorpus() {
        #expect(throws: ChunkEvaluation.EvaluationError.malformedLine(1)) {
            try ChunkEvaluation.evaluate(corpus: "no-tag-here\n", parser: parser)
        }
        #expect(throws: ChunkEvaluation.EvaluationError.self) {
            try ChunkEvaluation.evaluate(file: URL(fileURLWithPath: "/nonexistent/dev.txt"), parser: parser)
        }
    }

    // MARK: The NCAP dev split (only where the project's shared data is present)

    /// `../shared/data/addresses/ncap-naacl2019/dev.txt` next to the package root.
    static let devSet: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/data/addresses/ncap-naacl2019/dev.txt")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ChunkEvaluationTests.devSet.path)))
    func ncapDevScores() throws {
        let report = try ChunkEvaluation.evaluate(file: Self.devSet, parser: parser)
        print(report.table)
        #expect(report.addresses == 2985)
        #expect(report.overall.gold == 17024)
        // Floors a little below the measured scores, so that regressions fail.
        #expect(report.overall.f1 >= DevFloors.overall)
        #expect(report.perLabel[.prov]!.f1 >= DevFloors.prov)
        #expect(report.perLabel[.city]!.f1 >= DevFloors.city)
        #expect(report.perLabel[.district]!.f1 >= DevFloors.district)
        #expect(report.perLabel[.town]!.f1 >= DevFloors.town)
    }
}

/// Measured on dev (overall 85.12, prov 96.79, city 96.57, district 94.21, town 90.34), minus about
/// half a point.
enum DevFloors {
    static let overall = 84.6
    static let prov = 96.3
    static let city = 96.0
    static let district = 93.7
    static let town = 89.8
}
