"""Every CLI command, option and setting is documented (the datasette habit)."""

from __future__ import annotations

from typing import Any

import typer.main

from tradescreen import settings
from tradescreen.cli import app

from .conftest import ROOT


def docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))


def test_every_cli_option_is_documented() -> None:
    text = docs_text()
    group = typer.main.get_command(app)
    assert hasattr(group, "commands")
    missing: list[str] = []

    def walk(cmd: Any, path: str) -> None:
        if path and f"tradescreen {path}" not in text:
            missing.append(f"command: tradescreen {path}")
        for p in cmd.params:
            for opt in p.opts:
                if opt.startswith("--") and opt not in ("--help",) and opt not in text:
                    missing.append(f"{path or 'tradescreen'} {opt}")
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(sub, f"{path} {name}".strip())

    walk(group, "")
    assert not missing, missing


def test_every_setting_is_documented() -> None:
    text = docs_text()
    for name in settings.SETTINGS:
        assert name in text, name
