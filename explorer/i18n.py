"""Language: gettext catalogues, the active locale, and babel formatting.

Every visible string goes through :func:`_` or :func:`ngettext`, which look the
text up in the *current* catalogue each time they are called, so widgets that
re-read their texts in ``retranslate()`` follow a language switch at once.
Translate first, then format: ``_("{n} events").format(n=...)``.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable

from explorer import paths

LANGUAGES = ("nl", "en")
DOMAIN = "kroniek"

_current = "en"
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_listeners: list[Callable[[str], None]] = []


def _load(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(
            DOMAIN, localedir=str(paths.translations_dir()), languages=[lang]
        )
    except OSError:
        return gettext.NullTranslations()


def set_language(lang: str) -> None:
    """Make *lang* the active language and tell every listener."""
    global _current, _catalogue
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    _current = lang
    _catalogue = _load(lang)
    for listener in list(_listeners):
        listener(lang)


def language() -> str:
    """The active language code, ``"nl"`` or ``"en"``."""
    return _current


def babel_locale() -> str:
    """The babel/CLDR locale for the active language."""
    return {"nl": "nl_NL", "en": "en_GB"}[_current]


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call *listener* with the new language code after every switch.

    Returns a function that stops the calls (for a window that closes).
    """
    _listeners.append(listener)

    def unsubscribe() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return unsubscribe


def _(message: str) -> str:
    """Translate *message* into the active language."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count *n*."""
    return _catalogue.ngettext(singular, plural, n)


def system_language() -> str:
    """Dutch for a Dutch system locale (nl_*), English otherwise."""
    import locale
    import os

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "nl" if code.lower().startswith("nl") else "en"


def format_number(n: int | float) -> str:
    """A number in the active locale: "1.234" in Dutch, "1,234" in English."""
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=babel_locale()))
