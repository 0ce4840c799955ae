"""The batch package imports without its optional engines, and the CLI without pyarrow."""

from __future__ import annotations

import subprocess
import sys


def test_package_imports_without_pyspark_or_pandas() -> None:
    code = ("import sys; sys.modules['pyspark'] = None; sys.modules['pandas'] = None\n"
            "import tradescreen.batch, tradescreen.batch.spark, tradescreen.batch.runner\n"
            "from tradescreen.batch import run_batch, LocalEngine")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_imports_without_pyarrow() -> None:
    code = ("import sys; sys.modules['pyarrow'] = None\n"
            "import tradescreen.batch\n"
            "from tradescreen.cli import app\n"
            "from typer.testing import CliRunner\n"
            "res = CliRunner().invoke(app, ['batch', 'in.csv', '--out', 'out.csv'])\n"
            "assert res.exit_code == 2, res.output\n"
            "assert 'pip install' in res.output, res.output")
    subprocess.run([sys.executable, "-c", code], check=True)
