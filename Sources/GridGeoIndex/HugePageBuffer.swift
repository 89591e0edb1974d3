#if canImport(Glibc)
import Glibc
#endif

/// An immutable array whose storage, when large, sits in 2 MiB pages.
///
/// Random lookups touch a few cache lines spread over megabytes; with 4 KiB pages nearly each one is
/// also a TLB miss and a page walk. Transparent huge pages are opt-in on Debian
/// (`/sys/kernel/mm/transparent_hugepage/enabled` is `madvise`), so large buffers are mapped 2 MiB-aligned
/// and advised `MADV_HUGEPAGE` before the first write. Where that is unavailable (other systems, a
/// kernel that refuses) it is an ordinary allocation: only speed differs, never results.
final class HugePageBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    // @unchecked: written once in `init`, read-only afterwards.
    let buffer: UnsafeBufferPointer<Element>
    private let mapped: Int   // bytes mapped with mmap; 0 when allocated on the heap

    static var pageBytes: Int { 2 << 20 }

    /// Allocates `count` elements and lets `initialize` write every one of them.
    init(count: Int, initializingWith initialize: (UnsafeMutableBufferPointer<Element>) -> Void) {
        let bytes = count * MemoryLayout<Element>.stride
        var base: UnsafeMutableRawPointer?
        var mapped = 0
        #if canImport(Glibc)
        if bytes >= Self.pageBytes {
            let length = (bytes + Self.pageBytes - 1) / Self.pageBytes * Self.pageBytes
            base = Self.mapAligned(length)
            if base != nil { mapped = length }
        }
        #endif
        let start = base ?? UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1),
                                                            alignment: MemoryLayout<Element>.alignment)
        let typed = UnsafeMutableBufferPointer(start: start.bindMemory(to: Element.self, capacity: count), count: count)
        initialize(typed)
        buffer = UnsafeBufferPointer(typed)
        self.mapped = mapped
    }

    convenience init(_ elements: [Element]) {
        self.init(count: elements.count) { out in _ = out.initialize(from: elements) }
    }

    deinit {
        let start = UnsafeMutableRawPointer(mutating: buffer.baseAddress!)
        #if canImport(Glibc)
        if mapped > 0 { munmap(start, mapped); return }
        #endif
        start.deallocate()
    }

    var count: Int { buffer.count }

    @inline(__always) subscript(i: Int) -> Element { buffer[i] }

    #if canImport(Glibc)
    /// Maps `length` bytes (a multiple of the page size) at a 2 MiB boundary, advised for huge pages.
    private static func mapAligned(_ length: Int) -> UnsafeMutableRawPointer? {
        let over = length + pageBytes
        guard let raw = mmap(nil, over, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        let address = UInt(bitPattern: raw)
        let aligned = (address + UInt(pageBytes) - 1) & ~UInt(pageBytes - 1)
        let head = Int(aligned - address), tail = over - head - length
        if head > 0 { munmap(raw, head) }
        let start = raw + head
        if tail > 0 { munmap(start + length, tail) }
        _ = madvise(start, length, MADV_HUGEPAGE)   // a refusal only costs speed
        return start
    }
    #endif
}
