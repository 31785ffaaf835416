"""`derm1m-build review DIR --audit NAME`: the review page, a small WSGI app served on 127.0.0.1.

No account, no outside assets: one HTML page with its script inline, the pack's thumbnails, and a JSON
API. Every answer is written to the reviewer's answers file before the page is told it was saved
(`answers.append`), so a killed server loses at most the answer in flight. Text from the build reaches the
page only through `textContent`, never as HTML.
"""

from __future__ import annotations

import json
import mimetypes
import re
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from derm1m_build.audit import FIELD_QUESTIONS, FIELDS
from derm1m_build.audit import answers as answers_mod
from derm1m_build.audit.pack import load_items
from derm1m_build.errors import UserError

MAX_BODY = 64 * 1024
_THUMB = re.compile(r"^/thumbs/([0-9A-Za-z_.:-]{1,200}\.jpg)$")


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *a: Any) -> None:  # one line per request is noise for a reviewer's terminal
        pass


def _ontology_names(ontology: Any) -> list[dict[str, str]]:
    return sorted(({"id": n.id, "name": n.name, "path": ", ".join(ontology.path(n.id)),
                    "synonyms": " | ".join(getattr(n, "synonyms", []) or [])}
                   for n in ontology.conditions.values() if n.id != "root"), key=lambda d: d["name"])


def make_app(folder: Path, ontology: Any = None) -> Callable:
    folder = Path(folder)
    items = load_items(folder)
    ids = {it["sample_id"] for it in items}
    public = [{k: it.get(k) for k in ("sample_id", "source", "source_url", "license", "raw_text", "caption",
                                      "disease_label", "hierarchical_disease_label", "skin_concept",
                                      "body_location", "modality", "split", "thumb", "kept", "reason", "stratum")}
              for it in items]
    names = _ontology_names(ontology) if ontology is not None else []
    page = PAGE.replace("__FIELDS__", json.dumps([[f, FIELD_QUESTIONS[f]] for f in FIELDS]))

    def respond(start, status: str, body: bytes, ctype: str) -> Iterable[bytes]:
        start(status, [("Content-Type", ctype), ("Content-Length", str(len(body))), ("Cache-Control", "no-store"),
                       ("X-Content-Type-Options", "nosniff"),
                       ("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline' 'self'; "
                                                   "style-src 'unsafe-inline' 'self'; img-src 'self'")])
        return [body]

    def js(start, obj: Any, status: str = "200 OK") -> Iterable[bytes]:
        return respond(start, status, json.dumps(obj, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def app(environ, start):
        path, method = environ.get("PATH_INFO", "/"), environ.get("REQUEST_METHOD", "GET")
        q = parse_qs(environ.get("QUERY_STRING", ""))
        try:
            if path == "/" and method == "GET":
                return respond(start, "200 OK", page.encode(), "text/html; charset=utf-8")
            if path == "/api/items" and method == "GET":
                return js(start, public)
            if path == "/api/answers" and method == "GET":
                rev = answers_mod.check_reviewer((q.get("reviewer") or [""])[0])
                got = answers_mod.load(folder).get(rev, {})
                return js(start, [rec for _, rec in sorted(got.items())])
            if path == "/api/ontology" and method == "GET":
                term = (q.get("q") or [""])[0].strip().lower()
                hits = [n for n in names if term and (term in n["name"].lower() or term in n["synonyms"].lower()
                                                      or term == n["id"])]
                # the name itself first, then names that start with the term, then the rest by name
                hits.sort(key=lambda n: (n["name"].lower() != term, not n["name"].lower().startswith(term),
                                         n["name"]))
                return js(start, hits[:20])
            if path == "/api/answer" and method == "POST":
                n = int(environ.get("CONTENT_LENGTH") or 0)
                if n <= 0 or n > MAX_BODY:
                    raise UserError("answer body missing or too large")
                body = json.loads(environ["wsgi.input"].read(n).decode("utf-8"))
                rev = answers_mod.check_reviewer(str(body.get("reviewer", "")))
                rec = answers_mod.append(folder, rev, answers_mod.validate(body, ids))
                return js(start, {"saved": rec})
            m = _THUMB.match(path)
            if m and method == "GET":
                f = folder / "thumbs" / m.group(1)
                if f.is_file():
                    return respond(start, "200 OK", f.read_bytes(), mimetypes.guess_type(f.name)[0] or "image/jpeg")
            return js(start, {"error": "not found"}, "404 Not Found")
        except (UserError, ValueError) as e:
            return js(start, {"error": str(e)}, "400 Bad Request")

    return app


def serve(folder: Path, ontology: Any, host: str = "127.0.0.1", port: int = 8765,
          ready: Callable[[str], None] | None = None) -> None:
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise UserError("the review page is served on the loopback address only")
    httpd = make_server(host, port, make_app(folder, ontology), server_class=_Server, handler_class=_QuietHandler)
    url = f"http://{host}:{httpd.server_address[1]}/"
    if ready:
        ready(url)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()


PAGE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>derm1m-build review</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5em; color: #222; }
#who { margin-bottom: 1em; }
#item { display: flex; gap: 2em; align-items: flex-start; }
#item img { max-width: 384px; max-height: 384px; border: 1px solid #ccc; }
.meta { color: #555; font-size: 0.9em; }
.field { margin: 0.4em 0; padding: 0.3em 0.5em; border-left: 4px solid #ddd; }
.field.current { border-left-color: #d48b8f; background: #fbf3f3; }
.field .ans { font-weight: bold; margin-left: 0.5em; }
.yes { color: #2a7a2a; } .no { color: #a33; }
#status { color: #555; margin-top: 1em; }
#keys { color: #777; font-size: 0.85em; margin-top: 1em; }
#results li { cursor: pointer; }
</style></head>
<body>
<div id="who">Reviewer: <input id="reviewer" placeholder="your name" autocomplete="off">
<button id="start">Start</button> <span id="progress"></span></div>
<div id="item" hidden>
  <div><img id="thumb" alt="image under review"><p class="meta" id="source"></p></div>
  <div style="flex:1">
    <p><b>Caption:</b> <span id="caption"></span></p>
    <p class="meta"><b>Source text:</b> <span id="raw"></span></p>
    <p><b>disease_label:</b> <span id="label"></span> <span class="meta" id="hier"></span></p>
    <p><b>Concepts:</b> <span id="concepts"></span> &middot; <b>Body site:</b> <span id="site"></span></p>
    <div id="fields"></div>
    <div id="fix" hidden>Right label: <input id="search" placeholder="search the ontology" autocomplete="off">
      <ul id="results"></ul></div>
    <p>Flag: <span id="flag">none</span></p>
  </div>
</div>
<div id="status"></div>
<div id="keys">Keys: <b>y</b> yes, <b>n</b> no, <b>s</b> skip (current field, then the next); <b>&uarr;/&darr;</b> field;
<b>j</b>/<b>k</b> next/previous item; <b>p</b> flag a privacy problem, <b>r</b> flag for removal, <b>0</b> clear the flag;
<b>/</b> search the ontology for the right label.</div>
<script>
const FIELDS = __FIELDS__;
let items = [], answers = {}, cur = 0, field = 0, reviewer = "";
const $ = id => document.getElementById(id);
function key(item, f) { return item + "\u0000" + f; }
async function api(path, body) {
  const r = await fetch(path, body ? {method: "POST", headers: {"Content-Type": "application/json"},
                                      body: JSON.stringify(body)} : {});
  const j = await r.json();
  if (!r.ok) throw new Error(j.error || r.statusText);
  return j;
}
function show() {
  const it = items[cur];
  $("item").hidden = false;
  $("thumb").src = it.thumb ? "/" + it.thumb : "";
  $("caption").textContent = it.caption || "";
  $("raw").textContent = (it.raw_text || "").slice(0, 1500);
  $("label").textContent = it.disease_label || "(none)";
  $("hier").textContent = it.hierarchical_disease_label ? "(" + it.hierarchical_disease_label + ")" : "";
  $("concepts").textContent = it.skin_concept || "";
  $("site").textContent = it.body_location || "";
  $("source").textContent = it.source + " \u00b7 " + it.license + " \u00b7 " + (it.kept ? it.split : "excluded: " + it.reason)
    + " \u00b7 " + (it.source_url || "");
  const box = $("fields"); box.textContent = "";
  FIELDS.forEach(([f, q], i) => {
    const d = document.createElement("div");
    d.className = "field" + (i === field ? " current" : ""); d.dataset.field = f;
    const a = answers[key(it.sample_id, f)];
    d.textContent = q;
    const s = document.createElement("span"); s.className = "ans " + (a ? a.value : "");
    s.textContent = a ? a.value + (a.correct ? " \u2192 " + a.correct : "") : "";
    d.appendChild(s); box.appendChild(d);
  });
  const fl = answers[key(it.sample_id, "flag")];
  $("flag").textContent = fl ? fl.value : "none";
  const done = items.filter(x => FIELDS.every(([f]) => answers[key(x.sample_id, f)])).length;
  $("progress").textContent = "item " + (cur + 1) + " of " + items.length + ", " + done + " complete";
}
async function answer(f, value, correct) {
  const it = items[cur];
  const body = {reviewer, item: it.sample_id, field: f, value};
  if (correct) body.correct = correct;
  try {
    const r = await api("/api/answer", body);
    answers[key(it.sample_id, f)] = r.saved;
    $("status").textContent = "saved " + f + " = " + value + (correct ? " (" + correct + ")" : "");
  } catch (e) { $("status").textContent = "not saved: " + e.message; }
}
async function start() {
  reviewer = $("reviewer").value.trim();
  try {
    items = await api("/api/items");
    answers = {};
    for (const a of await api("/api/answers?reviewer=" + encodeURIComponent(reviewer))) answers[key(a.item, a.field)] = a;
  } catch (e) { $("status").textContent = e.message; return; }
  cur = Math.max(0, items.findIndex(x => !FIELDS.every(([f]) => answers[key(x.sample_id, f)])));
  field = 0; $("reviewer").blur(); show();
}
async function search() {
  const q = $("search").value;
  const hits = q ? await api("/api/ontology?q=" + encodeURIComponent(q)) : [];
  const ul = $("results"); ul.textContent = "";
  hits.forEach(h => { const li = document.createElement("li"); li.textContent = h.name + " (" + h.path + ")";
    li.dataset.name = h.name; li.onclick = () => pick(h.name); ul.appendChild(li); });
}
async function pick(name) {
  const saving = answer("label", "no", name);
  $("fix").hidden = true; $("search").value = ""; $("results").textContent = "";
  field = Math.min(field + 1, FIELDS.length - 1); show();
  await saving;
}
$("start").onclick = start;
$("reviewer").addEventListener("keydown", e => { if (e.key === "Enter") start(); });
$("search").addEventListener("input", search);
$("search").addEventListener("keydown", e => {
  if (e.key === "Enter") { const li = $("results").querySelector("li"); if (li) pick(li.dataset.name); }
  if (e.key === "Escape") { $("fix").hidden = true; }
  e.stopPropagation();
});
document.addEventListener("keydown", async e => {
  if (!items.length || document.activeElement === $("reviewer")) return;
  const f = FIELDS[field][0];
  if (e.key === "y" || e.key === "n" || e.key === "s") {
    // the answer is taken for the field and item on screen now, and the page moves on at once: a second
    // key pressed before the server replies answers the next field, never this one again
    e.preventDefault();  // the key is an answer, not a character for the search box it may open
    const saving = answer(f, {y: "yes", n: "no", s: "skip"}[e.key]);
    if (e.key === "n" && f === "label") { $("fix").hidden = false; $("search").focus(); show(); await saving; return; }
    field = Math.min(field + 1, FIELDS.length - 1); show();
    await saving;
  } else if (e.key === "ArrowDown") { field = Math.min(field + 1, FIELDS.length - 1); show(); }
  else if (e.key === "ArrowUp") { field = Math.max(field - 1, 0); show(); }
  else if (e.key === "j") { cur = Math.min(cur + 1, items.length - 1); field = 0; show(); }
  else if (e.key === "k") { cur = Math.max(cur - 1, 0); field = 0; show(); }
  else if (e.key === "p") { await answer("flag", "privacy"); show(); }
  else if (e.key === "r") { await answer("flag", "remove"); show(); }
  else if (e.key === "0") { await answer("flag", "none"); show(); }
  else if (e.key === "/") { e.preventDefault(); $("fix").hidden = false; $("search").focus(); }
});
</script>
</body></html>
"""
