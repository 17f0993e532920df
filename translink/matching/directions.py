"""The other directions of matching, all through the walls:

* a researcher's digest of open needs that fit their work;
* researchers similar to a researcher;
* companies likely interested in an asset, from the needs they posted (alliance managers
  only: a company's needs are its own secret).

Each reuses the engine: the things ranked become the engine's "researchers" (a need is a
one-document researcher; a company's needs are its documents), the query is the text of the
one they are ranked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from translink.accounts.models import Organization
from translink.accounts.policy import MARKET_STAFF, visible
from translink.market.models import Asset, Need
from translink.matching import index
from translink.matching.engine import Corpus, Publication
from translink.matching.engine import Researcher as EngineResearcher
from translink.matching.experts import open_to_industry, rank_stored
from translink.people.models import Researcher


@dataclass(frozen=True)
class Suggestion:
    item: Any
    score: float
    shared_terms: tuple[str, ...]
    closest: Any = None  # the ranked item's document that resembles the query most


def _rank(
    entries: list[tuple[Any, EngineResearcher]],
    query: str,
    limit: int,
    documents: dict[str, Any] | None = None,
) -> list[Suggestion]:
    """The items of ``entries`` ranked for ``query``; ``documents`` (publication key to
    object) names each one's closest document."""
    if not entries or not query.strip():
        return []
    loaded = index.encoder()
    engine = [entry for _, entry in entries]
    vectors = query_vector = None
    if loaded.encoder is not None:
        texts = [doc.text for e in engine for doc in (*e.publications,)]
        vectors = loaded.encoder.encode(texts) if texts else None
        query_vector = loaded.encoder.encode([query])[0]
    ranking = Corpus.build(engine, vectors).rank(query, query_vector, limit=limit)
    by_key = {entry.key: item for item, entry in entries}
    documents = documents or {}
    return [
        Suggestion(
            by_key[r.researcher_key],
            r.score,
            r.shared_terms,
            documents.get(r.evidence[0].publication_key) if r.evidence else None,
        )
        for r in ranking.researchers
        if r.score > 0
    ]


def _about(researcher: Researcher, papers: int = 5) -> str:
    titles = [
        a.publication.title for a in researcher.authorships.select_related("publication")[:papers]
    ]
    return " ".join([*researcher.specialties, researcher.bio, *titles])


def needs_for(user: Any, researcher: Researcher, limit: int = 5) -> list[Suggestion]:
    """Open needs ``user`` may see that fit ``researcher``'s work, best first."""
    needs = visible(user, Need).filter(status=Need.Status.OPEN)
    entries = [
        (
            need,
            EngineResearcher(
                key=str(need.pk),
                publications=(Publication(str(need.pk), need.title, need.summary),),
            ),
        )
        for need in needs
    ]
    return _rank(entries, _about(researcher), limit)


def similar_researchers(user: Any, researcher: Researcher, limit: int = 5) -> list[Suggestion]:
    """Researchers open to industry ``user`` may see whose work is closest to
    ``researcher``'s (whether or not they have room for another alliance: this is about
    the work)."""
    pool = [pk for pk in open_to_industry(user) if pk != researcher.pk]
    ranking = rank_stored(pool, _about(researcher), limit)
    found = Researcher.objects.in_bulk([int(r.researcher_key) for r in ranking.researchers])
    return [
        Suggestion(found[int(r.researcher_key)], r.score, r.shared_terms)
        for r in ranking.researchers
        if r.score > 0
    ]


def companies_for(user: Any, asset: Asset, limit: int = 5) -> list[Suggestion]:
    """Companies whose needs resemble ``asset``: for alliance managers only."""
    if user.role not in MARKET_STAFF:
        return []
    companies = (
        visible(user, Organization).filter(kind=Organization.Kind.COMPANY).prefetch_related("needs")
    )
    entries = [
        (
            company,
            EngineResearcher(
                key=str(company.pk),
                publications=tuple(
                    Publication(str(n.pk), n.title, n.summary) for n in company.needs.all()
                ),
            ),
        )
        for company in companies
        if company.needs.exists()
    ]
    needs = {str(n.pk): n for n in visible(user, Need).filter(company__in=companies)}
    return _rank(entries, f"{asset.title} {asset.summary}", limit, needs)
