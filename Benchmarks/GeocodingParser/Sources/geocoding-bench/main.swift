// Parses every address of a file `rounds` times on one thread and prints parses per second of
// thread CPU time (so that other processes on the machine do not count); then again on every
// core, as the CLI's batch mode parses, and prints parses per second of wall time.
//
// The file is either one address per line, or NCAP's BI-tagged format (`TOKEN TAG` per line, a
// blank line between addresses), whose tokens are joined back into addresses.
import Foundation
import GridGeoGeocoding

let arguments = CommandLine.arguments
guard arguments.count >= 2, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: geocoding-bench <addresses.txt | ncap.txt> [rounds]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 5) : 5

var addresses: [String] = []
let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
let tagged = lines.contains { $0.hasSuffix(" B-poi") || $0.hasSuffix(" B-road") || $0.hasSuffix(" B-city") }
if tagged {
    var tokens: [Substring] = []
    for line in lines {
        if line.trimmingCharacters(in: .whitespaces).isEmpty {
            if !tokens.isEmpty { addresses.append(tokens.joined()); tokens = [] }
        } else if let space = line.lastIndex(of: " ") {
            tokens.append(line[..<space])
        }
    }
    if !tokens.isEmpty { addresses.append(tokens.joined()) }
} else {
    addresses = lines.map(String.init).filter { !$0.isEmpty }
}

func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let loadStart = cpuSeconds()
let parser = AddressParser()
_ = parser.parse("北京市东城区安定门街道净土胡同9号")
let loadSeconds = cpuSeconds() - loadStart

var components = 0
var best = Double.infinity
for _ in 0..<rounds {
    let start = cpuSeconds()
    for address in addresses { components &+= parser.parse(address).components.count }
    best = min(best, cpuSeconds() - start)
}
let perSecond = Double(addresses.count) / best
print("gazetteer load: \(String(format: "%.2f", loadSeconds)) s CPU")
print("\(addresses.count) addresses, best of \(rounds) rounds: \(String(format: "%.3f", best)) s CPU, "
      + "\(Int(perSecond)) parses/s, \(String(format: "%.1f", 1e6 / perSecond)) µs/parse (\(components / rounds) components)")

// Every core: chunks of the addresses spread over the cores, one parser shared (it is Sendable).
// Wall time, so the machine's other load counts here.
let cores = ProcessInfo.processInfo.activeProcessorCount
let all = addresses
let chunk = max(1, all.count / (cores * 8))   // several chunks per core, so a slow core is evened out
var bestWall = Double.infinity
for _ in 0..<rounds {
    let start = DispatchTime.now().uptimeNanoseconds
    DispatchQueue.concurrentPerform(iterations: (all.count + chunk - 1) / chunk) { k in
        for address in all[(k * chunk)..<min(all.count, (k + 1) * chunk)] { _ = parser.parse(address) }
    }
    bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
print("all \(cores) cores, best of \(rounds) rounds: \(String(format: "%.3f", bestWall)) s wall, "
      + "\(Int(Double(all.count) / bestWall)) parses/s")
