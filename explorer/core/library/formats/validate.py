"""Checking incoming W3C Web Annotation JSON-LD before anything is imported.

Implements the MUSTs of the Web Annotation Data Model that a file can break
on its own (https://www.w3.org/TR/annotation-model/): the ``@context``, one
IRI as ``id``, the ``Annotation`` type, a ``target``, well-formed bodies,
agents, times, rights and selectors. Every problem is collected with where it
is ("annotation 3 (http://…)"), so the user reads all of them at once; the
importer refuses the whole file when there is any, and writes nothing.

Kroniek's own limits (string sizes, nesting) are checked here too, because a
hostile or broken file must be refused before it costs memory or time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from explorer.core.errors import shown
from explorer.i18n import _

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Refuse files with more annotations, or longer strings, than a person writes.
MAX_ANNOTATIONS = 200_000
MAX_STRING = 1_000_000
MAX_ID = 2_000
MAX_PROBLEMS = 200

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
# OrderedCollection: the term Kroniek's collection annotations add to their context.
_COMPOSITES = {"Choice", "List", "Composite", "Independents", "OrderedCollection"}
_DIRECTIONS = {"ltr", "rtl", "auto"}
_SELECTOR_VALUE = {"FragmentSelector", "CssSelector", "XPathSelector"}


#: A Kroniek event id written bare; import accepts it where an IRI would go.
BARE_EVENT_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")


def is_iri(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_ID and bool(_IRI.fullmatch(value))


def parse_datetime(value: str) -> datetime | None:
    """An ``xsd:dateTime`` with a time zone, as W3C requires; None if it is not one."""
    if not _DATETIME.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _types(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _many(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def context_ok(value: object) -> bool:
    """The ``@context`` is the annotation context, or a list that includes it."""
    if value == ANNO_CONTEXT:
        return True
    return isinstance(value, list) and ANNO_CONTEXT in value


def _not_unicode(text: str) -> bool:
    """True for text holding a lone surrogate (JSON allows "\\ud800"; UTF-8 does not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def oversized(value: object, depth: int = 0) -> str | None:
    """Why *value* is too big, too deep or not storable text (None when it is fine)."""
    stack: list[tuple[object, int]] = [(value, depth)]
    while stack:
        item, level = stack.pop()
        if level > 64:
            return _("the data is nested too deeply")
        if isinstance(item, str) and len(item) > MAX_STRING:
            return _("a text is longer than {n} characters").format(n=MAX_STRING)
        if isinstance(item, str) and _not_unicode(item):
            return _("a text holds a broken character (a lone surrogate such as \\ud800)")
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
            stack.extend((k, level + 1) for k in item)
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return None


class Checker:
    """Collects the problems of one annotation, each prefixed with where it is."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[str] = []

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.where}: {message}")

    def single_iri(self, obj: dict[str, Any], key: str, *, required: bool = False) -> None:
        if key not in obj:
            if required:
                self.fail(_("“{key}” is missing").format(key=key))
            return
        if not is_iri(obj[key]):
            self.fail(_("“{key}” must be one IRI").format(key=key))

    def iris(self, obj: dict[str, Any], key: str) -> None:
        if key in obj and not all(is_iri(v) for v in _many(obj[key])):
            self.fail(_("“{key}” must be IRIs").format(key=key))

    def single_string(self, obj: dict[str, Any], key: str, label: str = "") -> None:
        if key in obj and not isinstance(obj[key], str):
            self.fail(_("“{key}” must be one text").format(key=label or key))

    def strings(self, obj: dict[str, Any], key: str) -> None:
        if key in obj and not all(isinstance(v, str) for v in _many(obj[key])):
            self.fail(_("“{key}” must be text").format(key=key))

    def time(self, obj: dict[str, Any], key: str) -> None:
        if key not in obj:
            return
        value = obj[key]
        if not isinstance(value, str) or parse_datetime(value) is None:
            self.fail(
                _("“{key}” must be one date and time like 2024-05-01T12:00:00Z").format(key=key)
            )

    def agents(self, obj: dict[str, Any], key: str) -> None:
        if key not in obj:
            return
        for agent in _many(obj[key]):
            if isinstance(agent, dict):
                self.single_iri(agent, "id")
            elif not is_iri(agent):
                self.fail(_("“{key}” must be an IRI or a description").format(key=key))

    def resource(self, value: object, role: str, depth: int = 0, *, body: bool = False) -> None:
        """A body or target: an IRI, or an object describing a resource."""
        if depth > 8:
            self.fail(_("“{role}” is nested too deeply").format(role=role))
            return
        if isinstance(value, str):
            if not (is_iri(value) or (not body and BARE_EVENT_ID.fullmatch(value))):
                self.fail(
                    _("“{role}” must be an IRI, not “{value}”").format(
                        role=role, value=shown(value)
                    )
                )
            return
        if not isinstance(value, dict):
            self.fail(_("“{role}” must be an IRI or an object").format(role=role))
            return
        types = _types(value.get("type"))
        if "type" in value and not types:
            self.fail(_("“{role}”: its “type” must be text").format(role=role))
        composite = [t for t in types if t in _COMPOSITES]
        if len(composite) > 1:
            self.fail(
                _("“{role}” has more than one of Choice, List, Composite, Independents").format(
                    role=role
                )
            )
        if "items" in value:
            if not composite:
                self.fail(
                    _(
                        "“{role}” has “items” but is not a Choice, List, Composite or Independents"
                    ).format(role=role)
                )
            items = value["items"]
            if not isinstance(items, list):
                self.fail(_("“{role}”: its “items” must be a list").format(role=role))
            else:
                for item in items:
                    self.resource(item, role, depth + 1, body=body)
        elif composite:
            self.fail(
                _("“{role}” is a {kind} without “items”").format(role=role, kind=composite[0])
            )
        self.single_iri(value, "id")
        self.single_string(value, "format")
        self.strings(value, "language")
        self.single_string(value, "processingLanguage")
        direction = value.get("textDirection", "ltr")
        if not (isinstance(direction, str) and direction in _DIRECTIONS):
            self.fail(_("“textDirection” must be one of ltr, rtl, auto"))
        self.agents(value, "creator")
        self.time(value, "created")
        self.time(value, "modified")
        self.iris(value, "rights")
        self.strings(value, "purpose")
        textual = "TextualBody" in types or ("value" in value and body)
        if textual and not isinstance(value.get("value"), str):
            self.fail(_("a TextualBody needs one text “value”"))
        if "SpecificResource" in types or "source" in value:
            source = value.get("source")
            if isinstance(source, dict):
                # The source may itself be described as a resource.
                self.resource(source, role, depth + 1, body=body)
            elif body or not (isinstance(source, str) and BARE_EVENT_ID.fullmatch(source)):
                self.single_iri(value, "source", required=True)
            self.iris(value, "scope")
        for key in ("selector", "state"):
            if key in value:
                for part in _many(value[key]):
                    self.selector(part, key, depth + 1)

    def selector(self, value: object, key: str, depth: int) -> None:
        if depth > 8:
            self.fail(_("the {key} is nested too deeply").format(key=key))
            return
        if isinstance(value, str):
            if not is_iri(value):
                self.fail(_("the {key} must be an IRI or an object").format(key=key))
            return
        if not isinstance(value, dict):
            self.fail(_("the {key} must be an IRI or an object").format(key=key))
            return
        types = _types(value.get("type"))
        if types and types[0] in _SELECTOR_VALUE and not isinstance(value.get("value"), str):
            self.fail(_("a {kind} needs one text “value”").format(kind=types[0]))
        self.single_iri(value, "conformsTo")
        if "refinedBy" in value:
            for part in _many(value["refinedBy"]):
                self.selector(part, key, depth + 1)
        for end in ("startSelector", "endSelector"):
            if end in value:
                self.selector(value[end], key, depth + 1)


def check_annotation(obj: object, where: str, *, context_inherited: bool) -> list[str]:
    """Every W3C model problem of one annotation (empty list: it is valid)."""
    check = Checker(where)
    if not isinstance(obj, dict):
        check.fail(_("an annotation must be a JSON object"))
        return check.problems
    if "@context" in obj or not context_inherited:
        if "@context" not in obj:
            check.fail(
                _("“@context” is missing (it must be {context})").format(context=ANNO_CONTEXT)
            )
        elif not context_ok(obj["@context"]):
            check.fail(_("“@context” must be {context}").format(context=ANNO_CONTEXT))
    check.single_iri(obj, "id", required=True)
    if "type" not in obj:
        check.fail(_("“type” is missing (it must be Annotation)"))
    elif "Annotation" not in _types(obj["type"]):
        check.fail(_("“type” must be Annotation"))
    if "target" not in obj:
        check.fail(_("“target” is missing"))
    else:
        targets = _many(obj["target"])
        if not targets:
            check.fail(_("“target” is empty"))
        for target in targets:
            check.resource(target, "target")
    if "body" in obj and "bodyValue" in obj:
        check.fail(_("an annotation cannot have both “body” and “bodyValue”"))
    if "body" in obj:
        for body in _many(obj["body"]):
            check.resource(body, "body", body=True)
    check.single_string(obj, "bodyValue")
    check.strings(obj, "motivation")
    check.agents(obj, "creator")
    check.agents(obj, "generator")
    for key in ("created", "modified", "generated"):
        check.time(obj, key)
    check.iris(obj, "rights")
    check.iris(obj, "via")
    check.single_iri(obj, "canonical")
    return check.problems


def annotations_in(data: object) -> tuple[list[tuple[Any, bool]], list[str]]:
    """The annotations in a parsed file, with whether each inherits ``@context``.

    Accepts one Annotation, a list of them, an AnnotationPage or an
    AnnotationCollection with embedded pages (as Kroniek exports).
    """
    problems: list[str] = []
    if isinstance(data, list):
        return [(item, False) for item in data], problems
    if not isinstance(data, dict):
        return [], [_("the file must hold a JSON object or a list of annotations")]
    types = _types(data.get("type"))
    if "AnnotationCollection" in types or "AnnotationPage" in types:
        if not context_ok(data.get("@context")):
            problems.append(_("“@context” must be {context}").format(context=ANNO_CONTEXT))
        found: list[tuple[Any, bool]] = []
        for page in _pages(data, problems):
            items = page.get("items")
            if not isinstance(items, list):
                problems.append(_("an AnnotationPage needs a list of “items”"))
                continue
            found.extend((item, True) for item in items)
        return found, problems
    return [(data, False)], problems


def _pages(data: dict[str, Any], problems: list[str]) -> Iterator[dict[str, Any]]:
    page: object = data if "AnnotationPage" in _types(data.get("type")) else data.get("first")
    seen = 0
    while page is not None:
        if not isinstance(page, dict):
            problems.append(_("the collection's pages are not in the file; save them in it"))
            return
        yield page
        seen += 1
        if seen > 10_000:
            problems.append(_("the collection has too many pages"))
            return
        page = page.get("next") if isinstance(page.get("next"), dict) else None
