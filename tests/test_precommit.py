"""The pre-commit hooks, driven for real by ``pre-commit try-repo`` in a throwaway repository.

pre-commit installs replylint from a local clone into its own virtual environment (from PyPI),
so this test is slow the first time; it checks the manifest, a clean reply, a defective reply
and the fix hook rewriting a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.records import apa_reference, recent_articles

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="pre-commit or git missing"
)


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    e = dict(os.environ)
    e.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
    )
    return e


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """A local clone of this repository, as a hook user would point pre-commit at it."""
    target = tmp_path_factory.mktemp("clone") / "replylint"
    git(ROOT.parent, "clone", "--quiet", "--local", "--no-hardlinks", str(ROOT), str(target))
    return target


def _reply(fixable_defect: bool) -> str:
    records = recent_articles()
    bc = records["10.1097/ncq.0000000000000475"]
    yang = records["10.2147/prbm.s458199"]
    intro = "Brooks Carthon, et al. (2021)" if fixable_defect else "Brooks Carthon et al. (2021)"
    body = (
        "Hi Maria,\n\n"
        f"Your post made me think about the work environment. {intro} linked system-level\n"
        "improvements in work environments to lower nurse burnout and higher patient\n"
        "satisfaction. A bibliometric analysis of the global publications shows how much research\n"
        "attention the problem now receives (Yang et al., 2024). I agree with your point that\n"
        "managers play a key role, because staffing, a voice in decisions and predictable\n"
        "schedules are all within a unit's control and do not need a new budget to start.\n"
        "Small changes like these are often where a unit can begin while it waits for the\n"
        "wider system-level work that a hospital needs.\n\n"
        "Have you seen any of these changes on your own unit, and did they help nurses stay?\n\n"
        "References\n\n"
    )
    refs = [apa_reference(bc, "md"), apa_reference(yang, "md")]
    return body + "\n\n".join(refs) + "\n"


@pytest.fixture()
def project(tmp_path: Path, env: dict[str, str]) -> Path:
    repo = tmp_path / "course"
    repo.mkdir()
    git(repo, "init", "--quiet")
    # Judge recency against a fixed date so the test means the same thing in any year, and
    # leave sentence case of the records' titles to the dedicated tests.
    (repo / "replylint.toml").write_text(
        'as-of = "2026-11-25"\nignore = ["R106"]\n[params]\nmin-words = 100\n', encoding="utf-8"
    )
    (repo / "clean.md").write_text(_reply(fixable_defect=False), encoding="utf-8")
    (repo / "draft.md").write_text(_reply(fixable_defect=True), encoding="utf-8")
    git(repo, "add", ".")
    return repo


def test_manifest_is_valid(env: dict[str, str]) -> None:
    proc = run([str(PRE_COMMIT), "validate-manifest", ".pre-commit-hooks.yaml"], ROOT, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hooks_pass_clean_fail_defective_and_fix(
    project: Path, clone: Path, env: dict[str, str]
) -> None:
    pc = str(PRE_COMMIT)
    clean = run([pc, "try-repo", str(clone), "replylint", "--files", "clean.md"], project, env)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    draft = run([pc, "try-repo", str(clone), "replylint", "--files", "draft.md"], project, env)
    assert draft.returncode == 1, draft.stdout + draft.stderr
    assert "C101" in draft.stdout

    before = (project / "draft.md").read_text(encoding="utf-8")
    fixed = run([pc, "try-repo", str(clone), "replylint-fix", "--files", "draft.md"], project, env)
    after = (project / "draft.md").read_text(encoding="utf-8")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # files were modified
    assert "Brooks Carthon, et al." in before
    assert "Brooks Carthon et al. (2021)" in after and "Brooks Carthon, et al." not in after
    assert after == (project / "clean.md").read_text(encoding="utf-8")

    again = run([pc, "try-repo", str(clone), "replylint-fix", "--files", "draft.md"], project, env)
    assert again.returncode == 0, again.stdout + again.stderr  # idempotent: nothing left
