/*
 * The floor for wirefeed's benchmarks: libxml2 driven from C, doing the same core work
 * with no Swift in the way.
 *
 *   floor write-rss ARTICLES.jsonl OUT.xml   one RSS item per line (title, link, guid,
 *                                            description, content:encoded as <p> HTML,
 *                                            categories), written with xmlTextWriter
 *   floor read FEED.xml                      every item/entry of an RSS or Atom feed read
 *                                            with xmlTextReader, its text collected
 *
 * The JSON reading is deliberately minimal (string fields and the body array only).
 */
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies the JSON string starting at p (just after the opening quote) into out; returns the end. */
static const char *json_string(const char *p, char *out, size_t cap) {
    size_t n = 0;
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\') {
            char e = *p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'u': { unsigned v = 0; sscanf(p, "%4x", &v); p += 4;
                        if (v < 0x80) c = (char)v; else if (v < 0x800) { if (n + 2 < cap) { out[n++] = (char)(0xC0 | (v >> 6)); } c = (char)(0x80 | (v & 0x3F)); }
                        else { if (n + 3 < cap) { out[n++] = (char)(0xE0 | (v >> 12)); out[n++] = (char)(0x80 | ((v >> 6) & 0x3F)); } c = (char)(0x80 | (v & 0x3F)); }
                        break; }
            default: c = e;
            }
        }
        if (n + 1 < cap) out[n++] = c;
    }
    out[n] = 0;
    return *p ? p + 1 : p;
}

static int field(const char *line, const char *key, char *out, size_t cap) {
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *p = strstr(line, pat);
    if (!p) { out[0] = 0; return 0; }
    json_string(p + strlen(pat), out, cap);
    return 1;
}

static void html_escape_append(char *dst, size_t *n, size_t cap, const char *s) {
    for (; *s; s++) {
        const char *r = NULL;
        if (*s == '&') r = "&amp;"; else if (*s == '<') r = "&lt;"; else if (*s == '>') r = "&gt;";
        if (r) { size_t l = strlen(r); if (*n + l < cap) { memcpy(dst + *n, r, l); *n += l; } }
        else if (*n + 1 < cap) dst[(*n)++] = *s;
    }
    dst[*n] = 0;
}

static int write_rss(const char *in, const char *outPath) {
    FILE *f = fopen(in, "r");
    if (!f) return 1;
    xmlTextWriterPtr w = xmlNewTextWriterFilename(outPath, 0);
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElement(w, BAD_CAST "rss");
    xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "2.0");
    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:content", BAD_CAST "http://purl.org/rss/1.0/modules/content/");
    xmlTextWriterStartElement(w, BAD_CAST "channel");
    xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST "Bench");
    xmlTextWriterWriteElement(w, BAD_CAST "link", BAD_CAST "https://bench.example.org/");
    xmlTextWriterWriteElement(w, BAD_CAST "description", BAD_CAST "Bench");
    size_t cap = 1 << 22;
    char *line = malloc(cap), *buf = malloc(cap), *html = malloc(cap);
    long items = 0;
    while (fgets(line, (int)cap, f)) {
        xmlTextWriterStartElement(w, BAD_CAST "item");
        if (field(line, "title", buf, cap)) xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST buf);
        if (field(line, "url", buf, cap)) xmlTextWriterWriteElement(w, BAD_CAST "link", BAD_CAST buf);
        if (field(line, "summary", buf, cap)) {
            size_t n = 0; html[0] = 0;
            html_escape_append(html, &n, cap, "<p>"); n = 0; strcpy(html, "<p>"); n = 3;
            html_escape_append(html, &n, cap, buf); strcat(html, "</p>");
            xmlTextWriterWriteElement(w, BAD_CAST "description", BAD_CAST html);
        }
        if (field(line, "id", buf, cap)) {
            xmlTextWriterStartElement(w, BAD_CAST "guid");
            xmlTextWriterWriteAttribute(w, BAD_CAST "isPermaLink", BAD_CAST "false");
            xmlTextWriterWriteString(w, BAD_CAST buf);
            xmlTextWriterEndElement(w);
        }
        const char *body = strstr(line, "\"body\":[");
        if (body) {
            size_t n = 0; html[0] = 0;
            const char *p = body + 8;
            while (*p == '"') {
                p = json_string(p + 1, buf, cap);
                if (n) { html[n++] = '\n'; html[n] = 0; }
                strcpy(html + n, "<p>"); n += 3;
                html_escape_append(html, &n, cap, buf);
                strcpy(html + n, "</p>"); n += 4;
                if (*p == ',') p++;
            }
            xmlTextWriterWriteElement(w, BAD_CAST "content:encoded", BAD_CAST html);
        }
        xmlTextWriterEndElement(w);
        items++;
    }
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    fclose(f);
    fprintf(stderr, "floor write-rss: %ld items\n", items);
    return 0;
}

static int read_feed(const char *path) {
    xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    if (!r) return 1;
    long items = 0, chars = 0;
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            const xmlChar *name = xmlTextReaderConstLocalName(r);
            if (xmlStrEqual(name, BAD_CAST "item") || xmlStrEqual(name, BAD_CAST "entry")) items++;
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
            const xmlChar *v = xmlTextReaderConstValue(r);
            chars += xmlStrlen(v);
        }
    }
    xmlFreeTextReader(r);
    fprintf(stderr, "floor read: %ld items, %ld bytes of text\n", items, chars);
    return rc < 0;
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[1], "write-rss") == 0) return write_rss(argv[2], argv[3]);
    if (argc >= 3 && strcmp(argv[1], "read") == 0) return read_feed(argv[2]);
    fprintf(stderr, "usage: floor write-rss IN.jsonl OUT.xml | floor read FEED.xml\n");
    return 2;
}
