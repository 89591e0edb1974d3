/// A raw buffer that parallel iterations (`DispatchQueue.concurrentPerform`) write at disjoint slots.
// @unchecked: every user writes disjoint slots per iteration, and each parallel step ends before the
// next one reads.
package struct SharedBuffer<T>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<T>

    package init(base: UnsafeMutablePointer<T>) { self.base = base }

    /// Allocates `count` uninitialised elements; release them with `free()`.
    init(count: Int) { base = .allocate(capacity: count) }

    /// Allocates `count` elements set to `value`.
    init(repeating value: T, count: Int) {
        base = .allocate(capacity: count)
        base.initialize(repeating: value, count: count)
    }

    func free() { base.deallocate() }

    @inline(__always) subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
