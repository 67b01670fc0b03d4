// Zhibiao's narrow window onto libxml2: parse, walk, free. No libxml2 header is included here
// (libxml2's headers pull in ICU's, which clash with Foundation's copy); nodes are opaque.
#ifndef CZHIBIAO_XML_H
#define CZHIBIAO_XML_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct zb_xml_doc zb_xml_doc;
typedef struct zb_xml_node zb_xml_node;

/// Node types (libxml2's xmlElementType values, pinned in XMLShim.c).
enum {
    ZB_XML_ELEMENT = 1,
    ZB_XML_TEXT = 3,
    ZB_XML_CDATA = 4,
    ZB_XML_ENTITY_REF = 5,
    ZB_XML_COMMENT = 8,
};

/// Parses an HTML page in recover mode, never touching the network. `encoding` must name the
/// encoding of `buffer` ("UTF-8"): callers transcode first. Returns NULL when nothing parsed.
zb_xml_doc *zb_html_parse(const char *buffer, int32_t length, const char *encoding);

/// Parses an XML part (e.g. word/document.xml) without loading DTDs, substituting entities or
/// touching the network: external entities are never resolved. Returns NULL on a fatal error.
zb_xml_doc *zb_xml_parse(const char *buffer, int32_t length);

void zb_xml_free_doc(zb_xml_doc *doc);

zb_xml_node *zb_xml_root(const zb_xml_doc *doc);
int32_t zb_xml_node_type(const zb_xml_node *node);
/// Local name (UTF-8, owned by the document), or "" for nameless nodes.
const char *zb_xml_node_name(const zb_xml_node *node);
/// Namespace URI of an element (owned by the document), or NULL.
const char *zb_xml_node_ns(const zb_xml_node *node);
zb_xml_node *zb_xml_first_child(const zb_xml_node *node);
zb_xml_node *zb_xml_next(const zb_xml_node *node);
zb_xml_node *zb_xml_parent(const zb_xml_node *node);
/// Text of a text or CDATA node (UTF-8, owned by the document), or NULL.
const char *zb_xml_text(const zb_xml_node *node);
/// An attribute's value (no namespace or any namespace), to release with zb_xml_free; or NULL.
char *zb_xml_attr(const zb_xml_node *node, const char *name);
/// An attribute's value in a namespace, to release with zb_xml_free; or NULL.
char *zb_xml_attr_ns(const zb_xml_node *node, const char *name, const char *ns);
void zb_xml_free(void *pointer);
/// Source line of a node, or 0.
int32_t zb_xml_line(const zb_xml_node *node);

#ifdef __cplusplus
}
#endif

#endif
