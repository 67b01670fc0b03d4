import Foundation
import Zhibiao

/// HTML text building: every value put into a page goes through ``escape(_:)`` (text and
/// attributes alike), so nothing a document or a request holds can open a tag.
enum HTML {
    /// Text or an attribute value escaped (``HTMLEscaper``).
    static func escape(_ text: String) -> String { HTMLEscaper.escape(text) }

    /// Appends the escaped scalars `text[range]` to `out`.
    static func escape(_ text: [Unicode.Scalar], _ range: Range<Int>, into out: inout String) {
        HTMLEscaper.append(text[range], into: &out)
    }

    /// A query string from name/value pairs (percent-encoded; empty values left out).
    static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return name + "=" + percent(value)
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    static func percent(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// An element id from any text: letters, digits, `-` and `_` kept, the rest as `_`.
    static func identifier(_ text: String) -> String {
        String(text.unicodeScalars.map { s -> Character in
            (s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "-" || s == "_")) ? Character(s) : "_"
        })
    }

    /// `<option>`s with one selected.
    static func options(_ items: [(value: String, label: String)], selected: String?) -> String {
        items.map { item in
            "<option value=\"\(escape(item.value))\"\(item.value == (selected ?? "") ? " selected" : "")>\(escape(item.label))</option>"
        }.joined()
    }

    /// The page frame: header with the navigation, the mode (read-only or editable), the content.
    static func page(title: String, active: String, editable: Bool, body: String, head: String = "") -> String {
        func nav(_ href: String, _ key: String, _ label: String) -> String {
            "<a href=\"\(href)\"\(key == active ? " aria-current=\"page\"" : "")>\(label)</a>"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-Hans">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · 指标 Zhibiao</title>
            <link rel="stylesheet" href="/static/zhibiao.css">
            <script src="/static/zhibiao.js" defer></script>
            \(head)</head>
            <body>
            <a class="skip" href="#main">跳到正文 Skip to content</a>
            <header class="top">
            <nav aria-label="主导航 Main">
            <a class="brand" href="/">指标 Zhibiao</a>
            \(nav("/", "library", "文库 Library"))
            \(nav("/query", "query", "查询 Query"))
            \(nav("/diff", "diff", "比对 Diff"))
            </nav>
            <span class="mode \(editable ? "edit" : "ro")">\(editable ? "可编辑 edits allowed" : "只读 read-only")</span>
            </header>
            <main id="main">
            \(body)
            </main>
            <footer>zhibiao serve · offsets count Unicode scalars of each document's original text</footer>
            </body>
            </html>

            """
    }
}
