"""Place words of captions in Spanish, Portuguese, French and German (and Persian), read as English.

Why: PubMed Central carries journals in these languages (dermatology among them), and their captions name
panels by place as English ones do: "TeXShop (à gauche) et Texmaker (à droite)", "Izquierda: placa ...
Derecha: dermatoscopia ...", "de gauche à droite : ...", "links oben". The caption reader's place rules
(`captions.split_positions`) are written for English words; rather than copy every rule per language,
`to_english` rewrites the place words and phrases of these languages (with accents and without) into the
English words those rules read, and the few words joining clauses ("et", "y", "und" -> "and") that the
rules use to share a sentence out. Every place word is rewritten, the stray ones too ("joue gauche" ->
"joue left"), so the English rules' refusals hold unchanged: a place word that names no panel, a second
naming, a value list, a place inside a clause keep the figure whole.

The rewrite is reversible: it returns the English words it wrote with the words they replace, and
`from_english` puts the caption's own words back into the sub-captions, so a row's text is the caption's
text. When one English word would stand for two different words of the caption, or the caption already
holds one of the English words written (an English title inside a French caption), nothing is rewritten:
the words back could not be told apart, and a figure kept whole is safe."""
from __future__ import annotations

import re

# one place, by language: (pattern, English); prepositional forms ("à gauche") read as "on the left",
# adjectives and nouns ("gauche", "izquierdo", "linke") as the bare English place
_A = r"(?:à|a|á)"
_LEFT = r"(?:gauche|izquierd[ao]s?|esquerd[ao]s?|linke[nmrs]?)"
_RIGHT = r"(?:droite|derech[ao]s?|direit[ao]s?|rechte[nmrs]?)"
_TOP = r"(?:sup[ée]rieur(?:e|es|s)?|superior(?:es)?|obere[nmrs]?|haut)"
_BOTTOM = r"(?:inf[ée]rieur(?:e|es|s)?|inferior(?:es)?|untere[nmrs]?|bas)"
_MIDDLE = r"(?:milieu|centre|centro|central|medio|meio|mittlere[nmrs]?|mitte)"
_VERT_PREP = (r"(?:en\s+haut|arriba|acima|em\s+cima|oben)", r"(?:en\s+bas|abajo|abaixo|em\s+baixo|unten)")
_HORIZ_PREP = (r"(?:" + _A + r"\s+gauche|" + _A + r"\s+la\s+izquierda|" + _A + r"\s+esquerda|links)",
               r"(?:" + _A + r"\s+droite|" + _A + r"\s+la\s+derecha|" + _A + r"\s+direita|rechts)")
_MIDDLE_PREP = r"(?:au\s+(?:centre|milieu)|en\s+el\s+(?:centro|medio)|ao\s+centro|no\s+(?:centro|meio)|in\s+der\s+mitte)"
# a panel word of these languages, read as the English one the rules know
_NOUNS = {
    "panel": r"panneaux?|panel(?:es)?|pain[ée]is|painel",
    "image": r"images?|im[áa]gen(?:es)?|imagens?|imagem|bild(?:er)?|photos?|photographies?|fotograf[íi]as?|fotos?",
    "plot": r"graphiques?|gr[áa]ficos?|diagramm[e]?",
    "figure": r"figures?|figuras?|abbildung(?:en)?",
    "column": r"colonnes?|columnas?|colunas?|spalten?",
    "row": r"lignes?|filas?|linhas?|zeilen?",
}
_NOUN = "|".join(f"(?P<n_{k}>{v})" for k, v in _NOUNS.items())

# (pattern, English) in the order they are tried: corners, lists, brackets, noun phrases, prepositional
# phrases, bare words, joining words; each match is rewritten once
_RULES: list[tuple[str, str]] = []
for v, vname in ((_VERT_PREP[0], "top"), (_VERT_PREP[1], "bottom")):
    for h, hname in ((_HORIZ_PREP[0], "left"), (_HORIZ_PREP[1], "right")):
        _RULES += [(v + r"\s+" + h, f"{vname} {hname}"), (h + r"\s+" + v, f"{vname} {hname}")]
for v, vname in ((_TOP, "top"), (_BOTTOM, "bottom")):
    for h, hname in ((_LEFT, "left"), (_RIGHT, "right")):
        _RULES += [(v + r"\s+" + h, f"{vname} {hname}"), (v + r"-" + h, f"{vname}-{hname}")]
_RULES += [
    # "from left to right" / "from top to bottom"
    (r"de\s+gauche\s+" + _A + r"\s+droite", "from left to right"),
    (r"de\s+(?:la\s+)?izquierda\s+a\s+(?:la\s+)?derecha", "from left to right"),
    (r"d[ae]\s+(?:a\s+)?esquerda\s+(?:para|" + _A + r")\s+(?:a\s+)?direita", "from left to right"),
    (r"von\s+links\s+nach\s+rechts", "from left to right"),
    (r"de\s+haut\s+en\s+bas", "from top to bottom"),
    (r"de\s+arriba\s+(?:a\s+)?abajo", "from top to bottom"),
    (r"de\s+cima\s+(?:para|a)\s+baixo", "from top to bottom"),
    (r"von\s+oben\s+nach\s+unten", "from top to bottom"),
]
_PLACES = [(_HORIZ_PREP[0], "left"), (_HORIZ_PREP[1], "right"), (_VERT_PREP[0], "top"), (_VERT_PREP[1], "bottom"),
           (_MIDDLE_PREP, "middle"), (_LEFT, "left"), (_RIGHT, "right"), (_TOP, "top"), (_BOTTOM, "bottom"),
           (_MIDDLE, "middle")]
_BARE = [(_LEFT, "left"), (_RIGHT, "right"), (_TOP, "top"), (_BOTTOM, "bottom"), (_MIDDLE, "middle")]
# a bracket holding only a place: "(à gauche)", "(a la derecha)", "(links oben)" -> "(left)", "(top left)"
for p, name in _PLACES:
    _RULES.append((r"(?<=\()\s*" + p + r"\s*(?=\))", name))
for p, name in ((r"سمت\s+چپ", "left"), (r"سمت\s+راست", "right")):  # Persian "(left side)" / "(right side)"
    _RULES.append((r"(?<=\()\s*" + p + r"\s*(?=\))", name))
# a place label opening a sentence: "À gauche :", "Izquierda:", "Oben links:" -> "Left:"
_LABEL_AT = r"(?:^|(?<=[.;:]\s))"
_RULES += [(_LABEL_AT + p + r"\s*(?=:)", name + "\0") for p, name in _PLACES]
_RULES += [
    # noun phrases: "le panneau de gauche", "la imagen de la izquierda", "o painel da esquerda", "panel
    # izquierdo", "das linke Bild" -> "left panel"
    (r"(?P<noun>" + _NOUN + r")\s+(?:de\s+la\s+|de\s+|du\s+|da\s+|do\s+|d')?(?P<place>" + "|".join(
        p for p, _ in _BARE) + r")\b", "\1"),
    (r"(?P<place>" + "|".join(p for p, _ in _BARE) + r")\s+(?P<noun>" + _NOUN + r")", "\1"),
]
_RULES += [(p, {"left": "on the left", "right": "on the right", "top": "at the top", "bottom": "at the bottom",
                "middle": "in the middle"}[name]) for p, name in _PLACES[:5]]
_RULES += _BARE + [(r"سمت\s+چپ", "left"), (r"سمت\s+راست", "right"), (r"چپ", "left"), (r"راست", "right")]
_RULES += [
    (r"(?:et|und|y|e|و)(?=\s)(?!\s*[=<>\d])", "and"), (r"(?:ou|oder|o)(?=\s)(?!\s*[=<>\d])", "or"),
    (r"tandis\s+que|mientras\s+que|enquanto", "while"),
    (r"respectivement|respectivamente|beziehungsweise", "respectively"),
]
_COMPILED = [(re.compile(r"(?<![\w'’])" + p + r"(?![\w-])", re.IGNORECASE), e) for p, e in _RULES]
_PLACE_NAME = [(re.compile(r"^(?:" + p + r")$", re.IGNORECASE), n) for p, n in _BARE]
_NOUN_RE = re.compile(r"^(?:" + _NOUN + r")$", re.IGNORECASE)


# words of running text or places in these languages that English captions do not use, or a letter with an accent
# or of the Persian script: the rewrite is made only where one stands ("links", "superior", "central", "images" are English words too; an English caption's
# place words stay the English rules' alone)
_FOREIGN = re.compile(r"(?<!\w)(?:le|les|des|du|et|est|sont|dans|avec|sur|une|el|los|las|del|y|con|una|para|os|dos|"
                      r"das|da|com|em|uma|der|die|und|mit|von|ist|eine|zeigt|zeigen|montre|montrent|muestra|muestran|mostra|mostram"
                      r"|gauche|droite|izquierd[ao]s?|derech[ao]s?|esquerd[ao]s?|direit[ao]s?|arriba|abajo|acima|abaixo"
                      r"|oben|unten|rechts|rechte[nmrs]?|linke[nmrs]?|milieu|mitte)"
                      r"(?!\w)|[àâçéèêëîïôûùœãõñíóúáäöüß\u0600-\u06ff]", re.IGNORECASE)


def _english(m: re.Match, english: str) -> str:
    """The English words for one match, capitalised as the caption's word is."""
    if english == "\1":  # a noun phrase: the place's English name and the noun's
        place = next(n for r, n in _PLACE_NAME if r.match(m.group("place")))
        noun = next(k[2:] for k, v in _NOUN_RE.match(m.group("noun")).groupdict().items() if v)
        english = f"{place} {noun}"
    english = english.rstrip("\0")
    return english[:1].upper() + english[1:] if m.group(0)[:1].isupper() else english


def to_english(caption: str) -> tuple[str, dict[str, str]] | None:
    """`caption` with its place words (and joining words) in English, and the English words written
    mapped to the caption's words they replace; None when nothing was rewritten or the rewrite is not
    reversible (see the module's docstring)."""
    if not _FOREIGN.search(caption):
        return None
    spans: list[tuple[int, int, str]] = []
    for rx, english in _COMPILED:
        for m in rx.finditer(caption):
            if m.end() > m.start() and not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), _english(m, english)))
    if not any(e not in ("and", "And", "or", "Or", "while", "While", "respectively") for _, _, e in spans):
        return None
    back: dict[str, str] = {}
    out, prev = [], 0
    for a, b, english in sorted(spans):
        if back.setdefault(english, caption[a:b]) != caption[a:b]:
            return None  # one English word for two of the caption's
        if re.search(r"(?<!\w)" + re.escape(english) + r"(?!\w)", caption):
            return None  # the caption holds that English word already
        out += [caption[prev:a], english]
        prev = b
    out.append(caption[prev:])
    return "".join(out), back


def from_english(text: str, back: dict[str, str]) -> str:
    """`text` (words of a caption rewritten by `to_english`) with the caption's own words put back."""
    if not back:
        return text
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(e) for e in sorted(back, key=len, reverse=True)) + r")(?!\w)")
    return rx.sub(lambda m: back[m.group(0)], text)
