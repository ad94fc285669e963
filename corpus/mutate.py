"""Damaged PDFs, reproducibly: mutants of a real PDF for fuzzing the front door.

``mutants(data, n, seed)`` yields ``(name, bytes)`` pairs; the same seed gives the same mutants.
Each is one kind of damage seen in files people actually publish or download:

- ``truncate``: the download stopped early (cut at a random point, often mid-stream);
- ``flip``: a few bytes flipped anywhere (bad storage, bad transfer);
- ``flip_stream``: bytes flipped inside one content/font/image stream (deflate errors, garbage
  operators);
- ``xref_offset``: ``startxref`` points at a wrong offset;
- ``xref_entries``: digits of the cross-reference table or stream scrambled;
- ``drop_chunk``: a chunk removed from the middle (every later offset is wrong);
- ``zero_chunk``: a chunk overwritten with NUL bytes;
- ``no_endobj``: ``endobj``/``endstream`` keywords removed;
- ``page_tree``: the page tree's ``/Kids``/``/Count``/``/Type /Page`` damaged, so the file opens
  but its pages do not load.

Used by tests/cli/test_fuzz_extract.py (a few dozen mutants) and for longer runs:
``python -m delib.corpus.mutate SRC.pdf OUT_DIR -n 1000 --seed 13``.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

Mutation = Callable[[bytes, random.Random], bytes]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(16, max(17, len(data) - 1))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _flip_stream(data: bytes, rng: random.Random) -> bytes:
    spans = [(m.end(), data.find(b"endstream", m.end())) for m in re.finditer(rb"stream\r?\n", data)]
    spans = [(a, b) for a, b in spans if b > a + 4]
    if not spans:
        return _flip(data, rng)
    a, b = rng.choice(spans)
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(a, b)] = rng.randrange(256)
    return bytes(out)


def _xref_offset(data: bytes, rng: random.Random) -> bytes:
    hits = list(re.finditer(rb"startxref\s+(\d+)", data))
    if not hits:
        return _flip(data, rng)
    m = hits[-1]
    wrong = str(rng.choice([0, 1, rng.randrange(len(data)), len(data) + rng.randrange(1, 9999)])).encode()
    return data[: m.start(1)] + wrong + data[m.end(1) :]


def _xref_entries(data: bytes, rng: random.Random) -> bytes:
    start = data.rfind(b"xref")
    if start < 0:
        return _flip(data, rng)
    out = bytearray(data)
    digits = [i for i in range(start, min(len(out), start + 4096)) if 48 <= out[i] <= 57]
    for i in rng.sample(digits, min(len(digits), rng.randint(1, 40))):
        out[i] = rng.randrange(48, 58)
    return bytes(out)


def _drop_chunk(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, 4096) :]


def _zero_chunk(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    n = rng.randint(1, 2048)
    return data[:a] + bytes(min(n, len(data) - a)) + data[a + n :]


def _no_endobj(data: bytes, rng: random.Random) -> bytes:
    word = rng.choice([b"endobj", b"endstream"])
    hits = [m.start() for m in re.finditer(word, data)]
    if not hits:
        return _flip(data, rng)
    out = data
    for i in sorted(rng.sample(hits, min(len(hits), rng.randint(1, 5))), reverse=True):
        out = out[:i] + out[i + len(word) :]
    return out


def _page_tree(data: bytes, rng: random.Random) -> bytes:
    choices = [
        (rb"/Type\s*/Page\b", b"/Type /Pagx"),
        (rb"/Kids\s*\[", b"/Kidz ["),
        (rb"/Count\s+\d+", b"/Count 99"),
        (rb"/Contents\s+\d+\s+\d+\s+R", b"/Contents 99999 0 R"),
        (rb"/Resources\s+\d+\s+\d+\s+R", b"/Resources 99999 0 R"),
        (rb"/MediaBox\s*\[[^\]]*\]", b"/MediaBox [0 0 0 0]"),
    ]
    pattern, repl = rng.choice(choices)
    hits = list(re.finditer(pattern, data))
    if not hits:
        return _flip(data, rng)
    m = rng.choice(hits)
    return data[: m.start()] + repl + data[m.end() :]


MUTATIONS: dict[str, Mutation] = {
    "truncate": _truncate,
    "flip": _flip,
    "flip_stream": _flip_stream,
    "xref_offset": _xref_offset,
    "xref_entries": _xref_entries,
    "drop_chunk": _drop_chunk,
    "zero_chunk": _zero_chunk,
    "no_endobj": _no_endobj,
    "page_tree": _page_tree,
}


def mutants(data: bytes, n: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """``n`` mutants of ``data``, cycling through every kind of damage; the same seed, the same bytes."""
    rng = random.Random(seed)
    kinds = list(MUTATIONS)
    for i in range(n):
        kind = kinds[i % len(kinds)]
        yield f"{i:04d}-{kind}", MUTATIONS[kind](data, rng)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write damaged copies of a PDF (fixed seed).")
    ap.add_argument("pdf", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, blob in mutants(args.pdf.read_bytes(), args.n, args.seed):
        (args.out / f"{args.pdf.stem}.{name}.pdf").write_bytes(blob)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
