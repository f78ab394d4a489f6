"""``--format junit``: JUnit XML, one test suite per file and one failing case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby
from typing import TextIO

from . import RunResult, register
from .common import findings


@register("junit")
def write_junit(run: RunResult, out: TextIO) -> None:
    all_findings = list(findings(run))
    root = ET.Element(
        "testsuites",
        name="replylint",
        tests=str(max(1, len(all_findings))),
        failures=str(len(all_findings)),
        errors="0",
        skipped="0",
    )
    by_path = {k: list(g) for k, g in groupby(all_findings, key=lambda f: f.path)}
    for result in run.files:
        items = by_path.get(result.path, [])
        suite = ET.SubElement(
            root,
            "testsuite",
            name=result.path,
            tests=str(max(1, len(items))),
            failures=str(len(items)),
            errors="0",
            skipped="0",
        )
        if not items:
            ET.SubElement(suite, "testcase", name="replylint", classname=result.path)
            continue
        for f in items:
            d = f.diagnostic
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"replylint.{d.code}",
                classname=result.path,
                file=result.path,
                line=str(f.line),
            )
            props = ET.SubElement(case, "properties")
            for key, value in (
                ("severity", d.severity.value),
                ("category", d.category),
                ("name", d.name),
                ("column", str(f.column)),
            ):
                ET.SubElement(props, "property", name=key, value=value)
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = f"line {f.line}, col {f.column}: {d.message}" + (
                f"\n{d.hint}" if d.hint else ""
            )
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
