"""Reply files: one file, or a directory of them (each file is one reply)."""

from __future__ import annotations

from pathlib import Path

from .model import Submission

__all__ = ["FILE_FORMATS", "list_reply_files", "submission_for_file"]

#: Reader format by file suffix; anything else is read as text.
FILE_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}


def list_reply_files(directory: Path) -> list[Path]:
    """Regular, non-hidden files under ``directory``, in a stable (sorted) order."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def submission_for_file(path: Path, *, base: Path | None = None) -> Submission:
    """A reply file as a ``Submission`` whose text is read later (``text=None``).

    The post id is the path relative to ``base``; the author id is the file's stem.
    """
    rel = path.relative_to(base).as_posix() if base is not None else path.name
    return Submission(
        id=rel,
        author_id=path.stem,
        author_name=None,
        date=None,
        parent_id=None,
        topic=None,
        text=None,
        format=FILE_FORMATS.get(path.suffix.lower(), "txt"),
        source=str(path),
        file=True,
    )
