internal import CShapelib
import Glibc

/// The shapelib plumbing shared by the reader and the writer: I/O hooks, error capture and file lookup.
///
/// shapelib reports errors through `SAHooks.Error`, a plain C function without a context pointer.
/// Each call into shapelib runs synchronously on the caller's thread, so `capturingErrors` installs a
/// message log in a thread-local slot and the hook appends to whatever log that thread has installed.
enum Shapelib {
    /// The default stdio hooks, with the error hook captured and a case-insensitive open for reading.
    static func hooks() -> SAHooks {
        var hooks = SAHooks()
        SASetupDefaultHooks(&hooks)
        hooks.Error = { message in
            guard let message, let slot = pthread_getspecific(errorLogKey) else { return }
            Unmanaged<ErrorLog>.fromOpaque(slot).takeUnretainedValue().messages.append(String(cString: message))
        }
        hooks.FOpen = { path, access in
            guard let path, let access else { return nil }
            // shapelib builds component names itself (".shx", ".SHX"); resolve "x.Shx" and the like too.
            var file = fopen(path, access)
            if file == nil, errno == ENOENT, access.pointee == CChar(UInt8(ascii: "r")),
               let resolved = Shapelib.resolve(String(cString: path)) {
                file = fopen(resolved, access)
            }
            // SAFile is shapelib's opaque alias for the stdio FILE pointer the default hooks use.
            return file.map { UnsafeMutablePointer<Int32>(OpaquePointer($0)) }
        }
        return hooks
    }

    /// Runs `body` and returns what it returned with the messages shapelib reported meanwhile.
    static func capturingErrors<T>(_ body: () -> T) -> (value: T, messages: [String]) {
        let log = ErrorLog()
        let previous = pthread_getspecific(errorLogKey)
        pthread_setspecific(errorLogKey, Unmanaged.passUnretained(log).toOpaque())
        defer { pthread_setspecific(errorLogKey, previous) }
        let value = withExtendedLifetime(log) { body() }
        return (value, log.messages)
    }

    /// An existing file at `path`, or one in the same directory whose name differs only in ASCII case.
    static func resolve(_ path: String) -> String? {
        if access(path, F_OK) == 0 { return path }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let dir = opendir(directory.isEmpty ? "/" : directory) else { return nil }
        defer { closedir(dir) }
        let wanted = asciiLowercased(Array(name.utf8))
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if asciiLowercased(entryName) == wanted {
                let found = String(decoding: entryName, as: UTF8.self)
                return slash == nil ? found : directory + "/" + found
            }
        }
        return nil
    }

    /// The whole content of a file, or nil when it cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes += chunk[..<n]
            if n < chunk.count { return ferror(file) == 0 ? bytes : nil }
        }
    }

    /// Writes `bytes` to a new file (replacing any), returning false on failure.
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        return fclose(file) == 0 && written == bytes.count
    }

    /// The size of a file in bytes, or nil when it cannot be examined.
    static func size(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    private static func asciiLowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }
    }
}

/// Messages reported by shapelib during one `capturingErrors` call.
private final class ErrorLog {
    var messages: [String] = []
}

/// The thread-local slot holding the current thread's `ErrorLog`, if any.
private let errorLogKey: pthread_key_t = {
    var key = pthread_key_t()
    precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
    return key
}()

/// Owner of one shapelib `SHPHandle`: closes it in `deinit`. Confined like its `ShapefileReader`/`ShapefileWriter`.
final class ShapeHandle {
    let raw: SHPHandle
    init(_ raw: SHPHandle) { self.raw = raw }
    deinit { SHPClose(raw) }
}

/// Owner of one shapelib `DBFHandle`: closes it in `deinit`. Confined like its `ShapefileReader`/`ShapefileWriter`.
final class TableHandle {
    let raw: DBFHandle
    init(_ raw: DBFHandle) { self.raw = raw }
    deinit { DBFClose(raw) }
}
