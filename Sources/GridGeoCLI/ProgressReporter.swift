#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ProgressReporter of a long job on stderr: a redrawn bar with count, rate and ETA on a terminal,
/// GDAL-style `0...10...20...100 - done.` marks otherwise (CI logs, nohup), nothing with `quiet`.
/// Stdout is never touched, so it stays free for results. Confined to the task that drives it.
public final class ProgressReporter {
    private let total: Int
    private let label: String
    private let quiet: Bool
    private let isTerminal: Bool
    private let start: Double
    private var done = 0
    private var lastDraw = 0.0
    private var lastMark = -1

    public init(_ label: String, total: Int, quiet: Bool) {
        self.label = label
        self.total = max(total, 0)
        self.quiet = quiet
        self.isTerminal = isatty(STDERR_FILENO) != 0
        self.start = ProgressReporter.now()
        if !quiet && !isTerminal { ProgressReporter.write("\(label): ") }
    }

    /// Records `n` more units of work.
    public func advance(by n: Int = 1) {
        done += n
        guard !quiet else { return }
        if isTerminal {
            let t = ProgressReporter.now()
            if t - lastDraw >= 0.1 || done >= total { lastDraw = t; drawBar(at: t) }
        } else {
            // One mark per 10 %, as GDAL's TermProgress prints them.
            let mark = total > 0 ? min(10, done * 10 / total) : 10
            while lastMark < mark {
                lastMark += 1
                ProgressReporter.write(lastMark == 10 ? "100" : "\(lastMark * 10)...")
            }
        }
    }

    /// Ends the line; call once when the work is finished (or abandoned).
    public func finish() {
        guard !quiet else { return }
        if isTerminal { drawBar(at: ProgressReporter.now()); ProgressReporter.write("\n") }
        else { ProgressReporter.write(lastMark == 10 ? " - done.\n" : " - stopped.\n") }
    }

    private func drawBar(at t: Double) {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let elapsed = max(t - start, 1e-9)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        ProgressReporter.write("\r\(label) \(bar) \(done)/\(total) \(Int(rate))/s ETA \(Int(eta.rounded()))s \u{1B}[K")
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func write(_ s: String) {
        // write(2) on the descriptor: unbuffered, and no shared C `FILE*` to race on.
        var s = s
        s.withUTF8 { buffer in
            var rest = UnsafeRawBufferPointer(buffer)
            while !rest.isEmpty {
                let n = Glibc.write(STDERR_FILENO, rest.baseAddress, rest.count)
                if n <= 0 { return }
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        }
    }
}

/// Exit codes from sysexits(3), as `users.md` fixes them for GridGeo's tools.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case software = 70
    case cannotCreate = 73
    case ioError = 74
}
