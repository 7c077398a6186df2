"""Generic cues for boilerplate lines and paragraphs, shared by the cleaners.

Nothing here knows about a particular site: the cues are common phrasings of page
furniture (donation appeals, newsletter sign-ups, "Read more", share and comment
labels, cookie notices, photo credits, menus...) in a few languages.

Public API:

- :func:`boilerplate_reason` -- why a line or paragraph looks like boilerplate, or None
  (reasons: "share", "read more", "advertisement", "comments", "related",
  "navigation", "newsletter", "donation appeal", "cookie notice", "copyright",
  "subscription");
- :func:`label_reason` -- the same for a whole-line label only ("Share", "Weiterlesen");
- :func:`reason_for_lowered` -- :func:`boilerplate_reason` for callers that already
  lower-cased and split the text (saves work in tight loops);
- :func:`is_caption_like` -- whether a line reads like a picture caption or credit;
- :func:`is_date_line` / :func:`find_date` -- dates in lines, as ISO ``YYYY-MM-DD``;
- :func:`byline_name` -- the author named by a byline line, or None;
- :func:`copyright_holder` -- the holder named by a dated copyright notice, or None;
Everything is standard library and cheap to import (patterns compile on first use).
"""

from __future__ import annotations

import re

from reader.lazy_pattern import LazyPattern
from reader.textstats import count_words

_WORD = LazyPattern(r"\w+")


def _alt(*phrases: str) -> str:
    return "|".join(phrases)


# Short labels that make up a whole line (after lower-casing and stripping
# punctuation): buttons, share rows, section labels.
_LABELS: dict[str, str] = {}


def _labels(reason: str, *words: str) -> None:
    for w in words:
        _LABELS[w] = reason


_labels(
    "share",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "share on linkedin",
    "share via email",
    "facebook",
    "twitter",
    "linkedin",
    "pinterest",
    "reddit",
    "whatsapp",
    "telegram",
    "email",
    "e-mail",
    "print",
    "tweet",
    "pin",
    "pin it",
    "copy link",
    "flipboard",
    "tumblr",
    "youtube",
    "instagram",
    "rss",
    "rss feed",
    "vk",
    "google+",
    "google",
    "mail",
    "messenger",
    "sms",
    "line",
    "share on whatsapp",
    "share by email",
    "teilen",
    "compartir",
    "partilhar",
    "compartilhar",
    "condividi",
    "partager",
    "поделиться",
    "bagikan",
    "공유",
    "共有",
    "分享",
    "twittern",
    "drucken",
    "stampa",
    "imprimir",
    "imprimer",
    "e-mail senden",
    "kommentare",
    "like",
)
_labels(
    "read more",
    "read more",
    "read more»",
    "continue reading",
    "continue reading the main story",
    "read the full story",
    "read full article",
    "read full story",
    "more",
    "see more",
    "view more",
    "show more",
    "load more",
    "more stories",
    "more news",
    "read next",
    "next",
    "previous",
    "next article",
    "previous article",
    "next post",
    "previous post",
    "weiterlesen",
    "mehr",
    "mehr zum thema",
    "leer más",
    "leia mais",
    "leggi anche",
    "leggi di più",
    "lire la suite",
    "lire aussi",
    "читать далее",
    "читайте также",
    "подробнее",
    "baca juga",
    "selengkapnya",
    "더보기",
    "続きを読む",
    "もっと見る",
    "back to top",
    "top",
    "go to top",
    "scroll to top",
    "click here",
)
_labels(
    "advertisement",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "promoted",
    "promoted stories",
    "paid content",
    "partner content",
    "anzeige",
    "werbung",
    "publicidad",
    "publicidade",
    "pubblicità",
    "publicité",
    "реклама",
    "iklan",
    "광고",
    "広告",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "content continues below",
    "ad feedback",
    "report an ad",
    "skip ad",
)
_labels(
    "comments",
    "comments",
    "comment",
    "leave a comment",
    "leave a reply",
    "add a comment",
    "post a comment",
    "no comments",
    "view comments",
    "show comments",
    "join the discussion",
    "join the conversation",
    "reply",
    "comentarios",
    "comentários",
    "commenti",
    "commentaires",
    "комментарии",
    "komentar",
    "댓글",
    "コメント",
    "kommentar",
)
_labels(
    "related",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related news",
    "related links",
    "related coverage",
    "related topics",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "recommended",
    "recommended for you",
    "recommended articles",
    "recommended stories",
    "recommended reading",
    "more stories",
    "more news",
    "more articles",
    "more from",
    "editor's picks",
    "editors' picks",
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "most commented",
    "top stories",
    "trending",
    "trending now",
    "trending news",
    "popular",
    "popular posts",
    "popular stories",
    "latest",
    "latest news",
    "latest stories",
    "latest articles",
    "recent posts",
    "recent articles",
    "in other news",
    "around the web",
    "from the web",
    "from around the web",
    "don't miss",
    "must read",
    "what's next",
    "up next",
    "further reading",
    "see also",
    "also read",
    "more to explore",
    "keep reading",
    "what to read next",
    "artículos relacionados",
    "noticias relacionadas",
    "artigos relacionados",
    "notícias relacionadas",
    "leia também",
    "articoli correlati",
    "potrebbe interessarti",
    "ähnliche artikel",
    "das könnte sie auch interessieren",
    "articles similaires",
    "à lire aussi",
    "похожие статьи",
    "читайте также",
    "по теме",
    "berita terkait",
    "artikel terkait",
    "관련기사",
    "관련 기사",
    "関連記事",
    "相关文章",
    "相关新闻",
)
_labels(
    "navigation",
    "home",
    "menu",
    "search",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "main menu",
    "navigation",
    "close",
    "open",
    "toggle navigation",
    "log in",
    "login",
    "sign in",
    "sign up",
    "register",
    "subscribe",
    "log out",
    "my account",
    "account",
    "about",
    "about us",
    "contact",
    "contact us",
    "privacy",
    "privacy policy",
    "terms",
    "terms of use",
    "terms of service",
    "sitemap",
    "site map",
    "careers",
    "jobs",
    "help",
    "faq",
    "newsletter",
    "newsletters",
    "archive",
    "archives",
    "categories",
    "tags",
    "topics",
    "sections",
    "in this article",
    "follow us",
    "follow",
    "connect with us",
    "find us on",
    "startseite",
    "suche",
    "inicio",
    "buscar",
    "início",
    "pesquisar",
    "cerca",
    "accedi",
    "recherche",
    "accueil",
    "главная",
    "поиск",
    "beranda",
    "cari",
    "검색",
    "홈",
    "ホーム",
    "検索",
    "tags:",
    "topics:",
    "filed under",
    "photo",
    "photos",
    "video",
    "videos",
    "gallery",
    "view gallery",
    "image",
    "images",
    "listen",
    "watch",
    "play",
    "loading",
    "x",
    "×",
    "ok",
    "yes",
    "no",
    "cancel",
    "submit",
    "send",
    "go",
    "back",
    "view all",
    "see all",
    "all",
    "continue",
    "remind me later",
    "not now",
    "no thanks",
    "close x",
)


_PUNCT_STRIP = " \t.,:;!?()[]{}<>\"'“”‘’«»|/\\-–—•·*+#>»›‹<=~_…"


def _norm_label(low: str) -> str:
    """Lower-cased ``text`` without surrounding punctuation, spaces collapsed."""
    t = low.strip(_PUNCT_STRIP)
    return " ".join(t.split()) if "  " in t else t


# Phrase cues, each gated by trigger words so that its regex only runs on lines
# that could match: ANY rules need one trigger among the line's \w+ tokens (lower
# case), FIRST rules need the first token to be one, LAST rules the last token.
# Scripts without spaces are gated by substrings instead.
# Ordered: the first match gives the reason.
ANY, FIRST, LAST = 0, 1, 2
_REGEX_SYNTAX = frozenset(".^$*+?{}[]\\|()")
_QUANTIFIERS = frozenset("?*+{")


_Rule = tuple[
    str,
    int,
    frozenset[str],
    tuple[str, ...],
    tuple[str, ...],
    LazyPattern[str] | None,
    tuple[str, ...] | None,
    LazyPattern[str] | None,
]


def _required_text(pattern: str) -> str:
    """The longest plain text that every match of ``pattern`` contains, or "".

    Conservative: only characters outside groups, classes and escapes count, a
    character made optional by a quantifier does not, and a pattern with a
    top-level ``|`` gives "".
    """
    runs: list[str] = []
    run = ""
    depth = 0
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1  # an escape (class, anchor or escaped character): not plain text
        elif c == "[":
            i = pattern.index("]", i + 2)  # a class ("[]...]" and "[^]...]" start at i + 2)
        elif c == "{":
            run = run[:-1]
            i = pattern.index("}", i)
        elif c in _QUANTIFIERS and depth == 0:
            run = run[:-1]
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return ""
        elif depth == 0 and c not in _REGEX_SYNTAX:
            run += c
            i += 1
            continue
        runs.append(run)
        run = ""
        i += 1
    runs.append(run)
    return max(runs, key=len)


def _rule(reason: str, mode: int, triggers: str, substrings: str, *patterns: str) -> _Rule:
    """Build a cue rule.

    Patterns that are plain phrases are tested with ``in``. Patterns anchored at the
    start ("^...") make one regex, cheap to search. The others make another, searched
    only when the text holds a piece of plain text one of them needs (``needles``;
    None when some pattern has no such piece).
    """
    literals = tuple(p for p in patterns if _REGEX_SYNTAX.isdisjoint(p))
    regexes = [p for p in patterns if not _REGEX_SYNTAX.isdisjoint(p)]
    anchored = [p for p in regexes if p.startswith("^")]
    floating = [p for p in regexes if not p.startswith("^")]
    needles: tuple[str, ...] | None = tuple(_required_text(p) for p in floating)
    if needles is not None and min(map(len, needles), default=2) < 2:
        needles = None
    return (
        reason,
        mode,
        frozenset(triggers.split()),
        tuple(substrings.split()),
        literals,
        LazyPattern(_alt(*anchored)) if anchored else None,
        needles,
        LazyPattern(_alt(*floating)) if floating else None,
    )


_PHRASES: list[_Rule] = [
    _rule(
        "newsletter",
        ANY,
        "sign signing subscribe subscribers newsletter newsletters inbox mailbox email mail "
        "abonnieren suscríbete assine iscriviti inscrivez подпишитесь рассылку рассылки рассылка "
        "berlangganan",
        "뉴스레터 メールマガジン メルマガ",
        r"sign up (?:for|to) (?:our|the|my|receive|get)\b",
        r"subscribe to (?:our|the) (?:\w+ )?(?:newsletter|mailing|podcast|channel)",
        r"\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|mailbox|e-?mail)",
        r"(?:sign up|subscribe|inbox|mailbox|e-?mail).*\bnewsletters?\b",
        r"delivered (?:straight )?to your inbox",
        r"in your inbox",
        r"enter your e-?mail",
        r"your e-?mail address",
        r"get our newsletter",
        r"newsletter abonnieren",
        r"suscríbete",
        r"assine (?:a|nossa) newsletter",
        r"iscriviti alla newsletter",
        r"inscrivez-vous",
        r"подпишитесь",
        r"рассылк",
        r"berlangganan",
        r"뉴스레터",
        "メールマガジン",
        "メルマガ",
        r"by signing up,? you agree",
        r"subscribers agree to",
    ),
    _rule(
        "donation appeal",
        ANY,
        "dear support supporting donation donations contribution contributions donate become "
        "independent help payment paiment patreon unterstützen apoie sostienici soutenez поддержите",
        "",
        "dear reader",
        r"^support (?:us|the|our)\b[^.]{0,40}$",
        r"support (?:us|our (?:work|journalism)|independent journalism)",
        r"please (?:consider )?(?:support|donat|contribut)",
        r"(?:one-time|monthly|recurring|small|tax-deductible) donation",
        r"(?:one-time|monthly|recurring|small|tax-deductible) contribution",
        r"become a (?:patron|supporter|paying member|member today)",
        r"your (?:support|contribution|donation)s?,? (?:no matter|helps|makes|means|will help|keeps|allows|is vital|is crucial)",
        r"\bdonate (?:now|today|here|to us)\b",
        r"^donate\b",
        "independent journalism",
        r"we need your help",
        r"payment methods?",
        r"paiment methods",
        r"not ready to support",
        r"\bpatreon\b",
        r"unterstützen sie",
        r"apoie o",
        r"sostienici",
        r"soutenez",
        r"поддержите",
    ),
    _rule(
        "cookie notice",
        ANY,
        "cookie cookies privacy utilizziamo verwenden utilizamos utilisons",
        "쿠키 クッキー",
        r"\bcookies?\b.*\b(?:use|accept|consent|policy|experience|browser|agree|continu)",
        r"\b(?:use|accept|consent|agree)\w*\b.*\bcookies?\b",
        r"\bwe value your privacy\b",
        r"utilizziamo i cookie",
        r"wir verwenden cookies",
        r"utilizamos cookies",
        r"nous utilisons des cookies",
        r"файлы cookie",
        r"쿠키",
        r"クッキー",
    ),
    _rule(
        "copyright",
        ANY,
        "copyright c reserved vorbehalten reservados riservati réservés защищены",
        "© 무단 無断転載",
        r"^(?:copyright\b|©|\(c\)).{0,30}\b(?:19|20)\d\d\b",
        r"all rights reserved",
        r"alle rechte vorbehalten",
        r"todos los derechos reservados",
        r"todos os direitos reservados",
        r"tutti i diritti riservati",
        r"tous droits réservés",
        r"все права защищены",
        r"무단 ?전재",
        r"無断転載",
    ),
    _rule(
        "subscription",
        ANY,
        "subscribe subscriber already trial unlimited remaining left reading log login account",
        "",
        r"^subscribe\b",
        r"already (?:a subscriber|have an account)",
        r"subscribe (?:now|today)",
        r"(?:start|get) (?:your )?(?:free )?trial",
        r"(?:start|get) (?:your )?(?:free )?unlimited access",
        r"you have (?:\w+ )?(?:free )?articles? (?:left|remaining)",
        r"to continue reading",
        r"log ?in to (?:continue|read|comment)",
        r"create (?:a|your) (?:free )?account",
        r"for unlimited access",
    ),
    _rule(
        "share",
        FIRST,
        "share click tap follow like find facebook twitter email pinterest linkedin reddit whatsapp",
        "",
        r"^share (?:this|on|via|the|all sharing)\b",
        r"^(?:click|tap) to (?:share|email|print)",
        r"^follow (?:us|me) on\b",
        r"^like us on\b",
        r"^find us on\b",
        r"^(?:facebook|twitter|email|pinterest|linkedin|reddit|whatsapp)(?:\s+\d+)?"
        r"(?:\s*[|·,]?\s*(?:facebook|twitter|email|pinterest|linkedin|reddit|whatsapp|google\+|print|share|tumblr|telegram))+\W*$",
    ),
    _rule(
        "read more",
        FIRST,
        "read see click continue related also more recommended watch listen mehr lesen leia leggi "
        "lire читайте baca 관련기사",
        "",
        r"^(?:read|see|click here|continue reading)\b.{0,20}\b(?:more|full (?:story|article)|here)\b\W*$",
        r"^(?:related|read also|also read|read more|see also|more|recommended|watch|listen|recommended reading)\s*:",
        r"^(?:mehr zum thema|lesen sie auch|leia também|leia mais|leggi anche|lire aussi|читайте также|baca juga|관련기사)\b",
    ),
    _rule(
        "comments",
        ANY,
        "comment comments responses replies reply kommentare comentarios comentários commenti "
        "commentaires комментарии комментариев email required connesso closed guidelines commenting",
        "",
        r"^\d+\s+(?:comments?|responses?|replies|kommentare|comentarios|comentários|commenti|комментари)",
        r"^(?:comments?|responses?)\s*\(?\d+\)?$",
        r"^\W*(?:\w+\s+){0,3}(?:comments|kommentare|comentarios|comentários|commenti|commentaires|комментарии)\W*$",
        r"^(?:view|show|read|see|load|hide|all|top rated|top|latest|newest|oldest) comments\b",
        r"you must be logged in to post a comment",
        r"your email address will not be published",
        r"required fields are marked",
        r"devi essere connesso per",
        r"comments are closed",
        r"^leave a (?:comment|reply)",
        r"community guidelines",
        r"commenting (?:policy|guidelines)",
    ),
    _rule(
        "related",
        FIRST,
        "more related recommended trending popular latest top",
        "",
        r"^more (?:in|from|on|about|stories|news|videos|articles|headlines)\b.{0,40}$",
        r"^related(?: \w+)?\s*:.{0,60}$",
        r"^(?:related|recommended|trending|popular|latest|top|more) "
        r"(?:articles?|stories|posts|news|videos|reads|headlines)\b.{0,30}$",
    ),
    _rule(
        "comments",
        LAST,
        "says said wrote writes",
        "",
        r"^(?:\d+\.\s+)?[\w.@'’()-]+(?: [\w.@'’()-]+){0,3}\s+says\s*:\s*$",
        r"\bon \w+ \d{1,2},? \d{4},? at \d{1,2}:\d{2}.{0,12}\b(?:said|says|wrote)\b",
    ),
    _rule("navigation", ANY, "window tab", "", r"opens? in a new (?:window|tab)"),
    _rule(
        "navigation",
        FIRST,
        "tags tag topics topic categories category filed posted labels label schlagwörter "
        "etichette темы skip jump back go you home startseite inicio início главная",
        "태그 タグ",
        r"^(?:tags?|topics?|categories|category|filed under|posted in|labels?|schlagwörter|etichette|темы|태그|タグ)\s*:",
        r"^(?:skip to|jump to|back to|go to) (?:main |the )?(?:content|navigation|top|menu|article)",
        r"^you are here\b",
        r"^(?:home|startseite|inicio|início|главная)\s*[>»/›|]",
    ),
]


def _union(mode: int) -> frozenset[str]:
    return frozenset().union(*(r[2] for r in _PHRASES if r[1] == mode))


_ANY_TRIGGERS, _FIRST_TRIGGERS, _LAST_TRIGGERS = _union(ANY), _union(FIRST), _union(LAST)
_ANY_SUBSTRING = LazyPattern("|".join(re.escape(s) for r in _PHRASES for s in r[3]))


def boilerplate_reason(text: str) -> str | None:
    """Say why ``text`` (one line or paragraph, bullets removed) looks like boilerplate.

    Returns a short reason such as ``"share"``, ``"read more"``, ``"newsletter"``,
    ``"donation appeal"``, ``"cookie notice"``, ``"copyright"``, ``"comments"``,
    ``"subscription"``, ``"related"``, ``"advertisement"`` or ``"navigation"``, or None
    when no cue fires. Very long paragraphs are only tested at their start and end.
    """
    low = text.lower()
    return reason_for_lowered(low, _WORD.regex.findall(low))


def label_reason(low: str) -> str | None:
    """The reason for a lower-cased line that is exactly a known label ("share", "read more"...)."""
    return _LABELS.get(_norm_label(low)) if len(low) <= 60 else None


def reason_for_lowered(low: str, tokens: list[str]) -> str | None:
    """:func:`boilerplate_reason` for a text already lower-cased, given its tokens.

    ``tokens`` are the ``\\w+`` runs of ``low`` or, cheaper, its whitespace-separated
    parts (punctuation stuck to words then hides them from the trigger test).
    """
    if not tokens:
        return None
    if len(low) <= 60:
        label = _LABELS.get(_norm_label(low))
        if label is not None:
            return label
    if len(low) > 600:
        low = low[:300] + " " + low[-300:]
        tokens = low.split()
    first, last = tokens[0].strip(_PUNCT_STRIP), tokens[-1].strip(_PUNCT_STRIP)
    ascii_only = low.isascii()
    if (
        first not in _FIRST_TRIGGERS
        and last not in _LAST_TRIGGERS
        and _ANY_TRIGGERS.isdisjoint(tokens)
        and (ascii_only or _ANY_SUBSTRING.regex.search(low) is None)
    ):
        return None
    for reason, mode, triggers, substrings, literals, anchored, needles, floating in _PHRASES:
        if mode == ANY:
            hit = not triggers.isdisjoint(tokens)
        else:
            hit = (first if mode == FIRST else last) in triggers
        if not hit and (ascii_only or not any(s in low for s in substrings)):
            continue
        if any(lit in low for lit in literals):
            return reason
        if anchored is not None and anchored.regex.search(low) is not None:
            return reason
        if floating is None or (needles is not None and not any(n in low for n in needles)):
            continue
        if floating.regex.search(low) is not None:
            return reason
    return None


_CREDIT = LazyPattern(
    _alt(
        r"^(?:photo|picture|image|foto|фото|fotografía|credit|source|illustration|file photo)s?\b\s*(?:by|:|credit|©)",
        r"\((?:photo|image|picture|foto|credit|фото)\b[^)]*\)\s*$",
        r"(?:getty images|shutterstock|reuters|associated press|\bap photo|afp|\bepa\b|istock|alamy|wikimedia commons|\bxinhua|\btass|\bria novosti|flickr|unsplash|dpa|ansa)\W*(?:/.*)?$",
        r"^(?:photo|image|picture|foto|credit)\s*:",
        r"\b(?:photo|image|picture|credit|foto|фото)s?\s*:\s*\S",
        r"\b(?:courtesy of|photographed by|photo by|image by|image via|via getty|handout)\b",
        r"^courtesy\b",
        r"^©\s*\w",
        r"/\s*getty\b",
    ),
    re.I,
)


# A quotation followed by who said it: '..." said a spokesperson', '...,” she told'.
_REPORTED_SPEECH = LazyPattern(r"[”\"»][,.]?\s+(?:\w+\s+){0,4}?(?:said|says|told|added|wrote)\b")

# Every _CREDIT alternative holds one of these (lower case): a cheap pre-test.
_CREDIT_KEYS = (
    "photo",
    "image",
    "picture",
    "foto",
    "фото",
    "credit",
    "source",
    "illustration",
    "getty",
    "shutterstock",
    "reuters",
    "press",
    "afp",
    "epa",
    "istock",
    "alamy",
    "wikimedia",
    "xinhua",
    "tass",
    "novosti",
    "flickr",
    "unsplash",
    "dpa",
    "ansa",
    "courtesy",
    "handout",
    "©",
)


_CREDIT_KEY = LazyPattern("|".join(re.escape(k) for k in _CREDIT_KEYS), re.I)
# The same pre-test for lower-cased ASCII text: a case-sensitive search is several
# times faster than an IGNORECASE one, and for ASCII text it finds the same keys.
_CREDIT_KEY_LOWER = LazyPattern("|".join(re.escape(k) for k in _CREDIT_KEYS if k.isascii()))


#: No caption, credit or byline is longer (characters); longer text is never searched
#: for their cues, which would cost seconds on a page-long line.
MAX_CAPTION_CHARS = 2000


def is_caption_like(text: str) -> bool:
    """Whether ``text`` reads like a picture caption or a photo credit.

    Reported speech is not: '"..." said a spokesperson when contacted by Reuters.' ends
    with an agency's name as credits do, but quotes someone.
    """
    if len(text) > MAX_CAPTION_CHARS:
        return False
    if text.isascii():
        if _CREDIT_KEY_LOWER.regex.search(text.lower()) is None:
            return False
    elif _CREDIT_KEY.regex.search(text) is None:
        return False
    return _CREDIT.regex.search(text) is not None and _REPORTED_SPEECH.regex.search(text) is None


_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "jan january janvier januar enero janeiro gennaio январь января jan januari",
        "feb february février februar febrero fevereiro febbraio февраль февраля feb februari",
        "mar march mars märz marzo março марта март maret",
        "apr april avril abril aprile апрель апреля",
        "may mai mayo maio maggio май мая mei",
        "jun june juin juni junio junho giugno июнь июня",
        "jul july juillet juli julio julho luglio июль июля",
        "aug august août agosto август августа agustus agu",
        "sep sept september septembre septiembre setembro settembre сентябрь сентября",
        "oct october octobre oktober octubre outubro ottobre октябрь октября okt",
        "nov november novembre noviembre novembro ноябрь ноября",
        "dec december décembre dezember diciembre dezembro dicembre декабрь декабря des desember",
    ],
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _i

_MONTH_RE = r"([^\W\d_]{3,10})\.?"
_DATE_PATTERNS: list[tuple[LazyPattern[str], str]] = [
    (LazyPattern(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"), "ymd"),
    (LazyPattern(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"), "ymd"),
    (LazyPattern(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (LazyPattern(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"), "mdy"),
    (
        LazyPattern(
            r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?"
            + _MONTH_RE
            + r",?\s+(?:de\s+)?(\d{4})\b"
        ),
        "dmy",
    ),
    (LazyPattern(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "num"),
]


_YEAR = LazyPattern(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def find_date(text: str) -> str | None:
    """Return the first date found in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    if _YEAR.regex.search(text) is None:
        return None
    for pat, kind in _DATE_PATTERNS:
        for m in pat.regex.finditer(text):
            iso = _to_iso(m.groups(), kind)
            if iso:
                return iso
    return None


def _to_iso(groups: tuple[str | None, ...], kind: str) -> str | None:
    """Turn the groups of a date pattern match into ISO ``YYYY-MM-DD``, or None if invalid."""
    g = [x or "" for x in groups]
    try:
        if kind == "ymd":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif kind == "mdy":
            mo = _MONTHS.get(g[0].lower(), 0)
            d, y = int(g[1]), int(g[2])
        elif kind == "dmy":
            d, y = int(g[0]), int(g[2])
            mo = _MONTHS.get(g[1].lower(), 0)
        else:
            a, b, y = int(g[0]), int(g[1]), int(g[2])
            mo, d = (a, b) if a <= 12 and b > 12 else (b, a) if b <= 12 else (0, 0)
            if a <= 12 and b <= 12:
                mo, d = a, b
    except (TypeError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_DATE_ONLY = LazyPattern(
    r"^(?:(?:published|updated|posted|last updated|modified|on|am|le|el|em|il|publicado|pubblicato|veröffentlicht|опубликовано)\b:?\s*+)?"
    r"[\w\s,./:\-–|()]*+$",
    re.I,
)


_DIGIT = LazyPattern(r"\d")
_TIME = LazyPattern(r"\b\d{1,2}:\d{2}\b")


def is_date_line(text: str) -> bool:
    """Whether ``text`` is a short line that mostly holds a date or time stamp."""
    # Cheapest tests first: most lines fail on their characters before any date search.
    if len(text) > 80 or _DIGIT.regex.search(text) is None:
        return False
    if _DATE_ONLY.regex.match(text) is None or count_words(text) > 12:
        return False
    return find_date(text) is not None or _TIME.regex.search(text) is not None


_BYLINE = LazyPattern(
    r"^(?:by|written by|posted by|words by|von|por|di|par|от|автор|oleh|글|文)(?:\s*+:)?\s++"
    r"([^\W\d_][\w.'’\-]*(?:\s+(?:[^\W\d_][\w.'’\-]*|and|&|y|e|und|et|и)){0,5})",
    re.I,
)


# What ends the name in a byline: "By Jane Doe - Staff", "By Jane Doe on May 2", "| Paris".
_AFTER_NAME = LazyPattern(r"(?<!\s)\s++(?:-|–|—|\||,|on|am|el|le|em|il)\s+|,|\|")


# "Tom Krisher, AP Auto Writer", "Ana Ruiz, Staff Reporter": a name, then the role.
_NAME_THEN_ROLE = LazyPattern(
    r"^([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}),\s+(?:[\w.&'’-]+\s+){0,3}"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|critic)s?\.?$",
    re.I,
)


def byline_name(text: str) -> str | None:
    """Return the author named by a byline such as "By Jane Doe", or None."""
    if len(text) > MAX_CAPTION_CHARS:
        return None
    text = text.strip()
    if (role := _NAME_THEN_ROLE.regex.match(text)) and role.group(1)[:1].isupper():
        return role.group(1)
    m = _BYLINE.regex.match(text)
    if not m or count_words(text) > 16:
        return None
    name = _AFTER_NAME.regex.split(m.group(1))[0].strip(" .,")
    return name or None


_COPYRIGHT_HEAD = LazyPattern(
    r"^(?:copyright\s*)?(?:©|ⓒ|\([cс]\))?\s*(?:copyright\s*)?"
    r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d)?)?\s*,?\s*)?",
    re.I,
)
_COPYRIGHT_CUT = LazyPattern(r"\.\s|\s[|•·-]\s|,?(?<!\s)\s++all rights|\s\(|[|•]", re.I)
_HOLDER_LEAD = LazyPattern(r"^(?:by|copyright)\s+", re.I)
_NOT_A_HOLDER = LazyPattern(r"^all rights|designed|powered|unless", re.I)
_COMPANY_SUFFIX = LazyPattern(r",?(?<!\s)\s++(?:inc|llc|ltd|limited|pty ltd|plc|gmbh|s\.a|co)\.?$", re.I)


def copyright_holder(text: str) -> str | None:
    """Return the holder named by a dated copyright notice ("© 2019 Example News. All rights
    reserved." gives "Example News"), or None when the line is not one.

    Undated notices ("© Reuters") are usually photo credits, so they give None.
    """
    if _YEAR.regex.search(text) is None or not text[:12].lower().lstrip().startswith(
        ("©", "ⓒ", "(c", "copyright")
    ):
        return None
    rest = _COPYRIGHT_HEAD.regex.sub("", text.strip(), count=1)
    rest = _COPYRIGHT_CUT.regex.split(rest, maxsplit=1)[0].strip(" .,;:-–")
    rest = _COMPANY_SUFFIX.regex.sub("", rest).strip(" .,")
    rest = _HOLDER_LEAD.regex.sub("", rest)
    if _NOT_A_HOLDER.regex.search(rest):
        return None
    if (
        not rest
        or not 1 <= len(rest.split()) <= 5
        or not rest[:1].isalnum()
        or _YEAR.regex.search(rest)
    ):
        return None
    return rest
