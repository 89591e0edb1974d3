#if canImport(Glibc)
import Glibc
#endif

/// A value behind a pthread mutex: the state that lookups read while a new version is published, and
/// a database queue's connection.
///
/// Not `Synchronization.Mutex`: on Linux, Swift 6.3's `Mutex` waits on futexes the thread sanitizer
/// cannot see, so it reports races in correctly locked code (a 20-line program swapping a reference
/// under a `Mutex` reproduces it; the same program with a pthread mutex is clean). The sanitizer
/// intercepts pthread mutexes, so the swap tests can check what they claim.
package final class Locked<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only touched with `mutex` held.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)   // a pthread mutex must not move
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
