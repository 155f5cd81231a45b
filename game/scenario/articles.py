"""The five French articles the game is built on (../shared/seeds), and how a source cites them.

A scenario's reported source ends with the article it was read in, "(via B)". `ARTICLES` is the
one table of those articles, keyed A to E: the title each was published under (they are French
articles, so the title is French in every language) and a few words saying what it is, for the
one piece that carries no headline. `cite(source, lang)` writes a source out for players:
in French the date words are French and each letter names its article, e.g.
"New York Times, automne 2024 (via B : « Altman a fait une tournée mondiale ... »)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One of the five articles: its letter, its French title (None when it has none), what it
    is in a few words (French, then English) and when it was published."""

    letter: str
    title: str | None
    what_fr: str
    what_en: str
    when: str


ARTICLES: dict[str, Article] = {
    a.letter: a
    for a in (
        Article(
            "A",
            "OpenAI, cet ogre qui cherchait 7000 milliards de dollars",
            "tribune sur l’enquête du New York Times",
            "op-ed on the New York Times investigation",
            "autumn 2024",
        ),
        Article(
            "B",
            "Altman a fait une tournée mondiale de l'IA au cours de la dernière année",
            "article sur la tournée mondiale du PDG",
            "piece on the CEO's world tour",
            "autumn 2024",
        ),
        Article(
            "C",
            None,
            "article sans titre sur les discussions avec MGX, d’après le Financial Times",
            "untitled piece on the MGX talks, after the Financial Times",
            "March 2024",
        ),
        Article(
            "D",
            "Le patron d'OpenAI (ChatGPT) a besoin de 7.000 milliards de dollars",
            "article sur la demande de 5 000 à 7 000 Md$",
            "piece on the 5,000 to 7,000 $B ask",
            "15 February 2024",
        ),
        Article(
            "E",
            "Pourquoi personne ne parle des coûts de l'IA",
            "article de nss magazine sur le coût de l’IA",
            "nss magazine piece on the cost of AI",
            "2025",
        ),
    )
}

NBSP = "\u00a0"  # French: before : ; ! ? and inside « »
_VIA = re.compile(r"\(via (?P<letters>[A-E](?:(?:,\s*|,? and )[A-E])*)\)")


def article_label(letter: str, lang: str) -> str:
    """How a source names an article: its title in quotation marks, or what it is when it has
    no title."""
    a = ARTICLES[letter]
    if lang == "fr":
        return f"«{NBSP}{a.title}{NBSP}»" if a.title else a.what_fr
    return f"“{a.title}”" if a.title else a.what_en


# The date and outlet words of the shipped sources, English to French, longest first. A source
# a modder writes with other words keeps them: outlets are names, and figures and dates are
# left alone.
_FRENCH_WORDS: tuple[tuple[str, str], ...] = (
    # what some shipped sources add after the outlet and date: which part is reported, which assumed
    ("the CEO proposed that the UAE fund fabs worth 43 $B", "le PDG a proposé que les Émirats financent des usines pour 43 Md$"),
    ("MGX as the payer, the lead time and the chips the fabs add to the world's supply",
     "MGX comme payeur, le délai et les puces que les usines ajoutent à l’offre mondiale"),
    ("MGX as the payer and the chips delivered", "MGX comme payeur et les puces livrées"),
    ("more suppliers than Nvidia was one of the chip options weighed since 2022",
     "s’approvisionner ailleurs que chez Nvidia figurait parmi les pistes étudiées depuis 2022"),
    ("an in-house AI chip was one of the options, and the aim was to end Nvidia dependence",
     "une puce d’IA maison était l’une des pistes, pour ne plus dépendre de Nvidia"),
    ("MGX in talks to back the lab's own chip venture", "MGX en discussion pour soutenir le projet de puces du laboratoire"),
    ("buying a chip maker was one of the options weighed", "racheter un fabricant de puces figurait parmi les pistes étudiées"),
    ("odds, pledge and deliveries", "chances, engagement et livraisons"),
    ("odds, fee, lead time and the cost of a refusal", "chances, frais, délai et coût d’un refus"),
    ("proposing costs a study, not a plant", "proposer coûte une étude, pas une centrale"),
    ("the laughter is reported, lasting harm is not: the lab still sought its round that autumn",
     "les rires sont rapportés, un tort durable ne l’est pas : le laboratoire cherchait encore sa levée cet automne-là"),
    ("price, odds and fees", "prix, chances et frais"),
    ("terms and delay", "conditions et délai"),
    ("cost and delay", "coût et délai"),
    ("fee and size", "frais et taille"),
    ("revenue more than 3 and spending about 7 a year", "plus de 3 de chiffre d’affaires et environ 7 de dépenses par an"),
    ("a 6.5 $B round sought, valuing the lab above 150 $B", "une levée de 6,5 Md$ recherchée, valorisant le laboratoire à plus de 150 Md$"),
    ("a round sought, played as raised", "une levée recherchée, jouée comme obtenue"),
    ("the CEO's proposal, which drew laughter", "la proposition du PDG, qui a fait rire"),
    ("the CEO's team proposed it and drew laughter", "l’équipe du PDG l’a proposé et a fait rire"),
    ("that Tokyo agrees, the odds and lead time", "l’accord de Tokyo, les chances et le délai"),
    ("that Tokyo agrees, the odds", "l’accord de Tokyo, les chances"),
    ("that Tokyo agrees", "l’accord de Tokyo"),
    ("odds, fee and lead time", "chances, frais et délai"),
    ("a 1-in-10 chance that conditions have changed enough for a yes",
     "une chance sur 10 que les conditions aient assez changé pour un oui"),
    ("lead time: assumption, two years in this shorter classroom calendar (the real restarts were slower)",
     "délai : hypothèse, deux ans dans ce calendrier de classe plus court (les vrais redémarrages ont été plus lents)"),
    ("what permits do", "l’effet des permis"),
    ("at most 3 connections in a game", "au plus 3 raccordements par partie"),
    ("permits and the utilities' interconnection queues, a GW of new load being hard to place",
     "permis et files de raccordement des fournisseurs : un GW de nouvelle consommation est difficile à placer"),
    ("at TSMC's headquarters the CEO said the industry would need 7,000 $B and many years",
     "au siège de TSMC, le PDG a dit que l’industrie aurait besoin de 7 000 Md$ et de longues années"),
    ("o1 timed for the round", "o1 calé sur la levée"),
    ("effects", "effets"),
    ("size and delay", "taille et délai"),
    ("quarters", "trimestres"),
    ("size", "taille"),
    ("assumption", "hypothèse"),
    ("Anthropic CEO Dario Amodei, reported by nss magazine", "Dario Amodei, PDG d’Anthropic, cité par nss magazine"),
    ("Forbes estimate, reported by nss magazine", "estimation de Forbes, citée par nss magazine"),
    ("the CEO's statements on the GPU shortage, reported", "déclarations du PDG sur la pénurie de GPU, rapportées en"),
    ("French op-ed on the New York Times investigation", "tribune française sur l’enquête du New York Times"),
    ("French press on the New York Times investigation", "presse française sur l’enquête du New York Times"),
    ("OpenAI statement quoted by the New York Times", "déclaration d’OpenAI citée par le New York Times"),
    ("press report citing the Financial Times", "presse citant le Financial Times"),
    ("New York Times and French press", "New York Times et presse française"),
    ("the CEO's statements on the GPU shortage", "déclarations du PDG sur la pénurie de GPU"),
    ("Anthropic CEO Dario Amodei, reported by", "Dario Amodei, PDG d’Anthropic, cité par"),
    ("Forbes estimate, reported by", "estimation de Forbes, citée par"),
    ("Bernstein analyst Stacy Rasgon, reported", "Stacy Rasgon, analyste chez Bernstein, cité en"),
    ("'Infrastructure is destiny' study, White House meeting", "étude « Infrastructure is destiny », réunion à la Maison-Blanche"),
    ("the CEO's post on X", "message du PDG sur X"),
    ("press reports", "articles de presse"),
    ("press report", "article de presse"),
    ("French press", "presse française"),
    ("nss magazine", "nss magazine"),
    ("reported by", "cité par"),
    ("reported", "rapporté en"),
    ("early", "début"),
    ("late", "fin"),
    ("mid-", "mi-"),
    ("autumn", "automne"),
    ("fall", "automne"),
    ("spring", "printemps"),
    ("summer", "été"),
    ("winter", "hiver"),
    ("January", "janvier"),
    ("February", "février"),
    ("March", "mars"),
    ("April", "avril"),
    ("May", "mai"),
    ("June", "juin"),
    ("July", "juillet"),
    ("August", "août"),
    ("September", "septembre"),
    ("Sept", "sept."),
    ("October", "octobre"),
    ("November", "novembre"),
    ("December", "décembre"),
)
_FRENCH_RE = re.compile(
    "|".join(
        (r"\b" if en[0].isalnum() else "") + re.escape(en) + (r"\b" if en[-1].isalnum() else "")
        for en, _ in _FRENCH_WORDS
    )
)
_FRENCH = dict(_FRENCH_WORDS)


def french_source_words(text: str) -> str:
    """A reported source's date and outlet words in French: "autumn 2024" gives "automne 2024"."""
    return _FRENCH_RE.sub(lambda m: _FRENCH[m.group(0)], text)


def cite(source: str, lang: str) -> str:
    """A source as players read it in `lang`: in French its date words in French and each
    "(via X)" naming the article's title. Other languages get the text unchanged."""
    if lang != "fr":
        return source

    def via(m: re.Match[str]) -> str:
        letters = re.findall("[A-E]", m.group("letters"))
        named = f"{NBSP};{NBSP}".join(f"{x}{NBSP}: {article_label(x, 'fr')}" for x in letters)
        return f"(via {named})"

    pieces = []
    last = 0
    for m in _VIA.finditer(source):
        pieces.append(french_source_words(source[last : m.start()]))
        pieces.append(via(m))
        last = m.end()
    pieces.append(french_source_words(source[last:]))
    text = "".join(pieces)
    return re.sub(r"\s?([:;!?])(?=\s|$)", NBSP + r"\1", text)

