"""What a name does in its sentence: a country as actor or as place, lists, namesakes.

The gazetteer finds names; this module decides what each one stands for here:

* a country is the *actor* when it acts ("Rusland viel Oekraïne binnen") and
  the *place* only where a locative preposition puts something in, to or from
  it ("aanvallen in Rusland", "vluchtelingen uit Oekraïne");
* a list after a plural head noun takes the head's kind: in "de oblasten Kiev,
  Tsjernihiv en Soemy" all three are oblasts, not just the first;
* a person found by surname is not that person when the sentence gives another
  first name: "Generaal-majoor Vitaly Gerasimov" is not Valeri Gerasimov.
"""

from __future__ import annotations

import re

from explorer.ingest.entities import Gazetteer, Mention

#: Prepositions after which a country is a location.
LOCATIVE = frozenset({
    "in", "naar", "uit", "vanuit", "bij", "binnen", "nabij", "langs", "richting", "via",
    "over", "buiten", "rond", "rondom", "op", "tot", "heel", "vanaf",
})  # fmt: skip
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s-]*$")
_HEADS = {
    "oblasten": "oblast", "regio's": "oblast", "provincies": "oblast",
    "oblast": "oblast", "regio": "oblast",
}  # fmt: skip
_HEAD = re.compile(r"\b(?:de\s+)?(" + "|".join(map(re.escape, _HEADS)) + r")\s+$")
_LIST_GAP = re.compile(r"\s*(?:,|en|of)\s*(?:de\s+)?$")


def _word_before(text: str, at: int) -> str:
    match = _WORD_BEFORE.search(text[:at])
    return match.group(1).lower() if match else ""


def assign_roles(
    raw: str, shown: str, mentions: list[Mention], gazetteer: Gazetteer
) -> list[Mention]:
    """The mentions of sentence *raw* (displayed as *shown*) with their roles decided."""
    out = _countries(raw, mentions, gazetteer)
    out = _lists(raw, out, gazetteer)
    named_ends = {m.end for m in out}
    return [m for m in out if not _namesake(shown, m, gazetteer, named_ends)]


def _countries(raw: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A country named as a location is a place; otherwise it is an actor."""
    kept = []
    for m in mentions:
        place = gazetteer.place_by_id.get(m.entity_id)
        both = (
            place is not None
            and place.kind == "country"
            and any(
                o.entity_id == m.entity_id and o.entity_type != m.entity_type and o.start == m.start
                for o in mentions
            )
        )
        if not both:
            kept.append(m)
            continue
        locative = _word_before(raw, m.start) in LOCATIVE
        if (m.entity_type == "place") == locative:
            kept.append(m)
    return kept


def _lists(raw: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "de oblasten Kiev, Tsjernihiv en Soemy": every item of the list is an oblast."""
    places = sorted((m for m in mentions if m.entity_type == "place"), key=lambda m: m.start)
    replaced: dict[Mention, Mention] = {}
    for i, first in enumerate(places):
        head = _HEAD.search(raw[: first.start])
        inside = re.match(r"(\S+)\s", raw[first.start : first.end])  # the alias "oblasten kiev"
        word = head.group(1) if head else (inside.group(1) if inside else "")
        head_kind = _HEADS.get(word)
        if head_kind is None:
            continue
        previous = first
        for item in places[i:]:
            if item is not first and not _LIST_GAP.fullmatch(raw[previous.end : item.start]):
                break
            area = gazetteer.place_by_id.get(f"{item.entity_id}-oblast")
            current = gazetteer.place_by_id.get(item.entity_id)
            if current is not None and current.kind != head_kind and area is not None:
                replaced[item] = Mention("place", area.id, item.start, item.end)
            previous = item
    return sorted(
        {replaced.get(m, m) for m in mentions}, key=lambda m: (m.start, m.entity_type, m.entity_id)
    )


def _namesake(shown: str, mention: Mention, gazetteer: Gazetteer, named_ends: set[int]) -> bool:
    """A person found by surname whose first name in the sentence is another."""
    actor = gazetteer.actor_by_id.get(mention.entity_id)
    if mention.entity_type != "actor" or actor is None or actor.kind != "person":
        return False
    written = shown[mention.start : mention.end]
    if " " in written.strip():
        return False  # the full name was written
    match = re.search(r"([^\W\d_]+)\s+$", shown[: mention.start])
    if match is None or match.start() == 0 or not match.group(1)[:1].isupper():
        return False  # no capitalised word right before, or it starts the sentence
    first = match.group(1)
    if shown[match.start() - 2 : match.start()].strip() in (".", ":"):
        return False
    if match.end(1) in named_ends:
        return False  # "de Federatieraad van Rusland Poetin": another name, not a first name
    names = {w.lower() for w in f"{actor.name_nl} {actor.name_en}".split()}
    return first.lower() not in names and not first.endswith(("se", "sche"))
