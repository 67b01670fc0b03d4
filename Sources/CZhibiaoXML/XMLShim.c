// libxml2 headers are included here only; see include/CZhibiaoXML.h.
#include "CZhibiaoXML.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stddef.h>

_Static_assert(XML_ELEMENT_NODE == ZB_XML_ELEMENT, "abi");
_Static_assert(XML_TEXT_NODE == ZB_XML_TEXT, "abi");
_Static_assert(XML_CDATA_SECTION_NODE == ZB_XML_CDATA, "abi");
_Static_assert(XML_ENTITY_REF_NODE == ZB_XML_ENTITY_REF, "abi");
_Static_assert(XML_COMMENT_NODE == ZB_XML_COMMENT, "abi");

static void silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void silent_structured(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }

/// Refuses every external entity, DTD or XInclude: documents are read, never followed.
static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void init_once(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external);
}

/// libxml2's error handlers are per thread: silence them before every parse.
static void prepare(void) {
    pthread_once(&once, init_once);
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

zb_xml_doc *zb_html_parse(const char *buffer, int32_t length, const char *encoding) {
    prepare();
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
        | HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    return (zb_xml_doc *)htmlReadMemory(buffer, length, NULL, encoding, options);
}

zb_xml_doc *zb_xml_parse(const char *buffer, int32_t length) {
    prepare();
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
    return (zb_xml_doc *)xmlReadMemory(buffer, length, NULL, "UTF-8", options);
}

void zb_xml_free_doc(zb_xml_doc *doc) {
    if (doc != NULL) xmlFreeDoc((xmlDocPtr)doc);
}

zb_xml_node *zb_xml_root(const zb_xml_doc *doc) {
    return (zb_xml_node *)xmlDocGetRootElement((const xmlDoc *)doc);
}

int32_t zb_xml_node_type(const zb_xml_node *node) { return ((const xmlNode *)node)->type; }

const char *zb_xml_node_name(const zb_xml_node *node) {
    const xmlChar *name = ((const xmlNode *)node)->name;
    return name != NULL ? (const char *)name : "";
}

const char *zb_xml_node_ns(const zb_xml_node *node) {
    const xmlNode *n = (const xmlNode *)node;
    return (n->type == XML_ELEMENT_NODE && n->ns != NULL) ? (const char *)n->ns->href : NULL;
}

zb_xml_node *zb_xml_first_child(const zb_xml_node *node) {
    const xmlNode *n = (const xmlNode *)node;
    // Entity references keep their (unexpanded) children elsewhere: never walk into them.
    if (n->type == XML_ENTITY_REF_NODE) return NULL;
    return (zb_xml_node *)n->children;
}

zb_xml_node *zb_xml_next(const zb_xml_node *node) { return (zb_xml_node *)((const xmlNode *)node)->next; }

zb_xml_node *zb_xml_parent(const zb_xml_node *node) { return (zb_xml_node *)((const xmlNode *)node)->parent; }

const char *zb_xml_text(const zb_xml_node *node) {
    const xmlNode *n = (const xmlNode *)node;
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) return NULL;
    return (const char *)n->content;
}

char *zb_xml_attr(const zb_xml_node *node, const char *name) {
    return (char *)xmlGetProp((const xmlNode *)node, (const xmlChar *)name);
}

char *zb_xml_attr_ns(const zb_xml_node *node, const char *name, const char *ns) {
    return (char *)xmlGetNsProp((const xmlNode *)node, (const xmlChar *)name, (const xmlChar *)ns);
}

void zb_xml_free(void *pointer) {
    if (pointer != NULL) xmlFree(pointer);
}

int32_t zb_xml_line(const zb_xml_node *node) { return (int32_t)xmlGetLineNo((const xmlNode *)node); }
