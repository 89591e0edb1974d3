public import GridGeoCore

/// 状态 The state of a component as inspectors record it (CJ/T 214 OBJSTATE).
public enum ComponentState: String, CaseIterable, Hashable, Sendable, Codable {
    case intact = "完好"
    case damaged = "破损"
    case lost = "丢失"
    case occupied = "占用"
}

/// A department or organisation named on a component: 主管部门, 权属单位 or 养护单位.
public struct Organization: Hashable, Sendable, Codable {
    /// The organisation's code (e.g. its 统一社会信用代码), when the delivery has one.
    public var code: String?
    public var name: String

    public init(code: String? = nil, name: String) {
        self.code = code
        self.name = name
    }
}

/// 部件 A component as it is added: class, name, position and the standard attributes. Its 16-digit
/// code is allocated by the store (district + class + the next sequence number never used).
public struct ComponentRecord: Hashable, Sendable {
    /// 小类 code, major + minor (e.g. 0203 公交站亭).
    public var classCode: String
    public var className: String
    /// 标准名称 or the component's own name (a stop's name).
    public var name: String
    /// The 6-digit district the code is allocated in.
    public var districtCode: String
    public var location: Coordinate
    /// 数据来源: 实测, 地形图, 其它, 调绘, or the file it was imported from.
    public var dataSource: String?
    /// 初始时间.
    public var startDate: LocalDate
    /// 所在单元网格, the 15-digit code of the unit grid that owns `location`.
    public var gridCode: String?
    /// 主管部门.
    public var department: Organization?
    /// 权属单位.
    public var owner: Organization?
    /// 养护单位.
    public var maintainer: Organization?
    public var state: ComponentState
    /// 部件照片: a file name or URL.
    public var photo: String?
    /// 备注.
    public var note: String?

    public init(classCode: String, className: String, name: String, districtCode: String, location: Coordinate,
                dataSource: String? = nil, startDate: LocalDate, gridCode: String? = nil,
                department: Organization? = nil, owner: Organization? = nil, maintainer: Organization? = nil,
                state: ComponentState = .intact, photo: String? = nil, note: String? = nil) {
        self.classCode = classCode
        self.className = className
        self.name = name
        self.districtCode = districtCode
        self.location = location
        self.dataSource = dataSource
        self.startDate = startDate
        self.gridCode = gridCode
        self.department = department
        self.owner = owner
        self.maintainer = maintainer
        self.state = state
        self.photo = photo
        self.note = note
    }
}

/// A stored component as it stood on one day (or as it stands now): its code, its attributes and
/// the dates of its life.
public struct Component: Hashable, Sendable, Codable {
    /// 标识码: district 6 + major class 2 + minor class 2 + sequence 6.
    public var code: String
    public var classCode: String
    public var className: String
    public var name: String
    public var location: Coordinate
    public var gridCode: String?
    public var department: Organization?
    public var owner: Organization?
    public var maintainer: Organization?
    public var state: ComponentState
    /// 初始时间.
    public var startDate: LocalDate
    /// 变更时间: the date of the change that made this state; nil until first changed.
    public var changeDate: LocalDate?
    /// 作废: the first day it is no longer in use; nil while in use.
    public var retireDate: LocalDate?
    public var dataSource: String?
    public var photo: String?
    public var note: String?

    public init(code: String, classCode: String, className: String, name: String, location: Coordinate,
                gridCode: String?, department: Organization? = nil, owner: Organization? = nil,
                maintainer: Organization? = nil, state: ComponentState = .intact, startDate: LocalDate,
                changeDate: LocalDate? = nil, retireDate: LocalDate? = nil, dataSource: String? = nil,
                photo: String? = nil, note: String? = nil) {
        self.code = code
        self.classCode = classCode
        self.className = className
        self.name = name
        self.location = location
        self.gridCode = gridCode
        self.department = department
        self.owner = owner
        self.maintainer = maintainer
        self.state = state
        self.startDate = startDate
        self.changeDate = changeDate
        self.retireDate = retireDate
        self.dataSource = dataSource
        self.photo = photo
        self.note = note
    }

    public var districtCode: String { String(code.prefix(6)) }
    /// 所在社区, from the grid code (nil without a grid).
    public var communityCode: String? { gridCode.map { String($0.prefix(12)) } }
    /// 所在街道, from the grid code (nil without a grid).
    public var streetCode: String? { gridCode.map { String($0.prefix(9)) } }
    /// The first day this state is in force.
    public var validFrom: LocalDate { changeDate ?? startDate }
}

/// One state of a component in its history, in force from `validFrom` (inclusive) to `validTo`
/// (exclusive; nil while it is the current state of a component in use).
public struct ComponentVersion: Hashable, Sendable, Codable {
    public var component: Component
    public var validFrom: LocalDate
    public var validTo: LocalDate?

    public init(component: Component, validFrom: LocalDate, validTo: LocalDate?) {
        self.component = component
        self.validFrom = validFrom
        self.validTo = validTo
    }

    public func isValid(on date: LocalDate) -> Bool {
        validFrom <= date && validTo.map { date < $0 } ?? true
    }
}

/// What a change sets; nil leaves an attribute as it is. Moving a component (`location`) must come
/// with the grid that owns the new position.
public struct ComponentChange: Hashable, Sendable {
    public var name: String?
    public var location: Coordinate?
    public var gridCode: String?
    public var department: Organization?
    public var owner: Organization?
    public var maintainer: Organization?
    public var state: ComponentState?
    public var dataSource: String?
    public var photo: String?
    public var note: String?

    public init(name: String? = nil, location: Coordinate? = nil, gridCode: String? = nil,
                department: Organization? = nil, owner: Organization? = nil, maintainer: Organization? = nil,
                state: ComponentState? = nil, dataSource: String? = nil, photo: String? = nil, note: String? = nil) {
        self.name = name
        self.location = location
        self.gridCode = gridCode
        self.department = department
        self.owner = owner
        self.maintainer = maintainer
        self.state = state
        self.dataSource = dataSource
        self.photo = photo
        self.note = note
    }
}

/// One step of 部件在线更新.
public enum ComponentOperation: Hashable, Sendable {
    /// A new component; the store allocates its code.
    case add(ComponentRecord)
    /// A change in force from `date` (its 变更时间).
    case change(code: String, date: LocalDate, ComponentChange)
    /// Retirement (作废) from `date`: the component stays, with its history, and its code is never reused.
    case retire(code: String, date: LocalDate)
}

/// The division level counts and queries group by; each is a prefix of the 15-digit grid code.
public enum DivisionLevel: String, CaseIterable, Hashable, Sendable, Codable {
    case district, street, community, grid

    /// Digits of the level's code: 6, 9, 12, 15.
    public var codeLength: Int {
        switch self {
        case .district: 6
        case .street: 9
        case .community: 12
        case .grid: 15
        }
    }
}

/// Which components a query selects; nil fields select everything.
public struct ComponentFilter: Hashable, Sendable {
    /// A district, street, community or grid code (6, 9, 12 or 15 digits): components whose grid
    /// code starts with it.
    public var divisionCode: String?
    /// A 4-digit minor class, or a 2-digit major class.
    public var classCode: String?

    public init(divisionCode: String? = nil, classCode: String? = nil) {
        self.divisionCode = divisionCode
        self.classCode = classCode
    }

    public static let all = ComponentFilter()
}

/// The number of components of one class in one division.
public struct ComponentCount: Hashable, Sendable, Codable {
    /// The division's code; empty for components without a grid (files from before grid assignment).
    public var divisionCode: String
    public var classCode: String
    public var count: Int

    public init(divisionCode: String, classCode: String, count: Int) {
        self.divisionCode = divisionCode
        self.classCode = classCode
        self.count = count
    }
}

/// A local class a city registered beside the standard catalogue (扩展部件, 扩展事件).
public struct CatalogExtension: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case component, event
    }

    public var kind: Kind
    /// Major + minor, 4 digits (e.g. 2101).
    public var code: String
    public var majorName: String
    public var name: String

    public init(kind: Kind, code: String, majorName: String, name: String) {
        self.kind = kind
        self.code = code
        self.majorName = majorName
        self.name = name
    }
}
