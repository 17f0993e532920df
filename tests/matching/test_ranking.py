from __future__ import annotations

import numpy as np
import pytest

from translink.matching.engine import Corpus, Publication, Researcher, Settings, rank_researchers

ALICE = Researcher(
    "alice",
    (
        Publication("a1", "Protein folding with deep networks", "Structure prediction.", 2021),
        Publication("a2", "Deep networks for protein structure prediction", "", 2023),
    ),
)
BOB = Researcher("bob", (Publication("b1", "Graph colouring algorithms", "Planar graphs.", 2019),))
CAROL = Researcher("carol", (Publication("c1", "Protein expression in yeast", "", 2020),))
QUERY = "Deep networks for protein structure prediction"


def test_it_ranks_researchers_by_shared_words_in_exact_order() -> None:
    ranking = rank_researchers(QUERY, [BOB, CAROL, ALICE])
    assert [r.researcher_key for r in ranking.researchers] == ["alice", "carol", "bob"]
    assert ranking.researchers[0].score > ranking.researchers[1].score > 0
    assert ranking.researchers[2].score == 0


def test_it_lists_the_supporting_paper_and_the_shared_terms() -> None:
    alice = rank_researchers(QUERY, [ALICE, BOB]).researchers[0]
    best = alice.evidence[0]
    assert (best.publication_key, best.year) == ("a2", 2023)
    assert set(best.shared_terms) == {"deep", "network", "protein", "structure", "prediction"}
    assert [e.publication_key for e in alice.evidence] == ["a2", "a1"]
    assert best.similarity > alice.evidence[1].similarity


def test_it_gives_no_evidence_for_a_researcher_who_shares_nothing() -> None:
    bob = rank_researchers(QUERY, [ALICE, BOB]).researchers[1]
    assert bob.evidence == ()
    assert bob.shared_terms == ()


def test_it_lets_meaning_outrank_words_when_vectors_are_given() -> None:
    dana = Researcher("dana", (Publication("d1", "Folding of polypeptide chains"),))
    erin = Researcher("erin", (Publication("e1", "Protein structure prediction", "Deep."),))
    vectors = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])  # erin, dana
    corpus = Corpus.build([erin, dana], vectors)
    ranking = corpus.rank(QUERY, np.array([2.0, 0.0, 0.0]), Settings(lexical_weight=0.3))
    assert ranking.mode == "hybrid"
    assert [r.researcher_key for r in ranking.researchers] == ["dana", "erin"]
    assert ranking.researchers[0].score == pytest.approx(0.7)


def test_it_reads_the_profile_as_one_more_document() -> None:
    frank = Researcher("frank", (), profile="I study protein structure prediction.")
    top = rank_researchers(QUERY, [BOB, frank]).researchers[0]
    assert top.researcher_key == "frank"
    assert top.evidence[0].publication_key == "profile"


def test_it_refuses_vectors_that_do_not_match_the_documents() -> None:
    with pytest.raises(ValueError, match="2 vectors were given for 3 documents"):
        Corpus.build([ALICE, CAROL], np.ones((2, 4)))


def test_a_need_asking_for_an_academic_partner_matches_on_its_subject_alone() -> None:
    dana = Researcher(
        "dana",
        (
            Publication(
                "d1", "Seeking an academic partner", "Partners sought in academic life.", 2022
            ),
        ),
    )
    erin = Researcher("erin", (Publication("e1", "T-cell exhaustion in myeloma", "", 2024),))
    need = "Seeking academic partners on T-cell exhaustion"
    ranking = rank_researchers(need, [dana, erin])
    assert [r.researcher_key for r in ranking.researchers] == ["erin", "dana"]
    assert set(ranking.researchers[0].shared_terms) == {"cell", "exhaustion"}
    assert ranking.researchers[1].score == 0 and ranking.researchers[1].evidence == ()


def test_a_word_in_most_papers_still_scores_but_is_not_shown_as_shared() -> None:
    # 60 papers all about patients; one of them is also about microglia.
    papers = [Publication(f"p{n}", f"Patient outcomes in cohort {n}", "", 2020) for n in range(59)]
    crowd = Researcher("crowd", tuple(papers))
    mira = Researcher("mira", (Publication("m1", "Patient microglia imaging", "", 2024),))
    ranking = rank_researchers("Microglia imaging in patients", [crowd, mira])
    best, other = ranking.researchers
    assert best.researcher_key == "mira"
    assert set(best.shared_terms) == {"microglia", "imaging"}  # "patient": in every paper
    assert other.score > 0 and other.shared_terms == ()  # it matched on "patient" alone
