"""Dataset rows: the fields public datasets write a label in (HAM10000's `dx:`, SCIN's weighted labels,
ISIC's diagnosis levels, Derm7pt's columns, DDI's slugs, CSV rows, catalogue definitions), read as
the dataset means them rather than as prose. Mixed into `Tagger`."""

from __future__ import annotations

import re

from derm1m_build.ontology import Ontology
from derm1m_build.tagger.fastmatch import any_in
from derm1m_build.tagger.labels import BACKGROUND, SIGNS, SYMPTOMS
from derm1m_build.tagger.lexicon import Target
from derm1m_build.tagger.normalise import normalise_name
from derm1m_build.tagger.results import TagResult

# a dataset's diagnosis-code field: HAM10000 `dx` ("dx: akiec"), PAD-UFES-20 `diagnostic` ("diagnostic: NEV")
CODE_FIELD = re.compile(r"(?<![\w])(dx|diagnostic)\s*:\s*([A-Za-z]+)(?=\s*(?:[,;\n]|$))")
# round 12: a DDI row's `disease` slug ("squamous-cell-carcinoma-keratoacanthoma", "melanoma-acral-lentiginous") is
# the dataset's own class name: it names one node through DDI's mapping file, not each name its words hold
DDI_SLUG = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
# a dataset's metadata row as the raw CSV line: HAM10000 ("HAM_0001234,ISIC_0012345,df,histo,..."),
# PAD-UFES-20 ("PAT_123,456,False,..."), Fitzpatrick17k (an md5 hash, then two scale columns)
CSV_ROW = re.compile(r"\s*(?:(HAM_\d+,ISIC_\d+,)|(PAT_\d+,\d+,)|([0-9a-f]{32},-?\d+,-?\d+,))")
# round 7: a SCIN row's labellers' answers ("weighted_skin_condition_label: {'Tinea': 0.6, 'Eczema': 0.4}",
# "dermatologist_skin_condition_on_label_name: ['Herpes Simplex', 'Impetigo']"): the first / highest-weighted
# is the dataset's label, the others are alternatives (uncertain)
SCIN_FIELD = re.compile(r"(?:weighted_skin_condition_label|dermatologist_skin_condition_on_label_name)['\"]?\s*[:=]\s*"
                        r"[{\[]([^}\]]*)[}\]]")
# round 14: the same item in JSON's double quotes ({"Granuloma annulare": 0.67, "Tinea": 0.33}); and any braced dict of
# two or more labels with weights, whatever its field is called ("SCIN labels {'Tinea Versicolor': 0.67, 'Tinea':
# 0.33}"): a model's or labellers' weighted answers, the top one the label, the others alternatives
SCIN_ITEM = re.compile(r"'([^']*)'(?:\s*:\s*([0-9.]+))?|\"([^\"]*)\"(?:\s*:\s*([0-9.]+))?")
WEIGHTED_DICT = re.compile(r"\{((?:\s*(?:'[^'{}]+'|\"[^\"{}]+\")\s*:\s*[0-9.]+\s*,?){2,})\}")
# an ISIC row's diagnosis hierarchy ("diagnosis_1: Malignant, diagnosis_3: Melanoma Invasive, diagnosis_4:
# Melanoma Invasive, Superficial spreading"): the deepest level given is the diagnosis, the others its parents
ISIC_LEVEL = re.compile(r"(?<![\w])diagnosis(?:_(\d))?\s*:\s*")
# where the class clause of a definition ends ("A form of X, a disorder ...", "A congenital X characterized by")
DEFINITION_CLASS_END = re.compile(r",|;|\.(?:\s|$)|\s(?:characteri[sz]ed|in[ ]which|that|which|affecting|with|"
                                  r"associated|due|caused|resulting)\s")
DEFINITION_NOT_HEAD = re.compile(r"^(?:-|\s*)like\b|\bsyndrome\b")
HYPHENATED = re.compile(r"\w+(?:-\w+)+")
# round 24: catalogue names of a syndrome without a node (`_definition_row`)
FEATURE_LIST_NAME = re.compile(r"^(?:(?! with )[^,])+(?:,(?:(?! with )[^,])+)+, and ")
CO_EQUAL_NAME = re.compile(r"^((?:(?! with )[^,])+?) and ([^,]+)(?:,|$)")  # (not "Autoinflammation with arthritis and ...")
# round 8: a Derm7pt row's seven-point columns ("pigment_network: atypical; streaks: absent; pigmentation: diffuse
# irregular; vascular_structures: dotted; elevation: nodular"), read as the dataset means them: a structure absent
# is negated (the field name is the span, ": absent" negates it), one present is asserted (the value is the span),
# irregular pigmentation is a blotch, absent vessels and a flat or palpable elevation name no concept
DERM7PT_FIELD = re.compile(r"(?<![\w])(pigment_network|streaks|pigmentation|regression_structures|dots_and_globules|"
                           r"blue_whitish_veil|vascular_structures|elevation)\s*:\s*([a-z][a-z ]*?)\s*(?=[;,\n]|$)")
DERM7PT_ABSENT = {"pigment_network": "pigment-network", "streaks": "streaks", "regression_structures":
                  "regression-structures", "dots_and_globules": "dots-and-globules", "blue_whitish_veil": "blue-whitish-veil"}
DERM7PT_VALUE = {("pigment_network", "typical"): "pigment-network", ("pigment_network", "atypical"):
                 "atypical-pigment-network", ("vascular_structures", "arborizing"): "arborizing-vessels",
                 ("vascular_structures", "dotted"): "dotted-vessels", ("vascular_structures", "hairpin"): "hairpin-vessels",
                 ("vascular_structures", "comma"): "comma-vessels", ("vascular_structures", "linear irregular"):
                 "linear-irregular-vessels", ("elevation", "nodular"): "nodule",
                 ("pigmentation", "diffuse irregular"): "blotch", ("pigmentation", "localized irregular"): "blotch",
                 ("pigmentation", "localised irregular"): "blotch"}


# round 31: a catalogue list ("BOIL/CARBUNCLE", "burn/scald of all degrees, external chemical burn", "varicose veins
# K95; haemangioma S81", an ICPC inclusion or exclusion field): entries split by "/", "," or ";", in a text that is no
# sentence (none of these words, no full stop inside, no colon of a field)
LIST_SEPARATORS = re.compile(r"[,;/]")
LIST_PROSE_WORDS = frozenset({
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "shows", "showed", "show", "showing", "seen",
    "looks", "look", "looked", "presented", "presents", "diagnosed", "confirmed", "i", "we", "he", "she", "you", "my",
    "his", "her", "our", "their", "this", "these", "that", "there", "it", "its", "which", "who", "but", "patient",
    "biopsy", "a", "an", "for", "about", "as", "after", "coded", "corrected", "initially", "then", "later",
    "now", "today", "changed", "revised", "amended", "updated", "became", "turned", "called", "said", "says"})
# a subtype written as an entry of its own ("Melanoma in situ, lentigo maligna type", "Carcinoma, squamous, of
# keratoacanthoma type"): it qualifies the entry before it, no co-equal entry
LIST_SUBTYPE_AFTER = re.compile(r"[ -]+(?:sub)?type|[ -]+variant|[ -]+pattern", re.IGNORECASE)
LIST_WORD = re.compile(r"\b[a-z]+\b")  # (not the letter of a code: "I83")


def catalogue_list(text: str) -> bool:
    """Whether the text is a catalogue list (no sentence: no full stop inside, no "?", no colon, none of
    `LIST_PROSE_WORDS`), whose entries `LIST_SEPARATORS` part; see `list_items`."""
    return ":" not in text and "." not in text.strip().rstrip(".") and "?" not in text \
        and LIST_PROSE_WORDS.isdisjoint(LIST_WORD.findall(text.lower()))


def list_entry(text: str, at: int) -> int:
    """The number of the catalogue-list entry that `text[at]` stands in (1 for the first)."""
    return 1 + sum(1 for m in LIST_SEPARATORS.finditer(text, 0, at))


def list_items(text: str, res: TagResult) -> None:
    """Number the entries of a catalogue list the conditions stand in (`Match.item`), so that the label reads the
    list as a dataset reads it: co-equal entries, the first-named diagnosis first (set 19's ICPC-2 fields; rule 8
    of the annotation), not the deepest or the one whose name holds another's. Two names joined by a bare "/" in
    prose ("solar keratosis/sunburn") are two entries too. Conditions of prose keep item 0."""
    conds = res.conditions
    if catalogue_list(text):
        cuts = [m.start() for m in LIST_SEPARATORS.finditer(text)]
        items = {id(m): 1 + sum(c < m.span[0] for c in cuts) for m in conds}
        if len(set(items.values())) > 1:
            for m in conds:
                m.item = 0 if LIST_SUBTYPE_AFTER.match(text, m.span[1]) else items[id(m)]
        return
    if "/" not in text:
        return
    starts = {m.span[0]: m for m in conds}
    k = 0
    for m in sorted(conds, key=lambda x: x.span[0]):
        b = m.span[1]
        o = starts.get(b + 1)
        if o is not None and text[b:b + 1] == "/" and not o.item:
            if not m.item:
                k += 1
                m.item = k
            k += 1
            o.item = k


def _definition_row(text: str, body: int, res: TagResult, ontology: Ontology) -> None:
    """Round 23: in a catalogue entry "NAME: DEFINITION" (`DEFINITION_ROW`, the definition starting at `body`), the
    conditions the definition lists as features are background (asserted, never the label); the condition that opens
    the name, those of the definition's class clause, and a subtype of either named later ("... Junctional
    epidermolysis bullosa is characterized by ...") stay label candidates. With none, the entry's subject has no
    node (a syndrome), and no feature becomes its label."""
    from derm1m_build.tagger.labels import _names, refines

    head = body - 2
    while head > 0 and text[head] != ":":
        head -= 1
    name = text[:head]
    # round 24: a name that lists findings ("Hypopigmentation, organomegaly, and delayed myelination", "Cancer, alopecia,
    # pigment dyscrasia, onychodystrophy, and keratoderma") is a syndrome without a node: its first word is one
    # feature, not the subject (a catalogue inversion with "with" keeps its head: "Erythroderma, congenital, with ...")
    listed = FEATURE_LIST_NAME.match(name) is not None
    # round 24: two co-equal diseases ("Congenital heart defects and ectodermal dysplasia"): the second conjunct's
    # disease is a subject too, where the name opens with no node; a sign there stays a feature ("Obesity and
    # hypopigmentation")
    pair = CO_EQUAL_NAME.match(name)
    second = pair.start(2) if pair is not None else -1
    e = DEFINITION_CLASS_END.search(text, body)
    cls_end = e.start() if e is not None else len(text)
    clause = None
    kept, rest = [], []
    for c in res.conditions:
        a, b = c.span
        if c.negated:
            continue
        if a <= 1 and b <= head and DEFINITION_NOT_HEAD.search(text[b:head]) is None and not listed:
            kept.append(c)  # the name's head: "Ichthyosis, lamellar, autosomal dominant", "Hypotrichosis 14"
        elif a == second and b <= head and c.id not in SIGNS and c.id not in SYMPTOMS and c.id not in BACKGROUND \
                and not any(x.span[0] <= 1 for x in res.conditions):
            kept.append(c)
        elif body <= a < cls_end and text[a - 1] != "-":
            kept.append(c)  # the class: "A form of hypotrichosis", "A rare ectodermal dysplasia"
        elif text[a - 2:a] == "; " and text[b:b + 1] == ".":
            kept.append(c)  # a synonym the dictionary gives as a clause of its own ("Tetter: A vesicular disease ...; herpes.")
        elif a < head:
            # named first inside the name, and again in the class ("Ectodermal dysplasia-skin fragility syndrome: A
            # form of ectodermal dysplasia"): one match holds both mentions
            if clause is None:
                # (a hyphenated compound is another name: "A form of keratitis-ichthyosis-deafness syndrome")
                clause = " " + normalise_name(HYPHENATED.sub(" ", text[body:cls_end])) + " "
            (kept if any(x in clause for x in _names(ontology, c.id)) else rest).append(c)
        else:
            rest.append(c)
    for c in rest:
        if not any(refines(ontology, c.id, k.id) for k in kept):
            c.historical = True


class FieldPasses:
    """The dataset-field passes of `Tagger._finish`: a row's label field gives its node, other columns add
    concepts or nothing."""

    @staticmethod
    def _scin_alternatives(text: str, hits, flags) -> None:
        """A SCIN row's label field: the highest-weighted (or first-listed) condition is asserted, the
        labellers' other answers are alternatives (uncertain, never the label)."""
        fields = list(SCIN_FIELD.finditer(text))
        fields += [m for m in WEIGHTED_DICT.finditer(text) if not any(f.start(1) <= m.start(1) < f.end(1) for f in fields)]
        for m in fields:
            items = []
            for i, x in enumerate(SCIN_ITEM.finditer(m.group(1))):
                g = 1 if x.group(1) is not None else 3
                w = x.group(g + 1)
                items.append((x.start(g) + m.start(1), x.end(g) + m.start(1), float(w) if w else -i))
            if len(items) < 2:
                continue
            # the highest weight; of equal weights, the first listed (round 8: "{'Acute dermatitis, NOS': 0.5,
            # 'CD - Contact dermatitis': 0.5}" is labelled eczema)
            top = max(range(len(items)), key=lambda i: (items[i][2], -i))
            for i, (s, e, w) in enumerate(items):
                if i == top:
                    continue
                for a, b, t, _ in hits:
                    if t.kind == "condition" and s <= a and b <= e:
                        f = flags[(a, b)]
                        if not f[0]:
                            f[1] = True

    @staticmethod
    def _isic_levels(text: str, hits):
        """An ISIC row's `diagnosis_1..5` hierarchy names one lesion: the conditions of the deepest level that
        names one are kept, the shallower levels (its parents) dropped."""
        levels = list(ISIC_LEVEL.finditer(text))
        if len(levels) < 2:
            return hits
        spans = [(int(m.group(1) or 0), m.end(), levels[i + 1].start() if i + 1 < len(levels) else len(text))
                 for i, m in enumerate(levels)]
        named = [(lv, s, e) for lv, s, e in spans
                 if any(t.kind == "condition" and s <= a < e for a, b, t, _ in hits)]
        if len(named) < 2:
            return hits
        deepest = max(lv for lv, _, _ in named)
        drop = [(s, e) for lv, s, e in named if lv != deepest]
        return [h for h in hits if h[2].kind != "condition" or not any(s <= h[0] < e for s, e in drop)]

    def _derm7pt(self, text: str, hits):
        """A Derm7pt row's seven-point columns, read field by field (`DERM7PT_FIELD`): what the generic pass
        found inside them ("vascular structures", "pigmentation", "diffuse") is replaced."""
        fields = list(DERM7PT_FIELD.finditer(text))
        if not fields:
            return hits
        concepts = self.ontology.concepts
        spans = [(m.start(), m.end()) for m in fields]
        out = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in spans)]
        for m in fields:
            name, value = m.group(1), m.group(2)
            if value in ("absent", "none", "no") and name in DERM7PT_ABSENT:
                nid, s, e = DERM7PT_ABSENT[name], m.start(1), m.end(1)
            elif name in DERM7PT_ABSENT and (name, value) not in DERM7PT_VALUE:
                nid, s, e = DERM7PT_ABSENT[name], m.start(2), m.end(2)
            else:
                nid, s, e = DERM7PT_VALUE.get((name, value)), m.start(2), m.end(2)
            if nid in concepts:
                out.append((s, e, Target("concept", nid, 0), 100.0))
        return out

    def _code_fields(self, text: str, hits):
        """A dataset's diagnosis code ("dx: akiec" in a HAM10000 row, "diagnostic: NEV" in PAD-UFES-20)
        names its node through the dataset's mapping file."""
        for m in CODE_FIELD.finditer(text):
            nid = self.code_maps.get(m.group(1), {}).get(m.group(2))
            if nid is None:
                continue
            s, e = m.span(2)
            if not any(h[0] < e and s < h[1] and h[2].nid == nid for h in hits):
                hits = [h for h in hits if not (h[0] < e and s < h[1])]
                hits.append((s, e, Target("condition", nid, 0), 100.0))
        return hits

    def _ddi_slug(self, text: str, hits):
        """A DDI `disease` slug names the node DDI's mapping file gives it: its words' other names are not
        findings ("squamous-cell-carcinoma-keratoacanthoma" is a keratoacanthoma, not also a squamous cell
        carcinoma)."""
        # speed round 49: a slug the text holds is one of its substrings: one automaton walk over the mapping's slugs
        # (`fastmatch.any_in`, built from the tagger's own table on first use) before the slug pattern's finditer
        slugs = self._ddi_slugs
        gate = self.__dict__.get("_ddi_slug_gate")
        if gate is None or gate[0] is not slugs or gate[1] != len(slugs):
            gate = self._ddi_slug_gate = (slugs, len(slugs), any_in(tuple(slugs)))
        if not gate[2](text):
            return hits
        for m in DDI_SLUG.finditer(text):
            nid = self._ddi_slugs.get(m.group())
            if nid is None:
                continue
            s, e = m.span()
            inside = [h for h in hits if s <= h[0] and h[1] <= e and h[2].kind == "condition"]
            if any(h[2].nid != nid for h in inside) or not inside:
                hits = [h for h in hits if h not in inside]
                hits.append((s, e, Target("condition", nid, 0), 100.0))
        return hits

    def _csv_row(self, text: str, hits):
        """A dataset's metadata row as the CSV line itself (no header): a HAM10000 row's `dx` code (third
        column) and a PAD-UFES-20 row's `diagnostic` code (eighteenth) name their node through the dataset's
        mapping file; a Fitzpatrick17k row's two partition columns after the label are the dataset's grouping
        of the same lesion, not second findings."""
        m = CSV_ROW.match(text)
        cols, pos = [], 0
        for cell in text.split("\n", 1)[0].split(","):
            cols.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        if m.group(1):  # HAM10000: lesion_id, image_id, dx, ...
            fld, col = "dx", 2
        elif m.group(2):  # PAD-UFES-20: patient_id, lesion_id, ..., diagnostic (18th), ...
            fld, col = "diagnostic", 17
        else:  # Fitzpatrick17k: md5hash, fitzpatrick_scale, fitzpatrick_centaur, label, nine_partition, three_partition
            if len(cols) < 5:
                return hits
            a, b = cols[4][0], cols[min(5, len(cols) - 1)][1]  # one span: "malignant melanoma,malignant" reads as one name
            return [h for h in hits if h[2].kind != "condition" or not (a <= h[0] and h[1] <= b)]
        if len(cols) <= col:
            return hits
        s, e = cols[col]
        nid = self.code_maps.get(fld, {}).get(text[s:e].strip())
        if nid is None or any(h[0] < e and s < h[1] and h[2].nid == nid for h in hits):
            return hits
        hits = [h for h in hits if not (h[0] < e and s < h[1])]
        hits.append((s, e, Target("condition", nid, 0), 100.0))
        return hits
