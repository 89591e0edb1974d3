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
    /// - Throws: `ExitCode(66)` when `--input` does not exist.
    func run(_ answer: @escaping @Sendable (_ line: Int, _ text: String) -> String) throws {
        let handle: FileHandle
        if let input {
            guard let h = FileHandle(forReadingAtPath: input) else {
                throw commandFailure(66, "--input \(input): no such file or not readable")
            }
            handle = h
        } else {
            handle = .standardInput
        }
        var reader = LineReader(handle: handle)
        var first = 1
        while true {
            let lines = reader.next(batch)
            if lines.isEmpty { break }
            let start = first
            let outputs = parallelMap(lines.count) { i in answer(start + i, lines[i]) }
            var text = outputs.joined(separator: "\n")
            text += "\n"
            FileHandle.standardOutput.write(Data(text.utf8))
            first += lines.count
        }
    }
}

/// Lines of a file, decoded as UTF-8 with invalid bytes replaced (a bad byte spoils one line's
/// characters, not the run); `\r\n` endings accepted.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func next(_ count: Int) -> [String] {
        var lines: [String] = []
        while lines.count < count {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                var end = newline
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                lines.append(String(decoding: buffer[position..<end], as: UTF8.self))
                position = newline + 1
                continue
            }
            if atEnd {
                if position < buffer.count {
                    lines.append(String(decoding: buffer[position...], as: UTF8.self))
                    position = buffer.count
                }
                break
            }
            // Keep only the unread tail, then read on.
            buffer.removeSubrange(0..<position)
            position = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
        return lines
    }
}

/// `(0..<n).map(body)` over every core.
func parallelMap(_ n: Int, _ body: @Sendable (Int) -> String) -> [String] {
    let results = ResultSlots(count: n)
    let chunk = max(1, min(64, n / 16))
    DispatchQueue.concurrentPerform(iterations: (n + chunk - 1) / chunk) { c in
        for i in (c * chunk)..<min(n, (c + 1) * chunk) { results.set(i, body(i)) }
    }
    return results.values
}

/// Answers written by concurrent iterations, each to its own slot.
// @unchecked: slots are written by one iteration each, under a lock, and read after all finish.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [String]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: "", count: count) }

    func set(_ i: Int, _ value: String) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    var values: [String] { slots }
}

/// One JSON line for an encodable value (keys sorted, Chinese unescaped).
func jsonLine(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return #"{"status":"internal_error"}"# }
    return String(decoding: data, as: UTF8.self)
}

/// Prints `Error <code>: <message>` on stderr and returns the exit code to throw.
func commandFailure(_ code: Int32, _ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("Error \(code): \(message)\n".utf8))
    return ExitCode(code)
}
