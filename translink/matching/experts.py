"""Who at the institute can best meet a need: the engine's ranking, through the walls, with
the rules around it (open to industry, capacity, conflicts of interest)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from translink.accounts.policy import MARKET_STAFF, visible
from translink.alliances.queries import BUSY
from translink.market.models import Need
from translink.matching import index
from translink.matching.engine import Corpus, Ranking
from translink.matching.engine.ranking import PROFILE_KEY
from translink.matching.models import DocumentVector
from translink.people.models import Authorship, Disclosure, Publication, Researcher


@dataclass(frozen=True)
class Support:
    title: str
    year: int | None
    similarity: float
    shared_terms: tuple[str, ...]


@dataclass(frozen=True)
class Expert:
    researcher: Researcher
    score: float
    support: tuple[Support, ...]
    shared_terms: tuple[str, ...]
    conflicts: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        """The evidence in plain words."""
        if not self.support:
            return "Matched on the profile's words only."
        best = self.support[0]
        words = (
            ", ".join(self.shared_terms[:5])
            or "none that set it apart; the match is in the meaning"
        )
        papers = f"{len(self.support)} paper{'s' if len(self.support) != 1 else ''}"
        year = best.year or "undated"
        closest = f"the closest is “{best.title}” ({year})"
        return f"{papers} on the subject; {closest}. Shared words: {words}."


@dataclass(frozen=True)
class ExpertList:
    need: Need
    mode: str
    notice: str
    experts: tuple[Expert, ...]
    withheld: int = 0  # left out for a conflict of interest
    notes: tuple[str, ...] = field(default_factory=tuple)


def _with_busy_count(user: Any) -> QuerySet[Researcher]:
    busy = Count(
        "alliance_memberships",
        filter=Q(alliance_memberships__alliance__status__in=BUSY),
        distinct=True,
    )
    found = visible(user, Researcher).filter(open_to_industry=True)
    return found.annotate(busy=busy)


def open_to_industry(user: Any) -> list[int]:
    """Ids of the researchers open to industry this user may see, busy or not."""
    return list(
        visible(user, Researcher)
        .filter(open_to_industry=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def candidates(user: Any) -> list[int]:
    """Ids of the researchers open to industry with room for another alliance (fewer active
    or paused alliances than the most they take on), as this user may see them."""
    found = _with_busy_count(user).filter(max_active_alliances__gt=F("busy"))
    return list(found.order_by("pk").values_list("pk", flat=True))


def at_capacity(user: Any) -> int:
    """How many researchers open to industry this user may see are in as many alliances as
    they take on (for staff: a count of the institute's own alliances)."""
    return _with_busy_count(user).filter(max_active_alliances__lte=F("busy")).count()


def load_researchers(ids: list[int]) -> list[Researcher]:
    """These researchers with their papers, in id order."""
    # One join per researcher's authorships; prefetching the publications through the
    # foreign key would make an OR per paper, which SQLite refuses past a thousand.
    papers = Prefetch("authorships", queryset=Authorship.objects.select_related("publication"))
    return list(Researcher.objects.filter(pk__in=ids).prefetch_related(papers).order_by("pk"))


def conflicts_with(researchers: list[int], need: Need) -> dict[int, tuple[str, ...]]:
    """Current disclosed relationships with the company that posted the need, or with one
    of its competitors."""
    today = timezone.localdate()
    rivals = set(need.company.competitors.values_list("pk", flat=True))
    found: dict[int, list[str]] = {}
    companies = {need.company_id, *rivals}
    for d in Disclosure.objects.filter(researcher_id__in=researchers, company_id__in=companies):
        if d.is_current(today):
            rival = f", a competitor of {need.company.name}" if d.company_id in rivals else ""
            found.setdefault(d.researcher_id, []).append(
                f"{d.get_kind_display()} with {d.company_name}{rival} "
                f"since {d.started_on:%Y-%m-%d} (disclosed)"
            )
    return {key: tuple(value) for key, value in found.items()}


def experts_for(user: Any, need: Need, limit: int = 20) -> ExpertList:
    """The best researchers for ``need``. Staff see conflicts flagged with their reason (or
    left out, by the MATCHING_CONFLICTS setting); the company never sees disclosures, so for
    it a conflicted researcher is simply left out."""
    pool = candidates(user)
    conflicts = conflicts_with(pool, need)
    staff = user.role in MARKET_STAFF
    exclude = not staff or settings.MATCHING_CONFLICTS == "exclude"
    kept = [pk for pk in pool if not (exclude and pk in conflicts)]
    # Title and summary, what researchers may read: the evidence ("shared words") then
    # never quotes the confidential detail, which is often a programme code or a list
    # offered on request rather than a description of the science.
    ranking = rank_stored(kept, " ".join([need.title, need.summary]), limit)
    found = Researcher.objects.in_bulk([int(r.researcher_key) for r in ranking.researchers])
    by_key = {str(pk): researcher for pk, researcher in found.items()}
    experts = tuple(
        Expert(
            researcher=by_key[item.researcher_key],
            score=item.score,
            support=tuple(
                Support(e.title, e.year, e.similarity, e.shared_terms)
                for e in item.evidence
                if e.publication_key != PROFILE_KEY
            ),
            shared_terms=item.shared_terms,
            conflicts=conflicts.get(int(item.researcher_key), ()) if staff else (),
        )
        for item in ranking.researchers
        if item.score > 0
    )
    notes: tuple[str, ...] = ()
    if staff and (full := at_capacity(user)):
        notes = (
            f"{full} researcher{'s' if full != 1 else ''} open to industry "
            f"{'are' if full != 1 else 'is'} left out: already in as many active or paused "
            "alliances as they take on (their profile's limit).",
        )
    return ExpertList(need, ranking.mode, ranking.notice, experts, len(pool) - len(kept), notes)


def rank_stored(researchers: list[int], query: str, limit: int) -> Ranking:
    """Rank these researchers for ``query`` with their stored vectors (BM25 alone, saying
    so, while any is missing)."""
    loaded = index.encoder()
    corpus, semantic = _corpus(researchers, with_vectors=loaded.encoder is not None)
    reason = loaded.reason if loaded.encoder is None else "the meaning index is still being built"
    query_vector = (
        loaded.encoder.encode([query])[0] if loaded.encoder is not None and semantic else None
    )
    return corpus.rank(query, query_vector, limit=limit, unavailable_reason=reason)


_CORPORA: OrderedDict[tuple[Any, ...], tuple[Corpus, bool]] = OrderedDict()


def forget_corpora() -> None:
    """Drop the cached corpora (tests; or after restoring a backup in a running process)."""
    _CORPORA.clear()


def _corpus(ids: list[int], *, with_vectors: bool) -> tuple[Corpus, bool]:
    """The engine's index of these researchers, built once per state of the data: the
    BM25 index and the vector matrix are reused until a paper, profile or vector changes."""
    state = (
        tuple(ids),
        with_vectors,
        tuple(DocumentVector.objects.aggregate(n=Count("id"), at=Max("updated_at")).values()),
        tuple(Publication.objects.aggregate(n=Count("id"), last=Max("id")).values()),
        tuple(Researcher.objects.aggregate(n=Count("id")).values()),
    )
    if state in _CORPORA:
        _CORPORA.move_to_end(state)
        return _CORPORA[state]
    researchers = load_researchers(ids)
    engine_researchers = [
        index.engine_researcher(r, [a.publication for a in r.authorships.all()])
        for r in researchers
    ]
    keys: list[tuple[str, int]] = []
    for researcher, engine_researcher in zip(researchers, engine_researchers, strict=True):
        keys += [("publication", int(p.key)) for p in engine_researcher.publications]
        if engine_researcher.profile.strip():
            keys.append(("profile", researcher.pk))
    vectors = index.vectors_for(keys) if with_vectors else None
    built = (Corpus.build(engine_researchers, vectors), vectors is not None)
    _CORPORA[state] = built
    while len(_CORPORA) > 4:  # a few viewers' pools (staff, each company) at a time
        _CORPORA.popitem(last=False)
    return built
