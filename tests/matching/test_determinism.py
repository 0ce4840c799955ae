"""A check answers the same in every process, whatever Python's hash seed (Spark workers
run with their own seed; batch results must equal the local engine's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json
from tradescreen.service import get_screener
s = get_screener()
names = ["PARK, Ivan", "Mohammed Ali Hassan", "Li Wei", "Hikvison", "Zhang Lei",
         "Abdul Rahman Salim", "Kim Yong Chol", "Huawai Technologies", "Ivan Petrov"]
print(json.dumps([[(m.entity.id, round(m.score, 6)) for m in s.check(n, countries=["HK"])]
                  for n in names]))
"""


def run(seed: str) -> object:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_results_do_not_depend_on_the_hash_seed() -> None:
    first = run("0")
    for seed in ("2", "5"):
        assert run(seed) == first
