import Foundation
import GridGeoCore
import Testing
import GridGeoShapefile

/// The Dongcheng delivery: evaluation-only data, read in place from `../shared/data` beside the package
/// root and never copied into the repository.
private let delivery: String = {
    let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return packageRoot.appendingPathComponent("../shared/data/dongcheng-caupd/delivery").standardizedFileURL.path
}()

private let deliveryPresent = FileManager.default.fileExists(atPath: delivery)

/// One delivered shapefile and what its README says a correct read yields.
struct DeliveryFile: Sendable, CustomTestStringConvertible {
    var path: String
    var count: Int
    var kind: ShapeType.Kind
    var encoding: TextEncoding
    var source: EncodingDecision.Source
    var fields: [String]
    var testDescription: String { path }
}

private let files = [
    DeliveryFile(path: "街道边界/街道边界.shp", count: 17, kind: .polygon, encoding: .gb18030, source: .cpg, fields: ["街道名称", "JDDM"]),
    DeliveryFile(path: "道路中心线/DLZXX.shp", count: 15_542, kind: .polyline, encoding: .utf8, source: .cpg, fields: ["NAME"]),
    DeliveryFile(path: "用地现状/YDXZ.shp", count: 4_153, kind: .polygon, encoding: .gb18030, source: .languageDriver, fields: ["YDLX"]),
    DeliveryFile(path: "部件_公交站亭/BJ_0203.shp", count: 2_452, kind: .point, encoding: .gb18030, source: .detected, fields: ["BJMC", "ZM"]),
    DeliveryFile(path: "部件_停车场/BJ_0201.shp", count: 1_163, kind: .point, encoding: .utf8, source: .cpg, fields: ["MC", "DZ", "LX"]),
    DeliveryFile(path: "门牌地址/MPDZ.shp", count: 539, kind: .point, encoding: .utf8, source: .cpg, fields: ["MC", "DZ", "LX"]),
]

@Suite(.enabled(if: deliveryPresent, "the evaluation data ../shared/data/dongcheng-caupd/delivery is absent"))
struct DongchengDeliveryTests {
    @Test(arguments: files)
    func readsEveryRecordCleanly(_ file: DeliveryFile) throws {
        let reader = try ShapefileReader(path: delivery + "/" + file.path)
        #expect(reader.recordCount == file.count)
        #expect(reader.shapeType.kind == file.kind)
        #expect(reader.encodingDecision.encoding == file.encoding)
        #expect(reader.encodingDecision.source == file.source)
        #expect(reader.encodingDecision.disagreement == nil)
        #expect(reader.fields.map(\.name) == file.fields)
        #expect(reader.projection?.isEmpty == false)

        let records = try reader.records()
        #expect(records.count == file.count)
        #expect(records.allSatisfy { $0.geometry != nil })
        let texts = reader.fields.map(\.name) + records.flatMap { record in
            record.attributes.values.compactMap { value -> String? in
                if case .string(let s) = value { s } else { nil }
            }
        }
        #expect(!texts.contains { $0.unicodeScalars.contains("\u{FFFD}") })
    }

    @Test func streetNamesDecodeFromGBKByCPG() throws {
        let reader = try ShapefileReader(path: delivery + "/街道边界/街道边界.shp")
        #expect(reader.encodingDecision.cpgValue == "GBK")
        let names = try reader.records().compactMap { record -> String? in
            if case .string(let s)? = record.attributes["街道名称"] { s } else { nil }
        }
        let official = ["东华门", "景山", "交道口", "安定门", "北新桥", "东四", "朝阳门", "建国门", "东直门",
                        "和平里", "前门", "崇文门外", "东花市", "龙潭", "体育馆路", "天坛", "永定门外"].map { $0 + "街道" }
        #expect(names.sorted() == official.sorted())
    }

    @Test func landUseDecodesByLanguageDriver() throws {
        let reader = try ShapefileReader(path: delivery + "/用地现状/YDXZ.shp")
        #expect(reader.encodingDecision.cpgValue == nil)
        #expect(reader.encodingDecision.ldidByte == 0x4D)
        #expect(reader.encodingDecision.encoding == .gb18030)
        let uses = Set(try reader.records().compactMap { record -> String? in
            if case .string(let s)? = record.attributes["YDLX"] { s } else { nil }
        })
        #expect(uses.isSuperset(of: ["居住用地", "商业服务业设施用地", "公共管理与公共服务用地"]))
    }

    @Test func busStopsAreDetectedAsGB18030() throws {
        let reader = try ShapefileReader(path: delivery + "/部件_公交站亭/BJ_0203.shp")
        let decision = reader.encodingDecision
        #expect(decision.cpgValue == nil)
        #expect(decision.ldidByte == 0)
        #expect(decision.source == .detected)
        #expect(decision.encoding == .gb18030)
        #expect(decision.reason.contains("all are valid GB18030"))
        #expect(try reader.record(at: 0).attributes["BJMC"] == .string("公交站亭"))
    }
}
