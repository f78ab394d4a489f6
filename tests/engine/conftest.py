from __future__ import annotations

from pathlib import Path

import pytest

from replylint.config import Settings
from replylint.engine import Linter

from . import kinds


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    return kinds.write_pack(tmp_path)


@pytest.fixture()
def make_linter(pack: Path, tmp_path: Path):
    """A linter over the test pack; only T1xx and X rules are selected unless told otherwise."""

    def make(**kw: object) -> Linter:
        kw.setdefault("select", ("T1", "X"))
        kw.setdefault("packs", (pack,))
        kw.setdefault("root", tmp_path)
        return Linter(Settings(**kw))  # type: ignore[arg-type]

    return make
