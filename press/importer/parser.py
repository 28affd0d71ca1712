"""Parse one press release document (plain text or Markdown) into its parts, noting what was found."""

import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .markdown import HEADING_RE, QUOTE_RE, RULE_RE, split_blocks, to_html
from .text import (
    InvalidDate,
    clear_caches,
    detect_language,
    fold,
    match_dateline,
    plain_block,
    strip_inline_markdown,
    words,
)

KIND_RE = re.compile(
    r"^(?:(?:joint\s+)?(?:press|news|media)\s+(?:release|information|invitation|kit|advisory|statement)"
    r"|communique(?:\s+de\s+presse)?(?:\s+(?:commun|conjoint))?|information\s+presse|invitation\s+presse"
    r"|dossier\s+de\s+presse|avis\s+aux\s+medias|note\s+aux\s+redactions)\s*:?$"
)
ABOUT_RE = re.compile(
    r"^(?:a\s+propos\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')|about\s+(?:the\s+)?)(?P<name>.+?)\s*:?$"
)
CONTACTS_RE = re.compile(
    r"^(?:(?:vos\s+)?contacts?(?:\s+(?:presse|press|medias?|media))?|(?:press|media)\s+contacts?|press\s+office"
    r"|service\s+de\s+presse|relations?\s+(?:presse|medias))\b\s*:?\s*"
)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,30}\b")
PHONE_RE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.]?(?:\(0\)\s?)?)?\d(?:[\s.-]?\d){7,13}(?!\w)")
LABEL_WORDS_RE = re.compile(
    r"\b(?:t[ée]l[ée]phone|t[ée]l|phone|mobile|portable|e-?mail|courriel|mail|twitter|x)\b\.?\s*:?", re.IGNORECASE
)
ARTICLE_RE = re.compile(r"^(?:l'|la\s+|le\s+|les\s+|the\s+)", re.IGNORECASE)
# A press contacts block holds a few people; past this many lines it is not one (and would cost time).
MAX_CONTACT_LINES = 300
OPENING_MARKS = '«“"'
CLOSING_MARKS = '»”"'
SPEECH_VERBS = (
    "souligne|declare|explique|indique|precise|ajoute|affirme|confie|estime|rappelle|commente|conclut|"
    "se rejouit|note|insiste|poursuit|observe|annonce|temoigne|assure|resume|detaille|salue|"
    "says|said|explains|explained|adds|added|notes|noted|comments|commented|states|stated|emphasises|"
    "emphasizes|emphasised|emphasized|highlights|highlighted|concludes|concluded|continues|continued|points out"
)
HONORIFICS_RE = re.compile(
    r"^(?:le\s+|la\s+)?(?:docteur|dr\.?|pr\.?|professeur|professor|prof\.?|mme|m\.|madame|monsieur|mr\.?|mrs\.?|ms\.?)\s+",
    re.IGNORECASE,
)
ORG_CONNECTOR_RE = re.compile(
    r"\s(?:de\s+l'|de\s+la\s+|du\s+|des\s+|de\s+|d'|of\s+the\s+|of\s+|at\s+the\s+|at\s+|a\s+l'|a\s+la\s+)"
)


@dataclass
class About:
    heading: str
    text: str
    html: str


@dataclass
class Contact:
    labels: list
    email: str = ""
    phone: str = ""
    handle: str = ""


@dataclass
class ParsedQuote:
    text: str
    speaker_name: str
    speaker_title: str
    organisation_labels: list


@dataclass
class ParsedDocument:
    name: str
    checksum: str = ""
    language: str | None = None
    kind: str = ""
    dateline_place: str = ""
    release_date: object = None
    title: str = ""
    lead: str = ""
    body_html: str = ""
    body_blocks: int = 0
    header_labels: list = field(default_factory=list)
    abouts: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    found: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def normalise_text(text):
    """Return ``text`` without a BOM, with Unix line endings and no trailing spaces beyond a hard break."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return text


def organisation_names(label):
    """Return the names an organisation label stands for: "L'Inserm (French …)" → ["Inserm", "French …"]."""
    label = strip_inline_markdown(label).strip(" :.-–—")
    names = []
    for part in re.split(r"\s*[()]\s*", label):
        part = ARTICLE_RE.sub("", part.strip(" ,:;.–—-")).strip()
        if part:
            names.append(part)
    return names


def _is_kind(plain):
    return bool(KIND_RE.match(fold(plain))) and len(plain) <= 60


def _kind_label(plain):
    plain = plain.strip(" :")
    if plain.isupper():
        plain = plain[:1] + plain[1:].lower()
    return plain


def _is_heading(block):
    return len(block.splitlines()) == 1 and bool(HEADING_RE.match(block))


def _is_fully_wrapped(block, marker):
    stripped = block.strip()
    return stripped.startswith(marker) and stripped.endswith(marker) and len(stripped) > 2 * len(marker)


def _is_bold(block):
    stripped = re.sub(r"^#+\s*", "", block.strip())
    return _is_fully_wrapped(stripped, "**") or _is_fully_wrapped(stripped, "__")


def _is_italic(block):
    stripped = block.strip()
    return (_is_fully_wrapped(stripped, "*") and not stripped.startswith("**")) or (
        _is_fully_wrapped(stripped, "_") and not stripped.startswith("__")
    )


def _is_structural(block):
    """Return True for a list, a quote or a rule (never a title, lead or heading)."""
    first = block.splitlines()[0]
    return bool(RULE_RE.match(first) or QUOTE_RE.match(first) or re.match(r"^\s{0,3}(?:[-*+•–]|\d{1,3}[.)])\s+", first))


def _headerish(block):
    """Return True for a block that may be a title: a heading, or a short line not ending a sentence."""
    if _is_heading(block):
        return True
    plain = plain_block(block)
    return (
        not _is_structural(block)
        and len(block.splitlines()) <= 3
        and 0 < len(plain.split()) <= 35
        and not plain.endswith((".", ";", ":", ","))
    )


def _short_line(block, max_words=12):
    plain = plain_block(block)
    return (
        len(block.splitlines()) == 1
        and 0 < len(plain.split()) <= max_words
        and not _is_structural(block)
        and not plain.endswith((".", ";", ",", "!", "?"))
        and not EMAIL_RE.search(plain)
    )


def _mentions(name, block, within=15):
    head = " ".join(words(plain_block(block))[:within])
    target = " ".join(words(name))
    return bool(target) and re.search(rf"\b{re.escape(target)}\b", head) is not None


def _about_heading(block, next_block):
    """Return the organisation label of an "About …" heading, or None."""
    if not _short_line(block):
        return None
    plain = plain_block(block).rstrip(":").strip()
    explicit = ABOUT_RE.match(fold(plain))
    if explicit:
        return plain[explicit.start("name") :].strip()
    if next_block is None or _is_structural(next_block):
        return None
    if _is_italic(next_block) and (_is_heading(block) or _is_bold(block)):
        return plain
    names = organisation_names(plain)
    if names and any(_mentions(name, next_block) for name in names) and len(plain.split()) <= 10:
        return plain
    return None


def _split_glued_heading(block):
    """Split an "About X" heading from the text that follows it on the next line of the same block."""
    first, _newline, rest = block.partition("\n")
    if rest.strip() and _short_line(first) and ABOUT_RE.match(fold(plain_block(first))):
        return [first, rest]
    return [block]


def _only_prose_until_tail(blocks):
    """Return, for each block, whether no list or quotation follows it before the rule or contacts block.

    Computed once from the end, so a document of many short lines costs one pass, not one per line.
    """
    flags = [True] * len(blocks)
    following = True
    for index in range(len(blocks) - 1, -1, -1):
        flags[index] = following
        block = blocks[index]
        if RULE_RE.match(block) or _is_contacts_heading(block):
            following = True
        elif _is_structural(block) or plain_block(block)[:1] in OPENING_MARKS:
            following = False
    return flags


def _unwrap_italic(block):
    """Return a boilerplate paragraph without the italics wrapping all of it."""
    return block.strip()[1:-1] if _is_italic(block) else block


def _is_contacts_heading(block):
    plain = plain_block(block.splitlines()[0])
    match = CONTACTS_RE.match(fold(plain))
    return bool(match) and (len(plain.split()) <= 4 or ":" in plain)


def parse_contacts(lines):
    """Return the contacts of a press contacts block, one per line holding an e-mail or a phone number."""
    contacts = []
    pending = []
    for raw in lines:
        line = strip_inline_markdown(raw)
        if not line:
            continue
        emails = EMAIL_RE.findall(line)
        rest = EMAIL_RE.sub(" ", line)
        rest = re.sub(r"mailto:\S*", " ", rest)
        handles = HANDLE_RE.findall(rest)
        rest = HANDLE_RE.sub(" ", rest)
        phones = [re.sub(r"\s+", " ", phone.strip()) for phone in PHONE_RE.findall(rest)]
        rest = PHONE_RE.sub(" ", rest)
        rest = LABEL_WORDS_RE.sub(" ", rest)
        labels = [piece.strip() for piece in re.split(r"\s[-–—|/]\s|[–—:|,]|\s/\s", rest) if piece.strip(" -/.")]
        labels = [label.strip(" -/.") for label in labels if re.search(r"\w", label)]
        if not emails and not phones:
            if handles and contacts:
                contacts[-1].handle = contacts[-1].handle or handles[0]
            elif labels:
                pending.extend(labels)
            continue
        previous = contacts[-1] if contacts and not labels and not pending else None
        if previous is not None and not (emails and previous.email) and not (phones and previous.phone):
            previous.email = previous.email or (emails[0] if emails else "")
            previous.phone = previous.phone or " / ".join(phones)
            previous.handle = previous.handle or (handles[0] if handles else "")
            continue
        contacts.append(
            Contact(
                labels=pending + labels,
                email=emails[0] if emails else "",
                phone=" / ".join(phones),
                handle=handles[0] if handles else "",
            )
        )
        pending = []
    return contacts


def _speaker(who):
    """Split "Loïg Chesnais-Girard, le Président de la Région Bretagne." into name, title and organisations."""
    who = who.strip(" .,")
    name, _comma, title = who.partition(",")
    name = HONORIFICS_RE.sub("", name.strip()).strip()
    title = ARTICLE_RE.sub("", title.strip(" .,")).strip()
    labels = []
    for connector in ORG_CONNECTOR_RE.finditer(" " + fold(title)):
        # Folding keeps lengths, so positions in the folded title are positions in the title.
        labels.append(title[connector.end() - 1 :].strip())
    return name, title, labels


def _extract_quote(block):
    """Return a ParsedQuote when ``block`` is a quotation whose speaker the text names, else None."""
    raw = "\n".join(QUOTE_RE.match(line).group(1) if QUOTE_RE.match(line) else line for line in block.splitlines())
    plain = strip_inline_markdown(raw.replace("\n", " "))
    if not plain or plain[0] not in OPENING_MARKS:
        return None
    bold_who = re.search(rf",\s+(?:{SPEECH_VERBS})\s+\*\*(.+?)\*\*", fold(raw))
    if bold_who:
        who = strip_inline_markdown(raw[bold_who.start(1) : bold_who.end(1)])
        who_start = plain.find(who)
        verb = re.search(rf",\s+(?:{SPEECH_VERBS})\s+$", fold(plain[:who_start])) if who_start > 0 else None
        if verb is None:
            return None
        start, end = verb.start(), who_start + len(who)
    else:
        match = re.search(rf"[,{CLOSING_MARKS}]\s*,?\s+(?:{SPEECH_VERBS})\s+(?P<who>[^.«»“”\"]+)(?:\.|$)", fold(plain))
        if match is None:
            return None
        who = plain[match.start("who") : match.end("who")]
        start, end = match.start(), match.end()
        if plain[start] in CLOSING_MARKS:
            start += 1
    before = plain[:start].strip().lstrip(OPENING_MARKS).strip().rstrip(",").strip()
    after = plain[end:].strip().lstrip(".").strip().rstrip(CLOSING_MARKS).strip()
    before = before.rstrip(CLOSING_MARKS).strip().rstrip(",").strip()
    if after:
        text = f"{before}. {after}" if not before.endswith((".", "!", "?", "…")) else f"{before} {after}"
    else:
        text = before if before.endswith((".", "!", "?", "…")) else f"{before}."
    name, title, labels = _speaker(who)
    if len(name.split()) < 2:
        return None
    return ParsedQuote(
        text=text,
        speaker_name=name,
        speaker_title=title,
        organisation_labels=labels,
    )


def _join_open_quotes(blocks):
    """Merge the paragraphs of a quotation running over several blocks (« … ¶ … »)."""
    merged, index = [], 0
    while index < len(blocks):
        block = blocks[index]
        plain = plain_block(block)
        if plain[:1] in OPENING_MARKS and plain[-1:] not in CLOSING_MARKS and "»" not in plain:
            end = index + 1
            while end < len(blocks) and end - index < 4 and plain_block(blocks[end])[-1:] not in CLOSING_MARKS:
                end += 1
            if end < len(blocks) and plain_block(blocks[end])[-1:] in CLOSING_MARKS:
                merged.append("\n".join(blocks[index : end + 1]))
                index = end + 1
                continue
        merged.append(block)
        index += 1
    return merged


def parse_document(name, text, *, language=None):
    """Return the ParsedDocument of one press release text; fatal problems go to ``errors``."""
    try:
        return _parse(name, text, language)
    finally:
        clear_caches()


def _parse(name, text, language):
    doc = ParsedDocument(name=name, checksum=hashlib.sha256(text.encode()).hexdigest())
    text = normalise_text(text)
    blocks = [part for block in split_blocks(text) for part in _split_glued_heading(block)]
    if not blocks:
        doc.errors.append(_("the file is empty"))
        return doc
    doc.language = language or detect_language(text)
    if doc.language is None:
        doc.errors.append(_("the text is neither French nor English (language not recognised)"))
        return doc
    doc.found.append(_("language: %(language)s") % {"language": _("French") if doc.language == "fr" else _("English")})

    # Header: kind heading and dateline among the first short blocks, then the title.
    kind_index = date_index = None
    for index, block in enumerate(blocks[:8]):
        if not _headerish(block):
            break
        plain = plain_block(block)
        if kind_index is None and _is_kind(plain):
            kind_index, doc.kind = index, _kind_label(plain)
            continue
        if date_index is None:
            try:
                dateline = match_dateline(plain)
            except InvalidDate as error:
                doc.errors.append(_("the date does not exist: %(date)s") % {"date": error})
                return doc
            if dateline:
                date_index = index
                doc.dateline_place, doc.release_date = dateline[:2]
    marks = [index for index in (kind_index, date_index) if index is not None]
    last_mark = max(marks, default=-1)
    before = [index for index in range(last_mark) if index not in marks]
    title_index = None
    headings_before = [index for index in before if _is_heading(blocks[index])]
    if headings_before:
        title_index = headings_before[-1]
    elif last_mark + 1 < len(blocks) and _headerish(blocks[last_mark + 1]):
        title_index = last_mark + 1
    elif before:
        title_index = before[-1]
    if title_index is None:
        doc.errors.append(_("no title found"))
        return doc
    doc.title = plain_block(blocks[title_index])
    doc.header_labels = [plain_block(blocks[index]) for index in before if index != title_index]
    content = blocks[max(title_index, last_mark) + 1 :]

    # Lead: the first bold paragraph (among the first two), else the first paragraph.
    lead_index = next((i for i, block in enumerate(content[:2]) if _is_bold(block) and not _is_heading(block)), None)
    if lead_index is None:
        lead_index = next((i for i, block in enumerate(content[:2]) if not _is_structural(block)), None)
    if lead_index is not None:
        doc.lead = plain_block(content[lead_index])
        if doc.release_date is None:
            try:
                dateline = match_dateline(doc.lead, inline=True)
            except InvalidDate as error:
                doc.errors.append(_("the date does not exist: %(date)s") % {"date": error})
                return doc
            if dateline:
                doc.dateline_place, doc.release_date, length = dateline
                doc.lead = doc.lead[length:].strip()
        content = content[:lead_index] + content[lead_index + 1 :]

    if doc.release_date is None:
        doc.errors.append(_("no dateline found (no release date)"))
        return doc

    # Tail: "About …" boilerplates and the press contacts block, after the body.
    tail_start = len(content)
    prose_until_tail = _only_prose_until_tail(content)
    for index, block in enumerate(content):
        following = content[index + 1] if index + 1 < len(content) else None
        explicit = ABOUT_RE.match(fold(plain_block(block))) and _short_line(block)
        if explicit or _is_contacts_heading(block) or RULE_RE.match(block):
            tail_start = index
            break
        if _about_heading(block, following) and prose_until_tail[index]:
            tail_start = index
            break
    body_blocks, tail = content[:tail_start], content[tail_start:]
    section = None
    contact_lines = []
    about_blocks = {}
    for index, block in enumerate(tail):
        following = tail[index + 1] if index + 1 < len(tail) else None
        if RULE_RE.match(block):
            section = None
            continue
        if _is_contacts_heading(block):
            section = "contacts"
            first, *others = block.splitlines()
            remainder = CONTACTS_RE.sub("", fold(plain_block(first)), count=1)
            if remainder.strip():
                contact_lines.append(first[len(first) - len(remainder) :])
            contact_lines.extend(others)
            continue
        label = _about_heading(block, following)
        if label:
            doc.abouts.append(About(heading=label, text="", html=""))
            about_blocks[id(doc.abouts[-1])] = []
            section = "about"
            continue
        if section == "about" and not (EMAIL_RE.search(block) and len(plain_block(block).split()) <= 25):
            about = doc.abouts[-1]
            about.text = (about.text + "\n\n" + plain_block(block)).strip()
            about_blocks[id(about)].append(_unwrap_italic(block))
        elif section == "contacts" or EMAIL_RE.search(block) or PHONE_RE.search(block):
            contact_lines.extend(block.splitlines())
        else:
            doc.missing.append(
                _("text after the body not recognised, left out: “%(text)s”") % {"text": plain_block(block)[:60]}
            )
    for about in doc.abouts:
        about.html = to_html(about_blocks[id(about)])
        if not about.text:
            doc.missing.append(_("“About %(name)s” heading without text") % {"name": about.heading})
    doc.abouts = [about for about in doc.abouts if about.text]
    if len(contact_lines) > MAX_CONTACT_LINES:
        doc.missing.append(
            _("press contacts block of %(count)s lines: only the first %(limit)s were read")
            % {"count": len(contact_lines), "limit": MAX_CONTACT_LINES}
        )
        contact_lines = contact_lines[:MAX_CONTACT_LINES]
    doc.contacts = [contact for contact in parse_contacts(contact_lines) if contact.email or contact.phone]

    # Body: quotations with a named speaker become quotes; short lone lines become subheadings.
    kept = []
    body_blocks = _join_open_quotes(body_blocks)
    for index, block in enumerate(body_blocks):
        quote = _extract_quote(block)
        if quote:
            doc.quotes.append(quote)
            continue
        following = body_blocks[index + 1] if index + 1 < len(body_blocks) else None
        if (
            following is not None
            and not _is_heading(block)
            and _short_line(block, max_words=15)
            and not plain_block(block).endswith(":")
            and not _is_structural(following)
        ):
            block = "## " + plain_block(block)
        kept.append(block)
    doc.body_html = to_html(kept)
    doc.body_blocks = len(re.findall(r"<(?:p|h2|h3|h4|ul|ol|blockquote)>", doc.body_html))
    unattributed = sum(plain_block(block)[:1] in OPENING_MARKS for block in kept)

    _note(doc, unattributed)
    return doc


def _note(doc, unattributed):
    found, missing = doc.found, doc.missing
    if doc.kind:
        found.append(_("kind heading: %(kind)s") % {"kind": doc.kind})
    else:
        missing.insert(0, _("no kind heading found"))
    place = f"{doc.dateline_place}, " if doc.dateline_place else ""
    found.append(_("dateline: %(dateline)s") % {"dateline": place + doc.release_date.isoformat()})
    if not doc.dateline_place:
        missing.append(_("no place in the dateline"))
    found.append(_("title: %(title)s") % {"title": doc.title})
    if doc.lead:
        found.append(_("lead: %(count)s characters") % {"count": len(doc.lead)})
    else:
        missing.append(_("no lead found"))
    if doc.body_blocks:
        found.append(_("body: %(count)s paragraphs, headings or lists") % {"count": doc.body_blocks})
    else:
        missing.append(_("no body text found"))
    if doc.header_labels:
        found.append(_("header lines: %(lines)s") % {"lines": ", ".join(doc.header_labels)})
    if doc.abouts:
        found.append(_("“About” texts: %(names)s") % {"names": ", ".join(about.heading for about in doc.abouts)})
    else:
        missing.append(_("no “About …” block found"))
    if doc.contacts:
        found.append(_("press contacts: %(count)s") % {"count": len(doc.contacts)})
    else:
        missing.append(_("no press contacts block found"))
    if doc.quotes:
        found.append(_("quotes: %(speakers)s") % {"speakers": ", ".join(quote.speaker_name for quote in doc.quotes)})
    if unattributed:
        missing.append(
            ngettext(
                "%(count)s quotation without a named speaker left in the body",
                "%(count)s quotations without a named speaker left in the body",
                unattributed,
            )
            % {"count": unattributed}
        )
