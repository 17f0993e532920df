"""Benchmark: building the demo institute, and serving each role's home page on it.

    python -m bench.foundation [--requests N]

Builds the demo into a fresh SQLite file under a temporary folder, then requests each demo
sign-in's home page N times through Django's test client. Prints wall time, peak memory,
and the median and 95th percentile of the page times. Run by hand; never by the suite.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import statistics
import sys
import tempfile
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--requests", type=int, default=30, help="page requests per role (default 30)"
    )
    args = parser.parse_args(argv)
    if args.requests < 1:
        parser.error("--requests must be at least 1")

    folder = tempfile.mkdtemp(prefix="translink-bench-")
    os.environ.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "SECURE": "0",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "translink.settings")
    import django

    django.setup()
    logging.disable(logging.INFO)  # the security log's sign-in lines would drown the figures
    from django.core.management import call_command
    from django.test import Client

    from translink.accounts.demo import demo_logins
    from translink.accounts.models import User

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", quiet_logins=True, stdout=quiet, stderr=quiet)
    load_seconds = time.perf_counter() - started
    print(f"demo institute: built in {load_seconds:.1f} s")

    print(f"{'role':<24} {'median ms':>10} {'p95 ms':>8}")
    for role, email in demo_logins():
        client = Client()
        client.force_login(User.objects.get(email=email))
        times = []
        for _ in range(args.requests):
            begin = time.perf_counter()
            response = client.get("/")
            times.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (role, response.status_code)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(f"{role:<24} {statistics.median(times):>10.1f} {p95:>8.1f}")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
