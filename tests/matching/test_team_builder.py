"""The team builder on hand-built alliances: exact teams, reasons, and infeasible requests."""

from __future__ import annotations

import pytest

from translink.matching.teams import Candidate, TeamStatus, build_team, covers


def person(
    key: str, affinity: float, department: str = "Neurology", *specialties: str
) -> Candidate:
    return Candidate(key, (department,), specialties, affinity)


def keys(team: object) -> set[str]:
    assert team is not None
    return {member.key for member in team.members}  # type: ignore[attr-defined]


def test_it_beats_the_greedy_baseline_when_one_member_covers_two_specialties():
    candidates = [
        person("star", 0.9, "Neurology"),
        person("pet", 0.8, "Neurology", "PET imaging"),
        person("mri", 0.7, "Radiology", "MRI"),
        person("both", 0.65, "Radiology", "PET imaging", "MRI"),
    ]
    proposal = build_team(candidates, ["PET imaging", "MRI"], size=2)
    assert proposal.status == TeamStatus.OPTIMAL
    assert keys(proposal.optimal) == {"star", "both"}
    assert proposal.optimal is not None
    assert proposal.optimal.total_affinity == pytest.approx(1.55)
    assert keys(proposal.greedy) == {"pet", "mri"}


def test_it_explains_why_each_member_is_there():
    candidates = [
        person("ada", 0.9, "Neurology", "PET imaging"),
        person("bo", 0.61, "Neurology", "MRI"),
        person("cy", 0.3, "Radiology"),
        person("di", 0.2, "Radiology", "PET imaging"),
    ]
    proposal = build_team(candidates, ["PET imaging", "MRI"], size=3)
    assert proposal.optimal is not None
    assert [m.reason for m in proposal.optimal.members] == [
        "covers PET imaging; highest affinity 0.90; from Neurology",
        "covers MRI; 2nd-highest affinity 0.61; from Neurology",
        "3rd-highest affinity 0.30; from Radiology",
    ]
    assert proposal.optimal.departments == ("Neurology", "Radiology")


def test_it_brings_in_a_second_department_at_the_least_cost():
    candidates = [
        person("n1", 0.9),
        person("n2", 0.8),
        person("n3", 0.7),
        person("r1", 0.4, "Radiology"),
        person("r2", 0.5, "Oncology"),
    ]
    proposal = build_team(candidates, [], size=3)
    assert keys(proposal.optimal) == {"n1", "n2", "r2"}


def test_it_counts_a_member_of_two_departments_as_both():
    candidates = [
        person("single", 0.9),
        Candidate("joint", ("Neurology", "Radiology"), (), 0.5),
    ]
    proposal = build_team(candidates, [], size=1)
    assert keys(proposal.optimal) == {"joint"}


def test_it_matches_specialties_whatever_their_case_and_spacing():
    candidates = [person("a", 0.5, "Neurology", "pet  Imaging"), person("b", 0.4, "Radiology")]
    proposal = build_team(candidates, ["PET imaging"], size=2)
    assert proposal.optimal is not None
    assert proposal.optimal.members[0].covers == ("PET imaging",)


def test_it_allows_a_single_department_when_asked():
    candidates = [person("a", 0.9), person("b", 0.8), person("c", 0.1, "Radiology")]
    proposal = build_team(candidates, [], size=2, min_departments=1)
    assert keys(proposal.optimal) == {"a", "b"}


def test_it_names_the_specialties_no_candidate_has():
    candidates = [person("a", 0.9, "Neurology", "MRI"), person("b", 0.8, "Radiology")]
    proposal = build_team(candidates, ["MRI", "PET imaging", "EEG"], size=2)
    assert proposal.status == TeamStatus.INFEASIBLE
    assert proposal.reason == "no candidate has PET imaging or EEG"
    assert proposal.optimal is None


def test_it_says_when_the_candidates_span_too_few_departments():
    proposal = build_team([person("a", 0.9), person("b", 0.8)], [], size=2)
    assert proposal.status == TeamStatus.INFEASIBLE
    assert proposal.reason == "too few departments: the candidates span 1, at least 2 are required"


def test_it_says_when_there_are_too_few_candidates():
    proposal = build_team([person("a", 0.9), person("b", 0.8, "Radiology")], [], size=3)
    assert proposal.status == TeamStatus.INFEASIBLE
    assert proposal.reason == "too few candidates: a team of 3 was asked for, 2 are available"


def test_it_says_when_covering_takes_more_members_than_the_team_has():
    candidates = [
        person("a", 0.9, "Neurology", "MRI"),
        person("b", 0.8, "Radiology", "EEG"),
        person("c", 0.7, "Radiology", "PET imaging"),
    ]
    proposal = build_team(candidates, ["MRI", "EEG", "PET imaging"], size=2)
    assert proposal.status == TeamStatus.INFEASIBLE
    assert proposal.reason == (
        "covering MRI, EEG and PET imaging takes at least 3 members; the team has 2"
    )


def test_it_says_when_the_team_is_too_small_to_span_the_departments():
    proposal = build_team([person("a", 0.9), person("b", 0.8, "Radiology")], [], size=1)
    assert proposal.reason == (
        "too few departments: a team of 1 spans at most 1, at least 2 are required"
    )


def test_it_says_when_coverage_and_departments_cannot_both_be_met():
    candidates = [
        person("a", 0.9, "Neurology", "MRI"),
        person("b", 0.8, "Neurology", "EEG"),
        person("c", 0.7, "Radiology"),
    ]
    proposal = build_team(candidates, ["MRI", "EEG"], size=2)
    assert proposal.status == TeamStatus.INFEASIBLE
    assert proposal.reason == "no team of 2 both covers the specialties and spans 2 departments"


@pytest.mark.parametrize(
    ("candidates", "size", "minimum", "message"),
    [
        ([person("a", 0.9), person("a", 0.8)], 1, 1, "keys must be unique"),
        ([person("a", -0.1)], 1, 1, "affinity of 'a' must be a finite number"),
        ([person("a", float("nan"))], 1, 1, "affinity of 'a' must be a finite number"),
        ([person("a", 0.5)], 0, 1, "team size must be at least 1"),
        ([person("a", 0.5)], 1, -1, "departments must be at least 0"),
    ],
)
def test_it_refuses_malformed_input(candidates, size, minimum, message):
    with pytest.raises(ValueError, match=message):
        build_team(candidates, [], size=size, min_departments=minimum)


@pytest.mark.parametrize(
    ("asked", "held"),
    [
        ("PET imaging", "tau PET imaging"),
        ("microglia", "microglial biology"),
        ("biomarker", "fluid biomarkers of neurodegeneration"),
        ("Alzheimer's disease", "APOE genetics in Alzheimer's disease"),
        ("HDAC", "HDAC/BET inhibitor pharmacology"),
        ("T cell", "T-cell exhaustion"),
        ("neuroinflammation", "neuroinflammatory disease"),
        ("imaging  PET", "PET imaging"),
        ("Alzheimer\u2019s disease", "APOE genetics in Alzheimer's disease"),  # typed apostrophe
        ("genetic epilepsy", "genetic epilepsies"),
    ],
)
def test_a_required_specialty_is_held_by_one_that_contains_its_words(asked: str, held: str) -> None:
    assert covers(asked, held)


@pytest.mark.parametrize(
    ("asked", "held"),
    [
        ("tau PET imaging", "PET imaging"),  # asks for more than is held
        ("gene therapy", "genetics of therapy response"),  # "gene" is not "genetics"
        ("PET", "pediatrics"),
        ("cell", "cellular imaging"),  # short words must match whole
        ("of the", "biology of the microbiome"),  # filler alone asks for nothing
        ("neuron", "neurology"),  # a shared start is not a shared word
        ("neurons", "neuroscience"),
        ("protein", "proteomics"),
        ("oncology", "oncolytic viruses"),
        ("immunotherapy", "immunity"),
        ("cardiac", "cardiology"),
    ],
)
def test_a_required_specialty_is_not_held_by_one_that_lacks_a_word(asked: str, held: str) -> None:
    assert not covers(asked, held)
