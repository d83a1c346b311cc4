/*
 * The floor for wirefeed's benchmarks: libxml2 driven from C, doing the same core work
 * with no Swift in the way.
 *
 *   floor write-rss    ARTICLES.jsonl OUT.xml   one RSS 2.0 item per article
 *   floor write-atom   ARTICLES.jsonl OUT.xml   one Atom 1.0 entry per article
 *   floor write-newsml ARTICLES.jsonl OUT.xml   a NewsML-G2 newsMessage: one text newsItem
 *                                               per article, then one picture newsItem per
 *                                               media object
 *   floor read FEED.xml                         every item/entry of an RSS or Atom feed read
 *                                               with xmlTextReader, its text collected
 *
 * The write modes write, with xmlTextWriter (indented by two spaces, as wirefeed does), the
 * same elements and attributes in the same order as wirefeed's writers for the benchmark
 * corpus (see shared/docs/article-model.md for the JSON field names). The channel / feed /
 * header parts are fixed strings matching the benchmark's feed.yaml. Only the article fields
 * the corpus uses are written (no keywords, dateline, urgency, embargo, ...).
 *
 * The JSON reading is deliberately minimal: one object per line, walked once; string values
 * are unescaped into a per-line arena, numbers are kept as their source text, unknown
 * members are skipped. Nested objects (authors, categories, media, rights) are read the
 * same way. No validation beyond what is needed not to run off the end of the line.
 */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------
 * Feed metadata (the benchmark's feed.yaml), written as fixed strings.
 * ------------------------------------------------------------------------------------- */
#define FEED_TITLE "Bench"
#define FEED_URL "https://bench.example.org/"
#define FEED_SELF "https://bench.example.org/feed.xml"
#define FEED_UPDATED_RFC3339 "2024-06-01T12:00:00Z"
#define FEED_UPDATED_RFC822 "Sat, 01 Jun 2024 12:00:00 +0000"
#define FEED_HOST "bench.example.org"
#define GENERATOR_VERSION "0.1.0"
#define MEDIATOPIC_SCHEME "http://cv.iptc.org/newscodes/mediatopic/"
#define G2_CATALOG "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml"

/* ---------------------------------------------------------------------------------------
 * The article model (only the fields the writers use). Every string points into the
 * per-line arena; NULL means the key was absent.
 * ------------------------------------------------------------------------------------- */
#define MAX_BODY 1024 /* paragraphs beyond these limits are ignored */
#define MAX_LIST 64   /* authors, categories, media */

typedef struct { const char *name, *role; } Person;
typedef struct { const char *term, *scheme, *label; } Category;
typedef struct {
    const char *url, *type, *length, *caption, *credit, *width, *height; /* numbers as text */
} Media;

typedef struct {
    const char *id, *version, *url, *title, *summary, *language, *source, *published, *updated;
    const char *rights_holder, *rights_notice;
    const char *body[MAX_BODY];
    int nbody;
    Person authors[MAX_LIST];
    int nauthors;
    Category categories[MAX_LIST];
    int ncategories;
    Media media[MAX_LIST];
    int nmedia;
} Article;

/* ---------------------------------------------------------------------------------------
 * Minimal JSON reading
 * ------------------------------------------------------------------------------------- */

/* Bump allocator for one line's decoded strings. It is at least as large as the line, and a
 * decoded string is never longer than its quoted source (the quotes leave room for the NUL),
 * so it cannot overflow. */
typedef struct { char *buf, *next; } Arena;

static const char *ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

static char *put_utf8(char *o, unsigned v) {
    if (v < 0x80) { *o++ = (char)v; }
    else if (v < 0x800) { *o++ = (char)(0xC0 | (v >> 6)); *o++ = (char)(0x80 | (v & 0x3F)); }
    else if (v < 0x10000) {
        *o++ = (char)(0xE0 | (v >> 12)); *o++ = (char)(0x80 | ((v >> 6) & 0x3F));
        *o++ = (char)(0x80 | (v & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (v >> 18)); *o++ = (char)(0x80 | ((v >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((v >> 6) & 0x3F)); *o++ = (char)(0x80 | (v & 0x3F));
    }
    return o;
}

static unsigned hex4(const char *p) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0xFFFD;
    }
    return v;
}

/* Unescapes the JSON string whose opening quote is at p into o; returns the position after
 * the closing quote, and sets *oend to the written end (not NUL-terminated). */
static const char *unescape(const char *p, char *o, char **oend) {
    p++; /* opening quote */
    for (;;) {
        /* copy the run up to the next quote or backslash */
        const char *q = p;
        while (*q && *q != '"' && *q != '\\') q++;
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        p = q;
        if (*p != '\\') break;
        char e = p[1];
        p += 2;
        switch (e) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'u': {
            if (strnlen(p, 4) < 4) { *oend = o; return p + strlen(p); }
            unsigned v = hex4(p);
            p += 4;
            if (v >= 0xD800 && v < 0xDC00 && p[0] == '\\' && p[1] == 'u' && strnlen(p, 6) == 6) {
                unsigned lo = hex4(p + 2);
                if (lo >= 0xDC00 && lo < 0xE000) { v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00); p += 6; }
            }
            if (v >= 0xD800 && v < 0xE000) v = 0xFFFD; /* lone surrogate */
            o = put_utf8(o, v);
            break;
        }
        case 0: p--; break; /* backslash at end of line */
        default: *o++ = e; /* \" \\ \/ */
        }
    }
    *oend = o;
    return *p ? p + 1 : p;
}

/* Reads a scalar at p into the arena: a string is unescaped, a number or literal is kept as
 * its text. Returns the position after it. */
static const char *scalar(const char *p, Arena *a, const char **out) {
    char *o = a->next, *end;
    if (*p == '"') {
        p = unescape(p, o, &end);
    } else {
        const char *q = p;
        while (*q && *q != ',' && *q != '}' && *q != ']' && *q != ' ' && *q != '\n' && *q != '\r') q++;
        memcpy(o, p, (size_t)(q - p));
        end = o + (q - p);
        p = q;
    }
    *end = 0;
    a->next = end + 1;
    *out = o;
    return p;
}

/* Skips any JSON value at p; returns the position after it. */
static const char *skip_value(const char *p) {
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++)
            if (*p == '\\' && p[1]) p++;
        return *p ? p + 1 : p;
    }
    if (*p == '{' || *p == '[') {
        int depth = 0;
        for (; *p; p++) {
            if (*p == '"') { p = skip_value(p) - 1; continue; }
            if (*p == '{' || *p == '[') depth++;
            else if ((*p == '}' || *p == ']') && --depth == 0) return p + 1;
        }
        return p;
    }
    while (*p && *p != ',' && *p != '}' && *p != ']') p++;
    return p;
}

/* Object members: call with *pp just after '{' (or after the previous member's value).
 * Reads the next key into key (truncated to cap) and leaves *pp at its value; returns 0 at
 * the closing '}' (consumed) or at the end of the line. */
static int next_member(const char **pp, char *key, size_t cap) {
    const char *p = ws(*pp);
    if (*p == ',') p = ws(p + 1);
    if (*p != '"') { *pp = *p ? p + 1 : p; return 0; }
    const char *q = p + 1;
    size_t n = 0;
    while (*q && *q != '"') { if (*q == '\\' && q[1]) q++; if (n + 1 < cap) key[n++] = *q; q++; }
    key[n] = 0;
    p = ws(*q ? q + 1 : q);
    if (*p == ':') p = ws(p + 1);
    *pp = p;
    return 1;
}

/* Array elements: call with *pp just after '[' (or after the previous element). Leaves *pp
 * at the next element; returns 0 at the closing ']' (consumed) or at the end of the line. */
static int next_element(const char **pp) {
    const char *p = ws(*pp);
    if (*p == ',') p = ws(p + 1);
    if (*p == ']' || *p == 0) { *pp = *p ? p + 1 : p; return 0; }
    *pp = p;
    return 1;
}

/* Opens an array or object value at p: returns the position after the bracket, or NULL
 * (with the value skipped into *after) when the value has another type. */
static const char *open_bracket(const char *p, char bracket, const char **after) {
    if (*p == bracket) return p + 1;
    *after = skip_value(p);
    return NULL;
}

static const char *parse_person(const char *p, Arena *a, Person *r) {
    const char *in = open_bracket(p, '{', &p);
    if (!in) return p;
    char key[32];
    while (next_member(&in, key, sizeof key)) {
        if (!strcmp(key, "name")) in = scalar(in, a, &r->name);
        else if (!strcmp(key, "role")) in = scalar(in, a, &r->role);
        else in = skip_value(in);
    }
    return in;
}

static const char *parse_category(const char *p, Arena *a, Category *r) {
    const char *in = open_bracket(p, '{', &p);
    if (!in) return p;
    char key[32];
    while (next_member(&in, key, sizeof key)) {
        if (!strcmp(key, "term")) in = scalar(in, a, &r->term);
        else if (!strcmp(key, "scheme")) in = scalar(in, a, &r->scheme);
        else if (!strcmp(key, "label")) in = scalar(in, a, &r->label);
        else in = skip_value(in);
    }
    return in;
}

static const char *parse_media(const char *p, Arena *a, Media *r) {
    const char *in = open_bracket(p, '{', &p);
    if (!in) return p;
    char key[32];
    while (next_member(&in, key, sizeof key)) {
        if (!strcmp(key, "url")) in = scalar(in, a, &r->url);
        else if (!strcmp(key, "type")) in = scalar(in, a, &r->type);
        else if (!strcmp(key, "length")) in = scalar(in, a, &r->length);
        else if (!strcmp(key, "caption")) in = scalar(in, a, &r->caption);
        else if (!strcmp(key, "credit")) in = scalar(in, a, &r->credit);
        else if (!strcmp(key, "width")) in = scalar(in, a, &r->width);
        else if (!strcmp(key, "height")) in = scalar(in, a, &r->height);
        else in = skip_value(in);
    }
    return in;
}

static const char *parse_rights(const char *p, Arena *a, Article *r) {
    const char *in = open_bracket(p, '{', &p);
    if (!in) return p;
    char key[32];
    while (next_member(&in, key, sizeof key)) {
        if (!strcmp(key, "holder")) in = scalar(in, a, &r->rights_holder);
        else if (!strcmp(key, "notice")) in = scalar(in, a, &r->rights_notice);
        else in = skip_value(in);
    }
    return in;
}

/* Parses one JSON Lines article. Returns 0 when the line holds no object. */
static int parse_article(const char *line, Arena *a, Article *r) {
    memset(r, 0, sizeof *r);
    a->next = a->buf;
    const char *p = ws(line);
    if (*p != '{') return 0;
    p++;
    char key[32];
    while (next_member(&p, key, sizeof key)) {
        const char *in;
        if (!strcmp(key, "id")) p = scalar(p, a, &r->id);
        else if (!strcmp(key, "version")) p = scalar(p, a, &r->version);
        else if (!strcmp(key, "url")) p = scalar(p, a, &r->url);
        else if (!strcmp(key, "title")) p = scalar(p, a, &r->title);
        else if (!strcmp(key, "summary")) p = scalar(p, a, &r->summary);
        else if (!strcmp(key, "language")) p = scalar(p, a, &r->language);
        else if (!strcmp(key, "source")) p = scalar(p, a, &r->source);
        else if (!strcmp(key, "published")) p = scalar(p, a, &r->published);
        else if (!strcmp(key, "updated")) p = scalar(p, a, &r->updated);
        else if (!strcmp(key, "rights")) p = parse_rights(p, a, r);
        else if (!strcmp(key, "body") && (in = open_bracket(p, '[', &p))) {
            const char *s;
            while (next_element(&in)) {
                in = scalar(in, a, &s);
                if (r->nbody < MAX_BODY) r->body[r->nbody++] = s;
            }
            p = in;
        } else if (!strcmp(key, "authors") && (in = open_bracket(p, '[', &p))) {
            Person dummy;
            while (next_element(&in)) {
                memset(&dummy, 0, sizeof dummy);
                in = parse_person(in, a, r->nauthors < MAX_LIST ? &r->authors[r->nauthors++] : &dummy);
            }
            p = in;
        } else if (!strcmp(key, "categories") && (in = open_bracket(p, '[', &p))) {
            Category dummy;
            while (next_element(&in)) {
                memset(&dummy, 0, sizeof dummy);
                in = parse_category(in, a, r->ncategories < MAX_LIST ? &r->categories[r->ncategories++] : &dummy);
            }
            p = in;
        } else if (!strcmp(key, "media") && (in = open_bracket(p, '[', &p))) {
            Media dummy;
            while (next_element(&in)) {
                memset(&dummy, 0, sizeof dummy);
                in = parse_media(in, a, r->nmedia < MAX_LIST ? &r->media[r->nmedia++] : &dummy);
            }
            p = in;
        } else if (strcmp(key, "body") && strcmp(key, "authors") && strcmp(key, "categories") && strcmp(key, "media")) {
            p = skip_value(p);
        } /* else: a list key whose value was not an array, already skipped by open_bracket() */
    }
    return 1;
}

/* ---------------------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------------------- */

/* A growable byte buffer, for the escaped HTML that RSS carries in description and
 * content:encoded. */
typedef struct { char *s; size_t n, cap; } Buf;

static void buf_reserve(Buf *b, size_t extra) {
    if (b->n + extra + 1 <= b->cap) return;
    while (b->n + extra + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 4096;
    b->s = realloc(b->s, b->cap);
    if (!b->s) { perror("realloc"); exit(1); }
}

static void buf_append(Buf *b, const char *s, size_t len) {
    buf_reserve(b, len);
    memcpy(b->s + b->n, s, len);
    b->n += len;
    b->s[b->n] = 0;
}

/* Appends s with &, < and > escaped as HTML (as wirefeed's HTML for RSS does; the XML writer
 * then escapes the result once more). */
static void buf_append_html(Buf *b, const char *s) {
    size_t len = strlen(s);
    buf_reserve(b, len * 5); /* worst case: every byte becomes "&amp;" */
    char *o = b->s + b->n;
    for (; *s; s++) {
        switch (*s) {
        case '&': memcpy(o, "&amp;", 5); o += 5; break;
        case '<': memcpy(o, "&lt;", 4); o += 4; break;
        case '>': memcpy(o, "&gt;", 4); o += 4; break;
        default: *o++ = *s;
        }
    }
    b->n = (size_t)(o - b->s);
    b->s[b->n] = 0;
}

/* Element and attribute shorthands; a NULL value writes nothing. */
static void start(xmlTextWriterPtr w, const char *name) { xmlTextWriterStartElement(w, BAD_CAST name); }
static void end(xmlTextWriterPtr w) { xmlTextWriterEndElement(w); }
static void attr(xmlTextWriterPtr w, const char *name, const char *value) {
    if (value) xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}
static void element(xmlTextWriterPtr w, const char *name, const char *text) {
    if (text) xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text);
}
/* <name attrName="attrValue">text</name> */
static void element_attr(xmlTextWriterPtr w, const char *name, const char *an, const char *av, const char *text) {
    if (!text) return;
    start(w, name);
    attr(w, an, av);
    xmlTextWriterWriteString(w, BAD_CAST text);
    end(w);
}
/* <name><name>text</name></name>, as NewsML's provider / creator / infoSource use. */
static void named(xmlTextWriterPtr w, const char *name, const char *an, const char *av, const char *text) {
    start(w, name);
    attr(w, an, av);
    element(w, "name", text);
    end(w);
}

static int is_author(const Person *p) { return !p->role || !strcmp(p->role, "author"); }

/* RFC 3339 ("2023-11-15T05:13:20+07:00", "2023-11-14T22:23:20Z", fractions ignored) to
 * RFC 822 ("Wed, 15 Nov 2023 05:13:20 +0700"), the weekday from Sakamoto's formula. Returns
 * 0 (and writes nothing) when s does not look like RFC 3339. */
static int rfc822(const char *s, char out[32]) {
    int y, m, d, H, M, S, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &m, &d, &H, &M, &S, &n) != 6 || m < 1 || m > 12) return 0;
    const char *z = s + n;
    if (*z == '.') { z++; while (*z >= '0' && *z <= '9') z++; }
    char zone[6] = "+0000";
    if ((*z == '+' || *z == '-') && strlen(z) >= 6) { zone[0] = z[0]; memcpy(zone + 1, z + 1, 2); memcpy(zone + 3, z + 4, 2); }
    static const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int yy = m < 3 ? y - 1 : y;
    int wd = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
    snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d %s", days[wd], d, months[m - 1], y, H, M, S, zone);
    return 1;
}

/* ---------------------------------------------------------------------------------------
 * RSS 2.0
 * ------------------------------------------------------------------------------------- */

static void rss_begin(xmlTextWriterPtr w) {
    start(w, "rss");
    attr(w, "version", "2.0");
    attr(w, "xmlns:atom", "http://www.w3.org/2005/Atom");
    attr(w, "xmlns:content", "http://purl.org/rss/1.0/modules/content/");
    attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    attr(w, "xmlns:media", "http://search.yahoo.com/mrss/");
    start(w, "channel");
    element(w, "title", FEED_TITLE);
    element(w, "link", FEED_URL);
    element(w, "description", FEED_TITLE);
    element(w, "lastBuildDate", FEED_UPDATED_RFC822);
    element(w, "generator", "wirefeed " GENERATOR_VERSION);
    start(w, "atom:link");
    attr(w, "href", FEED_SELF);
    attr(w, "rel", "self");
    attr(w, "type", "application/rss+xml");
    end(w);
}

/* Media RSS's media:content for one medium, as wirefeed writes it (the corpus's media are
 * pictures with a type: the medium is "image", the credit names a photographer); Atom
 * declares the namespace on the element. */
static void media_content(xmlTextWriterPtr w, const Media *m, int declare) {
    start(w, "media:content");
    if (declare) attr(w, "xmlns:media", "http://search.yahoo.com/mrss/");
    attr(w, "url", m->url);
    attr(w, "type", m->type);
    if (m->type && !strncmp(m->type, "image/", 6)) attr(w, "medium", "image");
    attr(w, "fileSize", m->length);
    attr(w, "width", m->width);
    attr(w, "height", m->height);
    element(w, "media:description", m->caption);
    if (m->credit) {
        start(w, "media:credit");
        attr(w, "role", "photographer");
        attr(w, "scheme", "urn:ebu");
        xmlTextWriterWriteString(w, BAD_CAST m->credit);
        end(w);
    }
    end(w);
}

/* An RSS title is plain text that readers decode HTML in: wirefeed writes its `&` and `<` as
 * `&#x26;` and `&#x3C;`, which no reader takes for markup. */
static void rss_title(xmlTextWriterPtr w, const char *text, Buf *scratch) {
    if (!text) return;
    if (!strpbrk(text, "&<")) {
        element(w, "title", text);
        return;
    }
    scratch->n = 0;
    for (const char *c = text; *c; c++) {
        switch (*c) {
        case '&': buf_append(scratch, "&#x26;", 6); break;
        case '<': buf_append(scratch, "&#x3C;", 6); break;
        case '>': buf_append(scratch, "&gt;", 4); break;
        case '"': buf_append(scratch, "&quot;", 6); break;
        case '\r': buf_append(scratch, "&#13;", 5); break;
        default: buf_append(scratch, c, 1);
        }
    }
    start(w, "title");
    xmlTextWriterWriteRaw(w, BAD_CAST scratch->s);
    end(w);
}

static void rss_item(xmlTextWriterPtr w, const Article *r, Buf *html) {
    start(w, "item");
    rss_title(w, r->title, html);
    element(w, "link", r->url);
    if (r->summary) {
        html->n = 0;
        buf_append(html, "<p>", 3);
        buf_append_html(html, r->summary);
        buf_append(html, "</p>", 4);
        element(w, "description", html->s);
    }
    for (int i = 0; i < r->ncategories; i++)
        element_attr(w, "category", "domain", r->categories[i].scheme, r->categories[i].term);
    if (r->nmedia > 0) { /* RSS allows one enclosure: the first media object */
        const Media *m = &r->media[0];
        start(w, "enclosure");
        attr(w, "url", m->url);
        attr(w, "length", m->length ? m->length : "0");
        attr(w, "type", m->type);
        end(w);
    }
    if (r->id) /* isPermaLink="true" only when the id is the article's url */
        element_attr(w, "guid", "isPermaLink", r->url && !strcmp(r->id, r->url) ? "true" : "false", r->id);
    char date[32];
    if (r->published && rfc822(r->published, date)) element(w, "pubDate", date);
    if (r->nbody > 0) { /* paragraphs as <p> HTML, one per line */
        html->n = 0;
        for (int i = 0; i < r->nbody; i++) {
            if (i) buf_append(html, "\n", 1);
            buf_append(html, "<p>", 3);
            buf_append_html(html, r->body[i]);
            buf_append(html, "</p>", 4);
        }
        element(w, "content:encoded", html->s);
    }
    /* Authors are creators; editors, photographers and contributors are dc:contributor. */
    for (int i = 0; i < r->nauthors; i++)
        if (is_author(&r->authors[i])) element(w, "dc:creator", r->authors[i].name);
    for (int i = 0; i < r->nauthors; i++)
        if (!is_author(&r->authors[i])) element(w, "dc:contributor", r->authors[i].name);
    element(w, "dc:source", r->source);
    element(w, "dc:rights", r->rights_notice);
    element(w, "dc:language", r->language);
    for (int i = 0; i < r->nmedia; i++) media_content(w, &r->media[i], 0);
    end(w); /* item */
}

/* ---------------------------------------------------------------------------------------
 * Atom 1.0
 * ------------------------------------------------------------------------------------- */

static void atom_begin(xmlTextWriterPtr w) {
    start(w, "feed");
    attr(w, "xmlns", "http://www.w3.org/2005/Atom");
    attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    element(w, "id", FEED_URL);
    element_attr(w, "title", "type", "text", FEED_TITLE);
    element(w, "updated", FEED_UPDATED_RFC3339);
    start(w, "link"); attr(w, "rel", "alternate"); attr(w, "type", "text/html"); attr(w, "href", FEED_URL); end(w);
    start(w, "link"); attr(w, "rel", "self"); attr(w, "type", "application/atom+xml"); attr(w, "href", FEED_SELF); end(w);
    named(w, "author", NULL, NULL, FEED_TITLE);
    start(w, "generator");
    attr(w, "uri", "https://github.com/wirefeed/wirefeed");
    attr(w, "version", GENERATOR_VERSION);
    xmlTextWriterWriteString(w, BAD_CAST "wirefeed");
    end(w);
}

static void atom_entry(xmlTextWriterPtr w, const Article *r) {
    start(w, "entry");
    attr(w, "xml:lang", r->language);
    element(w, "id", r->id);
    element_attr(w, "title", "type", "text", r->title);
    element(w, "updated", r->updated ? r->updated : r->published);
    element(w, "published", r->published);
    for (int i = 0; i < r->nauthors; i++) /* role author first, then the others as contributors */
        if (is_author(&r->authors[i])) named(w, "author", NULL, NULL, r->authors[i].name);
    for (int i = 0; i < r->nauthors; i++)
        if (!is_author(&r->authors[i])) named(w, "contributor", NULL, NULL, r->authors[i].name);
    for (int i = 0; i < r->ncategories; i++) {
        start(w, "category");
        attr(w, "term", r->categories[i].term);
        attr(w, "scheme", r->categories[i].scheme);
        attr(w, "label", r->categories[i].label);
        end(w);
    }
    if (r->url) {
        start(w, "link"); attr(w, "rel", "alternate"); attr(w, "type", "text/html"); attr(w, "href", r->url); end(w);
    }
    for (int i = 0; i < r->nmedia; i++) {
        const Media *m = &r->media[i];
        start(w, "link");
        attr(w, "rel", "enclosure");
        attr(w, "href", m->url);
        attr(w, "type", m->type);
        attr(w, "length", m->length);
        attr(w, "title", m->caption);
        end(w);
    }
    for (int i = 0; i < r->nmedia; i++) media_content(w, &r->media[i], 1);
    element_attr(w, "summary", "type", "text", r->summary);
    if (r->nbody > 0) {
        start(w, "content");
        attr(w, "type", "xhtml");
        start(w, "div");
        attr(w, "xmlns", "http://www.w3.org/1999/xhtml");
        for (int i = 0; i < r->nbody; i++) element(w, "p", r->body[i]);
        end(w);
        end(w);
    }
    element_attr(w, "rights", "type", "text", r->rights_notice);
    element(w, "dc:source", r->source);
    end(w); /* entry */
}

/* ---------------------------------------------------------------------------------------
 * NewsML-G2
 * ------------------------------------------------------------------------------------- */

/* Stand-in for the guid of a picture newsItem. wirefeed derives a name-based UUID v5 (SHA-1)
 * from the article's identity; the floor formats two FNV-1a hashes of the picture's url as a
 * UUID of the same shape and length ("urn:uuid:" + 36 characters). */
static void picture_guid(const char *url, char out[48]) {
    uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
    for (const unsigned char *s = (const unsigned char *)(url ? url : ""); *s; s++) {
        h1 = (h1 ^ *s) * 0x100000001b3ULL;
        h2 = (h2 ^ *s) * 0x100000001b3ULL;
    }
    snprintf(out, 48, "urn:uuid:%08x-%04x-5%03x-%04x-%012llx", (unsigned)(h1 >> 32), (unsigned)(h1 >> 16) & 0xFFFF,
             (unsigned)h1 & 0xFFF, 0x8000 | ((unsigned)(h2 >> 48) & 0x3FFF), (unsigned long long)(h2 & 0xFFFFFFFFFFFFULL));
}

static void newsml_begin(xmlTextWriterPtr w) {
    start(w, "newsMessage");
    attr(w, "xmlns", "http://iptc.org/std/nar/2006-10-01/");
    start(w, "header");
    element(w, "sent", FEED_UPDATED_RFC3339);
    start(w, "catalogRef"); attr(w, "href", G2_CATALOG); end(w);
    element(w, "sender", FEED_HOST);
    end(w);
    start(w, "itemSet");
}

/* The opening of every newsItem, text or picture, down to and including catalogRef. */
static void newsml_item_start(xmlTextWriterPtr w, const char *guid, const Article *r) {
    start(w, "newsItem");
    attr(w, "guid", guid);
    attr(w, "version", r->version ? r->version : "1");
    attr(w, "standard", "NewsML-G2");
    attr(w, "standardversion", "2.35");
    attr(w, "conformance", "power");
    attr(w, "xml:lang", r->language);
    start(w, "catalogRef"); attr(w, "href", G2_CATALOG); end(w);
}

/* itemMeta up to (not including) its links: class, provider, dates. */
static void newsml_item_meta(xmlTextWriterPtr w, const char *itemClass, const Article *r) {
    start(w, "itemMeta");
    start(w, "itemClass"); attr(w, "qcode", itemClass); end(w);
    named(w, "provider", "uri", FEED_URL, FEED_TITLE);
    element(w, "versionCreated", r->updated ? r->updated : r->published);
    element(w, "firstCreated", r->published);
}

static void newsml_items(xmlTextWriterPtr w, const Article *r) {
    char guids[MAX_LIST][48];
    for (int i = 0; i < r->nmedia; i++) picture_guid(r->media[i].url, guids[i]);

    /* the text item */
    newsml_item_start(w, r->id, r);
    if (r->rights_holder || r->rights_notice) {
        start(w, "rightsInfo");
        if (r->rights_holder) named(w, "copyrightHolder", NULL, NULL, r->rights_holder);
        element(w, "copyrightNotice", r->rights_notice);
        end(w);
    }
    newsml_item_meta(w, "ninat:text", r);
    if (r->url) {
        start(w, "link"); attr(w, "rel", "irel:seeAlso"); attr(w, "contenttype", "text/html"); attr(w, "href", r->url); end(w);
    }
    for (int i = 0; i < r->nmedia; i++) {
        start(w, "link");
        attr(w, "rel", "irel:associatedWith");
        attr(w, "residref", guids[i]);
        attr(w, "contenttype", "application/vnd.iptc.g2.newsitem+xml");
        end(w);
    }
    end(w); /* itemMeta */
    start(w, "contentMeta");
    element(w, "contentCreated", r->published);
    if (r->source) named(w, "infoSource", NULL, NULL, r->source);
    for (int i = 0; i < r->nauthors; i++)
        if (is_author(&r->authors[i])) named(w, "creator", NULL, NULL, r->authors[i].name);
    for (int i = 0; i < r->nauthors; i++) {
        if (is_author(&r->authors[i])) continue;
        char roleuri[128];
        snprintf(roleuri, sizeof roleuri, "https://wirefeed.dev/cv/role/%s", r->authors[i].role);
        named(w, "contributor", "roleuri", roleuri, r->authors[i].name);
    }
    if (r->language) { start(w, "language"); attr(w, "tag", r->language); end(w); }
    for (int i = 0; i < r->ncategories; i++) {
        const Category *c = &r->categories[i];
        char qcode[256]; /* Media Topics as medtop:TERM; other schemes: the bare term (not in the corpus) */
        snprintf(qcode, sizeof qcode, "%s%s", c->scheme && !strcmp(c->scheme, MEDIATOPIC_SCHEME) ? "medtop:" : "",
                 c->term ? c->term : "");
        start(w, "subject");
        attr(w, "qcode", qcode);
        element(w, "name", c->label);
        end(w);
    }
    element(w, "headline", r->title);
    element(w, "creditline", r->source);
    element_attr(w, "description", "role", "drol:summary", r->summary);
    end(w); /* contentMeta */
    start(w, "contentSet");
    start(w, "inlineXML");
    attr(w, "contenttype", "application/xhtml+xml");
    start(w, "html");
    attr(w, "xmlns", "http://www.w3.org/1999/xhtml");
    start(w, "head");
    element(w, "title", r->title);
    end(w);
    start(w, "body");
    for (int i = 0; i < r->nbody; i++) element(w, "p", r->body[i]);
    end(w); /* body */
    end(w); /* html */
    end(w); /* inlineXML */
    end(w); /* contentSet */
    end(w); /* newsItem */

    /* one picture item per media object */
    for (int i = 0; i < r->nmedia; i++) {
        const Media *m = &r->media[i];
        newsml_item_start(w, guids[i], r);
        if (r->rights_notice) {
            start(w, "rightsInfo");
            element(w, "copyrightNotice", r->rights_notice);
            end(w);
        }
        newsml_item_meta(w, "ninat:picture", r);
        end(w); /* itemMeta */
        start(w, "contentMeta");
        if (r->language) { start(w, "language"); attr(w, "tag", r->language); end(w); }
        element(w, "headline", m->caption);
        element(w, "creditline", m->credit);
        element_attr(w, "description", "role", "drol:caption", m->caption);
        end(w); /* contentMeta */
        start(w, "contentSet");
        start(w, "remoteContent");
        attr(w, "href", m->url);
        attr(w, "contenttype", m->type);
        attr(w, "width", m->width);
        attr(w, "height", m->height);
        attr(w, "size", m->length);
        end(w);
        end(w); /* contentSet */
        end(w); /* newsItem */
    }
}

/* ---------------------------------------------------------------------------------------
 * The write modes: one pass over the JSON Lines, one item (or items) per article.
 * ------------------------------------------------------------------------------------- */

typedef enum { RSS, ATOM, NEWSML } Format;

static int write_feed(Format format, const char *in, const char *outPath) {
    FILE *f = fopen(in, "r");
    if (!f) { perror(in); return 1; }
    xmlTextWriterPtr w = xmlNewTextWriterFilename(outPath, 0);
    if (!w) { fprintf(stderr, "floor: cannot write %s\n", outPath); fclose(f); return 1; }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    switch (format) {
    case RSS: rss_begin(w); break;
    case ATOM: atom_begin(w); break;
    case NEWSML: newsml_begin(w); break;
    }

    Article *article = malloc(sizeof *article);
    Arena arena = {NULL, NULL};
    size_t arenaCap = 0;
    Buf html = {NULL, 0, 0};
    char *line = NULL;
    size_t lineCap = 0;
    ssize_t len;
    long items = 0;
    while ((len = getline(&line, &lineCap, f)) > 0) {
        if ((size_t)len + 1 > arenaCap) { /* the arena is never smaller than the line */
            arenaCap = (size_t)len + 1;
            free(arena.buf);
            arena.buf = malloc(arenaCap);
            if (!arena.buf) { perror("malloc"); return 1; }
        }
        if (!parse_article(line, &arena, article)) continue;
        switch (format) {
        case RSS: rss_item(w, article, &html); break;
        case ATOM: atom_entry(w, article); break;
        case NEWSML: newsml_items(w, article); break;
        }
        items++;
    }
    xmlTextWriterEndDocument(w); /* closes every open element */
    int failed = xmlTextWriterFlush(w) < 0;
    xmlFreeTextWriter(w);
    fclose(f);
    free(line);
    free(arena.buf);
    free(html.s);
    free(article);
    static const char *names[] = {"write-rss", "write-atom", "write-newsml"};
    fprintf(stderr, "floor %s: %ld articles\n", names[format], items);
    return failed;
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
    if (argc >= 4 && strcmp(argv[1], "write-rss") == 0) return write_feed(RSS, argv[2], argv[3]);
    if (argc >= 4 && strcmp(argv[1], "write-atom") == 0) return write_feed(ATOM, argv[2], argv[3]);
    if (argc >= 4 && strcmp(argv[1], "write-newsml") == 0) return write_feed(NEWSML, argv[2], argv[3]);
    if (argc >= 3 && strcmp(argv[1], "read") == 0) return read_feed(argv[2]);
    fprintf(stderr, "usage: floor write-rss|write-atom|write-newsml IN.jsonl OUT.xml | floor read FEED.xml\n");
    return 2;
}
