/// The type of a DBF field, from its one-letter dBase type and its decimals.
public enum FieldType: Hashable, Sendable {
    /// `C`: text.
    case string
    /// `N` or `F` without decimals.
    case integer
    /// `N` or `F` with decimals.
    case double
    /// `L`: true, false or unknown.
    case logical
    /// `D`: `YYYYMMDD`.
    case date
    /// Any other dBase type (memo, binary …); its bytes are read as text.
    case other(UInt8)
}

/// One DBF column. Names are at most 10 bytes on disk (11 are read), so 5 Chinese characters in GBK and 3 in UTF-8.
public struct ShapefileField: Hashable, Sendable {
    /// The name, decoded with the file's encoding (made unique with `_2`, `_3` … if decoding gave duplicates).
    public var name: String
    /// The type, from the dBase type letter and the decimals.
    public var type: FieldType
    /// The width in bytes.
    public var width: Int
    /// Digits after the decimal point (numeric fields).
    public var decimals: Int

    public init(name: String, type: FieldType, width: Int, decimals: Int = 0) {
        self.name = name
        self.type = type
        self.width = width
        self.decimals = decimals
    }
}

/// A typed attribute value.
public enum AttributeValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case double(Double)
    case logical(Bool)
    case date(year: Int, month: Int, day: Int)
    /// shapelib's null: blank or `*`-filled numbers and dates, `?` logicals, and empty text (dBase cannot tell
    /// empty text from no text).
    case null
}

extension AttributeValue {
    /// Parses the trimmed ASCII text of a non-text field; text the type does not allow is kept as `.string`.
    init(parsing text: String, as type: FieldType) {
        switch type {
        case .integer:
            if let n = Int(text) { self = .integer(n) }
            else if let x = Double(text) { self = .double(x) }      // wider than Int, or a stray decimal point
            else { self = .string(text) }
        case .double:
            self = Double(text).map(AttributeValue.double) ?? .string(text)
        case .logical:
            switch text.first {
            case "T", "t", "Y", "y": self = .logical(true)
            case "F", "f", "N", "n": self = .logical(false)
            default: self = .null
            }
        case .date:
            guard text.utf8.count == 8, text.utf8.allSatisfy({ (48...57).contains($0) }), let n = Int(text)
            else { self = .string(text); return }
            self = .date(year: n / 10_000, month: n / 100 % 100, day: n % 100)
        case .string, .other:
            self = .string(text)
        }
    }
}
