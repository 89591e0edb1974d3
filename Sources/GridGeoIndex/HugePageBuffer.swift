#if canImport(Glibc)
import Glibc
#endif

/// Memory for large arrays in 2 MiB pages.
///
/// Random lookups touch a few cache lines spread over megabytes; with 4 KiB pages nearly each one is
/// also a TLB miss and a page walk, and every fresh 4 KiB page costs a page fault. Transparent huge
/// pages are opt-in on Debian (`/sys/kernel/mm/transparent_hugepage/enabled` is `madvise`), so blocks
/// of 2 MiB or more are mapped 2 MiB-aligned and advised `MADV_HUGEPAGE` before their first write.
/// Smaller blocks, and systems without `madvise`, get an ordinary allocation: only speed differs.
enum LargePages {
    static let pageBytes = 2 << 20

    static func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
        #if canImport(Glibc)
        if byteCount >= pageBytes {
            // Out of address space or memory: as fatal as a failed Swift allocation.
            guard let mapped = mapAligned(mappedLength(byteCount)) else { fatalError("cannot map \(byteCount) bytes") }
            return mapped
        }
        #endif
        return .allocate(byteCount: max(byteCount, 1), alignment: alignment)
    }

    /// Releases what `allocate` returned for the same `byteCount`.
    static func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if canImport(Glibc)
        if byteCount >= pageBytes {
            munmap(pointer, mappedLength(byteCount))
            return
        }
        #endif
        pointer.deallocate()
    }

    private static func mappedLength(_ byteCount: Int) -> Int { (byteCount + pageBytes - 1) / pageBytes * pageBytes }

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

/// An immutable array whose storage, when large, sits in 2 MiB pages (`LargePages`).
final class HugePageBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    // @unchecked: written once in `init`, read-only afterwards.
    let buffer: UnsafeBufferPointer<Element>

    /// Allocates `count` elements and lets `initialize` write every one of them.
    init(count: Int, initializingWith initialize: (UnsafeMutableBufferPointer<Element>) -> Void) {
        let start = LargePages.allocate(byteCount: count * MemoryLayout<Element>.stride, alignment: MemoryLayout<Element>.alignment)
        let typed = UnsafeMutableBufferPointer(start: start.bindMemory(to: Element.self, capacity: count), count: count)
        initialize(typed)
        buffer = UnsafeBufferPointer(typed)
    }

    convenience init(_ elements: [Element]) {
        self.init(count: elements.count) { out in _ = out.initialize(from: elements) }
    }

    deinit {
        LargePages.deallocate(UnsafeMutableRawPointer(mutating: buffer.baseAddress!), byteCount: buffer.count * MemoryLayout<Element>.stride)
    }

    var count: Int { buffer.count }

    @inline(__always) subscript(i: Int) -> Element { buffer[i] }
}
