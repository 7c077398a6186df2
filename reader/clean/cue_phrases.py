"""Phrases of page furniture, as rules: a reason, the words that gate it, the patterns.

Donation appeals, newsletter and subscription boxes, cookie notices, copyright lines,
licences and disclaimers, picture credits, share rows, "Read more" and related-links
headings, comment sections, a press release's company profile: common phrasings in
several languages, none tied to a site. Each rule's patterns only run on a text that
holds one of its trigger words (see :mod:`reader.clean.boilerplate`), which names the
rules each word sets off.
"""

from __future__ import annotations

import re

from reader.lazy_pattern import LazyPattern


def _alt(*phrases: str) -> str:
    return "|".join(phrases)


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


#: A gallery's counter over each picture: "Image 2 of 5", "Foto 3 von 12" (lower case).
GALLERY_COUNTER = r"^(?:image|photo|picture|bild|foto) \d+ (?:of|von|de) /? ?\d+$"


PHRASES: list[_Rule] = [
    _rule(
        "newsletter",
        ANY,
        "sign signing subscribe subscribers newsletter newsletters inbox mailbox email mail "
        "abonnieren suscríbete assine iscriviti inscrivez подпишитесь рассылку рассылки рассылка "
        "berlangganan anmelden bestellen boletín zapisz postfach posteingang subskrypcji "
        "verpasse verpass unser unseren informieren trage alerts agree opt keep diffusion "
        "e-mail-adresse delivered",
        "뉴스레터 メールマガジン メルマガ",
        r"sign up (?:for|to) (?:our|the|my|receive|get)\b",
        r"signing up (?:for|to) (?:our|the) newsletter",
        r"\bnewsletter\b.{0,40}\b(?:anmelden|abonnieren|bestellen)\b",
        r"\b(?:anmelden|abonnieren|bestellen)\b.{0,40}\bnewsletter\b",
        r"suscríbete (?:a|gratis a) (?:nuestro|nuestra) (?:boletín|newsletter)",
        r"zapisz się (?:do|na) newslettera?",
        r"subscribe to (?:our|the) (?:\w+ )?(?:newsletter|mailing|podcast|channel)",
        r"\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|mailbox|e-?mail)",
        r"(?:sign up|subscribe|inbox|mailbox|e-?mail).*\bnewsletters?\b",
        r"delivered (?:straight )?to (?:your|their) inbox",
        r"in your inbox",
        r"\bin (?:dein|deinen|ihr|ihren) (?:e-mail-)?(?:postfach|posteingang)\b",
        r"enter your e-?mail",
        r"your e-?mail address",
        r"\b(?:gib|geben sie) (?:deine|ihre) e-?mail-?adresse ein\b",
        r"^mit unserem newsletter\b",
        r"^verpasse? keine (?:news|neuigkeiten|artikel|beiträge)\b",
        r"\bunser(?:en)? (?:kostenlose[nr]? )?newsletter\b",
        r"^wir informieren sie regelmäßig\b",
        r"\bbreaking news alerts\b",
        r"^i agree that .{0,60}\bsend me\b",
        r"\bopt-in box\b",
        r"^keep an eye on your inbox\b",
        r"\btrage (?:deine|ihre) (?:beste )?e-?mail-?adresse ein\b",
        r"by e-?mail and never miss",
        r"\bdo subskrypcji\b",
        r"\bnotre liste de diffusion\b",
        r"get our newsletter",
        r"newsletter abonnieren",
        r"-newsletter\s*:",
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
        "independent help payment paiment patreon unterstützen apoie sostienici soutenez поддержите "
        "spende spenden spendet donación donativo don wesprzyj unterstütze click paypal beitrag",
        "",
        r"^unterstütze\b.{0,40}\bmit\b.{0,10}\d",
        r"\bclick here to support\b",
        r"\bjede (?:kleine )?spende\b",
        r"\bihr beitrag hilft\b",
        r"\b(?:jetzt|bitte) spenden\b",
        r"\bspenden sie\b",
        r"\bhaz (?:una|tu) donación\b",
        r"\bfaire un don\b",
        r"\bwesprzyj (?:nas|nasz)",
        "dear reader",
        r"^support (?:us|the|our)\b[^.]{0,40}$",
        r"support (?:us|our (?:work|journalism)|independent journalism)",
        r"please (?:consider )?(?:support|donat|contribut)",
        r"(?:one-time|monthly|recurring|small|tax-deductible) donation",
        r"(?:one-time|monthly|recurring|small|tax-deductible) contribution",
        r"become a (?:patron|supporter|paying member|member today)",
        r"your (?:support|contribution|donation)s?,? (?:no matter|helps|makes|means|will help|keeps|allows|will allow|enables|is vital|is crucial)",
        r"\b(?:you can|please|help) support (?:this|the|my|our) (?:blog|site|website|podcast|channel)\b",
        r"\bdonations? (?:via|through|with|by) paypal\b",
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
        # other languages' verbs, on a line that speaks of the site too (not of biscuits)
        r"^(?=.*\b(?:website|webseite|internetseite|seite|site|sitio|web|página|strona|"
        r"navigation|navegación|erfahrung|datenschutz|privacidad|zustimm|einverstanden|akzept))"
        r".*\b(?:verwendet|verwenden|nutzt|nutzen|benutzt|setzt|setzen|einsatz von|utiliza|"
        r"usa|uso de|utilise|utilisation de|utilizza|używa|wykorzystuje)\b.{0,20}\bcookies?\b",
        r"utilizamos cookies",
        r"nous utilisons des cookies",
        r"korzystamy z (?:plików )?cookies",
        r"файлы cookie",
        r"쿠키",
        r"クッキー",
    ),
    _rule(
        "copyright",
        ANY,
        "copyright c reserved vorbehalten reservados riservati réservés защищены standards "
        "autorskim",
        "© 무단 無断転載",
        r"^(?:copyright\b|©|\(c\)).{0,30}\b(?:19|20)\d\d\b",
        r"all rights reserved",
        r"^our standards\s*:",
        r"alle rechte vorbehalten",
        r"todos los derechos reservados",
        r"todos os direitos reservados",
        r"tutti i diritti riservati",
        r"tous droits réservés",
        r"все права защищены",
        r"\bchroniony prawem autorskim\b",
        r"무단 ?전재",
        r"無断転載",
    ),
    _rule(
        "subscription",
        ANY,
        "subscribe subscriber already trial unlimited remaining left reading log login account "
        "cancel cancela zugang view delivered issues",
        "",
        r"\bcancel(?:a)? (?:at )?(?:any ?time|cuando quieras)\b",
        r"\bwählen sie ihren zugang\b",
        r"to view the full (?:story|article),? please subscribe",
        r"\bsubscribe to our sister (?:title|magazine|publication)\b",
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
        r"\bdelivered (?:through|to) your (?:letterbox|letter box|door|doorstep)\b",
        r"\b\d+ issues for\b",
    ),
    _rule(
        "share",
        FIRST,
        "share click tap follow like find facebook twitter email pinterest linkedin reddit whatsapp "
        "teile teilen",
        "",
        r"^teilen? (?:sie )?diesen (?:beitrag|artikel)\b",
        r"^share (?:this|on|via|the|all sharing)\b",
        r"^(?:click|tap) to (?:share|email|print)",
        r"^follow (?:us|me) on\b",
        r"^follow [\w'’ ]{1,30} on (?:instagram|facebook|twitter|youtube|tiktok)\b",
        r"^like this (?:story|article)\? share it\b",
        r"^like us on\b",
        r"^find us on\b",
        r"^(?:facebook|twitter|email|pinterest|linkedin|reddit|whatsapp)(?:\s+\d+)?"
        r"(?:\s*[|·,]?\s*(?:facebook|twitter|email|pinterest|linkedin|reddit|whatsapp|google\+|print|share|tumblr|telegram))+\W*$",
    ),
    _rule(
        "read more",
        FIRST,
        "read see click continue related also more recommended watch listen mehr lesen leia leggi "
        "lire читайте baca 관련기사 lea lee vea ver mira puedes le te czytaj zobacz przeczytaj "
        "dowiedz auch zum schon à a voir potrebbe also",
        "",
        r"^(?:read|see|click here|continue reading)\b.{0,20}\b(?:more|full (?:story|article)|here)\b\W*$",
        r"^(?:related|read also|also read|read more|see also|more|recommended|watch|listen|recommended reading)\s*:",
        r"^(?:mehr zum thema|lesen sie auch|leia também|leia mais|leggi anche|lire aussi|читайте также|baca juga|관련기사)\b",
        # a pointer to another article: "Lea también: …", "Czytaj też: …", "À lire aussi »"
        r"^(?:lea|lee|vea|ver|mira|puedes ver|lea más|lee más|ver más)\s*:",
        r"^(?:lea|lee|vea|ver) también\b",
        r"^(?:le|te) puede(?:n)? interesar\b",
        r"^(?:czytaj|zobacz|przeczytaj)(?: też| także| również| więcej)?\s*:",
        r"^(?:czytaj|zobacz|przeczytaj) (?:też|także|również)\b",
        r"^dowiedz się więcej\s*:",
        r"^(?:auch lesen|lesen sie (?:hier|auch|mehr)|zum weiterlesen|auch interessant|weiterlesen)\s*[:»]",
        r"^schon gelesen\s*\?",
        r"^(?:à|a) lire (?:aussi|également)\b",
        r"^voir aussi\s*:",
        r"^potrebbe interessarti\b",
        r"^also on [\w-]+\.\w{2,}\b",
    ),
    _rule(
        "comments",
        ANY,
        "comment comments responses replies reply kommentare comentarios comentários commenti "
        "commentaires комментарии комментариев email required connesso closed guidelines commenting "
        "antworten komentarze komentarzy netiquette akismet comentar kommentaren letter letters "
        "moderating",
        "",
        r"\bpara comentar debes\b",
        r"\bin den kommentaren\b",
        r"\bletters? to the editor\b",
        r"\bmoderating (?:all )?comments\b",
        r"\bhalten sie sich an unsere netiquette\b",
        r"^\d+\s+(?:comments?|responses?|replies|kommentare|comentarios|comentários|commenti|комментари)",
        r"^\d+\s+(?:antworten|kommentare|comentarios|commentaires|komentarz[ey]?)\s+(?:zu|a|sur|do)\b",
        r"^(?:comments?|responses?)\s*\(?\d+\)?$",
        r"^\W*(?:\w+\s+){0,3}(?:comments|kommentare|comentarios|comentários|commenti|commentaires|комментарии)\W*$",
        r"^(?:view|show|read|see|load|hide|all|top rated|top|latest|newest|oldest) comments\b",
        r"you must be logged in to post a comment",
        r"your email address will not be published",
        r"required fields are marked",
        r"devi essere connesso per",
        r"comments are closed",
        r"\bakismet\b",  # "This site uses Akismet to reduce spam", under comment forms
        r"^leave a (?:comment|reply)",
        r"community guidelines",
        r"commenting (?:policy|guidelines)",
    ),
    _rule(
        "related",
        FIRST,
        "more related recommended trending popular latest top weitere más",
        "",
        r"^more (?:in|from|on|about|stories|news|videos|articles|headlines)\b.{0,40}$",
        r"^related (?:topics|tags)\b.{0,80}$",
        r"^weitere (?:artikel|beiträge|meldungen|nachrichten|pressemitteilungen|themen)\b.{0,40}$",
        r"^más sobre\b.{0,40}$",
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
    _rule(
        "caption",
        FIRST,
        "image media photo picture bild foto",
        "",
        r"^(?:image|media) (?:caption|copyright)\b",
        GALLERY_COUNTER,
    ),
    _rule(
        "caption",
        LAST,
        "photo ap afp reuters",
        "",
        # a picture's credit on a line of its own: "Jo Amory Submitted photo", "... via AP"
        r"^(?:[\w.'’-]+ ){1,3}submitted photo$",
        r"^[\w .,'’-]{2,60} via (?:ap|afp|reuters)$",
    ),
    _rule(
        "date",
        ANY,
        "published updated",
        "",
        r"^published\s*:.{0,40}\b(?:19|20)\d\d\b.{0,60}$",
        r"\|\s*(?:updated|published)\s*:?\s*\d{1,2}\b.{0,40}$",
        r"^by [\w .'’-]{1,40}\|.{0,30}\b(?:19|20)\d\d\b.{0,60}$",
    ),
    _rule(
        "navigation",
        ANY,
        "playback",
        "",
        r"\bmedia playback is (?:unsupported|not supported)\b",
    ),
    _rule(
        "advertisement",
        ANY,
        "disclosure commission compensation werbung affiliate disclaimer",
        "",
        r"^advertising disclosure\b",
        r"\badvertising disclaimer\b",
        r"\bwe may (?:receive|earn) (?:a )?(?:small )?(?:compensation|commission)",
        r"\benthält werbung\b",
        r"\benthält (?:affiliate|werbe)-?links\b",
    ),
    _rule(
        "share",
        ANY,
        "canal kanal channel",
        "",
        r"\b(?:nuestro|tenemos) canal de (?:youtube|telegram|whatsapp)\b",
        r"\bunse(?:r|ren) (?:youtube|telegram|whatsapp)-?kanal\b",
    ),
    _rule(
        "legal notice",
        ANY,
        "commons haftung kontrolle verlinkten einfluss responsible liable urheberrechtlich lizenz "
        "license licence licencia gewähr "
        "autorais copyright urheberrecht",
        "",
        # a licence, a disclaimer of linked pages, a rights notice over the page's pictures
        r"\bcreative commons\b.{0,30}\b(?:licen[cs]e|lizenz|licencia|licença|licenza)",
        r"\b(?:licensed|lizenziert|licenciad[oa]|licenziat[oa])\b.{0,30}\bcreative commons\b",
        r"\b(?:übernehme|übernehmen) (?:ich|wir) keine haftung\b",
        r"\btrotz sorgfältiger (?:inhaltlicher )?kontrolle\b",
        r"\bangaben ohne gewähr\b",
        r"\b(?:lizenz|license|licence|licencia)\s+cc[- ]by\b",
        r"\bfür den inhalt der verlinkten seiten\b",
        r"\bauf deren inhalte wir keinen einfluss\b",
        r"\bnot (?:be )?(?:held )?(?:responsible|liable) for the contents? of (?:any )?(?:external|linked|third)",
        r"\b(?:unterliegen|unterliegt|subject to|protected by|possuem|poseen)\b.{0,40}"
        r"\b(?:copyright|urheberrecht|direitos autorais|derechos de autor)",
    ),
    _rule(
        "legal notice",
        FIRST,
        "ich i",
        "",
        r"^ich (?:akzeptiere|habe die (?:datenschutz|nutzungs)\w*|stimme (?:der|den|zu))\b",
        r"^i (?:accept|agree to|have read) the (?:terms|privacy)",
    ),
    _rule(
        "navigation",
        ANY,
        "browser",
        "",
        # "Please update your browser", "Lade einen neueren Browser herunter"
        r"\b(?:update|upgrade) (?:your|to a (?:newer|modern)) browser\b",
        r"\bneueren browser\b",
        r"\byour browser (?:is|does) (?:not|out of date|outdated)",
    ),
    _rule(
        "navigation",
        FIRST,
        "warning notice deprecated fatal parse",
        "",
        # an error of the site's own software printed into the page
        r"^(?:warning|notice|deprecated|fatal error|parse error)\s*:.{0,300}\bon line \d+",
    ),
    _rule(
        "date",
        FIRST,
        "dieser der this",
        "",
        # a blog's footer: "This entry was posted in ... Bookmark the permalink."
        r"^(?:dieser|der) (?:beitrag|artikel|eintrag) wurde (?:am|von|unter|veröffentlicht)\b",
        r"^this (?:entry|post) was posted (?:on|in|by)\b",
    ),
    _rule("date", ANY, "abgelegt", "", r"(?:^|\bund |, )abgelegt unter\b"),
    _rule(
        "share",
        ANY,
        "follow abonnieren",
        "",
        r"\bfollow us on (?:twitter|facebook|instagram|linkedin|youtube|tiktok)\b",
        r"\brss-feed abonnieren\b",
    ),
    _rule(
        "company profile",
        ANY,
        "provider headquartered",
        "",
        # a press release's closing words on the company that sent it
        r"^[\w&.-]+(?: [\w&.-]+){0,3} is (?:a|an|the) (?:leading |global |world'?s? leading |"
        r"international |premier )+(?:[\w-]+ ){0,4}provider\b",
        r"\b(?:is|are) headquartered in\b.{0,120}\bemploys?\b",
    ),
    _rule(
        "caption",
        ANY,
        "bild bildquelle foto fotos imagen photograph photographed cc",
        "©",
        # a picture's credit: "... © Jo Amory / pixelio.de", "(Bildquelle: Jo Amory)",
        # "... Bild: Jo Amory/Agency", "Photograph by Jo Amory", "CC-BY-SA 2.0"
        r"^.{3,200}\s©\s?[\w(][^.]{0,60}$",
        r"\((?:bildquelle|quelle|foto|bild|source|photo)\s*:[^()]{2,60}\)\W*$",
        r"(?:^|\.\s|\s[-–]\s)(?:titelbild|bild|fotos?|imagen|bildquelle)\s*:\s*[^.:]{2,50}$",
        r"^photograph(?:ed)? by\b.{0,80}$",
        r"\bcc[- ]by(?:-(?:sa|nd|nc))*[\s-]*\d",
    ),
    _rule(
        "share",
        ANY,
        "teilen gefallen nützlich",
        "",
        r"^(?:diese[nrs]?|den) (?:geschichte|artikel|beitrag|story) teilen\b",
        r"\b(?:artikel|beitrag) gefallen\?",
        r"^(?:fanden sie|fandest du) (?:diesen|dieser|dieses|den) (?:artikel|beitrag)\b.{0,20}\?$",
    ),
    _rule(
        "related",
        FIRST,
        "das dieses hier lesen mehr noch empfehlungen empfohlener empfohlene die meistgelesenen "
        "weitere informate mirá vorschau read",
        "",
        r"^(?:das|dieses) thema könnte (?:dich|sie) (?:auch )?interessieren\b",
        r"^hier weiterlesen\b",
        r"^lesen sie hier\b",
        r"^mehr (?:zu|zum|zur|kolumnen|artikel|beiträge|news|nachrichten)\b[^.!?]{0,40}$",
        r"^noch mehr\b[^.!]{0,30}$",
        r"^empfehlungen (?:aus der|der) redaktion\b",
        r"^(?:die )?meistgelesenen?\b[^.!?]{0,40}$",
        r"^weitere beiträge zu\b",
        r"^informate más\b",
        r"^mirá también\b",
        r"^vorschau auf den nächsten artikel\b",
        r"^read further\b",
    ),
    _rule(
        "navigation",
        FIRST,
        "empfohlener empfohlene",
        "",
        # the placeholder of an embed waiting for consent
        r"^empfohlene[rn]? redaktionelle[rn]? inhalt\b",
    ),
    _rule(
        "subscription",
        FIRST,
        "hier jetzt",
        "",
        r"^(?:hier|jetzt) (?:kostenlos )?(?:anmelden|registrieren)\b.{0,20}$",
    ),
    _rule(
        "comments",
        ANY,
        "veröffentlicht response responses czekamy love",
        "",
        r"\b(?:wird|werden) (?:benötigt und )?nicht veröffentlicht\b",
        r"^no responses? (?:so far|yet)\b",
        r"\bczekamy na wasze (?:maile|opinie|komentarze)\b",
        r"\b(?:we|i)(?:'d|’d| would) love to hear (?:your|from you)\b",
    ),
    _rule(
        "navigation",
        ANY,
        "laden einverständnis browser phone",
        "",
        # embeds waiting for consent, app and browser notices
        r"\bum den inhalt von\b.{0,40}\bzu laden\b",
        r"\bohne (?:dein|ihr) einverständnis keine verbindung\b",
        r"\busing a browser (?:version )?with limited support\b",
        r"\bstraight to your phone\b",
    ),
    _rule(
        "subscription",
        ANY,
        "klicken ausgaben magazin heft",
        "",
        r"\beinfach hier klicken\b",
        r"\b\d+ ausgaben (?:gratis|kostenlos)\b",
        r"^lesen sie (?:das|die|den) [\w-]+(?: [\w-]+)? (?:magazin|heft)\b",
    ),
    _rule("navigation", FIRST, "thanks", "", r"^thanks for watching\b"),
    _rule("navigation", ANY, "window tab", "", r"opens? in a new (?:window|tab)"),
    _rule(
        "navigation",
        FIRST,
        "tags tag topics topic categories category filed posted labels label schlagwörter "
        "etichette темы skip jump back go you home startseite inicio início главная view clique "
        "click",
        "태그 タグ",
        r"^view all\s*\(\d+\)$",
        r"^clique (?:na imagem|no link|aqui)\b",
        r"^click here to (?:get|download) the\b.{0,40}\bapp$",
        r"^(?:tags?|topics?|categories|category|filed under|posted in|labels?|schlagwörter|etichette|темы|태그|タグ)\s*:",
        r"^(?:skip to|jump to|back to|go to) (?:main |the )?(?:content|navigation|top|menu|article)",
        r"^you are here\b",
        r"^(?:home|startseite|inicio|início|главная)\s*[>»/›|]",
    ),
]


def _index(mode: int) -> dict[str, tuple[int, ...]]:
    """For each trigger word of the rules of ``mode``, the positions of its rules in
    ``PHRASES``: a line is tried only against the rules its words can set off."""
    index: dict[str, list[int]] = {}
    for position, rule in enumerate(PHRASES):
        if rule[1] == mode:
            for word in rule[2]:
                index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


ANY_INDEX, FIRST_INDEX, LAST_INDEX = _index(ANY), _index(FIRST), _index(LAST)


ANY_TRIGGERS = frozenset(ANY_INDEX)


FIRST_TRIGGERS, LAST_TRIGGERS = frozenset(FIRST_INDEX), frozenset(LAST_INDEX)


#: Positions of the rules that scripts written without spaces set off by a substring.
SUBSTRING_RULES = tuple(position for position, rule in enumerate(PHRASES) if rule[3])
ANY_SUBSTRING = LazyPattern("|".join(re.escape(s) for r in PHRASES for s in r[3]))
