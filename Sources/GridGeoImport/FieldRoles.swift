/// What an attribute means to GridGeo, whatever the delivery called its DBF field.
public enum FieldRole: String, CaseIterable, Sendable, Codable {
    case name, code, address, kind, className

    /// Field names seen in real deliveries, most specific first. DBF names hold 10 bytes, so Chinese
    /// names arrive cut (`社区名称` → `社区名`); prefixes of the long forms are listed too.
    var commonNames: [String] {
        switch self {
        case .name: ["街道名称", "社区名称", "社区名", "名称", "NAME", "MC", "JDMC", "SQMC", "ZM", "DLMC", "MINGCHENG"]
        case .code: ["JDDM", "SQDM", "CODE", "DM", "BM", "BSM", "WGBM", "代码", "编码", "ADCODE"]
        case .address: ["地址", "DZ", "ADDRESS", "ADDR", "MPDZ", "门牌地址"]
        case .kind: ["LX", "YDLX", "TYPE", "KIND", "类型", "DLLX", "CLASS"]
        case .className: ["BJMC", "BJLX", "部件名称"]
        }
    }
}

/// Maps each role to a field of the file: `--field ROLE=NAME` first, then the common names
/// (case-insensitive). A role named explicitly but absent from the file is an error.
public struct FieldMapping: Sendable, Equatable, Codable {
    public private(set) var fields: [FieldRole: String]

    public init(available: [String], explicit: [FieldRole: String] = [:]) throws(ImportError) {
        var fields: [FieldRole: String] = [:]
        let byUpper = Dictionary(available.map { ($0.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for (role, name) in explicit {
            guard let actual = byUpper[name.uppercased()] else {
                throw .usage("--field \(role.rawValue)=\(name): the file has no field \(name) (fields: \(available.joined(separator: ", ")))")
            }
            fields[role] = actual
        }
        for role in FieldRole.allCases where fields[role] == nil {
            fields[role] = role.commonNames.lazy.compactMap { byUpper[$0.uppercased()] }.first
        }
        self.fields = fields
    }

    public subscript(role: FieldRole) -> String? { fields[role] }
}

extension String {
    /// Only ASCII digits (codes are digit strings of fixed length).
    var isDigits: Bool { !isEmpty && utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
}
