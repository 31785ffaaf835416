"""The expert audit loop: sample a build, review the sample in a browser, score it, feed corrections back.

`pack` draws a stratified, reproducible sample into `BUILD/audit/<name>/` (items.jsonl + thumbnails);
`review` serves a page on 127.0.0.1 where reviewers answer per field; `answers` keeps what they said, one
append-only file per reviewer; `score` turns answers into precision per source and field with Wilson
intervals and Cohen's kappa; `corrections` turns reviewers' fixes into a corrections.csv that the tag
stage applies on every later build; `interchange` speaks Label Studio's and Argilla's JSON.
"""

FIELDS = ("image", "caption", "label", "concepts", "site")
FIELD_QUESTIONS = {
    "image": "Is this a skin image (clinical, dermoscopic or skin histopathology)?",
    "caption": "Is the caption faithful to the source text?",
    "label": "Is disease_label right?",
    "concepts": "Are the concepts right?",
    "site": "Is the body site right?",
}
