"""The command line: ``python -m translink.regulatory.rules EVENT [options]``.

Prints one JSON object a line per obligation or effect date the event creates, earliest
first. Bad arguments get one line on stderr that names the argument, and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from translink.regulatory.rules.deadlines import Deadline, deadlines_for
from translink.regulatory.rules.events import (
    PHASES,
    Event,
    FirstEnrollment,
    FollowUp,
    IndEffective,
    IndReceipt,
    InvestigatorAdded,
    PrimaryCompletion,
    Susar,
)

PROG = "python -m translink.regulatory.rules"
EVENTS = (
    "ind-receipt",
    "ind-effective",
    "susar",
    "followup",
    "new-investigator",
    "first-enrollment",
    "primary-completion",
)
_TRIAL_EVENTS = ("first-enrollment", "primary-completion")
_PHASE_1_NOTE = (
    "note: a phase 1 study is not an applicable clinical trial (42 CFR 11.10), so it has no "
    "federal ClinicalTrials.gov deadline; NIH, ICMJE or contract duties may still apply"
)


class _Parser(argparse.ArgumentParser):
    """argparse, with its complaint on one line (no usage block)."""

    def error(self, message: str) -> NoReturn:
        """Print ``message`` on one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _calendar_date(text: str) -> date:
    """A YYYY-MM-DD date that exists."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a calendar date in YYYY-MM-DD form")


def _phase(text: str) -> int:
    """A study phase, 1 to 4."""
    if text in {str(phase) for phase in PHASES}:
        return int(text)
    raise argparse.ArgumentTypeError(f"the phase must be 1, 2, 3 or 4, not {text!r}")


def build_parser() -> argparse.ArgumentParser:
    """The command's arguments."""
    parser = _Parser(prog=PROG, description="Deadlines of 21 CFR 312 and 42 CFR 11 for one event.")
    parser.add_argument("event", metavar="EVENT", choices=EVENTS, help=", ".join(EVENTS))
    parser.add_argument(
        "--date",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help="day 0 of the event (not for susar)",
    )
    parser.add_argument(
        "--received",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help="susar: sponsor's initial receipt",
    )
    parser.add_argument(
        "--qualified",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help="susar: determined to qualify",
    )
    parser.add_argument("--fatal", action="store_true", help="susar: fatal or life-threatening")
    parser.add_argument(
        "--phase", type=_phase, metavar="N", help="study phase, 1-4 (trial events only)"
    )
    return parser


def _susar_refusal(args: argparse.Namespace) -> str | None:
    """What is wrong with the options of a ``susar``, if anything."""
    if args.date is not None:
        return "argument --date: susar starts its clocks at --received and --qualified"
    if args.qualified is None:
        return "argument --qualified: susar needs the day the report qualified (YYYY-MM-DD)"
    if args.fatal and args.received is None:
        return "argument --received: --fatal needs the day of the sponsor's initial receipt"
    if args.received is not None and args.qualified < args.received:
        return (
            f"argument --qualified: {args.qualified} is before --received {args.received}; "
            "a report cannot qualify before it is received"
        )
    return None


def _dated_refusal(args: argparse.Namespace) -> str | None:
    """What is wrong with the options of an event dated by ``--date``, if anything."""
    if args.date is None:
        return f"argument --date: {args.event} needs --date YYYY-MM-DD, its day 0"
    for name in ("received", "qualified", "fatal"):
        if getattr(args, name) not in (None, False):
            return f"argument --{name}: applies only to susar"
    return None


def refusal(args: argparse.Namespace) -> str | None:
    """The first problem with a parsed command line, as a message naming the argument."""
    problem = _susar_refusal(args) if args.event == "susar" else _dated_refusal(args)
    if problem is None and args.phase is not None and args.event not in _TRIAL_EVENTS:
        problem = "argument --phase: applies only to first-enrollment and primary-completion"
    return problem


def event_from(args: argparse.Namespace) -> Event:
    """The event a valid command line describes."""
    day0: date = args.date
    match args.event:
        case "ind-receipt":
            return IndReceipt(fda_received=day0)
        case "ind-effective":
            return IndEffective(effective=day0)
        case "susar":
            return Susar(args.received, args.qualified, fatal_or_life_threatening=args.fatal)
        case "followup":
            return FollowUp(received=day0)
        case "new-investigator":
            return InvestigatorAdded(signed_1572=day0)
        case "first-enrollment":
            return FirstEnrollment(enrolled=day0, phase=args.phase)
        case _:
            return PrimaryCompletion(completed=day0, phase=args.phase)


def as_json(deadline: Deadline) -> str:
    """One output line."""
    fields = {
        "rule": deadline.rule,
        "title": deadline.title,
        "kind": deadline.kind.value,
        "day0": deadline.day0.isoformat(),
        "due": deadline.due.isoformat(),
        "submit_by": deadline.submit_by.isoformat() if deadline.submit_by else None,
        "opens": deadline.opens.isoformat() if deadline.opens else None,
        "citation": deadline.citation,
        "version": deadline.version,
        "verify": deadline.verify,
    }
    return json.dumps(fields, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 on success (argparse exits with 2 on bad arguments)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    problem = refusal(args)
    if problem is not None:
        parser.error(problem)
    for deadline in deadlines_for(event_from(args)):
        print(as_json(deadline))
    if args.event in _TRIAL_EVENTS and args.phase == 1:
        print(_PHASE_1_NOTE, file=sys.stderr)
    return 0
