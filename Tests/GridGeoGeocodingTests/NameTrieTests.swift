import Testing
@testable import GridGeoGeocoding

@Suite struct NameTrieTests {
    private func key(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func insertAndLookUp() {
        var trie = NameTrie()
        trie.insert(key("东城"), value: 1)
        trie.insert(key("东城区"), value: 2)
        trie.insert(key("𠀀字"), value: 3)   // outside the BMP
        #expect(trie.value(for: key("东城")) == 1)
        #expect(trie.value(for: key("东城区")) == 2)
        #expect(trie.value(for: key("𠀀字")) == 3)
        #expect(trie.value(for: key("东")) == nil)
        #expect(trie.value(for: key("")) == nil)
        trie.insert(key("东城"), value: 7)
        #expect(trie.value(for: key("东城")) == 7)
    }

    @Test func prefixMatchesShortestFirst() {
        var trie = NameTrie()
        for (index, word) in ["北京", "北京市", "京市"].enumerated() { trie.insert(key(word), value: Int32(index)) }
        let text = key("北京市东城区")
        var found: [(Int, Int32)] = []
        text.withUnsafeBufferPointer { buffer in
            trie.forEachMatch(in: buffer, from: 0, maxLength: 10) { found.append(($0, $1)) }
        }
        #expect(found.map(\.0) == [2, 3])
        #expect(found.map(\.1) == [0, 1])
    }

    @Test func manyChildrenStaySorted() {
        // More than eight children forces the bisection path and several block moves.
        var trie = NameTrie()
        let scalars = Array("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥".unicodeScalars.map(\.value))
        for (index, scalar) in scalars.reversed().enumerated() { trie.insert([0x4E1C, scalar], value: Int32(index)) }
        for (index, scalar) in scalars.reversed().enumerated() {
            #expect(trie.value(for: [0x4E1C, scalar]) == Int32(index))
        }
        #expect(trie.value(for: [0x4E1C, 0x4E00]) == nil)
    }

    @Test func copiesAreIndependent() {
        var original = NameTrie()
        original.insert(key("路"), value: 1)
        var copy = original
        copy.insert(key("路口"), value: 2)
        #expect(original.value(for: key("路口")) == nil)
        #expect(copy.value(for: key("路口")) == 2)
    }
}
