/// The component labels of a Chinese address, as defined by the NCAP corpus guideline
/// (Li, Lu, Xie, Li, "Neural Chinese Address Parsing", NAACL 2019) and reused by CCKS 2021.
///
/// The cases are listed in the corpus's `labels.txt` order. Raw values are the lower-case
/// corpus spellings (`devZone` in the corpus reads as ``devzone``).
public enum AddressLabel: String, CaseIterable, Sendable, Hashable, Codable {
    /// 中国.
    case country
    /// Province or autonomous region: 浙江省, 内蒙古.
    case prov
    /// Prefecture-level city; also a municipality (直辖市) written as a city: 北京市, 杭州市, 恩施州.
    case city
    /// County level: 东城区, 义乌市, 定日县.
    case district
    /// Development zone: 经济技术开发区, 高新区.
    case devzone
    /// Township level: 街道, 镇, 乡 (Beijing also 地区).
    case town
    /// Community or village: 社区, 村.
    case community
    /// Road, lane, hutong; also a village group (5组).
    case road
    /// A second road after the first (crossings, side roads).
    case subroad
    /// Door number on the road (门牌): 12号, 甲16号, 1032弄.
    case roadno
    /// Door number on the subroad.
    case subroadno
    /// Point of interest: 小区, 大厦, 医院, shops.
    case poi
    /// Part of a POI: 东门, A区, a second POI inside the first.
    case subpoi
    /// Building: 3号楼, 10幢, B座.
    case houseno
    /// Unit: 2单元.
    case cellno
    /// Floor: 5层, 3楼.
    case floorno
    /// Room: 301室, 1001.
    case roomno
    /// A company or shop inside a building.
    case person
    /// Relative-position words: 附近, 旁, 对面, 路口, 与.
    case assist
    /// Noise: separators, duplicated levels, 电联.
    case redundant
    /// Anything else.
    case otherinfo

    /// Reads a corpus tag body (`devZone`, `subRoad`, `poi`), ignoring case.
    public init?(corpusName: some StringProtocol) {
        self.init(rawValue: corpusName.lowercased())
    }

    /// The administrative levels: country, province, city, district, township.
    public var isAdministrative: Bool {
        switch self {
        case .country, .prov, .city, .district, .town: true
        default: false
        }
    }

    /// Labels whose text is a number slot (numerals are normalised inside them).
    public var isNumber: Bool {
        switch self {
        case .roadno, .subroadno, .houseno, .cellno, .floorno, .roomno: true
        default: false
        }
    }

    /// Position in the guideline's partial order (large → small), or `nil` for labels that may
    /// appear anywhere (assist, redundant, otherinfo).
    var rank: Int? {
        switch self {
        case .country: 0
        case .prov: 1
        case .city: 2
        case .district: 3
        case .devzone: 4
        case .town: 5
        case .community: 6
        case .road: 7
        case .roadno: 8
        case .subroad: 9
        case .subroadno: 10
        case .poi: 11
        case .subpoi: 12
        case .houseno: 13
        case .cellno: 14
        case .floorno: 15
        case .roomno: 16
        case .person: 17
        case .assist, .redundant, .otherinfo: nil
        }
    }

    /// The labels by ``index`` (`allCases` builds a new array at every call).
    static let byIndex: [AddressLabel] = allCases

    /// Dense index in `allCases` order, for tables.
    var index: Int {
        switch self {
        case .country: 0
        case .prov: 1
        case .city: 2
        case .district: 3
        case .devzone: 4
        case .town: 5
        case .community: 6
        case .road: 7
        case .subroad: 8
        case .roadno: 9
        case .subroadno: 10
        case .poi: 11
        case .subpoi: 12
        case .houseno: 13
        case .cellno: 14
        case .floorno: 15
        case .roomno: 16
        case .person: 17
        case .assist: 18
        case .redundant: 19
        case .otherinfo: 20
        }
    }
}
