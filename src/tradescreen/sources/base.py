"""What every source parser shares: the error it raises and careful file reading."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import countrynames

from tradescreen.model import Entity

Parser = Callable[[Path, str], Iterator[Entity]]


class ParseError(ValueError):
    """A list file could not be read faithfully; names the file, the line and the problem."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


def read_text(path: Path, encodings: tuple[str, ...] = ("utf-8",)) -> str:
    """Read a whole file, trying the named encodings in order; fail loudly with the offset."""
    if not path.exists():
        raise ParseError(path, "file not found")
    data = path.read_bytes()
    if not data.strip():
        raise ParseError(path, "file is empty")
    last: UnicodeDecodeError | None = None
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            last = exc
            continue
        return text[1:] if text.startswith("\ufeff") else text
    assert last is not None
    line = data[: last.start].count(b"\n") + 1
    raise ParseError(path, f"not valid {'/'.join(encodings)} text (byte {last.start})", line)


def country_code(text: str | None) -> str | None:
    """ISO alpha-2 code for a country name or code as lists print them, else None."""
    if not text or not text.strip():
        return None
    code = countrynames.to_code(text.strip())
    # countrynames also knows regions and cities (CN-SH, UA-CRI): keep the country part
    return code.split("-")[0].upper()[:2] if code else None


def country_codes(texts: list[str] | tuple[str, ...]) -> list[str]:
    """Codes for the names that resolve; unresolved text is kept as printed, not lost."""
    out: list[str] = []
    for t in texts:
        if not t or not t.strip():
            continue
        code = country_code(t)
        v = code or t.strip()
        if v not in out:
            out.append(v)
    return out
