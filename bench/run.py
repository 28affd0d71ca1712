#!/usr/bin/env python3
"""Benchmark the public site: synthetic content in PostgreSQL, gunicorn in production settings, wrk on loopback.

Prints, per scale and with the page cache off and on, a table of req/s, p50, p99, SQL queries per request
and throughput as a ratio of /bench/trivial/ (a bare view behind the same middleware stack, same run),
then the p99 ratio between the largest and the smallest scale, and the peak RSS of a gunicorn worker.

    bench/run.py                       # 1 000 and 100 000 releases, 5 s per page
    bench/run.py --scales 1000 --duration 10 --skip-seed
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/inserm_bench"
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_wrk():
    """Install wrk (Debian package) when it is missing."""
    if shutil.which("wrk"):
        return
    log("wrk is missing: installing the Debian package")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*prefix, "apt-get", "install", "-y", "wrk"], check=True)


def ensure_database(database_url):
    """Create the benchmark's database (PostgreSQL's ``createdb``) when it does not exist yet."""
    url = urllib.parse.urlsplit(database_url)
    name = urllib.parse.unquote(url.path.lstrip("/"))
    options = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    env = dict(os.environ, PGPASSWORD=urllib.parse.unquote(url.password)) if url.password else None
    query = "SELECT 1 FROM pg_database WHERE datname = :'name'"
    found = subprocess.run(
        ["psql", *options, "-d", "postgres", "-v", f"name={name}", "-tA"],
        input=query,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    if found.stdout.strip() != "1":
        log(f"Creating the database {name}")
        subprocess.run(["createdb", *options, name], env=env, check=True)


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, cache_on, static_root):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY="benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        BENCH_VIEWS="1",
        PAGE_CACHE="1" if cache_on else "0",
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
        API_ANON_RATE="100000000/min",  # the throttle would answer 429 to wrk
    )
    return env


def pages(env):
    """Return ``[(label, path, queries)]``: the URLs to drive, and the SQL queries each costs (Django test client)."""
    script = ROOT / "bench" / "pages.py"
    output = subprocess.run([PYTHON, str(script)], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    rows = []
    for line in output.splitlines():
        label, path, queries = line.split("\t")
        rows.append((label, path, int(queries)))
    return rows


def start_gunicorn(env, port, workers):
    process = subprocess.Popen(
        [
            GUNICORN,
            "inserm_cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial/", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not answer within 30 s")


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def peak_rss_mb(pids):
    peaks = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
            if match:
                peaks.append(int(match.group(1)) / 1024)
    return max(peaks, default=0.0)


def to_ms(text):
    """Return a wrk latency ("12.5ms", "1.2s") in ms; NaN when wrk has none (no request finished)."""
    found = re.fullmatch(r"([\d.]+(?:e[+-]?\d+)?)(us|ms|s|m)", text.strip())
    if not found:
        log(f"  unreadable wrk latency: {text!r}")
        return float("nan")
    return float(found.group(1)) * UNITS[found.group(2)]


def drive(url, duration, connections, threads, accept_encoding):
    """Run wrk on ``url``; return req/s, p50 and p99 in ms, the count of non-2xx/3xx answers and timeouts, and the
    size in kB of the body as sent (compressed when the server compressed it).

    Each request says ``Accept-Encoding: accept_encoding`` (what a browser says, unless told otherwise). A page
    that fails its first request is not driven: -1 failures, no latency.
    """
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    try:
        # The page works (and fills the shared page cache); urllib does not decompress, so this is the size sent.
        size = len(urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60).read()) / 1024
    except OSError as error:  # HTTPError included: the page fails before wrk even starts
        log(f"  {url}: {error}")
        return 0.0, float("nan"), float("nan"), -1, float("nan")
    header = ["-H", f"Accept-Encoding: {accept_encoding}"] if accept_encoding else []
    # Warm every worker, not only the one that answered: each keeps per-generation values in its own memory
    # (local-memory cache), and the first request after a content change computes them. The figures are the
    # steady state; `bench/profile.py` reports that first request on its own.
    subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", "-d2s", "--timeout", "30s", *header, url],
        check=True,
        capture_output=True,
    )
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency", *header, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # The latency distribution's own lines ("     99%   12.50ms"), not a stdev share such as "75.99%" that ends a line.
    p50, p99 = (re.search(rf"^\s*{share}%\s+(\S+)", output, re.MULTILINE) for share in (50, 99))
    p50, p99 = (to_ms(found.group(1)) if found else float("nan") for found in (p50, p99))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    failed = (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)
    return rps, p50, p99, failed, size


def run_scale(args, scale, static_root):
    results = {}
    for cache_on in {"off": (False,), "on": (True,), "both": (False, True)}[args.cache]:
        env = production_env(args.database_url, cache_on, static_root)
        rows = [row for row in pages(env) if not args.pages or row[0] in args.pages or row[0] == "trivial view"]
        port = free_port()
        server = start_gunicorn(env, port, args.workers)
        try:
            measured = {}
            for label, path, queries in rows:
                address = f"http://127.0.0.1:{port}{path}"
                rps, p50, p99, errors, size = drive(address, args.duration, args.connections, 2, args.accept_encoding)
                measured[label] = (path, rps, p50, p99, queries, errors, size)
                log(f"  {scale} cache {'on' if cache_on else 'off'}: {label}: {rps:.0f} req/s, p99 {p99:.1f} ms")
            rss = peak_rss_mb(worker_pids(server.pid))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        results[cache_on] = (measured, rss)
    return results


def print_table(scale, cache_on, measured, rss):
    trivial = measured["trivial view"][1]
    print(f"\n### {scale} releases, page cache {'on' if cache_on else 'off'} (peak worker RSS {rss:.0f} MB)\n")
    print("| page | req/s | p50 ms | p99 ms | SQL queries | × trivial | errors | kB sent |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, (_path, rps, p50, p99, queries, errors, size) in measured.items():
        ratio = rps / trivial
        print(f"| {label} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {queries} | {ratio:.3f} | {errors} | {size:.1f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--scales", default="1000,100000", help="Comma-separated numbers of press releases.")
    parser.add_argument("--duration", type=int, default=5, help="Seconds of wrk per page.")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-seed", action="store_true", help="Use the content already in the database.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", choices=["off", "on", "both"], default="both", help="Page cache off, on or both.")
    parser.add_argument("--pages", type=lambda text: text.split(";"), help="Only these labels (separated by ;).")
    parser.add_argument(
        "--accept-encoding",
        default="gzip, deflate, br",
        help="The Accept-Encoding header of every request, a browser's by default; '' for none (bodies sent plain).",
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("The benchmark runs on PostgreSQL: give --database-url postgres://…")
    ensure_wrk()
    ensure_database(args.database_url)
    scales = [int(scale) for scale in args.scales.split(",")]
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    setup_env = production_env(args.database_url, False, static_root)
    manage(setup_env, "migrate", "--no-input", "-v0")
    manage(setup_env, "collectstatic", "--no-input", "-v0")
    all_results = {}
    try:
        for scale in scales:
            if not args.skip_seed:
                log(f"Seeding {scale} press releases")
                manage(setup_env, "seed_bulk", "--releases", str(scale), "--seed", str(args.seed), "--force")
                manage(setup_env, "dbshell", "--", "-c", "VACUUM ANALYZE")
            all_results[scale] = run_scale(args, scale, static_root)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    print(f"\nwrk -t2 -c{args.connections} -d{args.duration}s per page, gunicorn --workers {args.workers}, loopback,")
    print(f"Accept-Encoding: {args.accept_encoding or '(none)'}.")
    for scale, results in all_results.items():
        for cache_on, (measured, rss) in results.items():
            print_table(scale, cache_on, measured, rss)
    if len(scales) > 1:
        small, large = min(scales), max(scales)
        print(f"\n### p99 at {large} / p99 at {small} releases\n")
        print("| page | cache off | cache on |")
        print("|---|---:|---:|")
        modes = list(all_results[small])
        for label in all_results[small][modes[0]][0]:
            ratios = {
                cache: all_results[large][cache][0][label][3] / max(all_results[small][cache][0][label][3], 0.001)
                for cache in modes
            }
            print(f"| {label} | {ratios.get(False, float('nan')):.2f} | {ratios.get(True, float('nan')):.2f} |")


if __name__ == "__main__":
    main()
