"""Hypothesis strategies for every kind of file ``reader import`` reads: (file name, bytes).

Inputs are built from article-like words mixed with hostile pieces (escape sequences,
Rich markup, bidi controls, NULs, odd YAML), in shapes near the real formats so that the
readers get past their first check, and now and then cut short or given the wrong type.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from typing import Any

import orjson
from hypothesis import strategies as st

WORDS = [
    "the",
    "council",
    "river",
    "budget",
    "minister",
    "said",
    "on",
    "Tuesday",
    "a",
    "new",
    "railway",
    "harbour",
    "festival",
    "école",
    "Straße",
    "東京",
    "مرحبا",
    "1999",
    "and",
    "of",
    "to",
    "in",
    "Read",
    "more",
    "Share",
    "Subscribe",
    "Advertisement",
]
HOSTILE = [
    "\x1b[31m",
    "\x1b]52;c;aGk=\x07",
    "\x1b]0;title\x07",
    "\x9b2J",
    "\x00",
    "\r",
    "[bold]x[/bold]",
    "[@click=app.quit]q[/]",
    "[/]",
    "\u202e",
    "\u200b",
    "\ufeff",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "&amp;",
    "&#0;",
    "&#x1b;",
    "]]>",
    "<!--",
    "-->",
    "{{",
    "%s",
    "\\",
    '"',
    "'",
    "`",
    "\ud7ff",
    "\U0001f600",
]
EXTENSIONS = [
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".json",
    ".csv",
    ".xml",
    ".rss",
    ".atom",
    ".opml",
    ".zip",
    ".gz",
    ".html.gz",
    "",
    ".bin",
    ".markdown",
    ".xhtml",
]

token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(HOSTILE), st.text(max_size=8)
)
sentence = st.lists(token, min_size=0, max_size=25).map(" ".join)
short_text = st.one_of(sentence, st.text(max_size=40))
paragraphs = st.lists(sentence, max_size=12).map("\n\n".join)
#: Addresses that parse oddly: a port that is not a number or out of range, broken IPv6,
#: user info, no scheme, spaces, a non-ASCII host.
URL_EDGES = [
    "https://example.com:abc/x",
    "https://example.com:99999/x",
    "http://[::1",
    "http://[::1]:80/",
    "https://user:pw@example.com/a",
    "//example.com/a",
    "http://ex ample.com/",
    "https://例え.jp/記事",
    "https://example.com/a?utm_source=x&utm_source=y",
    "HTTP://EXAMPLE.COM:0443/A/",
    "https://:80/",
    "https://example.com/%ZZ",
    "mailto:someone@example.com",
    "file:///etc/passwd",
    "https://",
]
urls = st.one_of(short_text, st.sampled_from(URL_EDGES))


@st.composite
def maybe_cut(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes, or (sometimes) cut short at a random point."""
    if data and draw(st.integers(0, 9)) == 0:
        return data[: draw(st.integers(0, len(data) - 1))]
    return data


json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=False)
    | short_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(short_text, inner, max_size=4),
    max_leaves=12,
)


def field(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field value of the expected kind, or now and then any JSON value."""
    return st.one_of(value, value, value, json_value)


# ----- documents -------------------------------------------------------------------------


@st.composite
def text_dump(draw: st.DrawFn) -> tuple[str, bytes]:
    lines = draw(
        st.lists(
            st.one_of(
                sentence, st.just(""), st.sampled_from(["----", "* * *", "Menu | Home | About"])
            ),
            max_size=40,
        )
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252", "latin-1"]))
    data = "\n".join(lines).encode(encoding, errors="replace")
    return "dump" + draw(st.sampled_from([".txt", ".text", ""])), draw(maybe_cut(data))


YAML_EDGES = [
    "title: [unclosed",
    "title: !!python/object/apply:os.system ['true']",
    "date: 2024-13-45",
    "read: yes",
    "bookmarked: on",
    "tags: {a: b}",
    "title: *nothing",
    "title: 12",
    "? [complex]\n: key",
    "title: |\n  multi\n  line",
    "date: 1e999",
    "read: null",
    "title:\ttab",
    "%YAML 1.1",
    "tags: [a, [b, [c]]]",
    "date: 0000-00-00",
    "date: 99999-01-01",
    "author: [1, 2, null]",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "tags: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\ntitle: *g\nauthor: *g",
    'title: "\\e[31mred"',
    "source: !!binary aGVsbG8=",
    "date: !!timestamp 2001-12-14",
    "url: javascript:alert(1)",
    "---",
    "...",
    "title: >\n folded\n text",
    *(f"url: {url}" for url in URL_EDGES),
]


@st.composite
def front_matter_yaml(draw: st.DrawFn) -> str:
    keys = ["title", "date", "author", "source", "url", "tags", "read", "bookmarked", "lang"]
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(YAML_EDGES),
                st.tuples(st.sampled_from(keys), short_text).map(lambda kv: f"{kv[0]}: {kv[1]}"),
            ),
            max_size=6,
        )
    )
    return "\n".join(lines)


@st.composite
def markdown_doc(draw: st.DrawFn) -> tuple[str, bytes]:
    blocks = draw(
        st.lists(
            st.one_of(
                sentence,
                sentence.map(lambda s: "# " + s),
                sentence.map(lambda s: "## " + s),
                sentence.map(lambda s: "- " + s),
                sentence.map(lambda s: "> " + s),
                st.tuples(short_text, short_text).map(lambda p: f"[{p[0]}]({p[1]})"),
                short_text.map(lambda s: f"```\n{s}\n```"),
                short_text.map(lambda s: f"<div>{s}</div>"),
                short_text.map(lambda s: f"![img]({s})"),
                st.just("| a | b |\n|---|---|\n| 1 | 2 |"),
            ),
            max_size=15,
        )
    )
    body = "\n\n".join(blocks)
    if draw(st.booleans()):
        closing = draw(st.sampled_from(["---", "...", "", "--- "]))
        body = f"---\n{draw(front_matter_yaml())}\n{closing}\n{body}"
    return "note" + draw(st.sampled_from([".md", ".markdown", ".txt"])), draw(
        maybe_cut(body.encode())
    )


TAGS = [
    "p",
    "div",
    "span",
    "a",
    "h1",
    "h2",
    "article",
    "section",
    "nav",
    "footer",
    "header",
    "aside",
    "ul",
    "li",
    "table",
    "tr",
    "td",
    "pre",
    "code",
    "blockquote",
    "script",
    "style",
    "iframe",
    "img",
    "br",
    "svg",
    "math",
    "template",
    "noscript",
    "form",
    "main",
    "figure",
]
ATTRIBUTES = [
    'href="javascript:alert(1)"',
    'href="https://example.org/x"',
    'class="content"',
    'id="main"',
    'onclick="x()"',
    'src="data:text/html,<b>x</b>"',
    'style="display:none"',
    'lang="de"',
    'href="file:///etc/passwd"',
    'href="ssh://host"',
    'property="og:title" content="T"',
]


html_node = st.recursive(
    short_text.map(lambda s: s.replace("<", "&lt;")),
    lambda inner: st.tuples(
        st.sampled_from(TAGS),
        st.lists(st.sampled_from(ATTRIBUTES), max_size=2),
        st.lists(inner, max_size=4),
        st.booleans(),
    ).map(lambda t: f"<{t[0]} {' '.join(t[1])}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else "")),
    max_leaves=30,
)


@st.composite
def html_page(draw: st.DrawFn) -> tuple[str, bytes]:
    body = draw(html_node) + "".join(
        f"<p>{draw(sentence)}</p>" for _ in range(draw(st.integers(0, 6)))
    )
    if draw(st.booleans()):
        charset = draw(
            st.sampled_from(["utf-8", "iso-8859-1", "bogus-charset", "utf-16", "shift_jis"])
        )
        title = draw(short_text)
        body = (
            f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta name="author" content="{draw(short_text)}"></head><body>{body}</body></html>'
        )
    return "page" + draw(st.sampled_from([".html", ".htm", ".xhtml", ".txt", ""])), draw(
        maybe_cut(body.encode("utf-8", "replace"))
    )


# ----- feeds and lists -------------------------------------------------------------------


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed(draw: st.DrawFn) -> tuple[str, bytes]:
    entries = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(0, 4))):
        title, content = xml_escape(draw(short_text)), draw(st.one_of(paragraphs, html_node))
        date = draw(
            st.sampled_from(
                [
                    "Tue, 10 Jun 2003 04:00:00 GMT",
                    "2003-12-13T18:30:02Z",
                    "yesterday",
                    "",
                    "9999-99-99",
                ]
            )
        )
        link = xml_escape(draw(st.one_of(st.just("https://example.org/a"), urls)))
        wrapped = f"<![CDATA[{content}]]>" if draw(st.booleans()) else xml_escape(content)
        if atom:
            entries.append(
                f'<entry><title>{title}</title><link href="{link}"/><updated>{date}</updated>'
                f'<content type="html">{wrapped}</content></entry>'
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
                f"<description>{wrapped}</description></item>"
            )
    channel = xml_escape(draw(short_text))
    if atom:
        text = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{channel}</title>{"".join(entries)}</feed>'
    else:
        text = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{channel}</title>{"".join(entries)}</channel></rss>'
    return "feed" + draw(st.sampled_from([".rss", ".atom", ".xml", ".txt"])), draw(
        maybe_cut(text.encode("utf-8", "replace"))
    )


@st.composite
def opml(draw: st.DrawFn) -> tuple[str, bytes]:
    outlines = "".join(
        f'<outline text="{xml_escape(draw(short_text))}" xmlUrl="{xml_escape(draw(urls))}"/>'
        for _ in range(draw(st.integers(0, 5)))
    )
    text = f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'
    return "subs.opml", draw(maybe_cut(text.encode("utf-8", "replace")))


@st.composite
def pocket(draw: st.DrawFn) -> tuple[str, bytes]:
    if draw(st.booleans()):
        rows = ["title,url,time_added,tags,status"] + [
            ",".join(draw(st.lists(field(short_text).map(str), min_size=0, max_size=6)))
            for _ in range(draw(st.integers(0, 5)))
        ]
        return "pocket.csv", draw(maybe_cut("\n".join(rows).encode("utf-8", "replace")))
    links = "".join(
        f'<li><a href="{xml_escape(draw(urls))}" time_added="{draw(field(st.integers(0, 2**40)))}" '
        f'tags="{xml_escape(draw(short_text))}">{xml_escape(draw(short_text))}</a></li>'
        for _ in range(draw(st.integers(0, 5)))
    )
    text = f"<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>{draw(st.sampled_from(['Unread', 'Read Archive', 'x']))}</h1><ul>{links}</ul></body></html>"
    return "ril_export.html", draw(maybe_cut(text.encode("utf-8", "replace")))


# ----- JSON exports ----------------------------------------------------------------------


def json_bytes(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


@st.composite
def wallabag(draw: st.DrawFn) -> tuple[str, bytes]:
    entries = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "is_archived": field(st.integers(0, 1)),
                    "is_starred": field(st.integers(0, 1)),
                    "title": field(short_text),
                    "url": field(urls),
                    "content": field(st.one_of(paragraphs, html_node)),
                    "tags": field(
                        st.lists(st.fixed_dictionaries({"label": field(short_text)}), max_size=3)
                    ),
                    "created_at": field(short_text),
                    "published_at": field(short_text),
                    "published_by": field(st.lists(field(short_text), max_size=2)),
                    "language": field(short_text),
                    "domain_name": field(short_text),
                    "annotations": field(
                        st.lists(
                            st.fixed_dictionaries(
                                {
                                    "quote": field(paragraphs),
                                    "text": field(short_text),
                                    "created_at": field(short_text),
                                }
                            ),
                            max_size=2,
                        )
                    ),
                },
                optional={
                    "is_read": field(st.sampled_from(["0", "1"])),
                    "is_fav": field(st.sampled_from(["0", "1"])),
                },
            ),
            min_size=1,
            max_size=4,
        )
    )
    return "wallabag.json", draw(maybe_cut(json_bytes(entries)))


@st.composite
def reader_export(draw: st.DrawFn) -> tuple[str, bytes]:
    articles = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "title": field(short_text),
                    "body": field(paragraphs),
                    "url": field(urls),
                    "date": field(short_text),
                    "words": field(st.integers(-5, 10**6)),
                    "read": field(st.booleans()),
                    "bookmarked": field(st.booleans()),
                    "position": field(st.fixed_dictionaries({"line": st.integers(0, 99)})),
                    "removed": field(st.lists(st.tuples(short_text, short_text), max_size=2)),
                    "tags": field(st.lists(short_text, max_size=2)),
                    "raw": field(short_text),
                    "raw_format": field(st.sampled_from(["text", "html", "markdown"])),
                },
                optional={"origin": field(short_text), "added": field(short_text)},
            ),
            max_size=4,
        )
    )
    export = {
        "reader_export": draw(field(st.integers(0, 2))),
        "articles": draw(field(st.just(articles))),
    }
    return "export.json", draw(maybe_cut(json_bytes(export)))


def omnivore_entries() -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(
        st.fixed_dictionaries(
            {
                "slug": field(st.sampled_from(["a", "b", "../x", ""])),
                "savedAt": field(short_text),
                "title": field(short_text),
                "url": field(urls),
                "state": field(st.sampled_from(["Archived", "Succeeded"])),
                "labels": field(
                    st.lists(field(st.fixed_dictionaries({"name": field(short_text)})), max_size=2)
                ),
                "readingProgress": field(st.integers(0, 100)),
                "author": field(short_text),
                "publishedAt": field(short_text),
                "description": field(short_text),
            }
        ),
        min_size=1,
        max_size=4,
    )


@st.composite
def omnivore(draw: st.DrawFn) -> tuple[str, bytes]:
    entries = draw(omnivore_entries())
    if draw(st.booleans()):
        return "metadata_0_to_3.json", draw(maybe_cut(json_bytes(entries)))
    members = [("metadata_0_to_3.json", json_bytes(entries))]
    for slug in ("a", "b"):
        if draw(st.booleans()):
            kind = draw(st.sampled_from([".md", ".html"]))
            members.append(
                (f"content/{slug}{kind}", draw(markdown_doc() if kind == ".md" else html_page())[1])
            )
        if draw(st.booleans()):
            members.append((f"highlights/{slug}.md", draw(markdown_doc())[1]))
    return "omnivore.zip", zip_bytes(members)


# ----- read-later services and bookmark files ------------------------------------------

epoch = st.one_of(st.integers(-(2**40), 2**62), st.floats(allow_nan=False), short_text)
#: Mostly addresses a bookmark list really holds, so that entries get past the URL check.
page_urls = st.one_of(
    st.sampled_from(["https://example.org/a", "http://news.example.com/b?x=1"]), urls
)


@st.composite
def instapaper(draw: st.DrawFn) -> tuple[str, bytes]:
    header = draw(
        st.sampled_from(
            ["URL,Title,Selection,Folder,Timestamp", "URL,Title,Selection,Folder,Timestamp,Tags"]
        )
    )
    cell = st.one_of(
        short_text,
        page_urls,
        st.sampled_from(["Unread", "Archive", "Starred", "Recipes", ""]),
        st.integers(-(2**40), 2**40).map(str),
        st.just('["a", 1, null]'),
    )
    rows = [header] + [
        ",".join('"' + draw(cell).replace('"', '""') + '"' for _ in range(draw(st.integers(0, 7))))
        for _ in range(draw(st.integers(0, 5)))
    ]
    return "instapaper-export.csv", draw(maybe_cut("\r\n".join(rows).encode("utf-8", "replace")))


@st.composite
def netscape(draw: st.DrawFn) -> tuple[str, bytes]:
    def attr(name: str, value: st.SearchStrategy[Any]) -> str:
        return f' {name}="{xml_escape(str(draw(value)))}"' if draw(st.booleans()) else ""

    parts = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["a", "a", "h3", "dl", "/dl", "dd", "hr"]))
        if kind == "a":
            parts.append(
                f"<DT><A{attr('HREF', page_urls)}{attr('ADD_DATE', epoch)}{attr('TAGS', short_text)}"
                f"{attr('TOREAD', st.sampled_from(['0', '1', 'x']))}>{xml_escape(draw(short_text))}</A>"
            )
        elif kind == "h3":
            parts.append(
                f"<DT><H3{attr('PERSONAL_TOOLBAR_FOLDER', st.just('true'))}>{xml_escape(draw(short_text))}</H3>"
            )
        elif kind == "dd":
            parts.append(f"<DD>{xml_escape(draw(short_text))}")
        else:
            parts.append(f"<{kind.upper()}><p>" if kind != "hr" else "<HR>")
    text = (
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1>\n<DL><p>"
        + "\n".join(parts)
    )
    return "bookmarks" + draw(st.sampled_from([".html", ".htm", ""])), draw(
        maybe_cut(text.encode("utf-8", "replace"))
    )


@st.composite
def pinboard(draw: st.DrawFn) -> tuple[str, bytes]:
    entries = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "href": field(page_urls),
                    "description": field(short_text),
                    "extended": field(paragraphs),
                    "hash": field(short_text),
                    "time": field(short_text),
                    "shared": field(st.sampled_from(["yes", "no"])),
                    "toread": field(st.sampled_from(["yes", "no"])),
                    "tags": field(short_text),
                }
            ),
            min_size=1,
            max_size=4,
        )
    )
    return "pinboard_export.json", draw(maybe_cut(json_bytes(entries)))


firefox_bookmark = st.fixed_dictionaries(
    {
        "type": st.just("text/x-moz-place"),
        "title": field(short_text),
        "uri": field(page_urls),
        "dateAdded": field(epoch),
        "tags": field(short_text),
        "annos": field(
            st.lists(
                st.fixed_dictionaries(
                    {"name": st.just("bookmarkProperties/description"), "value": field(short_text)}
                ),
                max_size=1,
            )
        ),
    }
)
chrome_bookmark = st.fixed_dictionaries(
    {
        "type": field(st.just("url")),
        "name": field(short_text),
        "url": field(page_urls),
        "date_added": field(epoch),
    }
)


@st.composite
def bookmark_tree(draw: st.DrawFn, browser: str, depth: int = 0) -> dict[str, Any]:
    """A folder of bookmarks and folders (three deep at most), in Firefox's or Chrome's shape."""
    leaf = firefox_bookmark if browser == "firefox" else chrome_bookmark
    children: list[Any] = [
        draw(leaf) if depth >= 2 or draw(st.booleans()) else draw(bookmark_tree(browser, depth + 1))
        for _ in range(draw(st.integers(0, 4)))
    ]
    if draw(st.integers(0, 9)) == 0:
        children.append(draw(json_value))
    if browser == "firefox":
        folder = {
            "type": "text/x-moz-place-container",
            "title": draw(short_text),
            "children": children,
        }
        if draw(st.booleans()):
            folder["root"] = "toolbarFolder"
        return folder
    return {"type": "folder", "name": draw(short_text), "children": children}


karakeep_bookmark = st.fixed_dictionaries(
    {
        "createdAt": field(epoch),
        "title": field(short_text),
        "tags": field(st.lists(field(short_text), max_size=2)),
        "lists": field(st.lists(st.sampled_from(["l1", "l2"]), max_size=2)),
        "note": field(short_text),
        "archived": field(st.booleans()),
        "favourited": field(st.booleans()),
        "content": field(
            st.one_of(
                st.fixed_dictionaries(
                    {
                        "type": st.just("link"),
                        "url": field(page_urls),
                        "description": field(short_text),
                        "author": field(short_text),
                    }
                ),
                st.fixed_dictionaries({"type": st.just("text"), "text": field(paragraphs)}),
                st.fixed_dictionaries({"type": st.just("asset"), "assetId": short_text}),
            )
        ),
    }
)

karakeep_bookmarks = st.lists(karakeep_bookmark, min_size=1, max_size=4)
karakeep_lists = field(st.just([{"id": "l1", "name": "Rides"}, {"id": "l2", "name": ["x"]}]))


@st.composite
def bookmarks(draw: st.DrawFn) -> tuple[str, bytes]:
    """Bookmark lists of every kind: Netscape files, Pinboard, Firefox, Chrome and Karakeep JSON."""
    kind = draw(st.sampled_from(["netscape", "pinboard", "firefox", "chrome", "karakeep"]))
    if kind == "netscape":
        return draw(netscape())
    if kind == "pinboard":
        return draw(pinboard())
    if kind == "firefox":
        root = draw(bookmark_tree("firefox")) | {"root": "placesRoot"}
        return "bookmarks-2024-01-01.json", draw(maybe_cut(json_bytes(root)))
    if kind == "chrome":
        roots = {
            "bookmark_bar": draw(bookmark_tree("chrome")),
            "other": draw(field(bookmark_tree("chrome"))),
        }
        return "Bookmarks", draw(
            maybe_cut(json_bytes({"checksum": "0", "roots": roots, "version": 1}))
        )
    export = {"bookmarks": draw(karakeep_bookmarks), "lists": draw(karakeep_lists)}
    return "karakeep-export.json", draw(maybe_cut(json_bytes(export)))


# ----- containers and noise --------------------------------------------------------------

#: Every member gets this timestamp: the current time would change the bytes (and, once
#: an archive is zipped again, their length) between Hypothesis' replays of one example.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``members``, the same bytes on every call (fixed timestamps and modes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            # the modes ``writestr(name, data)`` would give
            info.external_attr = (0o40775 << 16 | 0x10) if name.endswith("/") else 0o600 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def any_document() -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(text_dump(), markdown_doc(), html_page(), feed(), opml(), wallabag(), pocket())


@st.composite
def zip_archive(draw: st.DrawFn) -> tuple[str, bytes]:
    members = draw(
        st.lists(
            st.one_of(
                any_document(),
                st.tuples(
                    st.sampled_from(
                        [
                            "../escape.txt",
                            "/abs.md",
                            "dir/",
                            ".hidden.md",
                            "__MACOSX/x.md",
                            "a\x1b[31m.md",
                        ]
                    ),
                    st.binary(max_size=64),
                ),
            ),
            max_size=4,
        )
    )
    data = zip_bytes(members)
    if draw(st.integers(0, 4)) == 0:
        data = zip_bytes([("inner.zip", data)])
    return "archive.zip", draw(maybe_cut(data))


@st.composite
def gzip_file(draw: st.DrawFn) -> tuple[str, bytes]:
    name, inner = draw(st.one_of(html_page(), text_dump(), markdown_doc()))
    data = gzip.compress(inner, mtime=0)  # no timestamp: the same bytes on every replay
    if draw(st.integers(0, 3)) == 0:
        data = data + draw(st.binary(max_size=16))
    return name.rsplit(".", 1)[0] + ".html.gz", draw(maybe_cut(data))


#: What comes before a document's root: comments (IE's conditional ones included),
#: processing instructions, doctypes with internal subsets, and the pieces they are made
#: of left unclosed. Runs of one piece repeated thousands of times are the inputs on which
#: a pattern that goes back over its own work takes minutes.
PROLOG_PIECES = [
    "<!-- a comment -->",
    '<!--[if IE 7]><html class="no-js ie7" lang="de"><![endif]-->',
    "<!--[if !IE]><!-->",
    "<!--<![endif]-->",
    "<!--",
    "-->",
    "--",
    "<!",
    '<?xml version="1.0" encoding="utf-8"?>',
    '<?xml-stylesheet href="s.xsl"?>',
    "<?pi ",
    "?>",
    "<?",
    "<!DOCTYPE html>",
    '<!DOCTYPE rss PUBLIC "-//x//EN" "x.dtd">',
    "<!DOCTYPE r [",
    '<!ENTITY a "b">',
    "]>",
    "]",
    "[",
    ">",
    "<",
    " ",
    "\n",
    "\t",
    "\ufeff",
    "\u00a0",
    "#",
    "=",
    "<html>",
    '<rss version="2.0">',
    "<feed>",
    "<opml>",
    "<head>",
    "text",
]
PROLOG_ENDS = [
    "",
    "<html><head><title>T</title></head><body><p>The council met on Tuesday.</p></body></html>",
    '<rss version="2.0"><channel><title>F</title><item><title>A</title></item></channel></rss>',
    '<opml version="2.0"><body><outline xmlUrl="https://example.org/f"/></body></opml>',
    "The council approved the railway budget on Tuesday after a long debate.",
]


@st.composite
def prolog(draw: st.DrawFn) -> tuple[str, bytes]:
    """Long runs of prolog pieces, then (perhaps) a page, a feed, a list or plain text."""
    runs = draw(
        st.lists(
            st.tuples(st.sampled_from(PROLOG_PIECES), st.integers(1, 2000)), min_size=1, max_size=6
        )
    )
    text = "".join(piece * count for piece, count in runs) + draw(st.sampled_from(PROLOG_ENDS))
    name = "page" + draw(st.sampled_from([".html", ".txt", ".xml", ".rss", ".opml", ".md", ""]))
    return name, draw(maybe_cut(text.encode("utf-8")))


MAGIC = [
    b"",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1f\x8b",
    b"<?xml",
    b"<rss",
    b"<opml",
    b"{",
    b"[",
    b"---\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<html>",
    b"%PDF",
]


@st.composite
def random_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    data = draw(st.sampled_from(MAGIC)) + draw(st.binary(max_size=2048))
    return "input" + draw(st.sampled_from(EXTENSIONS)), data


#: Every importer's fuzz strategy, by the name the figures use.
FORMATS: dict[str, st.SearchStrategy[tuple[str, bytes]]] = {
    "text": text_dump(),
    "markdown": markdown_doc(),
    "html": html_page(),
    "feed": feed(),
    "opml": opml(),
    "pocket": pocket(),
    "wallabag": wallabag(),
    "reader-json": reader_export(),
    "omnivore": omnivore(),
    "zip": zip_archive(),
    "gzip": gzip_file(),
    "bytes": random_bytes(),
    "instapaper": instapaper(),
    "bookmarks": bookmarks(),
    "prolog": prolog(),
}

#: Text for the cleaner, by format.
CLEANER_TEXT: dict[str, st.SearchStrategy[str]] = {
    "text": text_dump().map(lambda p: p[1].decode("utf-8", "replace")),
    "markdown": markdown_doc().map(lambda p: p[1].decode("utf-8", "replace")),
    "html": html_page().map(lambda p: p[1].decode("utf-8", "replace")),
}
