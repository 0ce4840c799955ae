"""OUTPUT is all or nothing: a failure, Ctrl-C or SIGTERM midway leaves no partial file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradescreen.batch.io import Chunk
from tradescreen.batch.runner import run_batch
from tradescreen.cli import app
from tradescreen.screen import Screener

from .conftest import leftovers, read_rows, sample_rows, write_rows


class Boom(Exception):
    pass


def fail_after(n: int, exc: BaseException) -> object:
    seen = [0]

    def on_chunk(chunk: Chunk, results: object) -> None:
        seen[0] += 1
        if seen[0] > n:
            raise exc

    return on_chunk


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("dst", ["out.csv", "out.parquet", "out.jsonl"])
def test_failure_midway_leaves_no_output(tmp_path: Path, screener: Screener, workers: int,
                                         dst: str) -> None:
    inp = write_rows(tmp_path / "in.csv", sample_rows(200))
    out = tmp_path / dst
    with pytest.raises(Boom):
        run_batch(inp, out, workers=workers, chunk_size=10, screener=screener,
                  progress=False, on_chunk=fail_after(3, Boom()))  # type: ignore[arg-type]
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_interrupt_keeps_the_previous_output(tmp_path: Path, screener: Screener) -> None:
    inp = write_rows(tmp_path / "in.parquet", sample_rows(200))
    out = tmp_path / "out.csv"
    out.write_text("yesterday's results\n")
    with pytest.raises(KeyboardInterrupt):
        run_batch(inp, out, workers=2, chunk_size=10, screener=screener, progress=False,
                  on_chunk=fail_after(2, KeyboardInterrupt()))  # type: ignore[arg-type]
    assert out.read_text() == "yesterday's results\n"
    assert leftovers(tmp_path) == []
    # and a complete run replaces it, with the permissions of a normal new file
    run_batch(inp, out, workers=1, screener=screener, progress=False)
    assert len(read_rows(out)) == 200
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_output_folder_is_created_and_a_folder_is_refused(tmp_path: Path,
                                                         screener: Screener) -> None:
    inp = write_rows(tmp_path / "in.csv", sample_rows(5))
    out = tmp_path / "new" / "deeper" / "out.csv"
    run_batch(inp, out, workers=1, screener=screener, progress=False)
    assert out.exists()
    (tmp_path / "folder.csv").mkdir()
    res = CliRunner().invoke(app, ["batch", str(inp), "--out", str(tmp_path / "folder.csv")])
    assert res.exit_code == 2 and "is a folder" in " ".join(res.output.split())


def test_progress_bar_draws_and_finishes(tmp_path: Path, screener: Screener,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    inp = write_rows(tmp_path / "in.csv", sample_rows(50))
    run_batch(inp, tmp_path / "out.csv", workers=1, chunk_size=5, screener=screener,
              progress=True)
    err = capsys.readouterr().err
    assert "screening" in err and "rows/s" in err and "50 rows" in err and "ETA" in err
    run_batch(inp, tmp_path / "out2.csv", workers=1, screener=screener, progress=None)
    assert capsys.readouterr().err == ""  # stderr is not a terminal here: quiet


def _start(tmp_path: Path, workers: int) -> tuple[subprocess.Popen[bytes], Path]:
    """`tradescreen batch` on a file long enough to still be running when signalled."""
    inp = write_rows(tmp_path / "in.csv", [{"name": f"Trading Company Number {i} Ltd"}
                                           for i in range(200_000)])
    out = tmp_path / "out.csv"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tradescreen", "batch", str(inp), "--out", str(out),
         "--workers", str(workers), "--chunk-size", "50"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not leftovers(tmp_path):  # wait until it is writing
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.5)
    return proc, out


@pytest.mark.parametrize("sig,workers,code", [(signal.SIGINT, 2, 130),
                                              (signal.SIGTERM, 1, 143)])
def test_signal_midway_removes_the_temporary_file(tmp_path: Path, sig: int, workers: int,
                                                  code: int) -> None:
    proc, out = _start(tmp_path, workers)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err.decode()
    assert not out.exists()
    assert leftovers(tmp_path) == []
