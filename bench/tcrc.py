"""Benchmark: the exact unit planner (CP-SAT) beside the greedy baseline on generated units.

    python -m bench.tcrc --studies N [--seed S] [--time-limit SECONDS] [--instances K]
                         [--days D] [--quote]

Generates K instances (seeds S, S+1, ...) of N studies on the 18-bed unit over D days
(default 182, six months), plans each with CP-SAT and with the greedy first-come,
first-served planner, validates both plans with the independent validator, and prints one
JSON object a line per instance and planner: ``instance``, ``planner`` (cpsat or greedy),
``cohorts``, ``placed``, ``objective``, ``bound`` and ``gap`` (null for greedy, which proves
nothing), ``seconds``, ``valid``, and the lateness in cohort-days (``late_days``). With
``--quote`` it also books the CP-SAT plan and times a capacity quote for a new 6-cohort
study on that full calendar. Run by hand; never by the suite.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from translink.tcrc.solver.cpsat import plan_cpsat
from translink.tcrc.solver.generator import generate
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.instance import Instance
from translink.tcrc.solver.plan import Plan
from translink.tcrc.solver.quote import quote
from translink.tcrc.solver.validator import validate


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    for number in range(args.instances):
        seed = args.seed + number
        instance = generate(args.studies, seed, days=args.days)
        name = f"studies={args.studies} seed={seed}"
        cpsat = plan_cpsat(instance, time_limit=args.time_limit)
        for plan in (cpsat, plan_greedy(instance)):
            print(json.dumps(_line(name, instance, plan)), flush=True)
        if args.quote:
            print(json.dumps(_quote_line(name, instance, cpsat)), flush=True)
    return 0


def _line(name: str, instance: Instance, plan: Plan) -> dict[str, object]:
    proves = plan.planner == "cpsat" and plan.days
    late = sum(
        max(0, d - (c.target or d))
        for c in instance.cohorts
        if (d := plan.days.get(c.key)) is not None
    )
    return {
        "instance": name,
        "planner": plan.planner,
        "status": str(plan.status),
        "cohorts": len(instance.cohorts),
        "placed": plan.placed(),
        "objective": plan.objective,
        "bound": plan.bound if proves else None,
        "gap": round(plan.gap, 5) if proves else None,
        "seconds": round(plan.seconds, 2),
        "valid": validate(instance, plan).valid,
        "late_days": late,
    }


def _quote_line(name: str, instance: Instance, plan: Plan) -> dict[str, object]:
    booked = tuple(
        replace(c, fixed_day=plan.days[c.key]) for c in instance.cohorts if c.key in plan.days
    )
    unit = Instance(instance.unit, booked)
    newcomer = generate(1, 10_000 + len(booked), days=instance.unit.days, max_cohorts=6)
    study = tuple(replace(c, key="Q-" + c.key, study="Q", earliest=0) for c in newcomer.cohorts)
    lags = tuple(
        replace(r, before="Q-" + r.before, after="Q-" + r.after) for r in newcomer.precedences
    )
    answer = quote(unit, study, lags)
    return {
        "instance": name,
        "planner": "quote",
        "cohorts": len(study),
        "fits": answer.fits,
        "start": answer.start,
        "finish": answer.finish,
        "blocked_by": sorted(answer.blocked),
        "limits": [limit.resource for limit in answer.limits],
        "partial": len(answer.partial),
        "seconds": round(answer.seconds, 3),
    }


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.tcrc", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--studies", type=int, required=True, help="studies per instance (1 to 200)"
    )
    parser.add_argument("--seed", type=int, default=1, help="the first instance's seed (default 1)")
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="CP-SAT's limit in seconds (default 60)"
    )
    parser.add_argument("--instances", type=int, default=1, help="how many instances (default 1)")
    parser.add_argument("--days", type=int, default=182, help="horizon in days (default 182)")
    parser.add_argument(
        "--quote", action="store_true", help="also time a capacity quote on the booked plan"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.studies <= 200:
        parser.error("--studies must be between 1 and 200")
    if not args.time_limit > 0:
        parser.error("--time-limit must be a positive number of seconds")
    if not 1 <= args.instances <= 100:
        parser.error("--instances must be between 1 and 100")
    if not 28 <= args.days <= 730:
        parser.error("--days must be between 28 and 730")
    return args


if __name__ == "__main__":
    sys.exit(main())
