"""The HTML grade report in headless Chromium: content, sorting, no console errors, no XSS."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from replylint.config import CliOverrides
from replylint.grade import load_rubric
from replylint.report.grade_html import write_grade_html

from .cases import materialise, write_rows

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
XSS = (
    '<script>document.title="pwned";console.error("xss")</script>'
    "<img src=x onerror=\"document.title='pwned'\">"
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary (install Debian's chromium package)"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory, analyzer) -> Path:
    from replylint.cli.grade import run_grade

    tmp = tmp_path_factory.mktemp("html")
    canvas = materialise("canvas-view.json", tmp)
    xss = write_rows(
        tmp / "xss.csv",
        [
            {
                "post_id": "1",
                "parent_id": "",
                "author": "A",
                "date": "2025-01-01",
                "topic": "t",
                "text": "Root.",
            },
            {
                "post_id": "x-2",
                "parent_id": "1",
                "author": "B",
                "date": "2025-01-02",
                "topic": XSS,
                "text": f"I disagree. {XSS} Why?",
            },
            {
                "post_id": "x-3",
                "parent_id": "1",
                "author": "C",
                "date": "2025-01-02",
                "topic": "t",
                "text": "",
            },
        ],
    )
    run = run_grade(
        [str(canvas), str(xss)],
        load_rubric("discussion-reply"),
        overrides=CliOverrides(isolated=True, as_of=dt.date(2026, 11, 25)),
        analyzer=analyzer,
    )
    out = tmp / "report.html"
    with out.open("w", encoding="utf-8") as fh:
        write_grade_html(run, fh)
    return out


def test_report_in_chromium(report: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
            page.goto(report.as_uri())
            page.wait_for_load_state("load")

            # content: the summary, the chart, one card per reply, highlights
            assert page.title() == "Discussion reply (peer response): suggested grades"
            rows = page.locator("#summary tbody tr")
            assert rows.count() == 5
            assert page.locator("svg rect").count() >= 6
            assert page.locator("article.card").count() == 5
            assert page.locator("article.card .cite").count() >= 2
            assert page.locator("article.card .ref").count() >= 2
            assert "not graded" in page.locator("#summary").inner_text()
            assert page.locator(".problem").count() == 1

            def column(index: int) -> list[str]:
                return [
                    c.strip()
                    for c in page.locator(
                        f"#summary tbody tr td:nth-child({index})"
                    ).all_inner_texts()
                ]

            # sorting: click "Total" (numeric), then again for descending; then "Post"
            heads = page.locator("#summary thead th")
            total_index = heads.count() - 1
            heads.nth(total_index - 1).click()
            totals = [t for t in column(total_index) if t != "not graded"]
            assert [float(t) for t in totals] == sorted(float(t) for t in totals)
            assert column(total_index)[0] == "not graded"  # unreadable sorts first ascending
            assert heads.nth(total_index - 1).get_attribute("aria-sort") == "ascending"
            heads.nth(total_index - 1).click()
            totals = [float(t) for t in column(total_index) if t != "not graded"]
            assert totals == sorted(totals, reverse=True)
            heads.nth(0).click()
            assert column(1) == sorted(column(1))

            # student markup stayed text
            assert page.title() != "pwned"
            assert page.locator("img").count() == 0
            assert XSS.split(";")[0] in page.locator("article.card").nth(3).inner_text()
        finally:
            browser.close()
    assert errors == []
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
