public import GridGeoCore

/// One SQLite value: a statement parameter or a column of a result row.
///
/// Values are always bound as parameters, never spliced into SQL text. Literals build values
/// directly, so `[42, "东城区", 1.5, .null]` is a parameter list.
public enum SQLValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral
{
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

/// A Swift type that converts to and from an `SQLValue`.
///
/// `Optional` conforms when its wrapped type does: `nil` is `NULL`. Reading `NULL` into a
/// non-optional type throws.
public protocol SQLValueConvertible {
    /// The value to bind.
    var sqlValue: SQLValue { get }
    /// Converts a column value, throwing `SQLValueConversionError` when it does not fit.
    init(sqlValue: SQLValue) throws
}

/// A column value could not be read as the requested Swift type.
public struct SQLValueConversionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var value: SQLValue
    public var targetType: String
    public var reason: String?

    public init(value: SQLValue, targetType: String, reason: String? = nil) {
        self.value = value
        self.targetType = targetType
        self.reason = reason
    }

    public var description: String {
        "cannot read \(value.typeName) as \(targetType)" + (reason.map { ": \($0)" } ?? "")
    }
}

extension SQLValue {
    /// SQLite's storage class name: NULL, INTEGER, REAL, TEXT or BLOB.
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}

extension SQLValue: SQLValueConvertible {
    public var sqlValue: SQLValue { self }
    public init(sqlValue: SQLValue) { self = sqlValue }
}

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self) }
    public init(sqlValue: SQLValue) throws {
        guard case .integer(let v) = sqlValue else { throw SQLValueConversionError(value: sqlValue, targetType: "Int64") }
        self = v
    }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init(sqlValue: SQLValue) throws {
        guard case .integer(let v) = sqlValue else { throw SQLValueConversionError(value: sqlValue, targetType: "Int") }
        self = Int(v)
    }
}

extension Int32: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init(sqlValue: SQLValue) throws {
        guard case .integer(let v) = sqlValue, let value = Int32(exactly: v) else {
            throw SQLValueConversionError(value: sqlValue, targetType: "Int32")
        }
        self = value
    }
}

extension Bool: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public init(sqlValue: SQLValue) throws {
        guard case .integer(let v) = sqlValue else { throw SQLValueConversionError(value: sqlValue, targetType: "Bool") }
        self = v != 0
    }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    /// Accepts INTEGER too: SQLite stores integral REAL values of REAL-affinity columns as integers.
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .real(let v): self = v
        case .integer(let v): self = Double(v)
        default: throw SQLValueConversionError(value: sqlValue, targetType: "Double")
        }
    }
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public init(sqlValue: SQLValue) throws {
        guard case .text(let v) = sqlValue else { throw SQLValueConversionError(value: sqlValue, targetType: "String") }
        self = v
    }
}

extension [UInt8]: SQLValueConvertible {
    public var sqlValue: SQLValue { .blob(self) }
    public init(sqlValue: SQLValue) throws {
        guard case .blob(let v) = sqlValue else { throw SQLValueConversionError(value: sqlValue, targetType: "[UInt8]") }
        self = v
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    public init(sqlValue: SQLValue) throws {
        if case .null = sqlValue { self = .none } else { self = .some(try Wrapped(sqlValue: sqlValue)) }
    }
}

/// A geometry travels as a WKB blob, the one format both sides speak.
///
/// Bind it through `GeomFromWKB(?, srid)` so SpatiaLite stores its own geometry BLOB with the
/// column's SRID (a raw WKB blob would fail the column's geometry constraint), and select it
/// with `AsBinary(column)`.
extension Geometry: SQLValueConvertible {
    public var sqlValue: SQLValue { .blob(wkb) }

    public init(sqlValue: SQLValue) throws {
        guard case .blob(let bytes) = sqlValue else {
            throw SQLValueConversionError(value: sqlValue, targetType: "Geometry", reason: "select AsBinary(column)")
        }
        do {
            self = try Geometry(wkb: bytes)
        } catch {
            // SpatiaLite's internal BLOB starts with 0x00, has 0x7C after the MBR and ends with 0xFE.
            let isSpatiaLiteBlob = bytes.count > 43 && bytes[0] == 0 && bytes[38] == 0x7C && bytes.last == 0xFE
            throw SQLValueConversionError(
                value: sqlValue, targetType: "Geometry",
                reason: isSpatiaLiteBlob ? "a SpatiaLite geometry BLOB, not WKB: select AsBinary(column)" : "\(error)")
        }
    }
}
