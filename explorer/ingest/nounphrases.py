"""Noun phrases in Frog's tokens: where one starts and ends, and what belongs to it.

Frog's chunker splits "president" from "Poetin" and sometimes joins a name to
the noun after it; these functions put a phrase together the way a reader
does: a title with its name, a list of names, a genitive, a number with its
noun ("zeker 23 doden"), an apposition naming it, a relative clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.ingest.analysis import PEOPLES, Token
from explorer.ingest.wordclasses import THAT_NOUNS

_OPEN_PREPOSITIONS = frozenset(
    {"van", "op", "in", "aan", "met", "tot", "voor", "naar", "om", "uit", "bij", "over", "door"}
)
# Words that open a number's noun phrase: "zeker 23 doden", "meer dan 40 landen".
QUANTITY = frozenset({"meer_dan", "minder_dan", "zeker", "ruim", "ongeveer", "bijna", "circa",
                       "minstens", "tenminste", "ca.", "maar liefst", "wel"})  # fmt: skip
# Nouns that count what follows: "een paar Oekraïense Soe-27's", "een groot aantal documenten".
_MEASURE = frozenset({"paar", "aantal", "groep", "reeks", "handvol", "tiental", "honderdtal"})
ARTICLES = frozenset({"de", "het", "een", "'t"})
#: Nouns for a body that acts, never a title before a name: "het leger (heroverde) Lyman".
_COLLECTIVE = frozenset({
    "leger", "regering", "ministerie", "parlement", "politie", "bevolking", "marine",
    "luchtmacht", "krijgsmacht", "overheid", "kabinet", "bestuur",
})  # fmt: skip
QUOTES = frozenset("'\"‘’“”")


def quantity_at(tokens: Sequence[Token], i: int, end: int) -> int | None:
    """Where the number starts that a quantity word at *i* opens ("zeker 23", "meer dan 40").

    "ten_minste vier explosies" and "naar schatting 100 doden" count too.
    """
    low = tokens[i].text.lower()
    j = i + 1
    if low in ("meer", "minder") and j < end and tokens[j].text.lower() == "dan":
        j += 1
    elif low not in QUANTITY and low not in ("ten_minste", "naar_schatting", "tenminste"):
        return None
    while j < end and tokens[j].text.lower() in ("dan", "zo'n", "een"):
        j += 1
    return j if j < end and is_number(tokens[j]) else None


def is_verb(token: Token) -> bool:
    return token.tag == "WW" and "prenom" not in token.features and "nom" not in token.features


AUXILIARIES = frozenset({"zijn", "worden", "hebben", "zullen", "kunnen", "moeten", "willen"})


def is_particle(token: Token) -> bool:
    """A separable verb particle or a preposition at the end of a verb cluster."""
    return (token.tag == "VZ" and "fin" in token.features) or token.rel == "svp"


def complete_unit(token: Token) -> bool:
    """A multi-word unit that is a whole adverbial ("voor_het_eerst", "naar_verluidt"),
    not a preposition that still needs its noun ("ten_opzichte_van")."""
    parts = token.text.lower().split("_")
    if token.tag in ("SPEC", "N", "WW", "TW"):
        return False  # "Gennadi_Zhidko", "Nova_Kachovka": a name
    return len(parts) > 1 and parts[-1] not in _OPEN_PREPOSITIONS | ARTICLES


def relative_end(tokens: Sequence[Token], pronoun: int, end: int) -> int:
    """Past a relative clause's verb cluster: "die … waren ingezet" (one verb after an aux)."""
    i = pronoun + 1
    while i < end and not tokens[i].is_finite_verb:
        i += 1
    if i >= end:
        return end
    finite = tokens[i]
    i += 1
    if finite.lemma.lower() in AUXILIARIES and i < end and is_verb(tokens[i]):
        i += 1
    return i


def noun_clause_end(tokens: Sequence[Token], at: int, end: int) -> int | None:
    """Past the "dat" clause at *at* that says what the noun before it is ("de
    mogelijkheid dat Oekraïne lid zou worden van de NAVO"), or None."""
    if not (
        0 < at < end - 1
        and tokens[at].text.lower() == "dat"
        and tokens[at].tag == "VG"
        and tokens[at - 1].tag == "N"
        and tokens[at - 1].lemma.lower() in THAT_NOUNS
    ):
        return None
    i = relative_end(tokens, at, end)  # past the clause's verbs
    while i < end and tokens[i].tag == "VZ":  # and a phrase after them: "… van de NAVO"
        i = max(i + 1, phrase_end(tokens, i, end))
    return i


def np_span(tokens: Sequence[Token], at: int, limit: int, floor: int = 0) -> tuple[int, int]:
    """The noun phrase chunk around token *at*, with the names that belong to it.

    "president" + "Poetin" (two chunks for Frog) is one phrase when the noun
    is singular (not "troepen" + "Tsjernihiv"), and so is a name Frog's NER
    continues ("Ursula von der Leyen"), a list of names ("Wit-Rusland en
    Rusland", "Bulgarije, Estland … en Slovenië") and a genitive "van" phrase
    that names its owner ("de federatieraad van Rusland").
    """
    start = at
    while (
        start > floor
        and tokens[start].chunk.startswith("I-NP")
        and tokens[start - 1].tag not in ("LET", "WW")
    ):
        start -= 1
    end = _chunk_end(tokens, at + 1, limit)
    while (
        end < limit
        and (
            tokens[end].tag == "N"
            or (tokens[end].tag == "ADJ" and {"nom", "prenom"} & set(tokens[end].features))
            or (  # "het ingegraven Russisch leger": a participle before its noun
                tokens[end].tag == "WW"
                and {"vd", "od"} & set(tokens[end].features)
                and end + 1 < limit
                and tokens[end + 1].tag in ("ADJ", "N")
                and tokens[end - 1].tag == "LID"
            )
        )
        and (
            tokens[end - 1].tag == "LID"
            or is_number(tokens[end - 1])
            or "prenom" in tokens[end - 1].features
            or (tokens[end - 1].tag == "WW" and "vd" in tokens[end - 1].features)
        )
    ):
        # "de Russische" | "onderminister", "9.861" | "Russische soldaten": one phrase
        end = _chunk_end(tokens, end + 1, limit)
    if end + 2 < limit and tokens[end - 1].tag in ("LID", "ADJ") and tokens[end].text in QUOTES:
        # "de 'speciale operatie' van Rusland": the quotation is the noun
        close = next((i for i in range(end + 1, min(limit, end + 8)) if tokens[i].text in QUOTES),
                     None)  # fmt: skip
        if close is not None:
            end = close + 1
    if end + 1 < limit and tokens[end - 1].tag == "LID" and tokens[end].tag == "VZ":
        # "de [voor Rusland] strategisch belangrijke Krimbrug": a phrase before the noun
        one_word = end + 1 < limit and tokens[end + 1].tag in ("BW", "SPEC", "TW")
        inner = end + 2 if one_word else phrase_end(tokens, end, limit)  # "tot dan", "voor Rusland"
        while (
            inner < limit
            and inner - end < 8
            and (tokens[inner].tag in ("ADJ", "BW") or "prenom" in tokens[inner].features)
        ):
            inner += 1
        if inner < limit and tokens[inner].tag in ("N", "SPEC"):
            end = _chunk_end(tokens, inner + 1, limit)
    appositive = end < limit and tokens[end].rel == "app" and tokens[end].head == end - 1
    singular = "ev" in tokens[end - 1].features
    if appositive and tokens[end].tag == "N" and tokens[end - 1].tag == "N" and singular:
        end = _chunk_end(tokens, end + 1, limit)  # "het begrip genocide"
    if end < limit and is_number(tokens[end - 1]) and tokens[end].tag == "SPEC":
        end = _name_end(tokens, end, limit)  # "achttien" | "Leopard"
    digits = end < limit and tokens[end].text[:1].isdigit() and "-" in tokens[end].text
    if digits and is_name(tokens[end - 1]) and not is_number(tokens[end]):
        end += 1  # "Challenger 2-tanks"
    head = tokens[end - 1]
    before = tokens[end - 1]
    quantifier = (before.tag == "TW" and before.text.isalpha()) or (
        before.tag == "VNW" and "onbep" in before.features
    )  # "alle drie de bruggen", not "26 februari 2022 | de luchthaven"
    if end + 1 < limit and tokens[end].tag == "LID" and quantifier:
        end = _chunk_end(tokens, end + 1, limit)  # "alle drie" + "de bruggen"
        head = tokens[end - 1]
    if head.lemma.lower() in _MEASURE and end < limit and starts_np(tokens[end]):
        end = _chunk_end(tokens, end + 1, limit)  # "een paar" + "Oekraïense Soe-27's"
        head = tokens[end - 1]
    if (end < limit and tokens[end - 1].text == "à") or (
        end + 1 < limit and tokens[end].text == "à" and tokens[end - 1].tag == "TW"
    ):
        # "70 à 80 raketten": past "à" and the second number, then the rest of its chunk
        end = _chunk_end(tokens, end + 2 * (tokens[end].text == "à"), limit)
        head = tokens[end - 1]
    collective = head.lemma.lower() in _COLLECTIVE  # "het leger | Stanislav en Snihoerivka"
    titled = head.tag == "SPEC" or (head.tag == "N" and "ev" in head.features and not collective)
    titled = titled or (head.tag == "ADJ" and end < limit and tokens[end].tag == "SPEC")
    listed = head.tag == "N" and end < limit and _list_follows_name(tokens, end, limit)
    named = end < limit and is_name(tokens[end])
    if named and ((titled and tokens[end].chunk.startswith("B-NP")) or listed):
        end = _name_end(tokens, end, limit)  # "president" + "Poetin"
    while end + 1 < limit and tokens[end].text in (",", "en", "of") and is_name(tokens[end - 1]):
        if not _list_item(tokens, end + 1):
            break
        if tokens[end].text == "," and not _list_follows(tokens, end, limit):
            break
        end = _name_end(tokens, _skip_article(tokens, end + 1), limit)
    owner = end + 1 < limit and tokens[end].text.lower() == "van" and is_name(tokens[end + 1])
    if owner and quantity_at(tokens, end + 1, limit) is None:  # not "van ca. (50 landen)"
        end = _name_end(tokens, end + 1, limit)
    while end + 1 < limit and tokens[end].text in ("-", "–") and is_name(tokens[end - 1]):
        if not is_name(tokens[end + 1]):
            break
        end = _name_end(tokens, end + 1, limit)  # "de spoorverbinding Charkov - Balaklija"
    return start, end


def _list_follows_name(tokens: Sequence[Token], i: int, limit: int) -> bool:
    """ "(de luchtmachtbases) Belbek en Katsja": names joined by "en" after a plural noun."""
    if not is_name(tokens[i]):
        return False
    j = _name_end(tokens, i, limit)
    return j + 1 < limit and tokens[j].text in (",", "en", "of") and is_name(tokens[j + 1])


def _name_end(tokens: Sequence[Token], i: int, limit: int) -> int:
    """Past the name starting at *i* ("Verenigd Koninkrijk", "Ursula von der Leyen")."""
    i += 1
    while i < limit and (
        tokens[i].ner.startswith("I-")
        or (tokens[i].chunk.startswith("I-NP") and is_name(tokens[i]) and tokens[i].ner == "O")
    ):
        i += 1
    return i


def _chunk_end(tokens: Sequence[Token], end: int, limit: int) -> int:
    """Past the rest of a noun phrase chunk; a preposition, an adverb or the end of a
    name ends it anyway ("de Federatieraad | van Rusland", "Poetin | unaniem toestemming")."""
    while end < limit and (
        tokens[end].chunk.startswith("I-NP")
        or (tokens[end].ner.startswith("I-") and is_name(tokens[end]))
    ):  # not through "troepen | een …" that Frog's name tag runs over
        t, before = tokens[end], tokens[end - 1]
        if t.tag == "VZ" or (before.text in PEOPLES and is_name(t)):
            break  # "de Russen | Charkov": a people and a place, two phrases
        if is_number(t) and before.tag == "N":
            break  # "de oorlog | 88 Russische vliegtuigen": a new phrase
        if t.tag == "N" and before.tag == "N" and "mv" in before.features and "-" not in t.text:
            break  # "Russische troepen | burgers": two plural heads, two phrases
        opens = t.tag in ("ADJ", "WW") and "prenom" in t.features
        if opens and before.tag == "N" and "mv" in before.features and "-" not in before.text:
            break  # "Russische troepen | dreigende berichten": a plural head, a new phrase
        kinds = (before.ner.split("_")[-1][2:], t.ner.split("_")[0][2:])
        foreign = "vreemd" in before.pos or "vreemd" in t.pos
        names = is_name(before) and is_name(t) and not foreign
        names = names and ("_" in before.text or before.ner.startswith(("B-LOC", "I-LOC")))
        if names and t.ner.startswith("B-LOC") and all(kinds) and kinds[0] != kinds[1]:
            break  # "de Europese Unie | Oekraïne": two names of two kinds, two phrases
        if is_name(before) and t.text[:1].isdigit() and not is_number(t):
            end += 1  # "Challenger 2-tanks"
            continue
        genitive = before.text.endswith("s") and t.tag == "N"  # "Poetins woordvoerder"
        genitive = genitive or _name_as_modifier(tokens, end, limit)
        if is_name(before) and not is_name(t) and t.tag != "TW" and not genitive:
            if is_number(before) and t.tag in ("N", "ADJ"):
                end += 1  # "2500" (SPEC) + "doden"
                continue
            break
        end += 1
    return end


def _name_as_modifier(tokens: Sequence[Token], end: int, limit: int) -> bool:
    """ "een Beriev A-50-AWACS | vliegtuig": a name before a singular noun after an article."""
    t = tokens[end]
    if t.tag != "N" or "ev" not in t.features or not t.text[:1].islower():
        return False
    if end + 1 < limit and tokens[end + 1].tag in ("N", "SPEC"):
        return False
    start = end - 1
    while start > 0 and is_name(tokens[start - 1]):
        start -= 1
    return start > 0 and tokens[start - 1].text.lower() == "een"


def starts_np(token: Token) -> bool:
    """A word that can open a noun phrase, whatever chunk Frog put it in ("ouderen")."""
    return (
        token.chunk.endswith("NP")
        or token.tag in ("N", "SPEC", "LID")
        or (token.tag == "ADJ" and "prenom" in token.features)
        or (token.tag == "ADJ" and "nom" in token.features)
    )


def phrase_end(tokens: Sequence[Token], prep: int, limit: int, apposition: bool = True) -> int:
    """Where the prepositional phrase opened at *prep* ends.

    Its noun phrase, "van" phrases after it, and a list the last of them
    opens ("van ouderen, vrouwen en kinderen").
    """
    i = prep + 1
    if i + 1 < limit and tokens[i].tag == "BW" and tokens[i + 1].text.lower() == "toe":
        return i + 2  # "tot dan toe", "tot nu toe": a phrase of its own
    while i < limit and (tokens[i].chunk.startswith(("I-PP", "B-ADVP", "I-ADVP")) and
                         tokens[i].tag in ("VZ", "BW", "N", "VNW")):  # fmt: skip
        i += 1  # "aan onder meer …", "in reactie op …"
    if i + 1 < limit and tokens[i].tag == "LID":
        j = i + 1
        while j < limit and tokens[j].tag in ("ADJ", "BW"):
            j += 1
        if j < limit and tokens[j].tag == "WW" and "inf" in tokens[j].features:
            return j + 1  # "voor het verantwoordelijk houden": a verb as a noun
    number = quantity_at(tokens, i, limit) if i < limit else None
    if number is not None:
        i = np_span(tokens, number, limit)[1]  # "van ca. 50 landen"
    elif i < limit and (starts_np(tokens[i]) or is_name(tokens[i])):
        i = np_span(tokens, i, limit)[1]
    while i + 1 < limit and tokens[i].text.lower() == "van" and starts_np(tokens[i + 1]):
        i = np_span(tokens, i + 1, limit)[1]
    i = _list_end(tokens, i, limit)
    # ", twee voorsteden ten noordwesten van Kiev" after a name is its apposition
    named_end = apposition and i + 1 < limit and tokens[i].text == "," and is_name(tokens[i - 1])
    verbless = not any(t.tag == "WW" for t in tokens[i + 1 : limit])
    segment_end = next((j for j in range(i + 1, limit) if tokens[j].text == ","), None)
    closed = segment_end is not None and not any(
        t.tag == "WW" for t in tokens[i + 1 : segment_end]
    )  # ", raadgever van Svetlana Tichanovskaja," between commas
    lower_noun = named_end and tokens[i + 1].tag == "N" and tokens[i + 1].text[:1].islower()
    if named_end and ((tokens[i + 1].tag in ("TW", "LID") and verbless) or (lower_noun and closed)):
        close = next((j for j in range(i + 1, limit) if tokens[j].text == ","), limit)
        return close + (close < limit)
    if i < limit and tokens[i].text.lower() in ("oud", "lang", "breed", "hoog", "diep"):
        i += 1  # "tussen de 18 en 60 jaar oud"
    if (
        i + 1 < limit
        and tokens[i].text.lower() == "als"
        and any(t.text.lower() == "zowel" for t in tokens[prep:i])
    ):
        i = np_span(tokens, i + 1, limit)[1]  # "in zowel Rusland als Wit-Rusland"
    # ", Manfred Wörner," naming the phrase's noun goes with it
    if apposition and i + 1 < limit and tokens[i].text == "," and is_name(tokens[i + 1]):
        close = _name_end(tokens, i + 1, limit)
        if close < limit and tokens[close].text in (",", "."):
            i = close + (tokens[close].text == ",")
    return i


def _list_end(tokens: Sequence[Token], i: int, limit: int) -> int:
    """Past ", vrouwen en kinderen" when such a list follows position *i*."""
    j = i
    while j + 1 < limit and tokens[j].text == "," and starts_np(tokens[j + 1]):
        j = np_span(tokens, j + 1, limit)[1]
    if j + 1 < limit and tokens[j].text in ("en", "of") and starts_np(tokens[j + 1]):
        return np_span(tokens, j + 1, limit)[1]
    return i


def is_number(token: Token) -> bool:
    """A numeral, also one Frog tagged as a symbol ("2500": SPEC(symb))."""
    symbol = token.pos.startswith("SPEC(symb")
    return token.tag == "TW" or (symbol and token.text.replace(".", "").isdigit())


def is_name(token: Token) -> bool:
    """A name: Frog says so, or the display text has a capital a tagger missed ("Biden")."""
    return token.tag == "SPEC" or (token.text[:1].isupper() and token.tag in ("N", "WW"))


def _skip_article(tokens: Sequence[Token], i: int) -> int:
    return i + 1 if i + 1 < len(tokens) and tokens[i].tag == "LID" else i


def _list_item(tokens: Sequence[Token], i: int) -> bool:
    return i < len(tokens) and is_name(tokens[_skip_article(tokens, i)])


def _list_follows(tokens: Sequence[Token], comma: int, limit: int) -> bool:
    """A comma inside a list of names: more names, then "en"/"of" and a last name."""
    i = comma
    while i + 1 < limit and tokens[i].text == "," and _list_item(tokens, i + 1):
        i = _name_end(tokens, _skip_article(tokens, i + 1), limit)
    return i + 1 < limit and tokens[i].text in ("en", "of") and _list_item(tokens, i + 1)


def starts_noun_phrase(token: Token) -> bool:
    if token.tag in ("N", "SPEC", "TW", "ADJ"):
        return True
    if token.tag == "LID":
        return True
    return token.tag == "VNW" and not ("adv-pron" in token.features or "betr" in token.features)


def with_modifiers(tokens: Sequence[Token], span: tuple[int, int], end: int) -> tuple[int, int]:
    """A subject with its "van" phrase and a naming apposition: "… in de VS, Anatoli Antonov,"."""
    start, stop = span
    while (
        stop + 1 < end
        and tokens[stop].text.lower() == "van"
        and (starts_np(tokens[stop + 1]) or quantity_at(tokens, stop + 1, end) is not None)
        and tokens[stop + 1].lemma.lower() not in ("plan", "zin", "mening", "kracht")
    ):  # not "(Rusland) van plan (was)"
        number = quantity_at(tokens, stop + 1, end)  # "van ca. 50 landen"
        first = stop + 1 if number is None else number
        stop = np_span(tokens, first, end)[1]  # "… van het ministerie van Buitenlandse Zaken"
        listed = _list_end(tokens, stop, end)  # "… van Russische invasietroepen en tankdivisies"
        if listed > stop and not (listed < end and tokens[listed].is_finite_verb):
            stop = listed
    if stop > span[1] and stop < end and "PER" in tokens[stop].ner and is_name(tokens[stop]):
        stop = _name_end(tokens, stop, end)  # "de minister van Buitenlandse Zaken Sergej Lavrov"
    probe = stop
    if probe < end and tokens[probe].tag == "VZ" and tokens[probe].text.lower() in ("in", "bij"):
        probe = phrase_end(tokens, probe, end, apposition=False)
    if probe + 2 < end and tokens[probe].text == "(":  # "… (IAEA), Rafael Grossi,"
        close = next((i for i in range(probe, min(end, probe + 8)) if tokens[i].text == ")"), None)
        probe = probe if close is None else close + 1
    if probe + 1 < end and tokens[probe].text == "," and is_name(tokens[probe + 1]):
        close = _name_end(tokens, probe + 1, len(tokens))
        if close == end or (close < end and tokens[close].text == ","):
            return start, min(close + 1, end)
    # "Oleh Synjehoebov, gouverneur van de oblast Charkov," describes the name before it
    described = is_name(tokens[stop - 1]) and stop + 1 < end and tokens[stop].text == ","
    if described and starts_np(tokens[stop + 1]) and not is_name(tokens[stop + 1]):
        comma = next((i for i in range(stop + 1, len(tokens)) if tokens[i].text == ","), None)
        inside = tokens[stop + 1 : comma or stop + 1]
        if comma is not None and comma <= end and not any(t.tag == "WW" for t in inside):
            return start, min(comma + 1, end)
    said = noun_clause_end(tokens, stop, end)  # "de mogelijkheid dat Oekraïne lid zou worden"
    if said is not None and said < end:
        return start, said
    # "(troepen) die aan het front waren ingezet": the relative clause belongs to the subject
    if stop < end and tokens[stop].tag == "VNW" and "betr" in tokens[stop].features:
        i = relative_end(tokens, stop, end)
        if i < end:
            return start, i
    return start, stop


def coordinated_np(tokens: Sequence[Token], span: tuple[int, int], end: int) -> tuple[int, int]:
    """ "een colonne Russische tanks" + "en gepantserde voertuigen": one subject; also a
    list "veertien tanks, achttien tanks, … en twee voertuigen"."""
    start, stop = span
    probe = stop
    while probe + 1 < end and tokens[probe].text == "," and tokens[probe + 1].tag in ("TW", "LID"):
        probe = np_span(tokens, probe + 1, end)[1]
    if probe > stop and probe + 1 < end and tokens[probe].text in ("en", "of"):
        stop = probe  # the list goes on to its last item
    if stop + 1 < end and tokens[stop].text in ("en", "of") and starts_np(tokens[stop + 1]):
        after = np_span(tokens, stop + 1, end)[1]
        if not any(t.is_finite_verb for t in tokens[stop:after]):
            return start, after
    return span


def strip_article(tokens: Sequence[Token], span: tuple[int, int]) -> tuple[int, int]:
    """A phrase without its leading article: "de Russische regering" -> "Russische regering"."""
    start, end = span
    if end - start > 1 and tokens[start].text.lower() in ARTICLES:
        return start + 1, end
    return span
