"""The API key: only from the environment or a named file, sent to the endpoint, written nowhere.

A key is planted; a build runs the caption stage against a chat-completions server on 127.0.0.1 that
requires it and that also answers some requests with errors echoing it; then every file of the build
and all output of the command are searched for it.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli, copy_build, local_recipe

from derm1m_build.captioning.openai_chat import OpenAIChat, OpenAIConfig
from derm1m_build.secrets import MASK, read_secret, redact
from derm1m_build.testing.faultserver import Reply
from derm1m_build.testing.openai_server import OpenAIServer

KEY = "sk-planted-0123456789abcdef"


def recipe(tmp: Path, corpus: Path, server: OpenAIServer, key_line: str) -> Path:
    return local_recipe(tmp, corpus, extra=f"""
[caption]
backend = "openai"

[caption.openai]
base_url = "{server.base_url}"
model = "tiny"
{key_line}
max_in_flight = 4
backoff_s = 0.01
max_retries = 2
timeout_s = 10
""")


def all_bytes(root: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file()]


def test_planted_key_is_used_but_never_written(tmp_path, demo_build, demo_corpus):
    out = copy_build(demo_build, tmp_path / "out")
    with OpenAIServer(api_key=KEY) as s:
        # errors that echo the key back (a hostile or careless endpoint)
        s.inject(Reply(500, f"upstream rejected Bearer {KEY}", headers={"X-Debug": KEY}),
                 Reply(400, json.dumps({"error": {"message": f"bad key {KEY}"}}), content_type="application/json"))
        rec = recipe(tmp_path, demo_corpus, s, 'api_key_env = "DERM1M_TEST_KEY"')
        p = cli("caption", "--recipe", rec, "--out", out, env={"DERM1M_TEST_KEY": KEY})
        assert p.returncode == 0, p.stdout + p.stderr
        assert s.requests() > 10
        labels = set()
        for part in sorted((out / "work" / "caption").glob("part-*.parquet")):
            import pyarrow.parquet as pq
            labels |= set(pq.read_table(part, columns=["caption_backend"]).column(0).to_pylist())
        assert "openai:tiny" in labels
        p2 = cli("status", out, "--recipe", rec, env={"DERM1M_TEST_KEY": KEY})
    leaks = [str(path) for path, data in all_bytes(tmp_path) if KEY.encode() in data]
    assert leaks == []
    for text in (p.stdout, p.stderr, p2.stdout, p2.stderr):
        assert KEY not in text
    models = json.loads((out / "work" / "caption" / "_manifest.json").read_text())["models"]["caption"]
    assert models["model"] == "tiny" and models["endpoint"] == s.base_url


def test_key_from_a_named_file_and_a_missing_key(tmp_path):
    key_file = tmp_path / "key.txt"
    key_file.write_text(KEY + "\n")
    msgs = [[{"role": "user", "content": '{"text": "psoriasis on the elbow"}'}]]
    with OpenAIServer(api_key=KEY) as s:
        ok = OpenAIChat(OpenAIConfig(base_url=s.base_url, model="m", api_key_file=str(key_file), allow_private=True))
        assert isinstance(ok.complete(msgs)[0], str)
        none = OpenAIChat(OpenAIConfig(base_url=s.base_url, model="m", api_key_env="DERM1M_TEST_UNSET",
                                       allow_private=True))
        err = none.complete(msgs)[0]
        assert (err.reason, KEY in err.detail) == ("http_401", False)
        assert KEY not in repr(ok.__dict__.get("cfg")) and KEY not in repr(ok.client)


def test_redact_masks_every_known_secret(monkeypatch):
    monkeypatch.setenv("DERM1M_TEST_KEY2", "tok-abcdef-42")
    assert read_secret("DERM1M_TEST_KEY2") == "tok-abcdef-42"
    assert redact("error: Bearer tok-abcdef-42 refused") == f"error: Bearer {MASK} refused"
