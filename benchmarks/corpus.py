"""Build a benchmark corpus of N replies by recombining the whole-reply test cases.

Each generated reply takes the body of one case and the reference list of another case's
references appended in the case's own format, so the texts stay realistic while the corpus grows
to any size. Placeholders are expanded from the real records beside the project.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.cases import materialise, reply_cases  # noqa: E402


def build_corpus(
    directory: Path, n: int, *, seed: int = 7, formats: tuple[str, ...] = ("md", "txt", "html")
) -> list[Path]:
    """Write ``n`` replies into ``directory`` (text formats only) and return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    staging = directory / "_cases"
    staging.mkdir(exist_ok=True)
    sources = []
    for case in reply_cases():
        if case.fmt in formats:
            sources.append(materialise(case, staging))
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources]
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        suffix, text = texts[rng.randrange(len(texts))]
        paragraphs = text.split("\n\n")
        # Recombine: shuffle the inner body paragraphs of multi-paragraph replies.
        if len(paragraphs) > 4:
            head, body, tail = paragraphs[:1], paragraphs[1:-3], paragraphs[-3:]
            rng.shuffle(body)
            paragraphs = head + body + tail
        path = directory / f"reply-{i:05d}{suffix}"
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        paths.append(path)
    return paths
