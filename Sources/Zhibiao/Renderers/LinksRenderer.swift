import ZhibiaoCore
import ZhibiaoStructure

/// The link graph as text (per document, each citation and what it resolved to), JSON (one
/// object: documents and links), or Graphviz DOT (resolved links only, citing → cited).
public enum LinksRenderer {
    public static func text(_ graph: LinkGraph) -> String {
        var out = ""
        for node in graph.nodes {
            out += node.id + (node.title.map { "  " + $0 } ?? "") + "\n"
            let links = graph.links.filter { $0.from == node.id }
            if links.isEmpty { out += "  (no citations)\n" }
            for link in links {
                let verb = link.citation.verb.map { $0 + " " } ?? ""
                out += "  \(verb)\(link.text.replacingNewlines())  [\(link.citation.span)]\n"
                if let to = link.to, let match = link.match {
                    out += "    -> \(to) (by \(match.rawValue))\n"
                } else {
                    out += "    -> (not among the documents)\n"
                }
            }
        }
        return out
    }

    public static func json(_ graph: LinkGraph) -> [UInt8] {
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.key("documents")
        json.beginArray()
        for node in graph.nodes {
            json.beginObject()
            json.field("doc", node.id)
            json.field("title", node.title)
            json.field("docNumber", node.docNumber)
            json.endObject()
        }
        json.endArray()
        json.key("links")
        json.beginArray()
        for link in graph.links {
            json.beginObject()
            json.field("from", link.from)
            json.field("to", link.to)
            json.field("match", link.match?.rawValue)
            json.field("title", link.citation.title)
            json.field("docNumber", link.citation.docNumber)
            json.field("verb", link.citation.verb)
            json.field("start", link.citation.span.start)
            json.field("end", link.citation.span.end)
            json.field("text", link.text)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        return json.bytes
    }

    /// Graphviz: cited documents above the documents that cite them; one edge per pair, labelled
    /// with the verbs.
    public static func dot(_ graph: LinkGraph) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: " ") + "\""
        }
        var out = "digraph links {\n  rankdir=BT;\n  node [shape=box, fontname=\"Noto Sans CJK SC\"];\n"
        for node in graph.nodes {
            out += "  \(quoted(node.id)) [label=\(quoted(node.title ?? node.id))];\n"
        }
        var edges: [String: [String]] = [:]
        var order: [String] = []
        for link in graph.links {
            guard let to = link.to else { continue }
            let key = quoted(link.from) + " -> " + quoted(to)
            if edges[key] == nil { order.append(key) }
            let verb = link.citation.verb ?? "cites"
            if !(edges[key]?.contains(verb) ?? false) { edges[key, default: []].append(verb) }
        }
        for key in order { out += "  \(key) [label=\(quoted(edges[key]?.joined(separator: ", ") ?? ""))];\n" }
        out += "}\n"
        return out
    }
}
