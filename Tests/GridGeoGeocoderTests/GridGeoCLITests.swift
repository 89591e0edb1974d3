import Foundation
import GridGeoCore
import GridGeoPROJ
import Testing

/// `gridgeo parse-address`, `geocode` and `reverse`, run as users run them: the built binary, stdin
/// and files in, JSON lines and exit codes out.
@Suite(.serialized) struct GridGeoCLITests {
    let workspace: Workspace
    let db: String

    init() throws {
        workspace = try Workspace()
        db = workspace.file("city.sqlite")
        try Fixture.writeStore(at: db)
    }

    private func lines(_ texts: [String]) -> Data { Data(texts.joined(separator: "\n").utf8) }

    @Test func parseAddressWritesOneRecordPerLine() throws {
        let r = try runGridGeo(["parse-address"], stdin: lines(["北京市东城区安定门街道净土胡同九号", "", "珠市口东大街甲１６"]), in: workspace)
        #expect(r.status == 0, "\(r.stderr)")
        let records = r.records
        #expect(records.count == 3)
        #expect(records.map { $0["line"] as? Int } == [1, 2, 3])
        let components = try #require(records[0]["components"] as? [[String: Any]])
        #expect(components.contains { $0["label"] as? String == "road" && $0["text"] as? String == "净土胡同" })
        let number = try #require(components.first { $0["label"] as? String == "roadno" }?["number"] as? [String: Any])
        #expect(number["numbers"] as? [Int] == [9])
        #expect(records[0]["normalized"] as? String == "北京市东城区安定门街道净土胡同9号")
        #expect((records[1]["components"] as? [Any])?.isEmpty == true)
    }

    @Test func parseAddressEvaluatesInConllevalLayout() throws {
        let corpus = workspace.file("gold.txt")
        try "净 B-road\n土 I-road\n胡 I-road\n同 I-road\n9 B-roadNo\n号 I-roadno\n\n慈 B-community\n东 I-community\n"
            .write(toFile: corpus, atomically: true, encoding: .utf8)
        let r = try runGridGeo(["parse-address", "--eval", corpus], in: workspace)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("processed 8 tokens with 3 phrases; found: "))
        #expect(r.stdout.contains("accuracy: "))
        #expect(r.stdout.contains("             road: precision: 100.00%; recall: 100.00%; FB1: 100.00  1"))
        let conll = try runGridGeo(["parse-address", "--eval", corpus, "--conll"], in: workspace)
        #expect(conll.stdout.hasPrefix("净 B-road B-road\n土 I-road I-road\n"))
        #expect(conll.stdout.contains("9 B-roadno B-roadno"))
    }

    @Test func usageAndMissingInputsHaveTheirExitCodes() throws {
        #expect(try runGridGeo(["parse-address", "--conll"], in: workspace).status == 64)
        let missing = try runGridGeo(["parse-address", "--eval", workspace.file("nope.txt")], in: workspace)
        #expect(missing.status == 66 && missing.stderr.hasPrefix("Error 66: --eval"))
        let noDB = try runGridGeo(["geocode", "--db", workspace.file("none.sqlite")], stdin: lines(["净土胡同9号"]), in: workspace)
        #expect(noDB.status == 66 && noDB.stderr.contains("Error 66: --db"))
        #expect(!FileManager.default.fileExists(atPath: workspace.file("none.sqlite")))
        let noInput = try runGridGeo(["geocode", "--db", db, "--input", workspace.file("none.txt")], in: workspace)
        #expect(noInput.status == 66)
        #expect(try runGridGeo(["reverse", "--db", db, "--within", "-5"], in: workspace).status == 64)
    }

    @Test func geocodeAnswersEveryLineInOrderBadLinesIncluded() throws {
        var input = Data("北京市东城区安定门街道净土胡同9号\n\n".utf8)
        input.append(contentsOf: [0xFF, 0xFE, 0x0A])                                  // invalid UTF-8
        input.append(Data("净土胡同7号\r\n北京市西城区金融街街道四道弯胡同5号\n北街\n".utf8))
        input.append(Data(String(repeating: "号", count: 20_000).utf8))             // a huge last line, no newline
        let r = try runGridGeo(["geocode", "--db", db, "-q"], stdin: input, in: workspace)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let records = r.records
        #expect(records.map { $0["line"] as? Int } == [1, 2, 3, 4, 5, 6, 7])
        #expect(records.map { $0["status"] as? String } ==
                ["matched", "invalid_input", "not_found", "matched", "outside_data", "ambiguous", "not_found"])
        let match = try #require(records[0]["match"] as? [String: Any])
        #expect(match["level"] as? String == "door_plate")
        #expect((match["hierarchy"] as? [String: Any])?["grid"] as? String == "110101004001001")
        let position = try #require(match["position"] as? [Double])
        #expect(abs(position[0] - Fixture.plate(9).lon) < 1e-7 && abs(position[1] - Fixture.plate(9).lat) < 1e-7)
        #expect((records[3]["match"] as? [String: Any])?["level"] as? String == "interpolated")
        #expect((records[5]["alternatives"] as? [Any])?.count == 1)
    }

    @Test func batchesKeepTheInputOrder() throws {
        let texts = (0..<3_000).map { "净土胡同\($0 % 40 + 1)号" }
        let file = workspace.file("many.txt")
        try lines(texts).write(to: URL(fileURLWithPath: file))
        let r = try runGridGeo(["geocode", "--db", db, "-q", "--input", file, "--batch", "97"], in: workspace)
        #expect(r.status == 0)
        let records = r.records
        #expect(records.count == texts.count)
        #expect(records.map { $0["line"] as? Int } == Array(1...texts.count))
        #expect(records.map { $0["input"] as? String } == texts)
    }

    @Test func reverseAnswersPositionsAndBadLines() throws {
        let gcj = GCJ02.fromWGS84(Fixture.plate(9))
        let input = ["116.40452,39.94512", "116.5 40.1", "hello", "39.945", "116.415\t39.935", "", "116.40452，39.94512"]
        let r = try runGridGeo(["reverse", "--db", db, "-q", "--within", "50"], stdin: lines(input), in: workspace)
        #expect(r.status == 0, "\(r.stderr)")
        let records = r.records
        #expect(records.map { $0["status"] as? String } == ["address", "outside", "invalid_input", "invalid_input", "area", "invalid_input", "address"])
        #expect(records[0]["address"] as? String == "北京市东城区安定门街道净土胡同9号")
        #expect((records[0]["hierarchy"] as? [String: Any])?["grid"] as? String == "110101004001001")
        let converted = try runGridGeo(["reverse", "--db", db, "-q", "--s-srs", "GCJ02"],
                                       stdin: lines(["\(gcj.lon),\(gcj.lat)"]), in: workspace)
        #expect(converted.records.first?["address"] as? String == "北京市东城区安定门街道净土胡同9号")
    }
}
