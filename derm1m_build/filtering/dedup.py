"""Exact and near-duplicate clusters over the whole build (union-find over Hamming neighbours)."""

from __future__ import annotations

import json
from typing import Any


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def near_pairs(hashes: list[int], radius: int) -> list[tuple[int, int]]:
    """Index pairs within `radius` bits. Brute force here; large builds use the faiss index."""
    out = []
    for i in range(len(hashes)):
        hi = hashes[i]
        for j in range(i + 1, len(hashes)):
            if (hi ^ hashes[j]).bit_count() <= radius:
                out.append((i, j))
    return out


def cluster(rows: list[dict], radius: int) -> dict[str, tuple[str, str]]:
    rows = sorted(rows, key=lambda r: r["sample_id"])
    uf = UnionFind()
    by_sha: dict[str, str] = {}
    for r in rows:
        sid = r["sample_id"]
        uf.find(sid)
        sha = r.get("image_sha256")
        if sha:
            if sha in by_sha:
                uf.union(by_sha[sha], sid)
            else:
                by_sha[sha] = sid
    hashed = [r for r in rows if r.get("phash")]
    if radius >= 0:
        for i, j in near_pairs([int(r["phash"], 16) for r in hashed], radius):
            uf.union(hashed[i]["sample_id"], hashed[j]["sample_id"])
    members: dict[str, list[dict]] = {}
    for r in rows:
        members.setdefault(uf.find(r["sample_id"]), []).append(r)
    out: dict[str, tuple[str, str]] = {}
    for root, ms in members.items():
        def rank(r: dict) -> tuple:
            blur = json.loads(r.get("scores") or "{}").get("blur", 0.0)
            return (-(r.get("width") or 0) * (r.get("height") or 0), -blur, r["sample_id"])

        rep = min(ms, key=rank)["sample_id"]
        cid = "dup-" + root[:16]
        for r in ms:
            out[r["sample_id"]] = (cid, rep)
    return out
