#ifndef WIREFEED_CLIBXML2_SHIM_H
#define WIREFEED_CLIBXML2_SHIM_H

#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/uri.h>
#include <libxml/xmlschemastypes.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses to touch.
static inline void wf_xmlFree(void *ptr) { xmlFree(ptr); }

/// The default loader that refuses the network (libxml2's own), callable from Swift.
static inline xmlParserInputPtr wf_noNetLoad(const char *URL, const char *ID, xmlParserCtxtPtr ctxt) {
    return xmlNoNetExternalEntityLoader(URL, ID, ctxt);
}

/// A parser input over a copy of bytes held in memory (a schema compiled into the
/// binary), named `URL` so that the schema's relative imports resolve against it.
static inline xmlParserInputPtr wf_staticInput(xmlParserCtxtPtr ctxt, const char *URL, const char *mem, int size) {
    xmlParserInputBufferPtr buffer = xmlParserInputBufferCreateMem(mem, size, XML_CHAR_ENCODING_NONE);
    if (buffer == NULL) return NULL;
    xmlParserInputPtr input = xmlNewIOInputStream(ctxt, buffer, XML_CHAR_ENCODING_NONE);
    if (input == NULL) {
        xmlFreeParserInputBuffer(buffer);
        return NULL;
    }
    input->filename = (const char *) xmlStrdup((const xmlChar *) URL);
    return input;
}

/// A generic error handler that prints nothing (libxml2's default writes to stderr).
static void wf_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// Silences libxml2's generic error output for this thread and threads created later.
static inline void wf_silenceGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, wf_silent);
    xmlThrDefSetGenericErrorFunc(NULL, wf_silent);
}

#endif
