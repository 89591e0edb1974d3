/// A raw buffer that parallel iterations (`DispatchQueue.concurrentPerform`) write at disjoint slots.
// @unchecked: every user writes disjoint slots per iteration, and each parallel step ends before the
// next one reads.
package struct SharedBuffer<T>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<T>
    /// Elements allocated by `init(count:)`; 0 for a buffer owned elsewhere.
    private let allocated: Int

    package init(base: UnsafeMutablePointer<T>) {
        self.base = base
        allocated = 0
    }

    /// Allocates `count` uninitialised elements (large ones in 2 MiB pages: fewer page faults);
    /// release them with `free()`.
    init(count: Int) {
        allocated = count
        base = LargePages.allocate(byteCount: count * MemoryLayout<T>.stride, alignment: MemoryLayout<T>.alignment)
            .bindMemory(to: T.self, capacity: count)
    }

    /// Releases what `init(count:)` allocated.
    func free() {
        LargePages.deallocate(UnsafeMutableRawPointer(base), byteCount: allocated * MemoryLayout<T>.stride)
    }

    @inline(__always) subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
