import ArgumentParser
import Dispatch
import Foundation

/// Where one-input-per-line commands read from and how they answer: batches of lines in, JSON
/// lines out in input order, each batch spread over every core.
struct LineOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Read inputs from this file instead of stdin (one per line).")
    var input: String?

    @Option(help: "Lines per batch; each batch is answered on every core, then written in order.")
    var batch = 4096

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch \(batch): must be at least 1") }
    }

    /// Calls `answer` on every batch of lines (line numbers from 1) and writes what it returns,
    /// one JSON line each.
    ///
    /// - Throws: `ExitCode(66)` when `--input` does not exist, `ExitCode(74)` when reading fails.
    func run(_ answer: @escaping @Sendable (_ line: Int, _ text: String) -> String) throws {
        guard let reader = LineReader(path: input ?? "-") else {
            throw failure(.noInput, "--input \(input ?? "-"): no such file or not readable")
        }
        var first = 1
        while true {
            var read: [String] = []
            while read.count < batch, let line = reader.next() { read.append(line) }
            if read.isEmpty { break }
            let lines = read   // a constant the concurrent closure can capture
            let start = first
            let outputs = parallelMap(lines.count) { i in answer(start + i, lines[i]) }
            var text = outputs.joined(separator: "\n")
            text += "\n"
            FileHandle.standardOutput.write(Data(text.utf8))
            first += lines.count
        }
        if reader.failed { throw failure(.ioError, "error reading \(input ?? "stdin")") }
    }
}

/// `(0..<n).map(body)` over every core.
func parallelMap<T: Sendable>(_ n: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let results = ResultSlots<T>(count: n)
    let chunk = max(1, min(64, n / 16))
    DispatchQueue.concurrentPerform(iterations: (n + chunk - 1) / chunk) { c in
        for i in (c * chunk)..<min(n, (c + 1) * chunk) { results.set(i, body(i)) }
    }
    return results.values
}

/// Answers written by concurrent iterations, each to its own slot.
// @unchecked: slots are written by one iteration each, under a lock, and read after all finish.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    var values: [T] { slots.map { $0! } }   // every slot was set
}

/// One JSON line for an encodable value (keys sorted, Chinese unescaped).
func jsonLine(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return #"{"status":"internal_error"}"# }
    return String(decoding: data, as: UTF8.self)
}

/// Reads lines from a file or stdin with getline(3): no whole-file buffer, so input can stream.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let owned: Bool
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private(set) var failed = false

    init?(path: String) {
        if path == "-" {
            // A FILE of its own on descriptor 0: the global `stdin` is shared mutable state to Swift 6.
            guard let f = fdopen(STDIN_FILENO, "r") else { return nil }
            file = f
            owned = false
        } else {
            guard let f = fopen(path, "r") else { return nil }
            file = f
            owned = true
        }
    }

    deinit {
        free(buffer)
        if owned { fclose(file) }
    }

    /// The next line without its line break, or nil at the end of input (or on a read error: `failed`).
    func next() -> String? {
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else {
            failed = ferror(file) != 0
            return nil
        }
        var length = n
        while length > 0 && (buffer[length - 1] == 0x0A || buffer[length - 1] == 0x0D) { length -= 1 }
        // Copied in one go, then validated (invalid UTF-8 repaired to U+FFFD), as String(decoding:)
        // would, but without its generic, per-byte path.
        return String(unsafeUninitializedCapacity: length) { out in
            UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(start: buffer, count: length))
            return length
        }
    }
}
