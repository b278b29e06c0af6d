"""Reference-manager formats: BibTeX (biblatex ``@online``) and RIS.

One entry per event, from the same :class:`~.cite.Reference` the formatted
citations use: the article with the event's section as title ("… § …"),
"Wikipedia-bijdragers"/"Wikipedia contributors" as a corporate author, the
snapshot as the date, the URL with the section's anchor, and the event's text
as the quotation (biblatex ``annotation``, RIS ``N1``), so Zotero, JabRef or
a LaTeX bibliography get the same thing the window's "Copy citation" gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from explorer.core.library.formats.cite import Reference

_LANGID = {"nl": "dutch", "en": "english", "de": "ngerman", "fr": "french", "uk": "ukrainian"}
_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX_SPECIAL))


def tex_escape(text: str) -> str:
    """*text* as a BibTeX field value: TeX's special characters escaped, one line."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m.group()], " ".join(text.split()))


def bibtex_key(ref: Reference) -> str:
    return "kroniek:" + re.sub(r"[^A-Za-z0-9_-]", "-", ref.id)


def bibtex_entry(ref: Reference) -> str:
    fields: list[tuple[str, str]] = [
        # Double braces: a corporate author, not "contributors, Wikipedia".
        ("author", "{" + tex_escape(ref.author) + "}"),
        ("title", tex_escape(ref.title)),
        ("organization", tex_escape(ref.container)),
    ]
    if ref.issued:
        fields.append(
            ("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(ref.issued)))
        )
    # biblatex reads url verbatim; it is percent-encoded, so nothing needs escaping.
    fields.append(("url", ref.url))
    if ref.article_lang in _LANGID:
        fields.append(("langid", _LANGID[ref.article_lang]))
    if ref.quote:
        fields.append(("annotation", tex_escape(ref.quote)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{bibtex_key(ref)},\n{body}\n}}\n"


def to_bibtex(refs: Iterable[Reference]) -> str:
    return "\n".join(bibtex_entry(r) for r in refs)


def _ris_value(text: str) -> str:
    return " ".join(text.split())  # RIS is one line per tag


def ris_record(ref: Reference) -> str:
    lines = [
        ("TY", "ENCYC"),
        ("ID", ref.id),
        ("AU", ref.author),
        ("TI", ref.title),
        ("T2", ref.container),
    ]
    if ref.issued:
        lines.append(("PY", str(ref.issued[0])))
        month = f"{ref.issued[1]:02d}" if len(ref.issued) > 1 else ""
        day = f"{ref.issued[2]:02d}" if len(ref.issued) > 2 else ""
        lines.append(("DA", f"{ref.issued[0]}/{month}/{day}/"))
    lines.append(("UR", ref.url))
    lines.append(("LA", ref.article_lang))
    if ref.section:
        lines.append(("SE", ref.section))
    if ref.quote:
        lines.append(("N1", ref.quote))
    out = [f"{tag}  - {_ris_value(value)}" for tag, value in lines]
    out.append("ER  - ")
    return "\r\n".join(out) + "\r\n"


def to_ris(refs: Iterable[Reference]) -> str:
    return "\r\n".join(ris_record(r) for r in refs)
