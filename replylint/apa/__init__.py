"""APA 7 helpers shared by the checks and the fixes: sentence case, name ordering, forms."""

from __future__ import annotations

from .names import sort_key
from .sentence_case import is_all_caps, is_title_case, to_sentence_case, to_title_case

__all__ = ["is_all_caps", "is_title_case", "sort_key", "to_sentence_case", "to_title_case"]
