"""CP-SAT's team against brute force over every combination, on small random alliances."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from translink.matching.teams import Candidate, Team, TeamStatus, build_team, scaled

DEPARTMENTS = ["Neurology", "Radiology", "Oncology"]
SPECIALTIES = ["MRI", "PET imaging", "EEG", "genomics"]


@st.composite
def alliances(draw):
    count = draw(st.integers(1, 10))
    candidates = [
        Candidate(
            key=f"c{i}",
            departments=tuple(draw(st.sets(st.sampled_from(DEPARTMENTS), max_size=2))),
            specialties=tuple(draw(st.sets(st.sampled_from(SPECIALTIES), max_size=2))),
            affinity=draw(st.floats(0, 1, allow_nan=False)),
        )
        for i in range(count)
    ]
    required = sorted(draw(st.sets(st.sampled_from(SPECIALTIES), max_size=3)))
    return candidates, required, draw(st.integers(1, 4)), draw(st.integers(0, 3))


def valid(members, required, size, minimum):
    held = {s for c in members for s in c.specialties}
    departments = {d for c in members for d in c.departments}
    return len(members) == size and set(required) <= held and len(departments) >= minimum


def brute_force_best(candidates, required, size, minimum):
    totals = [
        sum(scaled(c.affinity) for c in team)
        for team in combinations(candidates, size)
        if valid(team, required, size, minimum)
    ]
    return max(totals, default=None)


def chosen(team: Team, candidates):
    by_key = {c.key: c for c in candidates}
    return [by_key[m.key] for m in team.members]


@settings(max_examples=300, deadline=None)
@given(alliances())
def test_it_reaches_the_brute_force_optimum_and_greedy_never_beats_it(alliance):
    candidates, required, size, minimum = alliance
    best = brute_force_best(candidates, required, size, minimum)
    proposal = build_team(candidates, required, size, minimum)
    if best is None:
        assert proposal.status == TeamStatus.INFEASIBLE
        assert proposal.optimal is None and proposal.greedy is None
        return
    assert proposal.status == TeamStatus.OPTIMAL
    assert proposal.optimal is not None
    assert valid(chosen(proposal.optimal, candidates), required, size, minimum)
    assert proposal.optimal.scaled_total == best
    if proposal.greedy is not None:
        assert valid(chosen(proposal.greedy, candidates), required, size, minimum)
        assert proposal.greedy.scaled_total <= best
