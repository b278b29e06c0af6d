"""Language: gettext catalogues, the active locale, and babel formatting.

Every visible string goes through :func:`_` or :func:`ngettext`, which look the
text up in the *current* catalogue each time they are called, so widgets that
re-read their texts in ``retranslate()`` follow a language switch at once.
Translate first, then format: ``_("{n} events").format(n=...)``.

The active language is state of the user interface (the window and the command
line set it). ``explorer.core`` never reads it for what it returns: functions
that produce text for a language take that language (``lang``) and use
:func:`translator`, :func:`locale_of` and :func:`format_number` with it, so
their output depends only on their arguments. The core raises error messages
with :func:`_` because they are addressed to the person in front of the screen
now, in whatever language that person chose.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable

from explorer import paths

LANGUAGES = ("nl", "en")
DOMAIN = "kroniek"

#: The babel/CLDR locale used for each language.
LOCALES = {"nl": "nl_NL", "en": "en_GB"}

_current = "en"
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_listeners: list[Callable[[str], None]] = []
_loaded: dict[str, gettext.NullTranslations] = {}


def _load(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(
            DOMAIN, localedir=str(paths.translations_dir()), languages=[lang]
        )
    except OSError:
        return gettext.NullTranslations()


def translator(lang: str) -> gettext.NullTranslations:
    """The catalogue of *lang*, whatever the active language is (loaded once).

    Call it as ``translator(lang).gettext("Category")``, so that the message
    extraction finds the string.
    """
    if lang not in _loaded:
        _loaded[lang] = _load(lang) if lang in LANGUAGES else gettext.NullTranslations()
    return _loaded[lang]


def locale_of(lang: str) -> str:
    """The babel/CLDR locale of *lang* ("nl" -> "nl_NL"); English for anything else."""
    return LOCALES.get(lang, LOCALES["en"])


def set_language(lang: str) -> None:
    """Make *lang* the active language and tell every listener."""
    global _current, _catalogue
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    _current = lang
    _catalogue = translator(lang)
    for listener in list(_listeners):
        listener(lang)


def language() -> str:
    """The active language code, ``"nl"`` or ``"en"``."""
    return _current


def babel_locale() -> str:
    """The babel/CLDR locale for the active language (for the user interface)."""
    return locale_of(_current)


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


def format_number(n: int | float, lang: str | None = None) -> str:
    """A number in *lang* (the active language if omitted, in the user interface only):
    "1.234" in Dutch, "1,234" in English."""
    code = lang or _current
    if isinstance(n, int):
        # Counts, thousands of them per facet refresh: babel's pattern engine
        # costs ~40 us a call, so integers use the locale's group sign directly
        # (both languages group by three).
        return f"{n:,}".replace(",", _group_symbol(code))
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=locale_of(code)))


@functools.cache
def _group_symbol(lang: str) -> str:
    from babel.numbers import get_group_symbol

    return str(get_group_symbol(locale_of(lang)))
