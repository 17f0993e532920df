"""The engine's top-``limit`` path ranks exactly as a plain, unoptimized statement of it."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest

from translink.matching.engine import (
    Corpus,
    Publication,
    Researcher,
    Settings,
    documents_of,
    shortlist,
)
from translink.matching.engine.lexical import COMMON_FLOOR, COMMON_SHARE, K1, B
from translink.matching.engine.terms import terms

WORDS = [
    "protein",
    "folding",
    "graph",
    "kinase",
    "tumour",
    "imaging",
    "cohort",
    "sepsis",
    "enzyme",
    "lattice",
]
Ranked = list[tuple[str, float, tuple[str, ...], tuple[tuple[str, ...], ...]]]


def reference(
    query: str,
    researchers: Sequence[Researcher],
    vectors: np.ndarray | None,
    query_vector: np.ndarray | None,
    settings: Settings,
) -> Ranked:
    """The ranking as the engine's docstrings state it, one loop at a time, in float64."""
    documents = documents_of(researchers)
    counts = [Counter(terms(d.text)) for d in documents]
    lengths = [sum(c.values()) for c in counts]
    average = (sum(lengths) / len(lengths) if lengths else 0) or 1.0
    asked = Counter(t for t in terms(query) if any(t in c for c in counts))
    weights, shown_terms = {}, set()
    for term, times in asked.items():
        frequency = sum(1 for c in counts if term in c)
        if frequency <= max(COMMON_FLOOR, COMMON_SHARE * len(documents)):
            shown_terms.add(term)  # evidence leaves common words out
        idf = math.log(1 + (len(documents) - frequency + 0.5) / (frequency + 0.5))
        weights[term] = idf * times
    ceiling = sum(weights.values())
    similarity = []
    for at, count in enumerate(counts):
        norm = K1 * (1 - B + B * lengths[at] / average)
        bm25 = sum(w * count[t] / (count[t] + norm) for t, w in weights.items() if t in count)
        lexical = bm25 / ceiling if ceiling else 0.0
        if vectors is None or query_vector is None:
            similarity.append(lexical)
            continue
        row, asked_vector = vectors[at].astype(np.float64), query_vector.astype(np.float64)
        norms = np.linalg.norm(row) * np.linalg.norm(asked_vector)
        cosine = float(row @ asked_vector / norms) if norms else 0.0
        alpha = settings.lexical_weight
        similarity.append((1 - alpha) * cosine + alpha * lexical)
    ranked = []
    first = 0
    for researcher in researchers:
        own = list(range(first, first + len(researcher.publications)))
        own += [first + len(own)] if researcher.profile.strip() else []
        first += len(own)
        best = sorted(own, key=lambda d: -similarity[d])
        weight = [settings.decay**place for place in range(min(settings.top_k, len(best)))]
        top = [similarity[d] for d in best[: len(weight)]]
        score = (
            sum(w * s for w, s in zip(weight, top, strict=True)) / sum(weight) if weight else 0.0
        )
        shown = [d for d in best[: settings.evidence_limit] if similarity[d] > 0]
        shared = tuple(
            tuple(
                sorted(
                    (t for t in weights if t in counts[d] and t in shown_terms),
                    key=lambda t: (-weights[t], t),
                )
            )
            for d in shown
        )
        ranked.append((researcher.key, score, tuple(documents[d].key for d in shown), shared))
    return sorted(ranked, key=lambda r: (-r[1], r[0]))


def engine(corpus: Corpus, query: str, vector: np.ndarray | None, limit: int | None) -> Ranked:
    ranking = corpus.rank(query, vector, limit=limit)
    return [
        (
            r.researcher_key,
            r.score,
            tuple(e.publication_key for e in r.evidence),
            tuple(e.shared_terms for e in r.evidence),
        )
        for r in ranking.researchers
    ]


def random_researchers(rng: np.random.Generator, count: int) -> list[Researcher]:
    """Researchers with no, one or many papers; some papers repeated word for word."""
    people = []
    for r in rng.permutation(count):
        papers = tuple(
            Publication(f"{r}-{p}", " ".join(rng.choice(WORDS, rng.integers(1, 6))), "", 2020)
            for p in range(int(rng.choice([0, 1, 1, 2, 3, 8, 20])))
        )
        profile = " ".join(rng.choice(WORDS, 3)) if rng.random() < 0.2 else ""
        people.append(Researcher(f"k{r:04d}", papers, profile))
    return people


def assert_same(found: Ranked, expected: Ranked) -> None:
    assert [f[0] for f in found] == [e[0] for e in expected]
    assert [f[1] for f in found] == pytest.approx([e[1] for e in expected], abs=1e-6)
    assert [f[2:] for f in found] == [e[2:] for e in expected]


@pytest.fixture(params=[4096, 4], ids=["first-threshold-unreached", "first-threshold-low"])
def first_documents(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small corpora never reach the first threshold; a low one makes them prune by it."""
    monkeypatch.setattr(shortlist, "FIRST_DOCUMENTS", request.param)


@pytest.mark.usefixtures("first_documents")
@pytest.mark.parametrize("seed", range(6))
def test_it_ranks_the_top_as_the_plain_statement_with_vectors(seed: int) -> None:
    rng = np.random.default_rng(seed)
    people = random_researchers(rng, 120)
    rows = rng.standard_normal((len(documents_of(people)), 24)).astype(np.float32)
    corpus = Corpus.build(people, rows)
    for _ in range(5):
        query = " ".join(rng.choice(WORDS, 3))
        # A need close to one paper, so the best few stand out and the rest crowd together.
        vector = rows[rng.integers(len(rows))] + 0.5 * rng.standard_normal(24).astype(np.float32)
        expected = reference(query, people, rows, vector, Settings())
        for limit in (1, 5, 20):
            assert_same(engine(corpus, query, vector, limit), expected[:limit])
        assert_same(engine(corpus, query, vector, None), expected)


@pytest.mark.usefixtures("first_documents")
@pytest.mark.parametrize("seed", range(4))
def test_it_ranks_the_top_as_the_plain_statement_on_words_alone(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    people = random_researchers(rng, 150)
    corpus = Corpus.build(people)
    for _ in range(5):
        query = " ".join(rng.choice(WORDS, 2))
        expected = reference(query, people, None, None, Settings())
        for limit in (1, 7, 30):
            ranking = corpus.rank(query, None, limit=limit)
            assert ranking.mode == "lexical"
            assert_same(engine(corpus, query, None, limit), expected[:limit])


@pytest.mark.usefixtures("first_documents")
def test_it_breaks_ties_by_key_when_the_limit_cuts_through_them() -> None:
    paper = Publication("same", "Kinase inhibitors in tumour imaging", "", 2021)
    people = [Researcher(f"twin-{i:02d}", (paper,)) for i in (7, 3, 9, 1, 5, 8, 2, 6, 4, 0)]
    people.append(Researcher("lone", (Publication("x", "Sepsis cohort", "", 2020),)))
    rows = np.tile(np.array([[1.0, 2.0, 3.0]], dtype=np.float32), (11, 1))
    rows[-1] = [3.0, -1.0, 0.0]
    corpus = Corpus.build(people, rows)
    top = corpus.rank("kinase tumour", np.array([1.0, 2.0, 2.5]), limit=4).researchers
    assert [r.researcher_key for r in top] == ["twin-00", "twin-01", "twin-02", "twin-03"]
    assert len({r.score for r in top}) == 1


@pytest.mark.usefixtures("first_documents")
def test_it_scores_a_researcher_by_their_best_papers_not_their_best_alone() -> None:
    rng = np.random.default_rng(9)
    query = rng.standard_normal(32).astype(np.float32)
    query /= np.linalg.norm(query)
    noise = rng.standard_normal((40, 32)).astype(np.float32) * 0.05
    # "one-hit" has the single best paper, the rest far off; "steady" three good ones.
    one_hit = [query + noise[0], -query + noise[1], -query + noise[2]]
    steady = [0.8 * query + noise[3 + i] + 0.3 * noise[10 + i] for i in range(3)]
    others = [rng.standard_normal(32).astype(np.float32) for _ in range(30)]
    people = [
        Researcher("one-hit", tuple(Publication(f"h{i}", "a") for i in range(3))),
        Researcher("steady", tuple(Publication(f"s{i}", "a") for i in range(3))),
        *(Researcher(f"o{i:02d}", (Publication(f"o{i}", "a"),)) for i in range(30)),
    ]
    corpus = Corpus.build(people, np.array(one_hit + steady + others))
    top = corpus.rank("", query, Settings(lexical_weight=0.0), limit=3).researchers
    assert top[0].researcher_key == "steady"
    assert "one-hit" not in [r.researcher_key for r in top[:1]]
    expected = reference("", people, np.array(one_hit + steady + others), query, Settings(0.0))
    assert [r.researcher_key for r in top] == [e[0] for e in expected[:3]]


def test_it_ranks_researchers_without_documents_at_zero() -> None:
    people = [Researcher("empty-b"), Researcher("empty-a")]
    people.append(Researcher("paper", (Publication("p", "Protein folding"),)))
    people.append(Researcher("blank", (Publication("b", ""),)))  # a paper without words
    corpus = Corpus.build(people, np.array([[1.0, 0.0], [0.0, -1.0]]))
    top = corpus.rank("enzyme", np.array([-1.0, 0.0]), limit=3).researchers
    expected = [("blank", 0.0), ("empty-a", 0.0), ("empty-b", 0.0)]
    assert [(r.researcher_key, r.score) for r in top] == expected
