"""The fictional institute that fills the demo database: size, spread, uniqueness and sense.

Pure Python: runs without Django (``-p no:django``).
"""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from translink.people.demo_corpus import (
    AREA_VOCABULARY,
    FOCUS_AREAS,
    TITLES,
    DemoResearcher,
    departments,
    mentions_area,
    publication_areas,
    researchers,
)

SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")  # "C. difficile" is one sentence


@pytest.fixture(scope="module")
def people() -> list[DemoResearcher]:
    return researchers()


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(text.strip()) if s]


def test_it_gives_the_same_institute_for_the_same_seed(people: list[DemoResearcher]) -> None:
    assert researchers() == people
    assert researchers(count=20, seed=7) == researchers(count=20, seed=7)


def test_it_gives_another_institute_for_another_seed(people: list[DemoResearcher]) -> None:
    other = researchers(seed=2027)
    assert other != people
    assert {p.full_name for p in other} != {p.full_name for p in people}


def test_it_leaves_the_global_random_generator_alone() -> None:
    state = random.getstate()
    researchers(count=10)
    assert random.getstate() == state


def test_it_builds_300_researchers_with_five_to_nine_papers(
    people: list[DemoResearcher],
) -> None:
    assert len(people) == 300
    assert [p.key for p in people] == [f"r{i:03d}" for i in range(1, 301)]
    for person in people:
        assert 5 <= len(person.publications) <= 9, person.key
        for paper in person.publications:
            assert paper.title.strip()
            assert 3 <= len(sentences(paper.abstract)) <= 5, paper.abstract


def test_it_has_at_least_twelve_departments_with_unique_codes() -> None:
    depts = departments()
    assert len(depts) >= 12
    assert len({d.code for d in depts}) == len(depts)
    assert len({d.name for d in depts}) == len(depts)
    assert all(re.fullmatch(r"[a-z]{2,8}", d.code) for d in depts)
    names = {d.name for d in depts}
    assert {"Neurology", "Psychiatry", "Oncology", "Immunology", "Pathology"} <= names
    assert "Gastroenterology and the Microbiome" in names


def test_it_gives_every_focus_area_at_least_fifteen_percent(
    people: list[DemoResearcher],
) -> None:
    counts = Counter(area for person in people for area in person.focus_areas)
    assert set(counts) == set(FOCUS_AREAS)
    assert min(counts.values()) >= 0.15 * len(people)
    assert FOCUS_AREAS["neuro"] == "Neuroinflammation and neurodegeneration"


def test_it_keeps_titles_pmids_dois_names_and_emails_unique(
    people: list[DemoResearcher],
) -> None:
    papers = [paper for person in people for paper in person.publications]
    for values in (
        [paper.title.lower() for paper in papers],
        [paper.pmid for paper in papers],
        [paper.doi for paper in papers],
        [person.full_name for person in people],
        [person.email for person in people],
    ):
        assert len(set(values)) == len(values)


def test_it_uses_fictional_identifiers_and_plausible_years(
    people: list[DemoResearcher],
) -> None:
    for person in people:
        assert re.fullmatch(r"[a-z]+\.[a-z]+@institute\.example", person.email), person.email
        for paper in person.publications:
            assert re.fullmatch(r"9\d{7}", paper.pmid)
            assert re.fullmatch(rf"10\.5555/tl\.{paper.year}\.\d{{5}}", paper.doi)
            assert 2012 <= paper.year <= 2026
            assert paper.journal
            assert paper.mesh_terms
            assert len(set(paper.mesh_terms)) == len(paper.mesh_terms)


def test_it_gives_every_researcher_valid_departments_and_profile(
    people: list[DemoResearcher],
) -> None:
    codes = {d.code for d in departments()}
    for person in people:
        assert 1 <= len(person.departments) <= 2
        assert len(set(person.departments)) == len(person.departments)
        assert set(person.departments) <= codes
        assert 1 <= len(person.focus_areas) <= 2
        assert set(person.focus_areas) <= set(FOCUS_AREAS)
        assert len(set(person.focus_areas)) == len(person.focus_areas)
        assert 2 <= len(person.specialties) <= 4
        assert person.title in TITLES
        assert 1 <= len(sentences(person.bio.replace("Dr. ", "Dr "))) <= 2
    share_open = sum(person.open_to_industry for person in people) / len(people)
    assert 0.65 <= share_open <= 0.85


def test_it_places_departments_that_fit_the_area(people: list[DemoResearcher]) -> None:
    fitting = {
        "neuro": {"neurol", "psych", "nsurg", "path", "rad"},
        "microbiome": {"gi", "med", "peds", "immunol", "endo"},
    }
    for person in people:
        primary = person.focus_areas[0]
        if primary in fitting:
            assert person.departments[0] in fitting[primary], person


def test_it_puts_the_researcher_in_the_byline(people: list[DemoResearcher]) -> None:
    names = {person.full_name for person in people}
    for person in people:
        for paper in person.publications:
            assert len(paper.authors) >= 3
            assert paper.authors[paper.position - 1] == person.full_name
            assert paper.authors.count(person.full_name) == 1
            assert len(set(paper.authors)) == len(paper.authors)
            assert not (set(paper.authors) - {person.full_name}) & names  # invented co-authors


def test_it_writes_mostly_within_the_researchers_own_areas(
    people: list[DemoResearcher],
) -> None:
    for person in people:
        own = [
            paper
            for paper in person.publications
            if any(
                mentions_area(f"{paper.title} {paper.abstract}", area)
                for area in person.focus_areas
            )
        ]
        assert len(own) >= 0.6 * len(person.publications), person.key


def test_it_ties_every_paper_to_some_area(people: list[DemoResearcher]) -> None:
    for person in people:
        for paper in person.publications:
            assert publication_areas(paper), paper.title


def test_it_keeps_the_area_vocabularies_apart() -> None:
    assert set(AREA_VOCABULARY) == set(FOCUS_AREAS)
    assert mentions_area("Microglial TREM2 signaling in ALS", "neuro")
    assert mentions_area("Fecal microbiota transplantation for C. difficile", "microbiome")
    assert not mentions_area("Fecal microbiota transplantation for C. difficile", "neuro")
    for area, terms in AREA_VOCABULARY.items():
        for term in terms:
            assert mentions_area(term, area)
            others = [code for code in FOCUS_AREAS if code != area and mentions_area(term, code)]
            assert others == [], (area, term)
