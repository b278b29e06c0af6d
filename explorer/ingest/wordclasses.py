"""The words headline rules need to know by class: verbs with a fixed preposition,
fixed phrases, linking and meaning-changing adverbs, verbs of saying, and the tiers
that rank a headline's optional parts (:mod:`units`).

These are general Dutch word classes, not words of particular sentences: a verb
that takes "met" takes it in every sentence.
"""

from __future__ import annotations

#: Verbs with the preposition of their complement ("beginnen met", "afzien van").
PREPOSITIONAL_VERBS: dict[str, frozenset[str]] = {
    verb: frozenset(preps.split())
    for verb, preps in {
        "beginnen": "met aan", "starten": "met", "stoppen": "met", "ophouden": "met",
        "doorgaan": "met", "dreigen": "met", "instemmen": "met", "breken": "met",
        "onderhandelen": "over met", "praten": "over met", "spreken": "over met van",
        "discussiëren": "over", "beslissen": "over", "berichten": "over", "schrijven": "over",
        "besluiten": "tot", "overgaan": "tot",
        "leiden": "tot", "oproepen": "tot", "aanzetten": "tot", "komen": "tot",
        "concentreren": "op rond in bij", "overhandigen": "aan", "verkopen": "aan",
        "uitgroeien": "tot", "behoren": "tot", "toetreden": "tot", "treden": "tot toe uit",
        "beperken": "tot", "reageren": "op", "wijzen": "op", "richten": "op",
        "aandringen": "op", "rekenen": "op", "antwoorden": "op",
        "voorbereiden": "op", "bereiden": "op", "deelnemen": "aan", "meedoen": "aan",
        "aanbieden": "aan", "terugtrekken": "uit van",
        "bijdragen": "aan", "leveren": "aan", "toevoegen": "aan", "vasthouden": "aan",
        "twijfelen": "aan", "werken": "aan", "bouwen": "aan", "lijden": "aan",
        "ontsnappen": "aan", "ontkomen": "aan", "voldoen": "aan", "refereren": "aan",
        "herinneren": "aan", "geven": "aan", "schenken": "aan", "sturen": "naar",
        "afzien": "van", "afhangen": "van", "profiteren": "van", "beschuldigen": "van",
        "getuigen": "van", "afstappen": "van", "uitgaan": "van", "verdrijven": "uit van",
        "zorgen": "voor", "kiezen": "voor", "waarschuwen": "voor", "stemmen": "voor tegen",
        "pleiten": "voor", "vrezen": "voor", "vluchten": "voor uit naar", "zwichten": "voor",
        "strijden": "voor tegen", "vechten": "tegen voor", "protesteren": "tegen",
        "optreden": "tegen", "beschermen": "tegen", "verzetten": "tegen",
        "vragen": "om", "verzoeken": "om", "smeken": "om", "gaan": "om naar",
        "draaien": "om", "bestaan": "uit", "trekken": "uit naar",
        "stappen": "uit in", "zetten": "uit", "resulteren": "in", "slagen": "in",
        "geloven": "in", "investeren": "in", "uitmonden": "in", "belanden": "in",
        "verwijzen": "naar", "streven": "naar", "zoeken": "naar", "verlangen": "naar",
        "beschikken": "over", "klagen": "over", "oordelen": "over", "nadenken": "over",
        "aansluiten": "bij", "uitbreiden": "naar tot", "verplaatsen": "naar",
        "oprukken": "naar", "brengen": "naar tot", "vertrekken": "uit naar",
        "verdwijnen": "uit", "terugkeren": "naar", "reizen": "naar", "uitwijken": "naar",
        "verhuizen": "naar", "evacueren": "naar uit", "deporteren": "naar",
        "ontvoeren": "naar", "overbrengen": "naar", "uitzetten": "uit", "veranderen": "van in",
        "verklaren": "tot", "benoemen": "tot", "uitroepen": "tot", "veroordelen": "tot",
        "omvormen": "tot", "zinken": "tot", "bezwijken": "onder", "krijgen": "onder",
        "nemen": "over", "hebben": "over", "houden": "voor", "ontdoen": "van",
        "plaatsen": "op in", "aankomen": "in bij op", "opnemen": "in", "toelaten": "tot",
        "uitnodigen": "voor", "heffen": "op",
    }.items()
}  # fmt: skip

#: Nouns of fixed phrases that belong to their verb: "om het leven", "in brand", "tot zinken".
IDIOM_NOUNS = frozenset({
    "leven", "brand", "vuur", "zinken", "vlucht", "gebruik", "beslag", "handen", "hand",
    "druk", "controle", "werking", "stand", "start", "dienst", "geding", "gang", "steek",
    "kaak", "twijfel", "kracht", "orde", "bezit", "verdediging", "hinderlaag", "gevangenschap",
    "elkaar", "staat", "veiligheid", "bewaring", "ballingschap", "boord", "land", "grond",
    "gevaar", "beschikking", "opspraak", "omloop", "voege", "geheel", "plan", "zin", "mening",
})  # fmt: skip

#: Nouns whose phrase is their point: "controle over …", "bevel tot …", "aanval op …".
PREPOSITIONAL_NOUNS = frozenset({
    "controle", "bevel", "opdracht", "oproep", "aanval", "aanvallen", "besluit", "beslissing",
    "toestemming", "steun", "leiding", "verzoek", "deelname", "overgave", "erkenning",
    "terugtrekking", "verovering", "herovering", "invasie", "annexatie", "lidmaatschap",
    "sancties", "embargo", "boycot", "levering", "leveringen", "beschieting", "bombardement",
    "bezetting", "inname", "evacuatie", "mobilisatie", "vrijlating", "uitlevering", "verbod",
    "raketaanval", "luchtaanval", "raketaanvallen", "luchtaanvallen", "blokkade", "belegering",
    "toegang", "goedkeuring", "vergunning", "toezegging", "garantie", "verbinding", "strijd",
    "doelwit", "mikpunt", "slachtoffer",
})  # fmt: skip

#: Nouns a "dat" clause completes: "de mogelijkheid dat Oekraïne lid zou worden …".
THAT_NOUNS = frozenset({
    "mogelijkheid", "kans", "angst", "vrees", "gerucht", "bericht", "nieuws", "idee",
    "verwachting", "hoop", "overtuiging", "indruk", "vermoeden", "beschuldiging", "bewering",
    "claim", "feit", "besluit", "beslissing", "eis", "garantie", "toezegging", "belofte",
    "signaal", "bewijs", "waarschuwing", "dreiging", "voorwaarde", "aanwijzing",
})  # fmt: skip

#: Prepositions whose phrase belongs to the clause, never to the noun before it.
CLAUSE_PREPOSITIONS = frozenset({
    "wegens", "tijdens", "ondanks", "na", "sinds", "vanwege", "volgens", "dankzij", "door",
    "zonder", "ter", "ten", "om", "nadat", "via", "vanaf", "tot",
})  # fmt: skip

#: Adverbs that only link the sentence to the one before: never in a headline.
DISCOURSE = frozenset({
    "echter", "namelijk", "immers", "dus", "daarom", "bovendien", "vervolgens", "inmiddels",
    "uiteindelijk", "daarbij", "tevens", "intussen", "ondertussen", "verder", "toch",
    "hierdoor", "daardoor", "hiermee", "daarmee", "zodoende", "aldus", "evenwel",
})  # fmt: skip

#: Words that turn a claim around.
NEGATION = frozenset({"niet", "nooit", "geen", "niets", "nergens", "niet_meer", "nog_niet"})

#: Adverbs that change what the headline claims: they stay as long as anything can go.
MEANINGFUL = frozenset({
    "niet", "nooit", "geen", "nauwelijks", "bijna", "amper", "niets", "nergens", "pas",
    "alleen", "slechts", "waarschijnlijk", "mogelijk", "vermoedelijk", "naar_verluidt",
    "zogenaamd", "zogenaamde", "kennelijk", "blijkbaar", "nog_niet", "niet_meer", "meer",
})  # fmt: skip

#: Separable verb particles Frog may tag as adverbs ("trok zich … terug").
PARTICLES = frozenset({
    "terug", "weg", "samen", "binnen", "buiten", "mee", "door", "voort", "vast", "open", "dicht",
    "neer", "heen", "bij", "toe", "aan", "af", "op", "uit", "in", "over", "om", "na", "voor",
    "tegen", "plaats", "thuis", "kapot", "los", "bekend", "klaar",
})  # fmt: skip

#: How soon a kind of part goes (the lower, the sooner).
TIERS = {
    "aside": 1.0, "clause": 2.0, "adverb": 3.0, "attribution": 3.2, "articles": 3.5,
    "adverbial": 4.0,
    "titles": 4.5, "adjectives": 5.0, "list": 5.5, "om": 6.0, "np-phrase": 6.5,
    "coordinated": 6.6, "subject-adjectives": 6.8, "place": 7.0, "source": 7.2, "report": 7.3,
    "person": 7.4, "np-complement": 7.5, "content": 7.6, "om-complement": 7.7,
    "subject-phrase": 8.0, "subject-articles": 8.1, "agent": 8.2,
    "meaningful": 9.0,
}  # fmt: skip

SUBORDINATORS = frozenset({
    "waarbij", "waarna", "waarmee", "waardoor", "waarin", "waarop", "waarvan", "waarom", "wat",
    "nadat", "omdat", "toen", "terwijl", "hoewel", "zodat", "doordat", "voordat", "zodra",
    "totdat", "tot", "sinds", "waar", "alsof", "ofschoon", "aangezien", "opdat", "mits", "hoe",
    "wanneer",
})  # fmt: skip

#: Verbs that report what someone said: "X meldde dat Y" -> "X: Y".
SPEECH_VERBS = frozenset({
    "melden", "zeggen", "verklaren", "stellen", "beweren", "berichten", "rapporteren",
    "waarschuwen", "schrijven", "onthullen", "claimen", "bevestigen", "meedelen",
    "concluderen", "erkennen", "verkondigen", "tweeten", "besluiten", "beslissen", "bepalen",
    "oordelen", "verwachten", "vrezen", "menen", "denken", "vaststellen", "aangeven", "vertellen",
})  # fmt: skip

#: Announcements: "X kondigde aan dat hij Y zou doen" -> "X zal Y doen".
ANNOUNCING = frozenset({"kondigen", "aankondigen", "maken", "bekendmaken", "laten"})

#: Words that only say "this is a report", not what happened.
REPORT_WORDS = frozenset({"bekend", "aan", "weten", "mee", "melding", "bekendgemaakt"})

PLAN_NOUNS = PREPOSITIONAL_NOUNS | frozenset({
    "plan", "plannen", "poging", "voorstel", "belofte", "doel", "kans", "recht", "intentie",
    "mogelijkheid", "dreigement", "eis", "ultimatum", "idee", "voornemen",
})  # fmt: skip

#: Verbs whose "om … te" clause is their object: "roept de bevolking op om te vertrekken".
OM_VERBS = frozenset({
    "oproepen", "roepen", "vragen", "verzoeken", "dwingen", "besluiten", "proberen", "weigeren",
    "beloven", "dreigen", "aansporen", "adviseren", "toestaan", "verbieden", "helpen", "bevelen",
    "opdragen", "eisen", "overwegen", "plannen", "streven", "trachten", "pogen", "beslissen",
    "voorbereiden", "bereiden", "aanbieden", "toezeggen",
})  # fmt: skip
#: Nouns whose relative clause says what they contain: "een wetsvoorstel waarmee …".
CONTENT_NOUNS = frozenset({
    "wet", "wetsvoorstel", "wetsontwerp", "besluit", "decreet", "resolutie", "verdrag",
    "akkoord", "overeenkomst", "plan", "verklaring", "rapport", "speech", "toespraak", "brief",
    "oproep", "voorstel", "motie", "ultimatum", "pakket", "sanctiepakket", "document", "essay",
    "video", "filmpje", "bericht", "interview", "artikel", "boodschap", "memorandum",
})  # fmt: skip
#: Words that open a trailing list of examples or additions: ", inclusief …", ", waaronder …".
ASIDE_OPENERS = frozenset({
    "inclusief", "waaronder", "zoals", "evenals", "alsmede", "onder_meer", "met_name",
    "onder_andere", "behalve", "iets", "hetgeen", "mede",
})  # fmt: skip
#: What a person's title ends in: "minister (van …) Lavrov", "woordvoerder", "secretaris-generaal".
ROLES = (
    "minister", "president", "premier", "woordvoerder", "directeur", "gouverneur",
    "burgemeester", "voorzitter", "ambassadeur", "generaal", "commandant", "secretaris",
    "leider", "hoofd", "chef", "adviseur", "bevelhebber", "kanselier", "staatssecretaris",
)  # fmt: skip
