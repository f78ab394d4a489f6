"""``grade --format html``: one self-contained page (inline CSS, JS and SVG; no network).

A sortable summary table, the distribution of levels per criterion as a small chart, and one
card per post with its citations, references and questions highlighted and the findings
beside the text. Student text is always escaped, and a Content-Security-Policy lets only the
page's own script run.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections.abc import Iterable, Sequence
from html import escape
from typing import TextIO

from ..grade import (
    CriterionGrade,
    Evidence,
    GradedReply,
    GradeRun,
    Rubric,
    format_points,
    level_distribution,
)
from .grade_common import grade_format

__all__ = ["distribution_svg", "highlight_text", "level_colours", "write_grade_html"]

_CSS = """
:root { --fg:#1d2330; --muted:#5b6474; --line:#d8dce3; --bg:#f6f7f9; --card:#fff; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0; padding: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
.note { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; background: var(--card); font-size: 14px; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #eef0f4; }
.scroll { overflow-x: auto; }
td.lvl { white-space: nowrap; }
th button { all: unset; cursor: pointer; display: block; width: 100%; font-weight: 600; }
th button:focus-visible { outline: 2px solid #3b6fd8; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.lvl small { color: var(--muted); }
.chart { background: var(--card); border: 1px solid var(--line); padding: .5rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  margin: 1rem 0; padding: .75rem 1rem; }
.card header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; }
.card header h3 { margin: 0; font-size: 1rem; }
.card .meta { color: var(--muted); font-size: 13px; }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem;
  margin-top: .5rem; }
@media (max-width: 800px) { .cols { grid-template-columns: 1fr; } }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; margin: 0;
  padding: .5rem; background: #fbfbfc; border: 1px solid var(--line); border-radius: 4px; }
.cite { background: #dbe9ff; border-bottom: 2px solid #3b6fd8; }
.ref { background: #e6f4ea; }
.q { background: #fff4d6; }
.find { text-decoration: underline wavy #c62828; text-underline-offset: 3px; }
.findings h4 { margin: .5rem 0 .25rem; font-size: 14px; }
.findings ul { margin: 0; padding-left: 1.1rem; font-size: 13px; }
.findings li { margin: .2rem 0; }
.sev { display: inline-block; font-size: 11px; padding: 0 .35rem; border-radius: 3px;
  color: #fff; }
.sev-error { background: #c62828; } .sev-warning { background: #b26a00; }
.sev-info { background: #4a6fa5; }
.quote { color: var(--muted); font-style: italic; }
.hint { color: #2e5d34; }
.legend span { display: inline-block; margin-right: 1rem; font-size: 13px; }
.legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem;
  vertical-align: -1px; }
.problem { color: #c62828; font-weight: 600; }
.reason { color: #7a4b00; }
"""

_JS = """
(function () {
  var table = document.getElementById("summary");
  if (!table) { return; }
  var heads = table.tHead.rows[0].cells;
  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    if (!numeric) { return raw; }
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }
  function sortBy(index) {
    var th = heads[index];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.getAttribute("data-type") === "number";
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric);
      var c = numeric ? (x < y ? -1 : x > y ? 1 : 0)
        : String(x).localeCompare(String(y), undefined, { numeric: true });
      return ascending ? c : -c;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    body.appendChild(frag);
  }
  Array.prototype.forEach.call(heads, function (th, index) {
    th.addEventListener("click", function () { sortBy(index); });
  });
})();
"""

# Colours for levels, best first; a criterion with n levels takes n of them spread evenly.
_PALETTE = ("#2e7d32", "#7cb342", "#f9a825", "#ef6c00", "#c62828")


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _csp() -> str:
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src '{_script_hash(_JS)}'; base-uri 'none'; form-action 'none'"
    )


def _colour(rank: int, count: int) -> str:
    if count <= 1:
        return _PALETTE[0]
    return _PALETTE[round(rank * (len(_PALETTE) - 1) / (count - 1))]


@grade_format("html")
def write_grade_html(run: GradeRun, out: TextIO) -> None:
    rubric = run.rubric
    graded = [r for r in run.replies if r.grade.graded]
    out.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write(f'<meta http-equiv="Content-Security-Policy" content="{escape(_csp())}">\n')
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write('<link rel="icon" href="data:,">\n')
    out.write(f"<title>{escape(rubric.title)}: suggested grades</title>\n")
    out.write(f"<style>{_CSS}</style>\n</head>\n<body>\n")
    out.write(f"<h1>{escape(rubric.title)}</h1>\n")
    out.write(
        f'<p class="note">{len(run.replies)} posts, {len(graded)} graded, '
        f"{len(run.replies) - len(graded)} not readable, {run.skipped} not covered by the "
        f"rubric ({escape(rubric.applies_to)} only). Recency judged against each post's own "
        f"date, else {run.as_of.isoformat()}. replylint {escape(run.version)}: these levels are "
        "suggestions with their evidence; the instructor decides.</p>\n"
    )
    out.write("<h2>Levels per criterion</h2>\n")
    out.write('<div class="chart">')
    out.write(distribution_svg(rubric, graded))
    out.write("</div>\n<h2>Summary</h2>\n")
    _summary(run, out)
    out.write("<h2>Posts</h2>\n")
    for index, reply in enumerate(run.replies):
        _card(reply, index, run.show_names, out)
    out.write(f"<script>{_JS}</script>\n</body>\n</html>\n")


def _author(reply: GradedReply, show_names: bool) -> str:
    sub = reply.submission
    if show_names and sub.author_name:
        return sub.author_name
    return sub.author_id


def _summary(run: GradeRun, out: TextIO) -> None:
    heads: list[tuple[str, str]] = [("Post", "text"), ("Author", "text"), ("Date", "text")]
    heads += [(c.title, "number") for c in run.rubric.criteria]
    heads += [("Total", "number"), ("Findings", "number")]
    out.write('<div class="scroll"><table id="summary">\n<thead><tr>')
    for title, kind in heads:
        out.write(f'<th data-type="{kind}" scope="col"><button type="button">')
        out.write(f"{escape(title)}</button></th>")
    out.write("</tr></thead>\n<tbody>\n")
    for index, reply in enumerate(run.replies):
        sub, grade = reply.submission, reply.grade
        date = sub.date.date().isoformat() if sub.date else ""
        out.write(
            f'<tr><td><a href="#post-{index}">{escape(sub.id)}</a></td>'
            f"<td>{escape(_author(reply, run.show_names))}</td><td>{escape(date)}</td>"
        )
        by_id = {cg.id: cg for cg in grade.criteria}
        for crit in run.rubric.criteria:
            cg = by_id.get(crit.id)
            if cg is None:
                out.write('<td class="lvl" data-sort="">&ndash;</td>')
            else:
                out.write(
                    f'<td class="lvl" data-sort="{format_points(cg.points)}">'
                    f"{escape(cg.level)} <small>{format_points(cg.points)}</small></td>"
                )
        findings = sum(len(cg.evidence) for cg in grade.criteria) + len(grade.other)
        total = format_points(grade.total) if grade.graded else "not graded"
        out.write(
            f'<td class="num" data-sort="{format_points(grade.total)}">{escape(total)}</td>'
            f'<td class="num">{findings + len(grade.problems)}</td></tr>\n'
        )
    out.write("</tbody>\n</table></div>\n")


def level_colours(rubric: Rubric) -> dict[str, str]:
    """One colour per level name, best first, shared by every criterion (and the legend)."""
    names: list[str] = []
    for crit in rubric.criteria:
        for rating in crit.ratings:
            if rating.level not in names:
                names.append(rating.level)
    return {name: _colour(i, len(names)) for i, name in enumerate(names)}


def distribution_svg(rubric: Rubric, replies: Sequence[GradedReply]) -> str:
    """A stacked bar per criterion: how many graded posts got each level (inline SVG)."""
    dist = level_distribution(replies, rubric)
    colours = level_colours(rubric)
    total = max(len(replies), 1)
    label_w, bar_w, row_h = 270, 420, 26
    width = label_w + bar_w + 10
    height = row_h * len(rubric.criteria) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        'aria-label="Distribution of suggested levels per criterion">'
    ]
    for row, crit in enumerate(rubric.criteria):
        y = 4 + row * row_h
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="13" fill="#1d2330">{escape(crit.title)}</text>'
        )
        x = float(label_w)
        for level, count in dist[crit.id].items():
            if not count:
                continue
            w = bar_w * count / total
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" '
                f'fill="{colours.get(level, "#777")}"><title>{escape(crit.title)}: '
                f"{escape(level)}: {count}</title></rect>"
            )
            if w >= 18:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" font-size="12" fill="#fff" '
                    f'text-anchor="middle">{count}</text>'
                )
            x += w
    parts.append("</svg>")
    legend = ['<p class="legend">']
    for level, colour in colours.items():
        legend.append(f'<span><i style="background:{colour}"></i>{escape(level)}</span>')
    legend.append("</p>")
    return "".join(parts) + "".join(legend)


def highlight_text(text: str, marks: Iterable[tuple[int, int, str]]) -> str:
    """``text`` escaped, with each ``(start, end, css_class)`` region wrapped in a span.

    Overlapping regions are split at every boundary so the markup stays well nested.
    """
    marks = [(s, e, c) for s, e, c in marks if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = escape(text[start:end])
        classes = sorted({c for s, e, c in marks if s <= start and end <= e})
        out.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(out)


_KIND_CLASS = {"citation": "cite", "reference": "ref", "question": "q"}


def _card(reply: GradedReply, index: int, show_names: bool, out: TextIO) -> None:
    sub, grade = reply.submission, reply.grade
    total = (
        f"{format_points(grade.total)} / {format_points(grade.points_possible)}"
        if grade.graded
        else "not graded"
    )
    kind = "reply to " + escape(sub.parent_id) if sub.parent_id else "initial post"
    date = sub.date.date().isoformat() if sub.date else "no date"
    out.write(f'<article class="card" id="post-{index}">\n<header>')
    out.write(f"<h3>{escape(sub.id)}</h3>")
    out.write(
        f'<span class="meta">{escape(_author(reply, show_names))} &middot; {kind} &middot; '
        f"{escape(date)} (recency basis {reply.as_of.isoformat()})"
        f"{' &middot; ' + escape(sub.topic) if sub.topic else ''} &middot; "
        f"{reply.words} words</span>"
    )
    out.write(f"<strong>{escape(total)}</strong></header>\n")
    out.write('<div class="cols">')
    marks = [(h.start, h.end, _KIND_CLASS.get(h.kind, h.kind)) for h in reply.highlights]
    for ev in _all_evidence(grade.criteria, grade.other):
        if ev.start is not None and ev.end is not None and ev.end > ev.start:
            marks.append((ev.start, ev.end, "find"))
    out.write(f'<pre class="text">{highlight_text(reply.text, marks)}</pre>')
    out.write('<div class="findings">')
    if grade.problems:
        out.write('<p class="problem">Not graded: the post could not be read.</p><ul>')
        out.write("".join(_evidence_item(ev) for ev in grade.problems))
        out.write("</ul>")
    for cg in grade.criteria:
        out.write(
            f"<h4>{escape(cg.title)}: {escape(cg.level)} "
            f"({format_points(cg.points)}/{format_points(cg.points_possible)})</h4>"
        )
        if cg.evidence or cg.reasons:
            items = [f'<li class="reason">{escape(why)}</li>' for why in cg.reasons]
            items += [_evidence_item(ev) for ev in cg.evidence]
            out.write("<ul>" + "".join(items) + "</ul>")
    if grade.other:
        out.write("<h4>Other findings (not scored)</h4><ul>")
        out.write("".join(_evidence_item(ev) for ev in grade.other))
        out.write("</ul>")
    out.write("</div></div>\n</article>\n")


def _all_evidence(
    criteria: Sequence[CriterionGrade], other: Sequence[Evidence]
) -> Iterable[Evidence]:
    for cg in criteria:
        yield from cg.evidence
    yield from other


def _evidence_item(ev: Evidence) -> str:
    where = f" line {ev.line}" if ev.line is not None else ""
    quote = f' <span class="quote">&ldquo;{escape(ev.excerpt)}&rdquo;</span>' if ev.excerpt else ""
    hint = f'<br><span class="hint">{escape(ev.hint)}</span>' if ev.hint else ""
    return (
        f'<li><span class="sev sev-{escape(ev.severity)}">{escape(ev.severity)}</span> '
        f"<code>{escape(ev.code)}</code>{where}: {escape(ev.message)}{quote}{hint}</li>"
    )
