import ZhibiaoCore

/// Tells a file's format from its first bytes (and, for HTML, its extension).
public enum FormatSniffer {
    /// The format, or an error for formats Zhibiao recognizes but does not read.
    public static func sniff(_ bytes: [UInt8], path: String) throws(IngestError) -> DocumentFormat {
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .docx }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw .unsupportedFormat("legacy Word 97-2003 (.doc) or other OLE2 file is not supported; save it as .docx")
        }
        if head.starts(with: Array("%PDF".utf8)) {
            throw .unsupportedFormat("PDF is not supported; extract its text first (e.g. pdftotext)")
        }
        if head.starts(with: [0x7B, 0x5C, 0x72, 0x74, 0x66]) {
            throw .unsupportedFormat("RTF is not supported; save it as .docx or text")
        }
        let lowerPath = path.lowercased()
        if lowerPath.hasSuffix(".html") || lowerPath.hasSuffix(".htm") || lowerPath.hasSuffix(".shtml") || lowerPath.hasSuffix(".xhtml") {
            return .html
        }
        if looksLikeHTML(bytes) { return .html }
        return .text
    }

    /// Starts (after a BOM and white space) with markup that only HTML pages start with.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < bytes.count && i < 1024 && (bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "<") else { return false }
        let head = String(decoding: bytes[i..<min(bytes.count, i + 512)], as: UTF8.self).lowercased()
        for marker in ["<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p>", "<p ", "<table", "<!--", "<title", "<span", "<section", "<article"]
            where head.hasPrefix(marker) {
            return true
        }
        return false
    }
}
