"""Configuration: discovery, precedence, ``extend``, the environment variable, validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from replylint.config import ENV_VAR, CliOverrides, find_config, read_config
from replylint.engine import load_settings
from replylint.errors import ConfigError
from replylint.model import Severity


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.config_path is None
    assert settings.select is None and settings.ignore == ()
    assert settings.fail_on is Severity.ERROR
    assert settings.preset == "discussion-reply"


def test_closest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'ignore = ["Y101"]\n')
    inner = write(tmp_path / "course" / "week1" / ".replylint.toml", 'ignore = ["P101"]\n')
    reply = write(tmp_path / "course" / "week1" / "a.md", "x")
    assert find_config(reply) == inner
    assert load_settings(reply).ignore == ("P101",)
    other = write(tmp_path / "course" / "week2" / "b.md", "x")
    assert load_settings(other).ignore == ("Y101",)


def test_precedence_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.replylint]\nignore = ["A"]\n')
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    write(tmp_path / "replylint.toml", 'ignore = ["Y101"]\n')
    assert find_config(tmp_path) == tmp_path / "replylint.toml"
    write(tmp_path / ".replylint.toml", 'ignore = ["P101"]\n')
    assert find_config(tmp_path) == tmp_path / ".replylint.toml"


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    outer = write(tmp_path / "replylint.toml", 'ignore = ["Y101"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "sub") == outer


def test_pyproject_table(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n[tool.replylint]\nselect = ["Y", "P1"]\nfail-on = "warning"\n'
        "[tool.replylint.params]\nrecency_years = 7\n",
    )
    settings = load_settings(tmp_path)
    assert settings.select == ("Y", "P1")
    assert settings.fail_on is Severity.WARNING
    assert settings.params["recency_years"] == 7
    assert settings.params["min_questions"] == 1  # from the preset


def test_replylint_toml_with_the_pyproject_prefix_is_accepted(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", '[tool.replylint]\nignore = ["Y101"]\n')
    assert load_settings(tmp_path).ignore == ("Y101",)


def test_extend_chain(tmp_path: Path) -> None:
    write(
        tmp_path / "base.toml",
        'ignore = ["Y101"]\nexemptions = ["10.1000/base"]\n[params]\nmin_words = 100\n'
        '[severity]\nP101 = "info"\n',
    )
    write(
        tmp_path / "course" / "replylint.toml",
        'extend = "../base.toml"\nignore = ["P103"]\nexemptions = ["Freud 1923"]\n'
        '[params]\nmax_words = 900\n[severity]\nY = "error"\n',
    )
    settings = load_settings(tmp_path / "course")
    assert settings.ignore == ("Y101", "P103")
    assert settings.exemptions == ("10.1000/base", "Freud 1923")
    assert settings.params["min_words"] == 100 and settings.params["max_words"] == 900
    assert settings.severity == {"P101": Severity.INFO, "Y": Severity.ERROR}
    assert settings.config_path == (tmp_path / "course" / "replylint.toml").resolve()


def test_extend_cycle(tmp_path: Path) -> None:
    write(tmp_path / "a.toml", 'extend = "b.toml"\n')
    write(tmp_path / "b.toml", 'extend = "a.toml"\n')
    with pytest.raises(ConfigError, match="cycle"):
        read_config(tmp_path / "a.toml")


def test_extend_missing_file(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'extend = "nowhere.toml"\n')
    with pytest.raises(ConfigError, match=r"`extend` names a missing file: nowhere.toml"):
        load_settings(tmp_path)


def test_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "replylint.toml", 'ignore = ["Y101"]\n')
    env = write(tmp_path / "elsewhere" / "course.toml", 'ignore = ["P101"]\n')
    monkeypatch.setenv(ENV_VAR, str(env))
    assert load_settings(tmp_path).ignore == ("P101",)
    explicit = write(tmp_path / "explicit.toml", 'ignore = ["Q101"]\n')
    assert load_settings(tmp_path, CliOverrides(config=explicit)).ignore == ("Q101",)


def test_isolated_ignores_files(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'ignore = ["Y101"]\n')
    assert load_settings(tmp_path, CliOverrides(isolated=True)).ignore == ()


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    write(
        tmp_path / "replylint.toml",
        'select = ["Y"]\nignore = ["Y104"]\nfail-on = "warning"\n[params]\nrecency_years = 3\n',
    )
    overrides = CliOverrides(
        select=("P",),
        ignore=("P103",),
        fail_on="info",
        params={"recency_years": 10},
        severity={"P101": "error"},
        as_of=dt.date(2026, 11, 25),
    )
    settings = load_settings(tmp_path, overrides)
    assert settings.select == ("P",)
    assert settings.ignore == ("Y104", "P103")
    assert settings.fail_on is Severity.INFO
    assert settings.params["recency_years"] == 10
    assert settings.severity["P101"] is Severity.ERROR
    assert settings.as_of == dt.date(2026, 11, 25)


def test_preset_from_config_and_command_line(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'preset = "draft"\n')
    assert load_settings(tmp_path).max_severity is Severity.WARNING
    cli = CliOverrides(preset="discussion-reply")
    assert load_settings(tmp_path, cli).max_severity is None


def test_config_params_beat_the_preset(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'preset = "draft"\n[params]\nmin_words = 80\n')
    params = load_settings(tmp_path).params
    assert params["min_words"] == 80 and params["recency_years"] == 5


def test_per_file_ignores_and_packs_are_relative_to_the_file(tmp_path: Path) -> None:
    from tests.engine.kinds import write_pack

    (tmp_path / "course").mkdir()
    write_pack(tmp_path / "course", name="course-rules.toml")
    write(
        tmp_path / "course" / "replylint.toml",
        'packs = ["course-rules.toml"]\n[per-file-ignores]\n"week03/*" = ["Q101", "bad-word"]\n',
    )
    settings = load_settings(tmp_path / "course")
    assert settings.packs == ((tmp_path / "course" / "course-rules.toml").resolve(),)
    assert settings.per_file_ignores == {"week03/*": ("Q101", "bad-word")}
    assert settings.root == (tmp_path / "course").resolve()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('colour = "red"\n', "unknown key `colour`"),
        ('select = "Y101"\nfail-on = "fatal"\n', "`fail-on` must be one of error, warning, info"),
        ("select = 3\n", "`select` must be a list of strings"),
        ('select = ["Z999"]\n', "`select`: unknown rule selector `Z999`"),
        ('ignore = ["not-a-rule"]\n', "unknown rule selector `not-a-rule`"),
        ('extend-select = ["Q9"]\n', "unknown rule selector `Q9`"),
        ('[severity]\nZ123 = "error"\n', "unknown rule selector `Z123`"),
        ('[severity]\nY101 = "loud"\n', "`severity`.Y101 must be one of error, warning, info"),
        ('[per-file-ignores]\n"*.md" = ["Z1"]\n', '`per-file-ignores` ("*.md")'),
        ('[params]\nrecency_years = "five"\n', "`params.recency_years` must be an integer"),
        ("[params]\nmin_words = -1\n", "`params.min_words` must not be negative"),
        ('[params]\nfollow_up = "maybe"\n', "must be one of question, question-or-idea"),
        ("[params]\ncolour = 1\n", "unknown parameter `colour`"),
        ('as-of = "yesterday"\n', "`as-of` must be a date YYYY-MM-DD"),
        ('preset = "strictest"\n', "unknown rubric preset `strictest`"),
        ("select = [\n", "invalid TOML"),
        ('packs = ["missing.toml"]\n', "`packs`: no such file '"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "replylint.toml", text)
    with pytest.raises(ConfigError) as err:
        load_settings(tmp_path)
    assert message in str(err.value)
    if "preset" not in message:
        assert str(path) in str(err.value)


def test_bad_key_in_pyproject_names_the_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.replylint]\nselct = []\n")
    with pytest.raises(ConfigError, match=r"unknown key `tool.replylint.selct`"):
        load_settings(tmp_path)


def test_bad_command_line_values() -> None:
    with pytest.raises(ConfigError, match="command line: `--select`: unknown rule selector `Z9`"):
        load_settings(None, CliOverrides(isolated=True, select=("Z9",)))
    with pytest.raises(ConfigError, match="--severity Y101=loud"):
        load_settings(None, CliOverrides(isolated=True, severity={"Y101": "loud"}))
    with pytest.raises(ConfigError, match="--param recency_years"):
        load_settings(None, CliOverrides(isolated=True, params={"recency_years": "x"}))
