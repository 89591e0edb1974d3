import Glibc

/// A character encoding for DBF text, converted with glibc's iconv.
///
/// Foundation's `String(data:encoding:)` is not used: on Linux it lost the non-Unicode encodings in the
/// Swift 6 re-core (swift-foundation#1216), and GBK was never available there.
public struct TextEncoding: Hashable, Sendable, CustomStringConvertible {
    /// The name iconv knows the encoding by, e.g. `"GB18030"`.
    public let iconvName: String

    /// An encoding by its iconv name; nil when iconv does not know it.
    public init?(iconvName: String) {
        guard TextConverter(from: iconvName, to: "UTF-8") != nil else { return nil }
        self.iconvName = iconvName
    }

    private init(known name: String) { iconvName = name }

    /// UTF-8, what ArcGIS 10.2.1+ and QGIS write by default.
    public static let utf8 = TextEncoding(known: "UTF-8")
    /// GB18030, the superset of GB2312 and GBK (CP936): every label naming those decodes as GB18030, so rare
    /// characters (生僻字) written by a GB18030-aware tool survive. The one GBK byte GB18030 lacks is CP936's
    /// single-byte 0x80 (€), which then fails to decode.
    public static let gb18030 = TextEncoding(known: "GB18030")
    /// Big5, traditional Chinese (Taiwan, Hong Kong). Code page 950 maps to iconv's CP950, its Microsoft variant.
    public static let big5 = TextEncoding(known: "BIG5")
    /// ISO-8859-1 (Latin-1).
    public static let latin1 = TextEncoding(known: "ISO-8859-1")
    /// Windows code page 1252, the western "ANSI" page.
    public static let windows1252 = TextEncoding(known: "CP1252")

    public var description: String { iconvName }

    /// The encoding a `.cpg` file or an `--encoding` flag names.
    ///
    /// Accepts names (`GBK`, `CP936`, `GB2312`, `GB18030`, `UTF-8`, `UTF8`, `BIG5`, any name iconv knows) and
    /// Windows code page numbers (`936`, `65001`, `1252`, `950` …), ignoring case and surrounding whitespace.
    /// Returns nil for labels iconv cannot use, such as `ANSI` or `System`.
    public init?(label: String) {
        let trimmed = label.trimmingWhitespace().uppercased()
        guard !trimmed.isEmpty else { return nil }
        // ArcGIS writes ISO-8859 code pages as "88591" and the like.
        let iso8859 = trimmed.hasPrefix("8859") ? Int(trimmed.dropFirst(4)).map { "ISO-8859-\($0)" } : nil
        let encoding: TextEncoding? = switch trimmed {
        case "GBK", "CP936", "MS936", "WINDOWS-936", "GB2312", "EUC-CN", "GB18030": .gb18030
        case "UTF-8", "UTF8": .utf8
        default:
            if let iso8859 { TextEncoding(iconvName: iso8859) }
            else if let page = Int(trimmed) { TextEncoding(codePage: page) }
            else { TextEncoding(iconvName: trimmed) }
        }
        guard let encoding else { return nil }
        self = encoding
    }

    /// The encoding of a Windows code page number; nil when iconv has no match.
    public init?(codePage: Int) {
        switch codePage {
        case 65001: self = .utf8
        case 936, 20936, 54936: self = .gb18030                   // GBK, GB2312, GB18030
        case 28591...28599: self.init(iconvName: "ISO-8859-\(codePage - 28590)")
        default: self.init(iconvName: "CP\(codePage)")
        }
    }

    /// The encoding a DBF language driver ID (header byte 29) declares.
    ///
    /// Returns nil for 0x00 (nothing declared), for 0x57 ("ANSI": the writer's *current* Windows code page,
    /// GBK on a Chinese PC and 1252 on a western one, so it says nothing by itself) and for bytes not in the
    /// table. See `codePage(languageDriver:)` for the table.
    public init?(languageDriver: UInt8) {
        guard let page = TextEncoding.codePage(languageDriver: languageDriver) else { return nil }
        self.init(codePage: page)
    }

    /// The Windows code page a language driver ID stands for (common IDs only).
    ///
    /// Sources: Esri's ArcPad code page table (ArcPad 8.0/10.0 "Setting the code page for shapefiles",
    /// quoted in OSGeo/shapelib#173) for the 0x01–0x59 IDs, and Microsoft's Visual FoxPro code page table
    /// for the 0x64–0xCC IDs; PostGIS's `loader/shpcommon.c` agrees on every entry here. Both 0x4D and 0x7A
    /// are code page 936 (GBK): dBase/ArcGIS writers use 0x4D, FoxPro-style writers 0x7A.
    public static func codePage(languageDriver id: UInt8) -> Int? {
        switch id {
        case 0x01: 437                          // US MS-DOS
        case 0x02: 850                          // International MS-DOS
        case 0x03, 0x58, 0x59: 1252             // Windows ANSI, Western European ANSI, Spanish ANSI
        case 0x13, 0x7B: 932                    // Japanese Shift-JIS
        case 0x26, 0x65: 866                    // Russian MS-DOS
        case 0x4D, 0x7A: 936                    // Chinese GBK (PRC)
        case 0x4E, 0x79: 949                    // Korean
        case 0x4F, 0x78: 950                    // Chinese Big5 (Taiwan, Hong Kong)
        case 0x50, 0x7C: 874                    // Thai
        case 0x64: 852                          // Eastern European MS-DOS
        case 0x7D: 1255                         // Hebrew Windows
        case 0x7E: 1256                         // Arabic Windows
        case 0xC8: 1250                         // Eastern European Windows
        case 0xC9: 1251                         // Russian Windows
        case 0xCA: 1254                         // Turkish Windows
        case 0xCB: 1253                         // Greek Windows
        case 0xCC: 1257                         // Baltic Windows
        default: nil                            // 0x00 none, 0x57 "current ANSI", others unknown here
        }
    }

    /// The text `bytes` encode, or nil when they are not valid in this encoding.
    ///
    /// A multibyte character cut off at the very end is dropped: DBF writers truncate text to the field
    /// width in bytes, which can split the last character.
    public func decode(_ bytes: [UInt8]) -> String? {
        TextConverter(decoding: self)?.decode(bytes)
    }

    /// The bytes encoding `text`, or nil when this encoding cannot represent it.
    public func encode(_ text: String) -> [UInt8]? {
        TextConverter(from: "UTF-8", to: iconvName)?.convert(Array(text.utf8))
    }
}

/// Owner of one iconv conversion descriptor, closed in `deinit`.
///
/// Not `Sendable`: iconv keeps conversion state in the descriptor, so a converter stays with one owner.
/// Readers keep one for all their text, because `iconv_open` allocates.
final class TextConverter {
    private let descriptor: iconv_t
    /// True when printable ASCII converts to itself, so pure-ASCII input can skip iconv.
    private(set) var asciiCompatible = false

    init?(from source: String, to target: String) {
        let descriptor = iconv_open(target, source)
        // iconv_open returns (iconv_t)-1 on failure.
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        self.descriptor = descriptor
        let printable = Array(UInt8(0x20)...UInt8(0x7E))
        asciiCompatible = convert(printable) == printable
    }

    convenience init?(decoding encoding: TextEncoding) {
        self.init(from: encoding.iconvName, to: "UTF-8")
    }

    deinit { iconv_close(descriptor) }

    /// Decodes to a String; nil for invalid input. The UTF-8 output is validated again because glibc's UTF-8
    /// decoder lets through sequences above U+10FFFF.
    func decode(_ bytes: [UInt8]) -> String? {
        if asciiCompatible, bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return convert(bytes).flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// Converts all of `input`; nil on an invalid sequence. An incomplete sequence at the end is dropped.
    func convert(_ input: [UInt8]) -> [UInt8]? {
        guard !input.isEmpty else { return [] }
        _ = iconv(descriptor, nil, nil, nil, nil)            // reset the shift state
        var input = input
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(64, input.count * 4))
        return input.withUnsafeMutableBytes { inBytes -> [UInt8]? in
            var inPointer = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBytes.count
            while true {
                let (result, error, produced) = chunk.withUnsafeMutableBytes { outBytes in
                    var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outLeft = outBytes.count
                    // A NULL input pointer flushes any pending shift sequence once the input is used up.
                    let result = inLeft > 0
                        ? iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                        : iconv(descriptor, nil, nil, &outPointer, &outLeft)
                    return (result, errno, outBytes.count - outLeft)
                }
                output += chunk[..<produced]
                // iconv returns (size_t)-1 and sets errno on failure.
                if result == -1 {
                    switch error {
                    case E2BIG: continue                     // output chunk full: go round again
                    case EINVAL: return output               // incomplete sequence at the end: drop it
                    default: return nil                      // EILSEQ: invalid sequence
                    }
                }
                if inLeft == 0, produced == 0 { return output }
            }
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace, control characters and byte-order marks.
    func trimmingWhitespace() -> String {
        let isPadding: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{FEFF}" || $0 == "\0" }
        guard let first = firstIndex(where: { !isPadding($0) }), let last = lastIndex(where: { !isPadding($0) })
        else { return "" }
        return String(self[first...last])
    }
}
