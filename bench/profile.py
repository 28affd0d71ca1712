#!/usr/bin/env python3
"""Profile the public pages in one process, page cache off: where a request's time goes.

For each page, through Django's test client (the whole middleware stack, production settings):
the mean wall time of ``--requests`` requests split into SQL (count and time, from an
``execute_wrapper``), template rendering (without the SQL it runs) and the rest of the Python; then
the same requests under pyinstrument (a sampling profiler: it barely slows what it watches) and the
functions that hold the most time, cumulative and own, in ms per request and % of the request.

    .venv/bin/python bench/profile.py --database-url postgres://postgres@127.0.0.1:5432/inserm_bench
    .venv/bin/python bench/profile.py --pages "press list;release detail" --requests 50 --out bench/profiles

Needs ``pyinstrument`` (requirements/bench.txt) and content in the database (``manage.py seed_bulk``).
"""

import argparse
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def configure(database_url):
    """Production settings as the benchmark's gunicorn has them, with the page cache off."""
    os.environ.update(
        DATABASE_URL=database_url,
        SECRET_KEY="benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        BENCH_VIEWS="1",
        PAGE_CACHE="0",
        LOG_LEVEL="WARNING",
        API_ANON_RATE="100000000/min",
        STATIC_ROOT=tempfile.mkdtemp(prefix="bench-static-"),
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inserm_cms.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest production templates read


class Timer:
    """Count and time SQL statements and template rendering (outermost template only) while it is on."""

    def __init__(self):
        self.reset()
        self.depth = 0

    def reset(self):
        self.sql_count = self.sql_seconds = self.template_seconds = self.sql_in_template = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            self.sql_count += 1
            self.sql_seconds += elapsed
            if self.depth:
                self.sql_in_template += elapsed

    @contextmanager
    def watching_templates(self):
        from django.template.backends.django import Template

        original = Template.render
        timer = self

        def render(template, *args, **kwargs):
            timer.depth += 1
            start = time.perf_counter()
            try:
                return original(template, *args, **kwargs)
            finally:
                timer.depth -= 1
                if not timer.depth:
                    timer.template_seconds += time.perf_counter() - start

        Template.render = render
        try:
            yield
        finally:
            Template.render = original


def fetch(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return response


def split(client, path, requests, timer):
    """Return the mean ms per request: wall, SQL, template (without its SQL), other; and SQL statements."""
    timer.reset()
    start = time.perf_counter()
    for _ in range(requests):
        fetch(client, path)
    wall = (time.perf_counter() - start) / requests * 1000
    sql = timer.sql_seconds / requests * 1000
    template = (timer.template_seconds - timer.sql_in_template) / requests * 1000
    return {
        "wall": wall,
        "sql": sql,
        "template": template,
        "other": wall - sql - template,
        "queries": timer.sql_count / requests,
    }


def after_a_change(client, path, timer):
    """Return ms and SQL statements of the first request after a content change (every per-generation value cold).

    Raises the content generation as a write would, without writing content.
    """
    from django.db.models import F

    from pagecache.models import Generation

    Generation.objects.filter(pk=1).update(value=F("value") + 1)
    timer.reset()
    start = time.perf_counter()
    fetch(client, path)
    return (time.perf_counter() - start) * 1000, timer.sql_count


def frame_name(frame):
    path = frame.file_path or ""
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{frame.function} ({path}:{frame.line_no})"


def aggregate(root):
    """Return ``({function: cumulative s}, {function: own s})`` over the profile tree, recursion counted once."""
    cumulative, own = {}, {}

    def walk(frame, stack):
        name = frame_name(frame)
        own[name] = own.get(name, 0.0) + frame.total_self_time
        if name not in stack:
            cumulative[name] = cumulative.get(name, 0.0) + frame.time
        for child in frame.children:
            walk(child, stack | {name})

    walk(root, frozenset())
    return cumulative, own


def profiled(client, path, requests, interval):
    from pyinstrument import Profiler

    profiler = Profiler(interval=interval)
    profiler.start()
    for _ in range(requests):
        fetch(client, path)
    profiler.stop()
    return profiler.last_session


# Frames every request passes through (handler, middleware, view and template plumbing): their time is the
# page's whole time, which the split above already gives; the list shows what they call.
PLUMBING = (
    "django/core/handlers/",
    "django/utils/deprecation.py",
    "django/utils/decorators.py",
    "django/test/client.py",
    "django/views/",
    "django/shortcuts.py",
    "django/template/base.py",
    "django/template/loader",
    "django/template/response.py",
    "django/template/backends/",
    "django/template/defaulttags.py",
    "django/template/library.py",
    "rest_framework/views.py",
    "rest_framework/viewsets.py",
    "drf_spectacular/drainage.py",
    "bench/profile.py",
    "contextlib.py",
    "functools.py",
    "django/middleware/",
    "django_prometheus/",
    "whitenoise/",
    "axes/",
    "simple_history/middleware",
    "inserm_cms/middleware.py",
    "pagecache/middleware.py",
    "django/contrib/sessions/middleware.py",
    "django/contrib/messages/middleware.py",
    "django/contrib/auth/middleware.py",
    "<built-in>",
)


def report(label, path, figures, session, requests, top):
    cumulative, own = aggregate(session.root_frame())
    per_request = 1000 / requests
    wall = figures["wall"]
    lines = [
        f"## {label}: {path}",
        "",
        f"{requests} requests, page cache off. Mean per request: wall {wall:.1f} ms = SQL {figures['sql']:.1f} ms "
        f"({figures['queries']:.0f} queries, {figures['sql'] / wall:.0%}) + templates without SQL "
        f"{figures['template']:.1f} ms ({figures['template'] / wall:.0%}) + other Python {figures['other']:.1f} ms "
        f"({figures['other'] / wall:.0%}).",
        f"First request after a content change (per-generation values recomputed): {figures['cold']:.1f} ms, "
        f"{figures['cold_queries']:.0f} queries.",
        f"Under pyinstrument: {session.duration * per_request:.1f} ms per request.",
        "",
        f"Top {top} cumulative (ms per request, % of the request), request plumbing left out:",
    ]
    total = session.duration
    interesting = [
        (name, seconds)
        for name, seconds in cumulative.items()
        if not name.startswith("[self]") and not any(part in name for part in PLUMBING)
    ]
    for name, seconds in sorted(interesting, key=lambda item: -item[1])[:top]:
        lines.append(f"  {seconds * per_request:7.1f} ms {seconds / total:5.0%}  {name}")
    lines += ["", f"Top {top} own time:"]
    for name, seconds in sorted(own.items(), key=lambda item: -item[1])[:top]:
        lines.append(f"  {seconds * per_request:7.1f} ms {seconds / total:5.0%}  {name}")
    return "\n".join(lines) + "\n"


PAGES = {
    "home": None,
    "press list": None,
    "release detail": None,
    "agreement list": None,
    "agreement detail": None,
    "sites list": None,
    "map GeoJSON": None,
    "search, cancer": "search-cancer",
    "search, few matches": None,
    "search, many matches": None,
    "API press releases": None,
    "API organisations": "/api/v1/organisations/",
    "RSS feed": None,
    "trivial view": None,
}


def targets():
    """Return ``[(label, path)]``: the benchmark's pages (bench/pages.py) and a few more."""
    import importlib.util

    from django.urls import reverse
    from django.utils.translation import override

    spec = importlib.util.spec_from_file_location("bench_pages", HERE / "pages.py")
    pages = importlib.util.module_from_spec(spec)  # not "import pages": that is the site's app of that name
    spec.loader.exec_module(pages)
    known = dict(pages.paths())
    with override("fr"):
        search = reverse("search:results")
    extra = {"search-cancer": f"{search}?q=cancer"}
    chosen = []
    for label, source in PAGES.items():
        path = known.get(label) if source is None else extra.get(source, source)
        chosen.append((label, path))
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/inserm_bench"),
    )
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--interval", type=float, default=0.0005, help="pyinstrument's sampling interval (s).")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--pages", type=lambda text: text.split(";"), help="Only these labels (separated by ;).")
    parser.add_argument("--out", help="Folder to write one <label>.txt per page into (printed otherwise).")
    args = parser.parse_args()
    configure(args.database_url)

    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    timer = Timer()
    summary = [
        "| page | wall ms | SQL ms | queries | templates ms | other ms | after a change ms | queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path in targets():
        if args.pages and label not in args.pages:
            continue
        for _ in range(3):  # warm up: connections, template loader, per-process caches
            fetch(client, path)
        with connection.execute_wrapper(timer), timer.watching_templates():
            cold, cold_queries = after_a_change(client, path, timer)
            figures = split(client, path, args.requests, timer)
        figures.update(cold=cold, cold_queries=cold_queries)
        session = profiled(client, path, args.requests, args.interval)
        text = report(label, path, figures, session, args.requests, args.top)
        summary.append(
            f"| {label} | {figures['wall']:.1f} | {figures['sql']:.1f} | {figures['queries']:.0f} | "
            f"{figures['template']:.1f} | {figures['other']:.1f} | {cold:.1f} | {cold_queries:.0f} |"
        )
        if args.out:
            folder = Path(args.out)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{label.replace(',', '').replace(' ', '-').lower()}.txt").write_text(text)
        print(text, flush=True)
    print("\n".join(summary))


if __name__ == "__main__":
    main()
