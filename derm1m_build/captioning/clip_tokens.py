"""Count CLIP text tokens exactly, offline, and cut captions to fit CLIP's 77-token context.

CLIP (and Derm1M's training loader, which uses open_clip's tokenizer) counts byte-level BPE tokens
with the merges OpenAI released (`bpe_simple_vocab_16e6`, MIT licence; the 48,894 merges CLIP uses are
vendored in `data/clip_bpe_merges.txt.gz`) plus a start and an end token. We rebuild that tokenizer with
the Rust `tokenizers` library (the same construction as transformers' `CLIPTokenizerFast` converter):
NFC, whitespace collapsed, lower-cased, CLIP's pre-tokenising regex, byte-level alphabet, `</w>` word
ends. "a photo of a cat" encodes to [49406, 320, 1125, 539, 320, 2368, 49407], as CLIP does.
(CLIP's `ftfy`/HTML unescaping is skipped: captions here are already clean Unicode text.)
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

MERGES = Path(__file__).resolve().parent / "data" / "clip_bpe_merges.txt.gz"
SOT, EOT = "<|startoftext|>", "<|endoftext|>"
CLIP_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"""
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _bytes_to_unicode() -> dict[int, str]:
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


@lru_cache(maxsize=1)
def clip_tokenizer():
    """The CLIP BPE tokenizer as a `tokenizers.Tokenizer` (built once per process, ~0.3 s)."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers
    from tokenizers.models import BPE

    merges = [tuple(m.split()) for m in gzip.open(MERGES, "rt", encoding="utf-8").read().split("\n") if m]
    alphabet = list(_bytes_to_unicode().values())
    vocab_list = alphabet + [v + "</w>" for v in alphabet] + ["".join(m) for m in merges] + [SOT, EOT]
    vocab = {tok: i for i, tok in enumerate(vocab_list)}
    tok = Tokenizer(BPE(vocab, merges, continuing_subword_prefix="", end_of_word_suffix="</w>", fuse_unk=False,
                        unk_token=EOT))
    tok.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Replace(Regex(r"\s+"), " "),
                                           normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(CLIP_PATTERN), behavior="removed", invert=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False),
    ])
    tok.decoder = decoders.ByteLevel()
    return tok


def encode(text: str) -> list[int]:
    """CLIP token ids with the start and end tokens, as CLIP's tokenizer gives them (before padding)."""
    tok = clip_tokenizer()
    return [tok.token_to_id(SOT), *tok.encode(text, add_special_tokens=False).ids, tok.token_to_id(EOT)]


_WORD_COUNTS: dict[str, int] = {}


@lru_cache(maxsize=1)
def _pretokenizer():
    import regex

    return regex.compile(CLIP_PATTERN)


def count_tokens(texts: list[str]) -> list[int]:
    """Tokens per text including start and end tokens.

    BPE merges never cross CLIP's pre-tokens (words, single digits, punctuation runs), so a text's count
    is the sum of its pre-tokens' counts: each distinct pre-token is encoded once per process and
    remembered, which makes counting a million captions a regex pass plus dictionary look-ups.
    """
    pat = _pretokenizer()
    pieces = [pat.findall(unicodedata.normalize("NFC", t).lower()) for t in texts]
    new = sorted({w for ws in pieces for w in ws if w not in _WORD_COUNTS})
    if new:
        enc = clip_tokenizer().encode_batch(new, add_special_tokens=False)
        if len(_WORD_COUNTS) > 2_000_000:
            _WORD_COUNTS.clear()
        _WORD_COUNTS.update((w, len(e.ids)) for w, e in zip(new, enc))
    wc = _WORD_COUNTS
    return [sum(wc[w] for w in ws) + 2 for ws in pieces]


def _cut_words(sentence: str, max_tokens: int) -> str:
    """A single over-long sentence: keep the longest word prefix that fits (binary search)."""
    words = sentence.split()
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count_tokens([" ".join(words[:mid])])[0] <= max_tokens:
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo])


def truncate_many(texts: list[str], max_tokens: int = 77) -> list[str]:
    """Each text cut at a sentence boundary so that it fits `max_tokens` CLIP tokens (start/end included).

    Texts that fit are returned unchanged. Otherwise the longest run of whole leading sentences that fits
    is kept; if even the first sentence is too long it is cut between words.
    """
    counts = count_tokens(texts)
    out = list(texts)
    for i, (t, n) in enumerate(zip(texts, counts)):
        if n <= max_tokens:
            continue
        sents = SENTENCE.split(t.strip())
        prefixes = [" ".join(sents[: k + 1]) for k in range(len(sents))]
        fits = [p for p, c in zip(prefixes, count_tokens(prefixes)) if c <= max_tokens]
        out[i] = fits[-1] if fits else _cut_words(sents[0], max_tokens)
    return out
