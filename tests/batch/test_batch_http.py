"""URLs in the sources file, end to end, against a local HTTP server (127.0.0.1, ephemeral port)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb


def test_url_sources_load_good_files_and_report_404_timeout_and_oversize(
    tmp_path: Path, http_server: Any, h: Any, gen: Any, real_pdfs: dict[str, Path]
) -> None:
    good = real_pdfs[gen.GOOD_REAL[1]].read_bytes()
    assert len(good) < 1_000_000
    urls = {
        "good": http_server.serve("/actes/2014-04-24.pdf", good),
        "flaky": http_server.serve("/actes/flaky.pdf", gen.no_deliberation_pdf(), status=-503),
        "missing": http_server.base + "/actes/missing.pdf",
        "slow": http_server.serve("/actes/slow.pdf", good, delay=5.0),
        "huge": http_server.serve("/actes/huge.pdf", b"%PDF-1.7\n" + b"0" * 3_000_000, send_length=False),
    }
    local = tmp_path / "inbox"
    local.mkdir()
    (local / "local.pdf").write_bytes(real_pdfs[gen.GOOD_REAL[0]].read_bytes())
    sources = tmp_path / "sources.txt"
    sources.write_text(
        "\n".join(
            [
                f"{urls['good']}  Ville de Montpellier",
                urls["flaky"],
                urls["missing"],
                urls["slow"],
                urls["huge"],
            ]
        )
        + "\ninbox/  Ville de Bourg-en-Bresse\n",
        encoding="utf-8",
    )
    proc = h.run_delib(
        "batch", sources, "--db", tmp_path / "w.duckdb", "--json",
        "--fetch-timeout", "0.5", "--retries", "1", "--max-size", "1",
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    rep = json.loads(proc.stdout)
    files = {f["location"]: f for f in rep["files"]}

    assert files[urls["good"]]["status"] == "loaded"
    assert files[urls["good"]]["sha256"] == hashlib.sha256(good).hexdigest()
    stored = Path(files[urls["good"]]["stored"])
    assert stored == tmp_path / "store" / stored.name[:2] / stored.name and stored.read_bytes() == good
    assert files[urls["flaky"]]["status"] == "loaded" and http_server.hits("/actes/flaky.pdf") == 2
    assert files[str(local / "local.pdf")]["status"] == "loaded"

    assert (files[urls["missing"]]["status"], files[urls["missing"]]["kind"]) == (
        "fetch_failed",
        "http_error",
    )
    assert files[urls["missing"]]["reason"].startswith("HTTP 404")
    assert http_server.hits("/actes/missing.pdf") == 1  # a 404 is not retried
    assert (files[urls["slow"]]["kind"], files[urls["slow"]]["reason"]) == (
        "timeout",
        "timed out after 0.5 s (2 attempts)",
    )
    assert files[urls["huge"]]["kind"] == "too_large"
    assert "over the limit of 1048576 bytes (--max-size); download aborted" in files[urls["huge"]]["reason"]
    assert rep["counts"]["fetch_failed"] == 3 and rep["counts"]["loaded"] == 3

    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        sources_loaded = {r[0] for r in con.execute("SELECT source FROM documents").fetchall()}
        failures = con.execute("SELECT path, kind FROM issues WHERE origin = 'ingest' ORDER BY 1").fetchall()
    assert sources_loaded == {urls["good"], urls["flaky"], str(local / "local.pdf")}
    assert failures == sorted(
        [(urls["missing"], "http_error"), (urls["slow"], "timeout"), (urls["huge"], "too_large")]
    )
    # nothing half-downloaded under a content name, no temp file left behind
    assert not list((tmp_path / "store").glob("**/.tmp-*"))
    assert all(p.stat().st_size < 1_048_576 for p in (tmp_path / "store").glob("**/*.pdf"))
