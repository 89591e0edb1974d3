/// An error reported by SQLite or SpatiaLite: the result code, SQLite's own message and the SQL.
public struct SpatiaLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The (extended) result code; match with `~=` against primary codes such as `.constraint`.
    public var resultCode: ResultCode
    /// SQLite's message (`sqlite3_errmsg`), or ours when a SpatiaLite function only returned 0.
    public var message: String
    /// The SQL that failed, if any.
    public var sql: String?

    public init(resultCode: ResultCode, message: String, sql: String? = nil) {
        self.resultCode = resultCode
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLite error \(resultCode): \(message)"
        if let sql { text += " — in: \(sql)" }
        return text
    }
}
