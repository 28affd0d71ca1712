"""A small Markdown-to-HTML converter for the subset found in press release exports.

Blocks: paragraphs (hard-wrapped lines joined; two trailing spaces or a backslash break a line),
``#`` headings (levels 1–2 → h2, 3 → h3, 4+ → h4), ``-``/``*``/``•`` and numbered lists,
``>`` quotes, rules (dropped). Inline: ``**bold**``, ``*italic*``/``_italic_``, ``[links](url)``,
``<autolinks>``, bare http(s) addresses and backslash escapes. The result goes through the
site's sanitiser, so whatever slips through is reduced to the allowed tags.
"""

import re
from html import escape

from core.richtext import sanitize_html

HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
RULE_RE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
BULLET_RE = re.compile(r"^\s{0,3}[-*+•–]\s+(.*)$")
NUMBERED_RE = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+(.*)$")
QUOTE_RE = re.compile(r"^\s{0,3}>\s?(.*)$")
HEADING_TAGS = {1: "h2", 2: "h2", 3: "h3"}


def split_blocks(text):
    """Return the blocks of ``text``: runs of lines separated by blank lines."""
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def inline(text):
    """Return the HTML of one run of inline Markdown."""
    stash = []

    def keep(html):
        stash.append(html)
        return f"\x00{len(stash) - 1}\x00"

    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>|~])", lambda m: keep(escape(m.group(1))), text)

    def link(match):
        label, href = match.group(1), match.group(2)
        return keep(f'<a href="{escape(href)}">') + label + keep("</a>")

    text = re.sub(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?\s*\)", link, text)
    text = re.sub(
        r"<((?:https?://|mailto:)[^>\s]+)>",
        lambda m: keep(f'<a href="{escape(m.group(1))}">{escape(m.group(1))}</a>'),
        text,
    )
    text = re.sub(
        r"(?<![\"'=(\w])(https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?])",
        lambda m: keep(f'<a href="{escape(m.group(1))}">{escape(m.group(1))}</a>'),
        text,
    )
    text = escape(text, quote=False)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"<strong>\2</strong>", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"<em>\1</em>", text)
    text = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"<em>\1</em>", text)
    while "\x00" in text:
        text = re.sub(r"\x00(\d+)\x00", lambda m: stash[int(m.group(1))], text)
    return text


def _paragraph_lines(lines):
    """Join hard-wrapped lines, keeping explicit breaks (two trailing spaces or a backslash)."""
    html = ""
    for index, line in enumerate(lines):
        hard_break = line.endswith("  ") or line.endswith("\\")
        content = line.rstrip("\\").strip()
        html += inline(content)
        if index < len(lines) - 1:
            html += "<br>" if hard_break else " "
    return html


def block_to_html(block):
    """Return the HTML of one block (see the module docstring for what is understood)."""
    lines = block.splitlines()
    heading = HEADING_RE.match(lines[0])
    if heading and len(lines) == 1:
        tag = HEADING_TAGS.get(len(heading.group(1)), "h4")
        return f"<{tag}>{inline(heading.group(2))}</{tag}>"
    if all(RULE_RE.match(line) for line in lines):
        return ""
    if all(QUOTE_RE.match(line) for line in lines):
        inner = "\n".join(QUOTE_RE.match(line).group(1) for line in lines)
        return "<blockquote>" + "".join(block_to_html(part) for part in split_blocks(inner)) + "</blockquote>"
    for pattern, tag in ((BULLET_RE, "ul"), (NUMBERED_RE, "ol")):
        if pattern.match(lines[0]):
            items = []
            for line in lines:
                item = pattern.match(line)
                if item:
                    items.append([item.group(1)])
                else:
                    items[-1].append(line.strip())
            return f"<{tag}>" + "".join(f"<li>{_paragraph_lines(item)}</li>" for item in items) + f"</{tag}>"
    return f"<p>{_paragraph_lines(lines)}</p>"


def to_html(blocks):
    """Return the sanitised HTML of a list of blocks."""
    return sanitize_html("".join(html for html in (block_to_html(block) for block in blocks) if html))
