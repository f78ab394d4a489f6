"""Follow-up: a question or an extending idea, and (when the post is known) engagement with it.

Questions come from ``Reply.questions`` (direct and indirect forms); a question inside a
quotation or the quoted prompt does not count. Engagement with the post compares content
words: lower-cased, stopwords removed, common suffixes stripped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from .. import patterns
from ..engine import Context, check
from ..model import Diagnostic, Question, Reply, Span
from ._util import cue_pattern, param_bool, param_int, param_list, param_str, reply_anchor

__all__ = [
    "DEFAULT_IDEA_CUES",
    "DEFAULT_INVITATION_CUES",
    "copied_runs",
    "counted_questions",
    "find_ideas",
    "find_invitations",
    "has_follow_up",
    "keywords",
    "stem",
]

_TOKEN = patterns.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")
# ``_TOKEN`` for lower-cased ASCII text with ’ written as ' (the standard ``re`` module finds
# these about twice as fast as ``regex``; possessive, as nothing could be given back to a match).
_ASCII_TOKEN = re.compile(r"[a-z0-9]++(?:'[a-z]++)?+")

DEFAULT_IDEA_CUES: tuple[str, ...] = (
    "another consideration",
    "it might also be worth",
    "it may also be worth",
    "it would also be worth",
    "building on your point",
    "building on this",
    "to build on",
    "one strategy that could",
    "one approach that could",
    "in addition, research",
    "additionally, research",
    "i would add",
    "i would also add",
    "another factor",
    "another way",
    "one more idea",
)

DEFAULT_INVITATION_CUES: tuple[str, ...] = (
    "let me know",
    "please share",
    "please tell me",
    "i would love to hear",
    "i'd love to hear",
    "curious to hear",
    "i look forward to hearing",
    "what do you think",
    "what are your thoughts",
)

_STOP_TEXT = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could did do does doing down during each
    even ever every few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just let like made make makes many may me might
    more most much must my myself no nor not now of off often on once one only or other others our
    ours ourselves out over own per rather really same shall she should so some such than that the
    their theirs them themselves then there these they this those though through thus to too under
    until up upon us use used using very was we well were what when where whether which while who
    whom whose why will with within without would yet you your yours yourself yourselves
    al et etc eg ie thank thanks post agree great point think thought classmate peer discussion
    week also really much way ways thing things lot lots
    """
_STOPWORDS = frozenset(_STOP_TEXT.split())

_WORD = patterns.compile(r"\p{L}[\p{L}'’\-]*")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, predictable stem: ``nurses``/``nurse`` -> ``nurs``; ``studies`` -> ``study``."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def keywords(text: str) -> set[str]:
    """Content-word stems of ``text``."""
    return set(_keywords(text))


@lru_cache(maxsize=256)
def _keywords(text: str) -> frozenset[str]:
    """Cached: the post's words are needed again for each of its replies."""
    out: set[str] = set()
    for m in _WORD.finditer(text):
        w = m.group(0).lower()
        if len(w) < 3 or w in _STOPWORDS:
            continue
        out.add(stem(w))
    return frozenset(out)


def _own_spans(reply: Reply) -> list[Span]:
    """Body spans with quotations cut out: the reply's own words."""
    quotes = sorted((q.span for q in reply.quotes), key=lambda s: s.start)
    out: list[Span] = []
    for body in reply.sections.body:
        start = body.start
        for q in quotes:
            if q.end <= start or q.start >= body.end:
                continue
            if q.start > start:
                out.append(Span(start, q.start))
            start = max(start, q.end)
        if start < body.end:
            out.append(Span(start, body.end))
    return out


def _own_text(reply: Reply) -> str:
    return "\n".join(reply.document.slice(s) for s in _own_spans(reply))


def _inside(span: Span, regions: Sequence[Span]) -> bool:
    return any(r.start <= span.start and span.end <= r.end for r in regions)


def counted_questions(reply: Reply) -> list[Question]:
    """Questions that count: not inside a quotation or an excluded region."""
    regions = [q.span for q in reply.quotes] + [e.span for e in reply.sections.excluded]
    return [q for q in reply.questions if not _inside(q.span, regions)]


def find_ideas(reply: Reply, cues: Sequence[str]) -> list[Span]:
    """Extending-idea cue phrases in the reply's own words."""
    words = tuple(c.strip() for c in cues if c.strip())
    if not words:
        return []
    pattern = cue_pattern(words, r"(?<!\p{L})", r"(?!\p{L})")
    text = reply.document.text
    return [
        Span(m.start(), m.end())
        for s in _own_spans(reply)
        for m in pattern.finditer(text, s.start, s.end)
    ]


def find_invitations(reply: Reply, cues: Sequence[str]) -> list[Span]:
    """Sentences of the reply's own words that open by inviting the peer to answer."""
    words = tuple(c.strip() for c in cues if c.strip())
    if not words:
        return []
    pattern = cue_pattern(words, r"(?:so,?\s+|and\s+)?", r"(?!\p{L})", apostrophes=True)
    text = reply.document.text
    quotes = [q.span for q in reply.quotes]
    return [
        s for s in reply.sentences if not _inside(s, quotes) and pattern.match(text, s.start, s.end)
    ]


def _quoted_question_marks(reply: Reply) -> list[Span]:
    text = reply.document.text
    regions = [q.span for q in reply.quotes] + [
        e.span for e in reply.sections.excluded if e.kind in ("prompt", "blockquote")
    ]
    out = []
    for r in regions:
        i = text.find("?", r.start, r.end)
        if i != -1:
            out.append(r)
    return sorted(out, key=lambda s: s.start)


def _end_anchor(reply: Reply) -> Span:
    return reply.sentences[-1] if reply.sentences else reply_anchor(reply)


def has_follow_up(reply: Reply, params: Mapping[str, object]) -> bool:
    """A counted question, an invitation to answer, or (if accepted) an extending idea."""
    return _follows_up(reply, counted_questions(reply), _follow_up_params(params))


_FollowUpParams = tuple[tuple[str, ...], str, tuple[str, ...]]


def _follow_up_params(params: Mapping[str, object]) -> _FollowUpParams:
    """The invitation cues, the follow-up mode and the idea cues."""
    return (
        tuple(param_list(params, "invitation_cues", DEFAULT_INVITATION_CUES)),
        param_str(params, "follow_up", "question"),
        tuple(param_list(params, "idea_cues", DEFAULT_IDEA_CUES)),
    )


def _follows_up(reply: Reply, counted: Sequence[Question], cues: _FollowUpParams) -> bool:
    invitations, mode, ideas = cues
    if counted or find_invitations(reply, invitations):
        return True
    return mode != "question" and bool(find_ideas(reply, ideas))


def _counted(reply: Reply, ctx: Context) -> list[Question]:
    """``counted_questions``, found once per reply and shared by the follow-up rules."""
    return ctx.per_reply(reply, "followup.counted", counted_questions)


def _has_follow_up(reply: Reply, ctx: Context) -> bool:
    """``has_follow_up`` with the rule's parameters, answered once per reply and parameters."""
    cues = ctx.derived("followup.cues", _follow_up_params)
    shared = ctx.shared(reply)
    last = shared.get("followup.has")
    if last is not None and (last[0] is cues or last[0] == cues):
        return bool(last[1])
    answer = _follows_up(reply, _counted(reply, ctx), cues)
    shared["followup.has"] = (cues, answer)
    return answer


@check("follow-up.missing")
def missing(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Q101: no follow-up question (and, if accepted, no extending idea)."""
    mode = ctx.derived("followup.cues", _follow_up_params)[1]
    if not param_bool(ctx.params, "follow_up_required", True) or _has_follow_up(reply, ctx):
        return
    if mode == "question":
        message = "The reply asks no follow-up question"
        hint = (
            "End with a question for your peer, e.g. “Have you considered …?” or "
            "“What are your thoughts on …?”"
        )
    else:
        message = (
            "The reply neither asks a follow-up question nor offers an idea that extends the "
            "discussion"
        )
        hint = (
            "Ask your peer a question (“Have you considered …?”) or add an idea that builds on "
            "the post (“Another consideration is …”)"
        )
    if _quoted_question_marks(reply):
        message += " (questions inside quotations or the quoted prompt do not count)"
    yield ctx.diagnostic(_end_anchor(reply), message, hint=hint, data={"mode": mode})


@check("follow-up.too-few-questions")
def too_few_questions(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Q102: some questions, but fewer than ``min_questions``."""
    needed = param_int(ctx.params, "min_questions", 1)
    have = len(_counted(reply, ctx))
    if have == 0 or have >= needed:
        return
    yield ctx.diagnostic(
        _end_anchor(reply),
        f"The reply asks {have} follow-up question{'s' if have != 1 else ''}; the rubric asks "
        f"for at least {needed}",
        hint=f"Add {needed - have} more question{'s' if needed - have != 1 else ''} for your peer",
        data={"questions": have, "required": needed},
    )


@check("follow-up.quoted-only")
def quoted_only(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Q103: the only questions are inside a quotation or the quoted prompt."""
    if _has_follow_up(reply, ctx):
        return
    for span in _quoted_question_marks(reply)[:1]:
        yield ctx.diagnostic(
            span,
            "This question is inside a quotation or the quoted prompt, so it does not count as "
            "your follow-up question",
            hint="Ask a question of your own in the reply, outside the quotation",
        )


@check("follow-up.off-topic")
def off_topic(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Q106: the reply shares too few content words with the post it answers."""
    if reply.post is None:
        return
    needed = param_int(ctx.params, "min_shared_keywords", 3)
    post_words = keywords(_own_text(reply.post))
    if not post_words:
        return
    shared = keywords(_own_text(reply)) & post_words
    if len(shared) >= needed:
        return
    yield ctx.diagnostic(
        reply_anchor(reply),
        f"The reply shares only {len(shared)} content word{'s' if len(shared) != 1 else ''} "
        f"with the post it answers (at least {needed} expected), so it may not engage its topic",
        hint="Respond to the points your peer made: name their idea, then agree, question or "
        "extend it",
        data={"shared": sorted(shared), "required": needed},
    )


@check("follow-up.no-new-ideas")
def no_new_ideas(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Q107: the reply adds too few content words the post did not already contain."""
    if reply.post is None:
        return
    needed = param_int(ctx.params, "min_new_keywords", 8)
    new = keywords(_own_text(reply)) - keywords(_own_text(reply.post))
    if len(new) >= needed:
        return
    yield ctx.diagnostic(
        reply_anchor(reply),
        f"The reply adds only {len(new)} content word{'s' if len(new) != 1 else ''} the post "
        f"did not already use (at least {needed} expected), so it mostly restates the post",
        hint="Add something new: a source, an example from practice, a counterpoint or a "
        "related idea",
        data={"new": len(new), "required": needed},
    )


def _span_tokens(text: str, spans: Sequence[Span]) -> tuple[list[str], list[int], list[int]]:
    """The lowercased words of ``spans`` with their start and end offsets."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for s in spans:
        base = s.start
        for m in _TOKEN.finditer(text[s.start : s.end]):
            words.append(m.group(0).lower().replace("’", "'"))
            starts.append(base + m.start())
            ends.append(base + m.end())
    return words, starts, ends


def _span_words(text: str, spans: Sequence[Span]) -> list[str]:
    """The words of ``_span_tokens`` without their offsets."""
    words: list[str] = []
    for s in spans:
        part = text[s.start : s.end].replace("’", "'")
        if part.isascii():
            # In ASCII, \p{L} and \p{N} are exactly [A-Za-z] and [0-9], and lower-casing maps
            # letters to letters one for one: the same words, already lower-cased. (’ and '
            # are alike to the pattern, and words have ’ replaced anyway.)
            words += _ASCII_TOKEN.findall(part.lower())
        else:
            words += [w.lower().replace("’", "'") for w in _TOKEN.findall(part)]
    return words


@lru_cache(maxsize=64)
def _post_runs(
    text: str, spans: tuple[Span, ...], run: int
) -> tuple[list[str], dict[tuple[str, ...], list[int]], frozenset[str]]:
    """The post's words, where each run of ``run`` words starts, and its distinct words
    (shared by its replies)."""
    post_words = _span_words(text, spans)
    starts: dict[tuple[str, ...], list[int]] = {}
    for p in range(len(post_words) - run + 1):
        starts.setdefault(tuple(post_words[p : p + run]), []).append(p)
    return post_words, starts, frozenset(post_words)


def copied_runs(reply: Reply, post: Reply, run: int) -> list[Span]:
    """Spans of the reply where ``run`` or more consecutive words repeat the post verbatim."""
    if run <= 0:
        return []
    post_words, starts, vocabulary = _post_runs(post.document.text, tuple(_own_spans(post)), run)
    if not starts:
        return []
    text = reply.document.text
    spans = _own_spans(reply)
    words = _span_words(text, spans)
    # A repeated run holds only words the post uses, so it lies inside a stretch of such
    # words; stretches shorter than ``run`` are skipped, and a run never extends past the
    # word that ends its stretch (the post cannot continue with a word it does not use).
    found: list[tuple[int, int]] = []
    prev = -1
    for stop in [k for k, w in enumerate(words) if w not in vocabulary] + [len(words)]:
        if stop - prev > run:
            _runs_in(words, prev + 1, stop, post_words, starts, run, found)
        prev = stop
    if not found:
        return []
    _, word_starts, word_ends = _span_tokens(text, spans)
    return [Span(word_starts[i], word_ends[j - 1]) for i, j in found]


def _runs_in(
    words: list[str],
    i: int,
    stop: int,
    post_words: list[str],
    starts: dict[tuple[str, ...], list[int]],
    run: int,
    found: list[tuple[int, int]],
) -> None:
    """Add to ``found`` the (first, end) word indexes of the runs within ``words[i:stop]``."""
    while i <= stop - run:
        alive = starts.get(tuple(words[i : i + run]))
        if not alive:
            i += 1
            continue
        j = i + run  # extend while some occurrence in the post continues the same way
        while j < stop:
            nxt = [
                p
                for p in alive
                if p + (j - i) < len(post_words) and post_words[p + (j - i)] == words[j]
            ]
            if not nxt:
                break
            alive = nxt
            j += 1
        found.append((i, j))
        i = j


@check("follow-up.copies-post")
def copies_post(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Q108: a long run of words copied from the post outside quotation marks."""
    if reply.post is None:
        return
    run = param_int(ctx.params, "copy_run_words", 12)
    for span in copied_runs(reply, reply.post, run):
        n = len(reply.document.slice(span).split())
        yield ctx.diagnostic(
            span,
            f"{n} consecutive words repeat the post word for word without quotation marks",
            hint="Put the words you take from the post in quotation marks, or say it in your own "
            "words",
            data={"words": n},
        )
