"""LMS export readers: every format, parent/child detection, names, dates, bad records."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from replylint.errors import InputError
from replylint.lms import detect_format, parse_export_json, parse_export_table, read_export
from replylint.lms._common import norm_id, parse_timestamp, pseudonym

from .cases import case_json, case_rows, materialise, write_rows


def by_id(subs):
    return {s.id: s for s in subs}


def test_canvas_view_threads_names_and_dates(tmp_path: Path) -> None:
    subs = read_export(materialise("canvas-view.json", tmp_path))
    posts = by_id(subs)
    # depth first; the deleted entry 505 is left out
    assert [s.id for s in subs] == ["501", "502", "504", "503", "510"]
    assert posts["501"].parent_id is None and not posts["501"].is_reply
    assert posts["502"].parent_id == "501" and posts["502"].is_reply
    assert posts["504"].parent_id == "502"
    assert posts["502"].author_id == "9002"
    assert posts["502"].author_name == "Imani Brookfield"
    assert posts["503"].date == dt.datetime(2021, 10, 11, 20, 0, tzinfo=dt.UTC)
    assert posts["502"].format == "html"
    assert "<em>" in (posts["502"].text or "")  # the reference was expanded with italics
    assert detect_format(case_json("canvas-view.json")) == "canvas"


def test_canvas_tree_position_is_the_parent_when_parent_id_is_absent() -> None:
    data = {
        "view": [
            {
                "id": 1,
                "user_id": 5,
                "message": "<p>a</p>",
                "replies": [{"id": 2, "user_id": 6, "message": "<p>b</p>"}],
            }
        ]
    }
    subs = parse_export_json(data, source="x.json")
    assert [(s.id, s.parent_id) for s in subs] == [("1", None), ("2", "1")]
    assert subs[0].date is None and subs[0].author_name is None


def test_canvas_new_entries_are_added_once() -> None:
    data = {
        "view": [{"id": 1, "user_id": 5, "parent_id": None, "message": "<p>a</p>"}],
        "new_entries": [
            {"id": 1, "user_id": 5, "parent_id": None, "message": "<p>a</p>"},
            {
                "id": 3,
                "user_id": 7,
                "parent_id": 1,
                "message": "<p>c</p>",
                "created_at": "2024-01-02T03:04:05Z",
            },
        ],
    }
    subs = parse_export_json(data, source="x.json")
    assert [(s.id, s.parent_id) for s in subs] == [("1", None), ("3", "1")]


def test_canvas_entry_without_message_or_with_bad_date_is_kept_with_a_problem() -> None:
    data = {
        "view": [
            {"id": 1, "user_id": 5, "message": None},
            {"id": 2, "user_id": 5, "message": "<p>x</p>", "created_at": "last Tuesday"},
            {"id": 3, "user_id": 5, "message": {"html": "x"}},
        ]
    }
    subs = by_id(parse_export_json(data, source="x.json"))
    assert subs["1"].problem == "the entry has no message"
    assert subs["2"].problem is None and subs["2"].date is None
    assert subs["2"].notes and "created_at" in subs["2"].notes[0]
    assert subs["3"].problem == "the entry's message is not text"


def test_moodle_csv_export(tmp_path: Path) -> None:
    subs = read_export(materialise("moodle-forum.csv", tmp_path))
    posts = by_id(subs)
    assert list(posts) == ["71", "72", "73"]  # 74 is deleted
    assert posts["71"].parent_id is None  # parent = 0 marks the first post
    assert posts["72"].parent_id == "71"
    assert posts["72"].topic == "Staffing and burnout"  # not "Re: ..."
    assert posts["72"].author_id == "302" and posts["72"].author_name == "Emeka Strand"
    assert posts["73"].author_name is None  # userfullname blanked by Moodle
    assert posts["73"].format == "txt" and posts["72"].format == "html"
    assert posts["71"].date == dt.datetime.fromtimestamp(1740900000, tz=dt.UTC)


def test_moodle_json_export_with_string_values() -> None:
    rows = case_rows("moodle-forum.csv")
    subs = parse_export_json(rows, source="forum.json")
    assert [s.id for s in subs] == ["71", "72", "73"]
    assert detect_format(rows) == "moodle"
    # Moodle's JSON data format may also give numbers
    numeric = [dict(r, id=int(r["id"]), parent=int(r["parent"])) for r in rows]
    assert by_id(parse_export_json(numeric, source="f.json"))["72"].parent_id == "71"


def test_moodle_human_dates_and_striphtml() -> None:
    rows = [
        {
            "id": "1",
            "discussion": "3",
            "parent": "0",
            "userid": "8",
            "subject": "Topic",
            "created": "Monday, 3 March 2025, 2:15 PM",
            "message": "plain text only",
            "messageformat": "1",
        }
    ]
    sub = parse_export_json(rows, source="f.json")[0]
    assert sub.date == dt.datetime(2025, 3, 3, 14, 15)
    assert sub.format == "txt"  # striphtml: the message is plain whatever messageformat says


def test_brightspace_posts(tmp_path: Path) -> None:
    subs = read_export(materialise("brightspace-posts.json", tmp_path))
    posts = by_id(subs)
    assert list(posts) == ["9100", "9101", "9102"]  # 9103 is deleted
    assert posts["9100"].parent_id is None
    assert posts["9101"].parent_id == "9100"
    assert posts["9100"].format == "html"
    assert posts["9101"].format == "txt"  # empty Html: the Text is used
    assert posts["9102"].author_name is None and posts["9102"].author_id == "anonymous"
    assert posts["9101"].topic == "Evidence-based practice barriers"
    assert posts["9101"].date == dt.datetime(2024, 9, 12, 8, 15, tzinfo=dt.UTC)
    wrapped = {"Items": case_json("brightspace-posts.json")}
    assert detect_format(wrapped) == "brightspace"


def test_reply_table(tmp_path: Path) -> None:
    subs = read_export(materialise("replies.csv", tmp_path))
    posts = by_id(subs)
    assert posts["p1"].parent_id is None and posts["p2"].parent_id == "p1"
    assert posts["p2"].date == dt.datetime(2025, 2, 3, 10, 0)
    assert posts["p1"].date == dt.datetime(2025, 2, 1)
    # names never become the id: the id is a stable pseudonym
    assert posts["p2"].author_id == pseudonym("Jonah Ellery") == posts["p3"].author_id
    assert "Jonah" not in posts["p2"].author_id
    assert posts["p2"].author_name == "Jonah Ellery"
    assert posts["p3"].text == ""  # an empty reply is kept; grading reports it
    assert posts["p4"].date is None and posts["p4"].notes


def test_reply_table_columns_are_case_insensitive_and_author_id_wins() -> None:
    text = "Author,Author_ID,Text,Date\nAda Quill,s-17,Hello there,2024-05-01\n"
    sub = parse_export_table(text, source="t.csv")[0]
    assert sub.author_id == "s-17" and sub.author_name == "Ada Quill"
    assert sub.id == "line-2" and sub.parent_id is None


def test_directory_of_reply_files(tmp_path: Path) -> None:
    folder = materialise("replies-dir", tmp_path)
    (folder / ".hidden.txt").write_text("secret", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "reply-c.html").write_text("<p>Hi</p>", encoding="utf-8")
    subs = read_export(folder)
    assert [s.id for s in subs] == ["reply-a.md", "reply-b.txt", "sub/reply-c.html"]
    assert [s.format for s in subs] == ["md", "txt", "html"]
    assert all(s.file and s.text is None and s.parent_id is None for s in subs)
    assert subs[0].source == str(folder / "reply-a.md")


def test_single_reply_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text("A reply.", encoding="utf-8")
    (sub,) = read_export(path)
    assert sub.file and sub.id == "mine.md" and sub.format == "md"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", "{not json", "invalid JSON"),
        ("other.json", json.dumps({"hello": 1}), "unknown JSON export"),
        ("other.csv", "a,b\n1,2\n", "unknown CSV export"),
        ("latin.csv", None, "not UTF-8"),
    ],
)
def test_unreadable_exports_raise_input_error(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(b"author,text\n\xff\xfe\x00bad,\x81\n")
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_export(path)


def test_missing_input_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_export(tmp_path / "nope.json")


def test_empty_json_list_is_an_empty_export() -> None:
    assert parse_export_json([], source="e.json") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), (0, None), ("0", None), (12, "12"), (12.0, "12"), ("a7", "a7")],
)
def test_norm_id(value: object, expected: str | None) -> None:
    assert norm_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-10-11", dt.datetime(2021, 10, 11)),
        ("2021-10-11T20:00:00Z", dt.datetime(2021, 10, 11, 20, tzinfo=dt.UTC)),
        (1633982400, dt.datetime(2021, 10, 11, 20, tzinfo=dt.UTC)),
        ("1633982400", dt.datetime(2021, 10, 11, 20, tzinfo=dt.UTC)),
        (None, None),
    ],
)
def test_parse_timestamp(value: object, expected: dt.datetime | None) -> None:
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize("value", [10**20, -(10**20), float("inf"), "yesterday", True])
def test_parse_timestamp_rejects_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_timestamp(value)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "view",
                    "replies",
                    "id",
                    "user_id",
                    "parent_id",
                    "message",
                    "created_at",
                    "PostId",
                    "ParentPostId",
                    "Message",
                    "Html",
                    "Text",
                    "DatePosted",
                    "discussion",
                    "parent",
                    "userid",
                    "created",
                    "participants",
                    "display_name",
                    "Items",
                    "deleted",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=500, deadline=None)
@given(_json)
@example({"participants": 1, "view": []})
@example({"view": [{"id": 1, "replies": "x", "message": 3, "created_at": 10**20}]})
def test_any_json_gives_submissions_or_input_error(data: object) -> None:
    try:
        subs = parse_export_json(data, source="h.json")
    except InputError:
        return
    for sub in subs:
        assert isinstance(sub.id, str) and isinstance(sub.author_id, str)
        assert sub.text is None or isinstance(sub.text, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_csv_text_gives_submissions_or_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        parse_export_table("author,text,date\n" + text, source="h.csv")


def test_write_rows_round_trip(tmp_path: Path) -> None:
    rows = case_rows("replies.csv")
    path = write_rows(tmp_path / "r.csv", rows)
    assert [s.id for s in read_export(path)] == ["p1", "p2", "p3", "p4"]
