"""Team builder: the alliance team of highest total affinity, solved exactly, with a baseline.

Pure: no Django, no database. Plain dataclasses in, plain dataclasses out.

Input contract
--------------
``candidates``: sequence of :class:`Candidate`
    ``key`` (str): unique among the candidates; returned in the team.
    ``departments`` (tuple of str): the departments the candidate belongs to, compared
        exactly; may be empty (the candidate then adds no department to the team).
    ``specialties`` (tuple of str): what the candidate can do. A required specialty is
        held when one of them contains each of its words (:func:`covers`): "PET imaging"
        is held by "tau PET imaging", "microglia" by "microglial biology", "biomarker" by
        "fluid biomarkers of neurodegeneration"; case and runs of spaces do not count.
    ``affinity`` (float, finite, >= 0): the matching engine's score of the candidate for
        the alliance problem's text (``RankedResearcher.score``).
``required``: sequence of str
    Specialties the team must cover, each held by at least one member. Repeats (after
    folding) count once; may be empty.
``size``: int >= 1
    The exact number of members.
``min_departments``: int >= 0, default 2
    How many distinct departments the members' departments together must span.

A malformed input (repeated key, negative or non-finite affinity, ``size`` < 1,
``min_departments`` < 0) raises ``ValueError``. A request no team can meet is not an error:
the proposal says ``infeasible`` and why.

Exactness: CP-SAT works on integers, so each affinity is scaled by ``AFFINITY_SCALE``
(10,000) and rounded (0.61234 counts as 6123). The team is optimal for those integers:
exact to 1/10,000 of affinity per member, far finer than the engine's scores mean.

Output: a :class:`TeamProposal` with ``status`` (optimal, not proven within the time
limit, or infeasible), a ``reason`` sentence, the ``optimal`` team (None when infeasible)
and the ``greedy`` baseline's team (pick by affinity, then repair coverage and departments;
None when the repair fails). Each :class:`TeamMember` says why they are there.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ortools.sat.python import cp_model

AFFINITY_SCALE = 10_000
TIME_LIMIT_SECONDS = 10.0


@dataclass(frozen=True)
class Candidate:
    """A researcher who could join the team (see the module's input contract)."""

    key: str
    departments: tuple[str, ...]
    specialties: tuple[str, ...]
    affinity: float


@dataclass(frozen=True)
class TeamMember:
    """A chosen candidate, the required specialties they cover, and why they are there."""

    key: str
    affinity: float
    departments: tuple[str, ...]
    covers: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Team:
    """Members best affinity first (ties by key) and the departments they span."""

    members: tuple[TeamMember, ...]
    departments: tuple[str, ...]

    @property
    def total_affinity(self) -> float:
        """The sum of the members' affinities."""
        return sum(member.affinity for member in self.members)

    @property
    def scaled_total(self) -> int:
        """The total the solver maximized: the sum of the members' scaled affinities."""
        return sum(scaled(member.affinity) for member in self.members)


class TeamStatus(StrEnum):
    OPTIMAL = "optimal"
    NOT_PROVEN = "not_proven"
    INFEASIBLE = "infeasible"


@dataclass(frozen=True)
class TeamProposal:
    """The exact answer (with its status and reason) beside the greedy baseline."""

    status: TeamStatus
    reason: str
    optimal: Team | None
    greedy: Team | None


def scaled(affinity: float) -> int:
    """An affinity as the solver's integer weight: times ``AFFINITY_SCALE``, rounded."""
    return round(affinity * AFFINITY_SCALE)


def fold(specialty: str) -> str:
    """A specialty as compared: lower-cased, spaces folded."""
    return " ".join(specialty.split()).casefold()


# Words a specialty needs no match for: "biology of the microbiome" asks for the other two.
_FILLER = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})
# Endings that make another word of the same stem, longest first: "microglia" and
# "microglial", "neuroinflammation" and "neuroinflammatory", "genetic" and "genetics",
# "imaging" and "image". One is taken off, after a plural, when a stem of four letters stays.
_ENDINGS = (
    "ations",
    "ation",
    "atory",
    "ical",
    "ial",
    "ing",
    "ity",
    "ia",
    "ic",
    "al",
    "y",
    "e",
    "a",
)
_SHORTEST_STEM = 4


def _words(specialty: str) -> list[str]:
    """The specialty's words, folded, split at spaces, hyphens and slashes."""
    text = fold(specialty).replace("\u2019", "'")  # a typographic apostrophe is one too
    spaced = "".join(ch if ch.isalnum() or ch == "'" else " " for ch in text)
    return [w.removesuffix("'s") for w in spaced.split() if w not in _FILLER]


def _stem(word: str) -> str:
    """``word`` without a plural and one ending of :data:`_ENDINGS`, by rule alone: never
    a dictionary's stem, but the same for the spellings a specialty is asked in."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM:
            return word[: -len(ending)]
    return word


def covers(asked: str, held: str) -> bool:
    """Whether the specialty ``held`` meets the required ``asked``: each word of ``asked``
    appears in ``held``, in any order, as the same :func:`_stem` ("PET imaging" in "tau
    PET imaging"; not "neuron" in "neurology" nor "protein" in "proteomics")."""
    wanted = {_stem(w) for w in _words(asked)}
    return bool(wanted) and wanted <= {_stem(w) for w in _words(held)}


@dataclass(frozen=True)
class _Problem:
    """The request, checked, with specialties folded once."""

    candidates: tuple[Candidate, ...]
    required: dict[str, str]  # folded -> as the caller spelled it
    size: int
    min_departments: int
    holds: tuple[frozenset[str], ...]  # the folded required specialties each candidate meets

    @classmethod
    def of(
        cls, candidates: Sequence[Candidate], required: Sequence[str], size: int, minimum: int
    ) -> _Problem:
        _check(candidates, size, minimum)
        spelled: dict[str, str] = {}
        for specialty in required:
            spelled.setdefault(fold(specialty), specialty)
        holds = tuple(
            frozenset(r for r in spelled if any(covers(r, s) for s in c.specialties))
            for c in candidates
        )
        return cls(tuple(candidates), spelled, size, minimum, holds)

    def holders(self, specialty: str) -> list[int]:
        """Positions of the candidates holding the folded ``specialty``."""
        return [i for i, held in enumerate(self.holds) if specialty in held]

    def departments(self, members: Sequence[int]) -> set[str]:
        """The distinct departments of the candidates at ``members``."""
        return {d for i in members for d in self.candidates[i].departments}

    def uncovered(self, members: Sequence[int], among: Sequence[str]) -> list[str]:
        """The folded specialties of ``among`` no candidate at ``members`` holds."""
        return [s for s in among if not any(s in self.holds[i] for i in members)]


def _check(candidates: Sequence[Candidate], size: int, minimum: int) -> None:
    keys = [c.key for c in candidates]
    if len(set(keys)) != len(keys):
        raise ValueError("candidate keys must be unique")
    for c in candidates:
        if not math.isfinite(c.affinity) or c.affinity < 0:
            raise ValueError(f"affinity of {c.key!r} must be a finite number >= 0")
    if size < 1:
        raise ValueError("team size must be at least 1")
    if minimum < 0:
        raise ValueError("minimum number of departments must be at least 0")


def build_team(
    candidates: Sequence[Candidate],
    required: Sequence[str],
    size: int,
    min_departments: int = 2,
    time_limit_seconds: float = TIME_LIMIT_SECONDS,
) -> TeamProposal:
    """The team of highest total affinity that has ``size`` members, covers ``required``
    and spans ``min_departments``, solved with CP-SAT, beside the greedy baseline.

    Infeasible: ``optimal`` and ``greedy`` are None and ``reason`` names the obstacle (a
    specialty no candidate has, too few departments, too few candidates, or the
    constraints together). Not proven: the best team found within the time limit.
    """
    problem = _Problem.of(candidates, required, size, min_departments)
    obstacle = _obvious_obstacle(problem)
    if obstacle:
        return TeamProposal(TeamStatus.INFEASIBLE, obstacle, None, None)
    status, chosen = _solve(_model(problem), problem, time_limit_seconds)
    if chosen is None:
        if status == cp_model.INFEASIBLE:
            return TeamProposal(TeamStatus.INFEASIBLE, _diagnose(problem), None, None)
        reason = f"no team was found within {time_limit_seconds:g} s"
        return TeamProposal(TeamStatus.NOT_PROVEN, reason, None, _greedy(problem))
    optimal = _team(problem, chosen)
    greedy = _greedy(problem)
    if status == cp_model.OPTIMAL:
        return TeamProposal(TeamStatus.OPTIMAL, "the best team possible", optimal, greedy)
    reason = f"the best team found within {time_limit_seconds:g} s, not proven the best"
    return TeamProposal(TeamStatus.NOT_PROVEN, reason, optimal, greedy)


def _obvious_obstacle(problem: _Problem) -> str:
    """Why no team can exist, when the candidates alone show it; else ''."""
    count = len(problem.candidates)
    if problem.size > count:
        return f"too few candidates: a team of {problem.size} was asked for, {count} are available"
    missing = [problem.required[s] for s in problem.uncovered(range(count), list(problem.required))]
    if missing:
        return f"no candidate has {_listed(missing, 'or')}"
    spanned = problem.departments(range(count))
    if len(spanned) < problem.min_departments:
        return (
            f"too few departments: the candidates span {len(spanned)}, "
            f"at least {problem.min_departments} are required"
        )
    return ""


def _model(
    problem: _Problem, *, cover: bool = True, span: bool = True, size: bool = True
) -> tuple[cp_model.CpModel, list[cp_model.IntVar], list[cp_model.IntVar]]:
    """The constraints asked for (objective left to the caller): chosen and spanned vars."""
    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"chosen_{i}") for i in range(len(problem.candidates))]
    if size:
        model.add(sum(chosen) == problem.size)
    if cover:
        for specialty in problem.required:
            model.add_bool_or([chosen[i] for i in problem.holders(specialty)])
    spanned = []
    for department in sorted(problem.departments(range(len(chosen)))):
        members = [
            x
            for x, c in zip(chosen, problem.candidates, strict=True)
            if department in c.departments
        ]
        spanned.append(model.new_bool_var(f"spans_{department}"))
        model.add_bool_or(members).only_enforce_if(spanned[-1])
    if span and problem.min_departments > 0:
        model.add(sum(spanned) >= problem.min_departments)
    return model, chosen, spanned


def _solve(
    built: tuple[cp_model.CpModel, list[cp_model.IntVar], list[cp_model.IntVar]],
    problem: _Problem,
    time_limit_seconds: float = TIME_LIMIT_SECONDS,
) -> tuple[cp_model.CpSolverStatus, list[int] | None]:
    """Maximize total scaled affinity; the solver's status and the chosen positions."""
    model, chosen, _ = built
    model.maximize(
        sum(scaled(c.affinity) * x for c, x in zip(problem.candidates, chosen, strict=True))
    )
    solver = _solver(time_limit_seconds)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None
    return status, [i for i, x in enumerate(chosen) if solver.boolean_value(x)]


def _solver(time_limit_seconds: float = TIME_LIMIT_SECONDS) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_seconds
    # One worker: the same request always gets the same team, even among equal totals.
    solver.parameters.num_workers = 1
    return solver


def _diagnose(problem: _Problem) -> str:
    """Why the solver found no team: coverage, departments, or the two together."""
    model, chosen, _ = _model(problem, span=False, size=False)
    model.minimize(sum(chosen))
    solver = _solver()
    if solver.solve(model) == cp_model.OPTIMAL and solver.objective_value > problem.size:
        spelled = _listed(list(problem.required.values()), "and")
        return (
            f"covering {spelled} takes at least {round(solver.objective_value)} members; "
            f"the team has {problem.size}"
        )
    model, chosen, spanned = _model(problem, cover=False, span=False)
    model.maximize(sum(spanned))
    if solver.solve(model) == cp_model.OPTIMAL and solver.objective_value < problem.min_departments:
        return (
            f"too few departments: a team of {problem.size} spans at most "
            f"{round(solver.objective_value)}, at least {problem.min_departments} are required"
        )
    return (
        f"no team of {problem.size} both covers the specialties and spans "
        f"{problem.min_departments} departments"
    )


def _greedy(problem: _Problem) -> Team | None:
    """The baseline: the ``size`` best by affinity, then swaps that repair coverage, then
    swaps that add departments, each time the best outsider in for the weakest member
    who can leave. None when a repair finds no swap (a team may still exist)."""
    order = sorted(range(len(problem.candidates)), key=lambda i: -problem.candidates[i].affinity)
    team: list[int] | None = order[: problem.size]
    needed = list(problem.required)
    for at, specialty in enumerate(needed):
        if team is not None and problem.uncovered(team, [specialty]):
            team = _cover(problem, team, order, needed[: at + 1])
    while team is not None and len(problem.departments(team)) < problem.min_departments:
        team = _widen(problem, team, order)
    return None if team is None else _team(problem, team)


def _cover(
    problem: _Problem, team: list[int], order: list[int], handled: list[str]
) -> list[int] | None:
    """One swap that covers the last of ``handled`` and keeps the others covered."""
    specialty = handled[-1]
    return _swap_in(
        team,
        order,
        lambda i: specialty in problem.holds[i],
        lambda trial: not problem.uncovered(trial, handled),
    )


def _widen(problem: _Problem, team: list[int], order: list[int]) -> list[int] | None:
    """One swap that adds a department and keeps every required specialty covered."""
    current = problem.departments(team)
    needed = list(problem.required)
    return _swap_in(
        team,
        order,
        lambda i: bool(set(problem.candidates[i].departments) - current),
        lambda trial: (
            not problem.uncovered(trial, needed) and len(problem.departments(trial)) > len(current)
        ),
    )


def _swap_in(
    team: list[int],
    order: list[int],
    wanted: Callable[[int], bool],
    keeps: Callable[[list[int]], bool],
) -> list[int] | None:
    """``team`` with the best wanted outsider swapped for its weakest member such that
    ``keeps`` holds for the result; None when no such swap exists."""
    weakest_first = [i for i in reversed(order) if i in team]
    for incoming in order:
        if incoming in team or not wanted(incoming):
            continue
        for outgoing in weakest_first:
            trial = [i for i in team if i != outgoing] + [incoming]
            if keeps(trial):
                return trial
    return None


def _team(problem: _Problem, members: Sequence[int]) -> Team:
    """The chosen positions as a :class:`Team`, each member with their reason."""
    candidates = problem.candidates
    built = []
    for i in members:
        c = candidates[i]
        place = 1 + sum(other.affinity > c.affinity for other in candidates)
        covers = tuple(spelled for s, spelled in problem.required.items() if s in problem.holds[i])
        built.append(
            TeamMember(c.key, c.affinity, c.departments, covers, _reason(c, covers, place))
        )
    built.sort(key=lambda m: (-m.affinity, m.key))
    return Team(tuple(built), tuple(sorted(problem.departments(members))))


def _reason(candidate: Candidate, met: tuple[str, ...], place: int) -> str:
    """Why the member is there: "covers PET imaging (tau PET imaging); 2nd-highest affinity
    0.61; from Neurology", the specialty held in brackets when worded otherwise."""
    named = []
    for asked in met:
        held = next((s for s in candidate.specialties if covers(asked, s)), asked)
        named.append(asked if fold(held) == fold(asked) else f"{asked} ({held})")
    parts = [f"covers {_listed(named, 'and')}"] if met else []
    rank = "highest" if place == 1 else f"{_ordinal(place)}-highest"
    parts.append(f"{rank} affinity {candidate.affinity:.2f}")
    if candidate.departments:
        parts.append(f"from {_listed(list(candidate.departments), 'and')}")
    return "; ".join(parts)


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    if 10 <= number % 100 <= 20:
        suffix = "th"
    return f"{number}{suffix}"


def _listed(items: list[str], conjunction: str) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
