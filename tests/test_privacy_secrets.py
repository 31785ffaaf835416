"""Issue 18 item 4: secrets through the recipe.

Before: `${KEY}` expanded inside `base_url` landed in DATASHEET.md and the caption manifest;
`api_key_file = "/etc/passwd"` sent that file as a bearer token. Now values from the environment are
recorded as `${NAME}`, the recorded endpoint is scheme + host + path, and a key file must be a small
regular file holding only the key."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import cli, copy_build, local_recipe
from derm1m_build.captioning.openai_chat import OpenAIChat, OpenAIConfig, public_url
from derm1m_build.errors import UserError
from derm1m_build.recipe import expand_env
from derm1m_build.secrets import KEY_FILE_MAX, read_secret, redact, redact_obj
from derm1m_build.testing.openai_server import OpenAIServer

KEY = "sk-envplanted-9f8e7d6c5b4a"


def test_env_values_are_recorded_as_their_names(monkeypatch):
    monkeypatch.setenv("DERM1M_T_SECRET", KEY)
    url = expand_env({"u": "https://api.example.org/v1/${DERM1M_T_SECRET}?token=${DERM1M_T_SECRET}#x"})["u"]
    assert KEY in url  # the code that calls the endpoint gets the real value
    assert public_url(url) == "https://api.example.org/v1/${DERM1M_T_SECRET}"
    assert public_url(f"https://user:{KEY}@api.example.org:8443/v1") == "https://api.example.org:8443/v1"
    rec = redact_obj({"endpoint": url, "digest": "ab" * 32, "list": [f"x {KEY} y"]})
    assert json.dumps(rec).count(KEY) == 0 and rec["digest"] == "ab" * 32
    assert redact(f"Bearer {KEY}") == "Bearer ${DERM1M_T_SECRET}"


@pytest.mark.parametrize("make,msg", [
    (lambda d: Path("/etc/passwd"), "must hold only the key"),
    (lambda d: Path("/dev/zero"), "not a regular file"),
    (lambda d: Path("/proc/self/environ"), "not a regular file"),
    (lambda d: (d / "big.txt", (d / "big.txt").write_text("k" * (KEY_FILE_MAX + 1)))[0], "larger than 4096"),
    (lambda d: (d / "two.txt", (d / "two.txt").write_text("sk-one\nsk-two\n"))[0], "must hold only the key"),
    (lambda d: (d / "sp.txt", (d / "sp.txt").write_text("my key with spaces\n"))[0], "must hold only the key"),
    (lambda d: (d / "empty.txt", (d / "empty.txt").write_text("\n\n"))[0], "is empty"),
    (lambda d: (d / "bin.txt", (d / "bin.txt").write_bytes(b"\xff\xfe\x00k"))[0], "not text"),
    (lambda d: d, "not a regular file"),
    (lambda d: d / "missing.txt", "cannot read"),
])
def test_key_file_must_be_a_small_regular_file_holding_only_the_key(tmp_path, make, msg):
    p = make(tmp_path)
    with pytest.raises(UserError) as e:
        OpenAIChat(OpenAIConfig(base_url="http://127.0.0.1:9/v1", model="m", api_key_file=str(p), allow_private=True))
    assert msg in str(e.value) and "\n" not in str(e.value)
    if p == Path("/etc/passwd"):
        assert "root" not in str(e.value)


def test_key_file_fifo_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(UserError, match="not a regular file"):
        read_secret(file=tmp_path / "fifo")


def test_key_file_link_to_a_regular_file_is_read(tmp_path):
    """Secret mounts (Kubernetes, Docker) are links to regular files: those still work."""
    (tmp_path / "real").write_text(KEY + "\n")
    os.symlink(tmp_path / "real", tmp_path / "key")
    assert read_secret(file=tmp_path / "key") == KEY


def test_cli_key_file_passwd_is_a_one_line_error(tmp_path, demo_build, demo_corpus):
    rec = local_recipe(tmp_path, demo_corpus, extra="""
[caption]
backend = "openai"
[caption.openai]
base_url = "http://127.0.0.1:9/v1"
model = "m"
api_key_file = "/etc/passwd"
allow_private = true
""")
    out = copy_build(demo_build, tmp_path / "out")
    p = cli("caption", "--recipe", rec, "--out", out)
    assert p.returncode != 0 and "Traceback" not in p.stderr
    assert "must hold only the key" in p.stderr and "root:" not in p.stderr + p.stdout
    assert len(p.stderr.strip().splitlines()) == 1


def test_key_expanded_into_base_url_is_written_nowhere(tmp_path, demo_build, demo_corpus):
    """A key in the URL's user-info and a host from the environment: the calls work, the key appears in no
    file of the build (manifests, DATASHEET.md, report) and the endpoint is recorded with `${NAME}`."""
    out = copy_build(demo_build, tmp_path / "out")
    with OpenAIServer() as s:
        hostport = s.base_url.split("//", 1)[1].rsplit("/v1", 1)[0]
        rec = local_recipe(tmp_path, demo_corpus, extra="""
[caption]
backend = "openai"
[caption.openai]
base_url = "http://user:${DERM1M_T_KEY}@${DERM1M_T_HOST}/v1"
model = "tiny"
api_key_env = "DERM1M_T_UNSET"
max_in_flight = 4
""")
        env = {"DERM1M_T_KEY": KEY, "DERM1M_T_HOST": hostport}
        cli("run", "--recipe", rec, "--out", out, env=env, check=True)
        cli("report", out, env=env, check=True)
        assert s.requests() > 10
    models = json.loads((out / "work" / "caption" / "_manifest.json").read_text())["models"]["caption"]
    assert models["endpoint"] == "http://${DERM1M_T_HOST}/v1"
    assert "${DERM1M\\_T\\_HOST}" in (out / "dataset" / "DATASHEET.md").read_text()  # Markdown-escaped `_`
    leaked = [str(p) for p in sorted(tmp_path.rglob("*")) if p.is_file() and KEY.encode() in p.read_bytes()]
    assert leaked == []
