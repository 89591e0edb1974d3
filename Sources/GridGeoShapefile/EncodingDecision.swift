/// Which encoding a DBF's text is read with, where that choice came from, and why.
///
/// Precedence: an explicit flag, then the `.cpg` file, then the DBF language driver ID (LDID), then
/// detection. GDAL uses the same order; ArcGIS puts the LDID before the `.cpg`, so when both are present and
/// disagree the conflict is reported in `disagreement`.
public struct EncodingDecision: Hashable, Sendable, CustomStringConvertible {
    /// Where the encoding came from.
    public enum Source: String, Hashable, Sendable {
        /// Given explicitly by the caller (`--encoding`).
        case flag
        /// The `.cpg` file.
        case cpg
        /// The language driver ID in byte 29 of the `.dbf` header.
        case languageDriver
        /// Detected from the attribute bytes.
        case detected
    }

    /// The encoding used for field names and text attributes.
    public var encoding: TextEncoding
    /// Where `encoding` came from.
    public var source: Source
    /// The `.cpg` text (trimmed), whether or not it was usable; nil without a `.cpg` file.
    public var cpgValue: String?
    /// The raw language driver ID (0 when none is declared).
    public var ldidByte: UInt8
    /// Declarations that conflict with each other or with the flag, in words; nil when they agree.
    public var disagreement: String?
    /// Why this encoding was chosen, in words (for reports).
    public var reason: String

    public init(encoding: TextEncoding, source: Source, cpgValue: String?, ldidByte: UInt8,
                disagreement: String?, reason: String) {
        self.encoding = encoding
        self.source = source
        self.cpgValue = cpgValue
        self.ldidByte = ldidByte
        self.disagreement = disagreement
        self.reason = reason
    }

    public var description: String {
        "\(encoding) from \(source.rawValue): \(reason)" + (disagreement.map { " (disagreement: \($0))" } ?? "")
    }

    /// Applies the precedence flag > `.cpg` > LDID > detection.
    ///
    /// - Parameters:
    ///   - override: the caller's explicit encoding, if any.
    ///   - cpgValue: the `.cpg` content, if the file exists. A label iconv cannot use is ignored and noted.
    ///   - ldidByte: the raw language driver ID.
    ///   - detect: called only when nothing usable is declared; see `detect(_:)`.
    public static func decide(override: TextEncoding?, cpgValue: String?, ldidByte: UInt8,
                              detect: () -> (encoding: TextEncoding, reason: String)) -> EncodingDecision {
        let cpgEncoding = cpgValue.flatMap(TextEncoding.init(label:))
        let ldidEncoding = TextEncoding(languageDriver: ldidByte)
        let cpgText = cpgValue.map { ".cpg \"\($0)\"" } ?? ""
        let ldidText = "LDID \(hex(ldidByte))" + (TextEncoding.codePage(languageDriver: ldidByte).map { " (code page \($0))" } ?? "")

        var conflicts: [String] = []
        if let cpgEncoding, let ldidEncoding, cpgEncoding != ldidEncoding {
            conflicts.append("\(cpgText) means \(cpgEncoding) but \(ldidText) means \(ldidEncoding)")
        }
        if let override {
            if let cpgEncoding, cpgEncoding != override { conflicts.append("the flag's \(override) overrides \(cpgText) (\(cpgEncoding))") }
            if let ldidEncoding, ldidEncoding != override { conflicts.append("the flag's \(override) overrides \(ldidText) (\(ldidEncoding))") }
        }
        let disagreement = conflicts.isEmpty ? nil : conflicts.joined(separator: "; ")

        func decision(_ encoding: TextEncoding, _ source: Source, _ reason: String) -> EncodingDecision {
            EncodingDecision(encoding: encoding, source: source, cpgValue: cpgValue, ldidByte: ldidByte,
                             disagreement: disagreement, reason: reason)
        }
        if let override { return decision(override, .flag, "set explicitly") }
        if let cpgEncoding { return decision(cpgEncoding, .cpg, "\(cpgText) names \(cpgEncoding)") }

        // No usable .cpg: say so, then use the LDID or detect.
        var notes = [cpgValue == nil ? "no .cpg" : "\(cpgText) is not an encoding iconv knows"]
        if let ldidEncoding {
            return decision(ldidEncoding, .languageDriver, (notes + ["\(ldidText) names \(ldidEncoding)"]).joined(separator: "; "))
        }
        switch ldidByte {
        case 0: notes.append("no language driver ID")
        case 0x57: notes.append("LDID 0x57 means the writer's current ANSI code page, which the file does not name")
        default: notes.append("\(ldidText) is not a language driver ID GridGeo knows")
        }
        let (encoding, why) = detect()
        return decision(encoding, .detected, (notes + [why]).joined(separator: "; "))
    }

    /// Guesses the encoding of undeclared DBF text: UTF-8 when every non-ASCII value is strict UTF-8,
    /// otherwise GB18030, the superset of the GBK/GB2312 that Chinese tools write without declaring it.
    ///
    /// Legacy double-byte text is almost never valid UTF-8 (a GBK character's second byte rarely follows
    /// the UTF-8 lead/continuation pattern), so one invalid value is enough to rule UTF-8 out.
    /// - Parameter samples: raw bytes of field names and text values.
    public static func detect(_ samples: some Sequence<[UInt8]>) -> (encoding: TextEncoding, reason: String) {
        let nonASCII = samples.filter { $0.contains { $0 >= 0x80 } }
        guard !nonASCII.isEmpty else {
            return (.utf8, "detected: all text is ASCII, which reads the same in UTF-8 and any ASCII-based encoding")
        }
        guard let utf8 = TextConverter(decoding: .utf8), let gb18030 = TextConverter(decoding: .gb18030) else {
            preconditionFailure("glibc iconv lacks UTF-8 or GB18030")
        }
        let notUTF8 = nonASCII.filter { utf8.decode($0) == nil }
        guard let first = notUTF8.first else {
            return (.utf8, "detected: all \(nonASCII.count) non-ASCII values are valid UTF-8")
        }
        let notGB18030 = nonASCII.filter { gb18030.decode($0) == nil }.count
        let example = first.prefix(8).map { hex($0, prefix: false) }.joined(separator: " ")
        var reason = "detected: \(notUTF8.count) of \(nonASCII.count) non-ASCII values are not valid UTF-8 (first starts \(example)), so GB18030"
        reason += notGB18030 == 0 ? "; all are valid GB18030" : "; \(notGB18030) are not valid GB18030 either"
        return (.gb18030, reason)
    }
}

private func hex(_ byte: UInt8, prefix: Bool = true) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return (prefix ? "0x" : "") + (digits.count == 1 ? "0" + digits : digits)
}
