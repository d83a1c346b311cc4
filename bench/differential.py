"""Differential check: wirefeed's importer against Python feedparser (run by bench/differential).

Every RSS/Atom file given (files, or directories searched recursively for *.xml) is read twice:
by `wirefeed import FILE` (JSON article model, docs/article-model.md) and by feedparser. The two
readings are compared and every disagreement is printed as one line

    FILE: entry N: FIELD: wirefeed=... feedparser=...

followed by a summary table. It is a report, not a gate: the exit code is 0 whatever differs.

What is compared
  entries    number of articles / entries (file level).
  Entries are then paired by position (1-based N), up to the shorter list, and per pair:
  title      wirefeed `title` vs feedparser `title`.
  link       wirefeed `url` vs feedparser `link` (exact string after stripping white space).
  published  compared as instants, to the second (fractions dropped). Each side's date is its
             published date, else its updated date; feedparser's side prefers the same field as
             wirefeed's (so a wirefeed `updated` is compared with feedparser's updated_parsed
             first) and falls back to the other one. feedparser maps dc:date to `updated` and
             wirefeed to `published`, so without the fallback every dc:date would differ.
             feedparser's *_parsed values are UTC struct_times; wirefeed's are RFC 3339 with an
             offset. The printed value names the field it came from when it is not `published`.
  authors    set of author names. wirefeed: `authors` whose role is `author` (or unset);
             feedparser: `authors` list (else `author_detail`, else `author`), the name of each,
             or its e-mail when it has no name. Contributors / editors are left out on both sides.
  paragraphs wirefeed len(`body`) vs the paragraphs of feedparser's content[0].value, or of its
             summary when there is no content (see "Paragraph heuristic"). The second case is
             reported as field `paragraphs(summary)`: wirefeed keeps an RSS description or an Atom
             summary in `summary`, never in `body` (docs/article-model.md), so an item with a
             description and no content:encoded shows up there as wirefeed=0 by design.

Normalisation (both sides unless said): white space collapsed to single spaces and stripped.
feedparser titles of an HTML type (text/html, application/xhtml+xml; feedparser also turns an RSS
title that looks like HTML into text/html) have their tags stripped and are HTML-unescaped;
plain-text titles are already decoded by feedparser and are left alone (unescaping them again
would decode "&amp;" that the feed meant literally).

Paragraph heuristic (feedparser side)
  HTML content: the text is cut at every start or end tag of a block element (p, div, li, h1-h6,
  blockquote, pre, tr, plus the containers ul, ol, table and hr); each piece that has any
  non-space text is one paragraph. Nested blocks therefore do not count twice, loose text
  between blocks counts as a paragraph, and <br> is not a boundary. HTML without any block tag,
  and plain text, are split at blank lines instead (lines holding only white space).

Not compared
  NewsML-G2 files (root element newsItem or newsMessage, or wirefeed says format newsml-g2):
  feedparser does not read NewsML; they are skipped and counted.
  Files wirefeed refuses (exit code 1) are counted as "refused by wirefeed"; files where
  feedparser reports bozo and no entries (or raises) as "feedparser got nothing"; a file can be
  both. Any other wirefeed outcome (another exit code, a crash, a time-out, output that is not
  JSON) is counted as "wirefeed failed". One line per such file is printed (unless --summary).

Values in the report are cut to 80 characters; control characters are shown as \\xNN.

Usage: differential.py WIREFEED ROOT [--summary] [PATH ...]
  WIREFEED  the wirefeed binary; ROOT  the repository (paths are printed relative to it, and the
  default corpus is ROOT/fixtures/import).
"""

import calendar
import collections
import datetime
import html
import html.parser
import json
import os
import re
import signal
import subprocess
import sys

import feedparser

FIELDS = ["entries", "title", "link", "published", "authors", "paragraphs", "paragraphs(summary)"]
BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
              "ul", "ol", "table", "hr"}
NEWSML_ROOTS = {"newsItem", "newsMessage"}
WIREFEED_TIMEOUT = 60  # seconds per file
FEEDPARSER_TIMEOUT = 60
MAX_VALUE = 80


# ---------------------------------------------------------------- files


def find_files(paths):
    """The *.xml files under the given paths (files are taken as they are), sorted, no repeats."""
    found = []
    for path in paths:
        if os.path.isdir(path):
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames.sort()
                found += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".xml")]
        elif os.path.exists(path):
            found.append(path)
        else:
            print(f"differential: no such file or directory: {path}", file=sys.stderr)
    seen = set()
    return [f for f in found if not (os.path.realpath(f) in seen or seen.add(os.path.realpath(f)))]


def decode_head(data):
    """The start of a document as text, good enough to find its root element."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if head[:2] == b"<\x00":
        return head.decode("utf-16-le", "replace")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", "replace")
    return head.decode("latin-1")


def root_name(data):
    """Local name of the root element (prolog, comments, PIs and DOCTYPE skipped), or None."""
    text = decode_head(data)
    text = re.sub(r"<\?.*?\?>|<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", "", text, flags=re.S | re.I)
    m = re.search(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)", text)
    return m.group(2) if m else None


def display_path(path, root):
    """Path relative to the repository when it is inside it."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full, root)
    return path if rel.startswith("..") else rel


# ---------------------------------------------------------------- the two readers


def read_wirefeed(binary, path):
    """('ok', document) | ('refused', message) | ('failed', message)."""
    try:
        p = subprocess.run([binary, "import", path], capture_output=True, timeout=WIREFEED_TIMEOUT)
    except subprocess.TimeoutExpired:
        return "failed", f"timed out after {WIREFEED_TIMEOUT}s"
    err = p.stderr.decode("utf-8", "replace").strip().splitlines()
    errors = [line for line in err if "error:" in line] or err
    message = errors[0].removeprefix("wirefeed: ").replace(path + ":", "line ", 1) if errors else ""
    if p.returncode == 1:
        return "refused", message or "exit 1"
    if p.returncode != 0:
        return "failed", f"exit {p.returncode}" + (f": {message}" if message else "")
    try:
        return "ok", json.loads(p.stdout)
    except ValueError as e:
        return "failed", f"output is not JSON: {e}"


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def read_feedparser(data):
    """feedparser's result for the bytes of a feed (no URL, so nothing is fetched)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(FEEDPARSER_TIMEOUT)
    try:
        return feedparser.parse(data)
    finally:
        signal.alarm(0)


# ---------------------------------------------------------------- normalisation


class _TextExtractor(html.parser.HTMLParser):
    """Collects the text of an HTML fragment, cut into pieces at block-element boundaries."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = [""]
        self.blocks = 0

    def _cut(self, tag):
        if tag in BLOCK_TAGS:
            self.blocks += 1
            self.pieces.append("")

    def handle_starttag(self, tag, attrs):
        self._cut(tag)

    def handle_startendtag(self, tag, attrs):
        self._cut(tag)

    def handle_endtag(self, tag):
        self._cut(tag)

    def handle_data(self, data):
        self.pieces[-1] += data


def html_pieces(value):
    """(pieces of text between block boundaries, number of block tags seen)."""
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    return parser.pieces, parser.blocks


WHITE_SPACE = re.compile(r"[^\S\x1c-\x1f]+")  # Unicode white space, but not the C0 separators


def collapse(s):
    """White space collapsed to single spaces, stripped; None becomes ''."""
    return WHITE_SPACE.sub(" ", s or "").strip(" ")


def strip_tags(value):
    """Plain text of an HTML fragment (tags removed, entities decoded)."""
    pieces, _ = html_pieces(value)
    return html.unescape(" ".join(pieces))


def is_html_type(detail):
    ctype = (detail or {}).get("type", "") or ""
    return "html" in ctype


def blank_line_paragraphs(text):
    return len([p for p in re.split(r"\n[ \t\r\f\v]*\n", text) if p.strip()])


def count_paragraphs(value, html_type):
    """Paragraphs of a feedparser content/summary value (heuristic in the module docstring)."""
    if not value or not value.strip():
        return 0
    if html_type:
        pieces, blocks = html_pieces(value)
        if blocks:
            return len([p for p in pieces if p.strip()])
        return blank_line_paragraphs("".join(pieces))
    return blank_line_paragraphs(value)


def wirefeed_instant(value):
    """Seconds since the epoch of an RFC 3339 string, or None when it cannot be read."""
    if not value:
        return None
    try:
        dt = datetime.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
    return calendar.timegm(dt.utctimetuple())


def utc_text(seconds):
    try:
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return str(seconds)


# ---------------------------------------------------------------- per-field values


def titles(article, entry):
    wf = collapse(article.get("title"))
    fp = entry.get("title", "")
    if is_html_type(entry.get("title_detail")):
        fp = strip_tags(fp)
    return wf, collapse(fp)


def links(article, entry):
    return collapse(article.get("url")), collapse(entry.get("link"))


def dates(article, entry):
    """(equal?, wirefeed shown, feedparser shown)."""
    if article.get("published"):
        wf_field, wf_raw = "published", article["published"]
    elif article.get("updated"):
        wf_field, wf_raw = "updated", article["updated"]
    else:
        wf_field, wf_raw = "published", None
    other = "updated" if wf_field == "published" else "published"
    fp_field, fp_struct = None, None
    for field in (wf_field, other):
        if entry.get(field + "_parsed"):
            fp_field, fp_struct = field, entry[field + "_parsed"]
            break
    wf_sec = wirefeed_instant(wf_raw)
    fp_sec = calendar.timegm(fp_struct) if fp_struct else None

    def label(text, field):
        return text if field in (None, "published") else f"{text} ({field})"

    if wf_raw is None:
        wf_shown = "(none)"
    elif wf_sec is None:
        wf_shown = label(f"{wf_raw} (unreadable)", wf_field)
    else:
        wf_shown = wf_raw if wf_raw.endswith("Z") else f"{wf_raw} = {utc_text(wf_sec)}"
        wf_shown = label(wf_shown, wf_field)
    if fp_sec is not None:
        fp_shown = label(utc_text(fp_sec), fp_field)
    elif entry.get("published") or entry.get("updated"):
        fp_shown = f"(unreadable: {collapse(entry.get('published') or entry.get('updated'))})"
    else:
        fp_shown = "(none)"
    return wf_sec == fp_sec and (wf_raw is None) == (fp_struct is None), wf_shown, fp_shown


def authors(article, entry):
    wf = {collapse(p.get("name")) for p in article.get("authors", [])
          if p.get("role", "author") == "author"}
    people = entry.get("authors")
    if not people and entry.get("author_detail"):
        people = [entry["author_detail"]]
    if not people and entry.get("author"):
        people = [{"name": entry["author"]}]
    fp = {collapse(p.get("name") or p.get("email")) for p in people or []}
    wf.discard("")
    fp.discard("")
    return wf, fp


def paragraphs(article, entry):
    """(field name, wirefeed count, feedparser count); the field says where feedparser's came from."""
    wf = len(article.get("body", []))
    content = entry.get("content")
    if content:
        return "paragraphs", wf, count_paragraphs(content[0].get("value", ""), is_html_type(content[0]))
    fp = count_paragraphs(entry.get("summary", ""), is_html_type(entry.get("summary_detail")))
    return "paragraphs(summary)", wf, fp


def shown_set(names):
    return "{" + ", ".join(sorted(names)) + "}" if names else "(none)"


def compare_entry(article, entry):
    """[(field, wirefeed shown, feedparser shown)] for one pair of entries."""
    diffs = []
    wf, fp = titles(article, entry)
    if wf != fp:
        diffs.append(("title", wf or "(none)", fp or "(none)"))
    wf, fp = links(article, entry)
    if wf != fp:
        diffs.append(("link", wf or "(none)", fp or "(none)"))
    same, wf, fp = dates(article, entry)
    if not same:
        diffs.append(("published", wf, fp))
    wf, fp = authors(article, entry)
    if wf != fp:
        diffs.append(("authors", shown_set(wf), shown_set(fp)))
    field, wf, fp = paragraphs(article, entry)
    if wf != fp:
        diffs.append((field, str(wf), str(fp)))
    return diffs


# ---------------------------------------------------------------- report


def cut(value):
    """A value for the report: one line, control characters shown as \\xNN, at most 80 characters."""
    value = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", collapse(value))
    return value if len(value) <= MAX_VALUE else value[: MAX_VALUE - 1] + "…"


class Report:
    def __init__(self, summary_only):
        self.summary_only = summary_only
        self.counts = collections.Counter()
        self.per_field = collections.Counter()
        self.files_per_field = collections.Counter()

    def line(self, text):
        if not self.summary_only:
            print(text, flush=False)

    def check(self, binary, path, shown):
        """Reads one file both ways and prints its differences."""
        self.counts["files"] += 1
        with open(path, "rb") as f:
            data = f.read()
        if root_name(data) in NEWSML_ROOTS:
            self.counts["newsml"] += 1
            return
        status, doc = read_wirefeed(binary, path)
        if status == "ok" and doc.get("format", "").startswith("newsml"):
            self.counts["newsml"] += 1
            return
        try:
            fp = read_feedparser(data)
            fp_entries = list(fp.entries)
            bozo = fp.get("bozo", False)
            bozo_msg = str(fp.get("bozo_exception", ""))
        except Exception as e:  # feedparser itself crashed or timed out
            fp_entries, bozo, bozo_msg = [], True, f"feedparser raised {type(e).__name__}: {e}"
        fp_nothing = bozo and not fp_entries
        if status != "ok":
            self.counts["refused" if status == "refused" else "wf_failed"] += 1
            if fp_nothing:
                self.counts[status + "_and_fp_nothing"] += 1
            what = "refused by wirefeed" if status == "refused" else "wirefeed failed"
            self.line(f"{shown}: {what} ({cut(doc)}) (feedparser: {len(fp_entries)} entries"
                      f"{', bozo' if bozo else ''})")
            if fp_nothing:
                self.counts["fp_nothing"] += 1
            return
        articles = doc.get("articles", [])
        if fp_nothing:
            self.counts["fp_nothing"] += 1
            self.line(f"{shown}: feedparser got nothing: {cut(bozo_msg)} (wirefeed: {len(articles)} articles)")
            return
        self.counts["compared"] += 1
        diffs = []
        if len(articles) != len(fp_entries):
            diffs.append(("entries", None, str(len(articles)), str(len(fp_entries))))
        for n, (article, entry) in enumerate(zip(articles, fp_entries), 1):
            diffs += [(field, n, wf, fpv) for field, wf, fpv in compare_entry(article, entry)]
        if diffs:
            self.counts["differing"] += 1
        if any(d[0] != "paragraphs(summary)" for d in diffs):
            self.counts["differing_core"] += 1
        for field in {d[0] for d in diffs}:
            self.files_per_field[field] += 1
        for field, n, wf, fpv in diffs:
            self.per_field[field] += 1
            where = f"entry {n}: {field}" if n else field
            self.line(f"{shown}: {where}: wirefeed={cut(wf)} feedparser={cut(fpv)}")

    def summary(self, binary):
        c = self.counts
        rows = [
            ("files found", c["files"]),
            ("skipped: NewsML-G2 (feedparser cannot read it)", c["newsml"]),
            ("refused by wirefeed (exit 1)", c["refused"]),
            ("  of which feedparser got nothing too", c["refused_and_fp_nothing"]),
            ("wirefeed failed (other exit, crash, time-out)", c["wf_failed"]),
            ("feedparser got nothing (bozo, no entries)", c["fp_nothing"]),
            ("files compared", c["compared"]),
            ("files with any difference", c["differing"]),
            ("  not counting paragraphs(summary)", c["differing_core"]),
        ]
        width = max(len(r[0]) for r in rows)
        print()
        print(f"Summary (wirefeed: {binary}; feedparser {feedparser.__version__})")
        for label, value in rows:
            print(f"  {label:<{width}}  {value:>6}")
        print()
        print(f"  {'field':<20} {'differences':>11} {'files':>6}")
        for field in FIELDS:
            print(f"  {field:<20} {self.per_field[field]:>11} {self.files_per_field[field]:>6}")
        print(f"  {'total':<20} {sum(self.per_field.values()):>11} {c['differing']:>6}")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary, root, rest = argv[0], argv[1], argv[2:]
    summary_only = "--summary" in rest
    paths = [a for a in rest if a != "--summary"] or [os.path.join(root, "fixtures", "import")]
    report = Report(summary_only)
    for path in find_files(paths):
        shown = display_path(path, root)
        try:
            report.check(binary, path, shown)
        except Exception as e:  # one bad file must not end the report
            report.counts["errors"] += 1
            print(f"{shown}: differential: internal error: {type(e).__name__}: {e}", file=sys.stderr)
    report.summary(binary)
    if report.counts["errors"]:
        print(f"  ({report.counts['errors']} files hit an error in this script; see standard error)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
