#!/usr/bin/env python3
"""Time loading content rows through the ORM: what each row costs before any template or view runs.

Seeds synthetic content (``seed_bulk``) into a throw-away database, then times
``list(PressRelease.objects.all()[:200])`` and the same for agreements, best of several runs.

    bench/load_rows.py                                  # SQLite in a temporary folder
    bench/load_rows.py --database postgres://postgres@127.0.0.1:5432/inserm_bench --rows 200
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable  # the interpreter running this script: .venv/bin/python bench/load_rows.py

MEASURE = """
import timeit
from partnerships.models import Agreement
from press.models import PressRelease

from core.richtext import sanitize_html

for model in (PressRelease, Agreement):
    rows = min({rows}, model.objects.count())
    times = timeit.repeat(lambda: list(model.objects.all()[:rows]), number=1, repeat={repeat})
    print(f"{{model.__name__:<14}} {{rows}} rows: best {{min(times) * 1000:.1f}} ms, median {{sorted(times)[len(times) // 2] * 1000:.1f}} ms")
# For comparison: what sanitising the rich text of those rows on read would add (two languages a row).
bodies = [text for pair in PressRelease.objects.values_list("body_fr", "body_en")[:{rows}] for text in pair]
times = timeit.repeat(lambda: [sanitize_html(text) for text in bodies], number=1, repeat={repeat})
print(f"sanitising {{len(bodies)}} stored bodies: best {{min(times) * 1000:.1f}} ms")
"""


def manage(env, *args, stdin=None):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, input=stdin, text=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="DATABASE_URL of a database to fill (default: a temporary SQLite file).")
    parser.add_argument("--releases", type=int, default=1000, help="Synthetic releases to seed.")
    parser.add_argument("--rows", type=int, default=200, help="Rows loaded per measurement.")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--skip-seed", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": options.database or f"sqlite:///{folder}/bench.sqlite3"}
        if not options.skip_seed:
            manage(env, "migrate", "--no-input", "-v", "0")
            manage(env, "seed_bulk", "--releases", str(options.releases), "--force")
        manage(env, "shell", "-c", MEASURE.format(rows=options.rows, repeat=options.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
