"""CLIP token counts (the real BPE, offline) and sentence-boundary truncation."""

from derm1m_build.captioning.clip_tokens import count_tokens, encode, truncate_many


def test_encodes_like_clip():
    # CLIP's tokenizer: <start> a photo of a cat <end>
    assert encode("a photo of a cat") == [49406, 320, 1125, 539, 320, 2368, 49407]
    assert encode("A  PHOTO of a cat") == encode("a photo of a cat")
    # digits are one token each; punctuation runs are one pre-token
    assert count_tokens(["2024", "a b", ""]) == [6, 4, 2]


def test_counts_agree_with_encoding_for_unseen_words():
    texts = ["Telangiectasia on the 45-year-old's cheek!!", "Pemphigus vulgaris: Nikolsky's sign +ve; café"]
    assert count_tokens(texts) == [len(encode(t)) for t in texts]


def test_truncation_keeps_whole_sentences_that_fit():
    short = "Erythematous plaques on the elbow."
    assert truncate_many([short]) == [short]
    sents = [f"Plaque number {i} is on the elbow of the patient." for i in range(12)]
    text = " ".join(sents)
    out = truncate_many([text])[0]
    n = len(encode(out))
    assert n <= 77
    k = out.count(".")
    assert out == " ".join(sents[:k])
    assert len(encode(" ".join(sents[:k + 1]))) > 77


def test_one_overlong_sentence_is_cut_between_words():
    text = " ".join(["erythematous"] * 60) + "."
    out = truncate_many([text], max_tokens=20)[0]
    assert len(encode(out)) <= 20 < len(encode(out + " erythematous"))
    assert set(out.split()) == {"erythematous"}
