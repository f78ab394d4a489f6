"""The command-line reference page (``docs/cli.md``), generated from the click commands.

Written by ``python -m replylint.docgen docs`` with the rule pages; a test fails when the
committed page is stale, so every command and option stays documented.
"""

from __future__ import annotations

import click

__all__ = ["render_cli"]


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    ctx = click.Context(group, info_name=prefix)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        path = f"{prefix} {name}"
        out.append((path, cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, path))
    return out


def _usage(cmd: click.Command, path: str) -> str:
    ctx = click.Context(cmd, info_name=path)
    return f"{path} {' '.join(cmd.collect_usage_pieces(ctx))}".strip()


def _option_rows(cmd: click.Command, path: str) -> list[str]:
    ctx = click.Context(cmd, info_name=path)
    rows = []
    for param in cmd.get_params(ctx):
        if not isinstance(param, click.Option) or "--help" in param.opts:
            continue  # every command takes -h/--help; the page says so once
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, help_text = record
        names = names.replace("|", "\\|")
        escaped = help_text.replace("|", "\\|")
        rows.append(f"| `{names}` | {escaped} |")
    return rows


def render_cli(main: click.Group) -> str:
    """Markdown for every command: usage, description, options."""
    lines = [
        "# Command-line reference",
        "",
        "Generated from the commands themselves (`make docs`); `replylint COMMAND --help`",
        "(or `-h`) prints the same.",
        "",
    ]
    for path, cmd in _commands(main, "replylint"):
        lines += [f"## `{path}`", "", "```text", _usage(cmd, path), "```", ""]
        if cmd.help:
            lines += [click.unstyle(cmd.help).replace("\b\n", "").strip(), ""]
        rows = _option_rows(cmd, path)
        if rows:
            lines += ["| option | meaning |", "|---|---|", *rows, ""]
    return "\n".join(lines).rstrip() + "\n"
