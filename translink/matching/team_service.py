"""The team builder on the institute's researchers: the engine's affinity for the problem,
the researchers' departments and specialties, through the walls, into the exact solver."""

from __future__ import annotations

from typing import Any

from translink.matching.experts import candidates, rank_stored
from translink.matching.teams import Candidate, TeamProposal, build_team
from translink.people.models import Researcher

POOL = 200  # the best-matching researchers the solver chooses among


def propose_team(
    user: Any, problem: str, required: list[str], size: int, min_departments: int = 2
) -> tuple[TeamProposal, dict[str, Researcher]]:
    """The proposal, and the researchers its keys name (for the page)."""
    ranking = rank_stored(candidates(user), problem, POOL)
    found = Researcher.objects.prefetch_related("departments").in_bulk(
        [int(r.researcher_key) for r in ranking.researchers]
    )
    pool = [
        Candidate(
            key=r.researcher_key,
            departments=tuple(d.name for d in found[int(r.researcher_key)].departments.all()),
            specialties=tuple(found[int(r.researcher_key)].specialties),
            affinity=max(0.0, float(r.score)),
        )
        for r in ranking.researchers
    ]
    proposal = build_team(pool, required, size, min_departments)
    return proposal, {str(pk): researcher for pk, researcher in found.items()}
