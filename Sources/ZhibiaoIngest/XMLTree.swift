import CZhibiaoXML

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed libxml2 document. The C pointers never leave this module: readers walk the tree
/// and build Swift values, and the document is freed with its owner.
final class XMLTree {
    private let document: OpaquePointer

    private init(document: OpaquePointer) {
        self.document = document
    }

    /// Parses HTML (recover mode, no network). `utf8` must be UTF-8.
    static func html(_ utf8: [UInt8]) -> XMLTree? {
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                zb_html_parse(chars.baseAddress, Int32(chars.count), "UTF-8")
            }
        }
        return document.map(XMLTree.init(document:))
    }

    /// Parses XML without DTDs, entity substitution or network.
    static func xml(_ bytes: [UInt8]) -> XMLTree? {
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                zb_xml_parse(chars.baseAddress, Int32(chars.count))
            }
        }
        return document.map(XMLTree.init(document:))
    }

    deinit { zb_xml_free_doc(document) }

    var root: XMLNode? { zb_xml_root(document).map(XMLNode.init) }
}

/// A node of an ``XMLTree``; valid only while the tree lives.
struct XMLNode: Hashable {
    let raw: OpaquePointer

    var isElement: Bool { zb_xml_node_type(raw) == Int32(ZB_XML_ELEMENT) }
    var isText: Bool {
        let type = zb_xml_node_type(raw)
        return type == Int32(ZB_XML_TEXT) || type == Int32(ZB_XML_CDATA)
    }
    /// Local name as libxml2 stores it (HTML names are lowercase).
    var name: String { String(cString: zb_xml_node_name(raw)) }
    var namespace: String? { zb_xml_node_ns(raw).map { String(cString: $0) } }
    var firstChild: XMLNode? { zb_xml_first_child(raw).map(XMLNode.init) }
    var next: XMLNode? { zb_xml_next(raw).map(XMLNode.init) }
    var parent: XMLNode? { zb_xml_parent(raw).map(XMLNode.init) }
    var line: Int { Int(zb_xml_line(raw)) }

    /// Text of a text or CDATA node, as UTF-8 bytes.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let text = zb_xml_text(raw) else { return nil }
        let length = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: length) { body(UnsafeBufferPointer(start: $0, count: length)) }
    }

    func attribute(_ name: String) -> String? {
        guard let value = zb_xml_attr(raw, name) else { return nil }
        defer { zb_xml_free(value) }
        return String(cString: value)
    }

    func attribute(_ name: String, namespace: String) -> String? {
        guard let value = zb_xml_attr_ns(raw, name, namespace) else { return nil }
        defer { zb_xml_free(value) }
        return String(cString: value)
    }

    /// Element children.
    var elements: [XMLNode] {
        var result: [XMLNode] = []
        var child = firstChild
        while let node = child {
            if node.isElement { result.append(node) }
            child = node.next
        }
        return result
    }
}
