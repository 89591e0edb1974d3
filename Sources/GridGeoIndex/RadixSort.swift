/// Sorts `a` by the high 32 bits of each element (a key, with a payload in the low 32 bits),
/// stably, with an LSD radix sort of three 11-bit digits.
///
/// Algorithm: least-significant-digit radix sort (Knuth, TAOCP vol. 3, §5.2.5).
/// - Complexity: O(n), with one scratch buffer of n elements.
func radixSortByKey(_ a: inout [UInt64]) {
    let n = a.count
    if n < 64 { a.sort { $0 >> 32 < $1 >> 32 }; return }
    var scratch = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 2048)
    for shift in [32, 43, 54] as [UInt64] {
        a.withUnsafeMutableBufferPointer { src in
            scratch.withUnsafeMutableBufferPointer { dst in
                counts.withUnsafeMutableBufferPointer { c in
                    c.update(repeating: 0)
                    for v in src { c[Int((v >> shift) & 2047)] += 1 }
                    var sum = 0
                    for d in 0..<2048 { let k = c[d]; c[d] = sum; sum += k }
                    for v in src {
                        let d = Int((v >> shift) & 2047)
                        dst[c[d]] = v
                        c[d] += 1
                    }
                }
            }
        }
        swap(&a, &scratch)
    }
    // Three passes leave the result in the buffer swapped in last: `a`.
}
