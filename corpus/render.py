"""Render a publication PDF from its ground truth.

``<name>.json`` (a :class:`delib.models.Publication`, the ground truth) plus
``<name>.render.json`` (a :class:`delib.corpus.spec.RenderSpec`, presentation
only) -> ``<name>.pdf``.  The renderer then writes back into ``<name>.json``
what only it knows: the file's sha256 and page count, and the page and bbox
(pdfplumber coordinates) of every grant, total, citation, article, budget line,
vote block and proposal it drew.  Nothing else in the ground truth changes.

Re-render every sample (deterministic: reportlab ``invariant=1``)::

    python -m delib.corpus.render corpus/samples
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from delib.corpus.grantsheet import draw_grant_annex
from delib.corpus.parts import draw_blocks, draw_deliberation, draw_rapport_table
from delib.corpus.pen import Box, Flow, Pen
from delib.corpus.spec import RenderSpec
from delib.models import Deliberation, FileInfo, Publication

SPEC_SUFFIX = ".render.json"


def _loc(box: Box | None) -> dict[str, Any]:
    if box is None:
        return {}
    return {"page": box.page, "bbox": box.bbox}


def render_deliberation(pen: Pen, d: Deliberation, spec: RenderSpec) -> Deliberation:
    """Draw every part of one deliberation; return it with provenance filled in."""
    flow = Flow(pen, spec.font, spec.size)
    db = draw_deliberation(flow, d, spec)
    found: dict[int, Box] = {}
    for annex in spec.narrative:
        draw_blocks(flow, annex, d.proposals, found)
    grant_boxes: dict[int, Box] = {}
    total_boxes: dict[int, Box] = {}
    if d.grants:
        grant_boxes, total_boxes = draw_grant_annex(pen, d.grants, d.grant_totals, spec.grant_annex)
    if spec.convention:
        draw_blocks(flow, spec.convention, d.proposals, found)
    report = d.report
    if spec.rapport:
        first = draw_blocks(flow, spec.rapport, d.proposals, found)
        row_boxes = draw_rapport_table(flow, d, spec)
        for b in spec.rapport_after_table:
            if b.kind == "proposal" and b.index is not None:
                found.setdefault(b.index, flow.para(d.proposals[b.index].text, after=6))
            elif b.text:
                flow.para(b.text, bold=b.kind in ("title", "heading"), after=6)
        if report is not None:
            lines = [
                bl.model_copy(update=_loc(bx)) for bl, bx in zip(report.budget_lines, row_boxes, strict=False)
            ]
            lines += report.budget_lines[len(lines) :]
            report = report.model_copy(update={**_loc(first), "bbox": None, "budget_lines": lines})
    update: dict[str, Any] = {
        "page": db.first_page,
        "attendance": d.attendance.model_copy(update=_loc(db.attendance)),
        "citations": [c.model_copy(update=_loc(b)) for c, b in zip(d.citations, db.citations, strict=True)],
        "articles": [a.model_copy(update=_loc(b)) for a, b in zip(d.articles, db.articles, strict=True)],
        "budget_lines": [
            bl.model_copy(update=_loc(db.budget_lines[i] if i < len(db.budget_lines) else None))
            for i, bl in enumerate(d.budget_lines)
        ],
        "vote": d.vote.model_copy(update=_loc(db.vote)) if d.vote is not None else None,
        "grants": [g.model_copy(update=_loc(grant_boxes.get(i))) for i, g in enumerate(d.grants)],
        "grant_totals": [t.model_copy(update=_loc(total_boxes.get(i))) for i, t in enumerate(d.grant_totals)],
        "proposals": [p.model_copy(update=_loc(found.get(i))) for i, p in enumerate(d.proposals)],
        "report": report,
    }
    return d.model_copy(update=update)


def render(pub: Publication, specs: list[RenderSpec], pdf_path: Path) -> Publication:
    """Render *pub* (one spec per deliberation) to *pdf_path*; return the publication with provenance."""
    if len(specs) != len(pub.deliberations):
        raise ValueError(f"{len(pub.deliberations)} deliberations but {len(specs)} render specs")
    title = pub.deliberations[0].title if pub.deliberations and pub.deliberations[0].title else pdf_path.stem
    pen = Pen(pdf_path, title)
    pen.footer = specs[0].footer if specs else None
    delibs = [render_deliberation(pen, d, s) for d, s in zip(pub.deliberations, specs, strict=True)]
    pages = pen.save()
    digest = hashlib.sha256(pdf_path.read_bytes()).hexdigest()
    info = FileInfo(path=pdf_path.name, sha256=digest, pages=pages)
    return pub.model_copy(update={"file": info, "deliberations": delibs})


def load_specs(path: Path) -> list[RenderSpec]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    items = raw if isinstance(raw, list) else [raw]
    return [RenderSpec.model_validate(x) for x in items]


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render_file(json_path: Path) -> Publication:
    """Render ``<name>.json`` + ``<name>.render.json`` to ``<name>.pdf`` and write provenance back."""
    pub = Publication.model_validate(json.loads(json_path.read_text(encoding="utf-8")))
    spec_path = json_path.with_name(json_path.name.removesuffix(".json") + SPEC_SUFFIX)
    if not spec_path.exists():
        raise FileNotFoundError(f"{json_path.name} has no render spec beside it (expected {spec_path.name})")
    specs = load_specs(spec_path)
    pdf_path = json_path.with_suffix(".pdf")
    out = render(pub, specs, pdf_path)
    json_path.write_text(dump_json(out.to_json_dict()), encoding="utf-8")
    return out


def ground_truth_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(SPEC_SUFFIX))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stderr.write("usage: python -m delib.corpus.render DIR_OR_JSON...\n")
        return 2
    for arg in args:
        path = Path(arg)
        targets = ground_truth_files(path) if path.is_dir() else [path]
        for t in targets:
            out = render_file(t)
            sys.stderr.write(f"{t.with_suffix('.pdf')}: {out.file.pages} pages\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
