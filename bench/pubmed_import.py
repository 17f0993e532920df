"""Benchmark: importing a generated PubMed XML file into a fresh database.

    python -m bench.pubmed_import [--articles N]

Writes N fictional articles (default 10,000) as E-utilities' efetch returns them, each with
a structured abstract of about 250 words, 6 authors with affiliations, 8 MeSH headings and
a DOI, into a temporary folder. Migrates a fresh SQLite file there, imports 200 researchers
from a CSV (many of them authors, some named by ORCID iD in the XML, some only by name),
then imports the XML. Prints the file's size, the parse alone (time, tracemalloc peak), the
whole import (parse, checks and writes: time, articles a second), a second import of the
same file (all unchanged) and the process's peak resident memory. The folder is removed at
the end. Run by hand; never by the suite.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

MAX_ARTICLES = 1_000_000
FIRST = (
    "Ada", "Amara", "Bao", "Carmen", "Dev", "Elif", "Farid", "Greta", "Hana", "Ivan",
    "Jonas", "Kai", "Leila", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven",
)  # fmt: skip
LAST = (
    "Abbott", "Banerjee", "Castillo", "Dubois", "Eriksen", "Fischer", "Goldberg", "Haddad",
    "Ito", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quintero", "Rossi", "Schmidt", "Tanaka", "Varga", "Weber", "Yilmaz", "Zhang", "Novak",
)  # fmt: skip
_VOCABULARY = (
    "microglia astrocyte neuroinflammation amyloid tau synapse cohort biomarker plasma "
    "cerebrospinal methylation histone chromatin enhancer tumour lymphocyte checkpoint "
    "exhaustion antigen macrophage microbiome metabolite butyrate barrier epithelium "
    "organoid sequencing single-cell transcriptome proteome mouse model patients trial "
    "placebo dose response receptor signalling pathway inhibitor expression increased "
    "reduced significantly associated with in the of and a to we found that these results "
    "suggest mechanism disease progression early late onset rare variant gene therapy"
)
WORDS = tuple(_VOCABULARY.split())
MESH = (
    "Humans", "Animals", "Mice", "Female", "Male", "Adult", "Aged", "Microglia",
    "Astrocytes", "Alzheimer Disease", "Parkinson Disease", "Multiple Sclerosis",
    "DNA Methylation", "Histones", "Epigenesis, Genetic", "Neoplasms", "T-Lymphocytes",
    "Immunotherapy", "Tumor Microenvironment", "Gastrointestinal Microbiome",
    "Fatty Acids, Volatile", "Biomarkers", "Cohort Studies", "Rare Diseases", "Brain",
)  # fmt: skip
JOURNALS = (
    "Journal of Neuroinflammation",
    "Brain",
    "Nature Medicine",
    "Cancer Immunology Research",
    "Gut Microbes",
    "Epigenetics",
)


def orcid_of(number: int) -> str:
    from translink.lib.identifiers import orcid_checksum

    base = f"0000000{number:08d}"
    digits = base + orcid_checksum(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def researchers(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(first, last, ORCID iD) of the researchers the database will hold."""
    return [(rng.choice(FIRST), rng.choice(LAST), orcid_of(index + 1)) for index in range(count)]


def researchers_csv(people: list[tuple[str, str, str]]) -> bytes:
    header = "full_name,email,title,departments,focus_areas,specialties,orcid,"
    lines = [header + "open_to_industry,max_active_alliances"]
    for index, (first, last, orcid) in enumerate(people):
        email = f"{first}.{last}.{index}@riverside.example".lower()
        lines.append(f"{first} {last},{email},Professor,neuro,neuro,,{orcid},yes,3")
    return "\n".join(lines).encode()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _author(rng: random.Random, people: list[tuple[str, str, str]]) -> str:
    if rng.random() < 0.1:  # one author in ten is on the institute's staff
        first, last, orcid = rng.choice(people)
        identifier = (
            f'<Identifier Source="ORCID">{orcid}</Identifier>' if rng.random() < 0.5 else ""
        )
    else:
        # Double surnames: no researcher has them, so only staff authors are linked.
        first, last, identifier = rng.choice(FIRST), "-".join(rng.sample(LAST, 2)), ""
    return (
        f'<Author ValidYN="Y"><LastName>{last}</LastName><ForeName>{first}</ForeName>'
        f"<Initials>{first[0]}</Initials>{identifier}<AffiliationInfo><Affiliation>Department "
        f"of Neurology, Riverside Research Institute, Riverside, USA.</Affiliation>"
        f"</AffiliationInfo></Author>\n"
    )


def article(rng: random.Random, number: int, people: list[tuple[str, str, str]]) -> str:
    pmid = 30_000_000 + number
    sections = "".join(
        f'<AbstractText Label="{label}" NlmCategory="{label}">'
        + " ".join(_sentence(rng, 12) for _ in range(5))
        + "</AbstractText>\n"
        for label in ("BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS")
    )  # 4 sections of 5 sentences of 12 words: about 250 words
    authors = "".join(_author(rng, people) for _ in range(6))
    mesh = "".join(
        f'<MeshHeading><DescriptorName UI="D{rng.randrange(10**6):06d}" MajorTopicYN="N">'
        f"{term}</DescriptorName></MeshHeading>\n"
        for term in rng.sample(MESH, 8)
    )
    return (
        f'<PubmedArticle>\n<MedlineCitation Status="MEDLINE" Owner="NLM">\n'
        f'<PMID Version="1">{pmid}</PMID>\n<Article PubModel="Print-Electronic">\n'
        f"<Journal><JournalIssue><PubDate><Year>{rng.randint(2000, 2025)}</Year></PubDate>"
        f"</JournalIssue><Title>{rng.choice(JOURNALS)}</Title></Journal>\n"
        f"<ArticleTitle>{_sentence(rng, 12)}</ArticleTitle>\n<Abstract>\n{sections}</Abstract>\n"
        f'<AuthorList CompleteYN="Y">\n{authors}</AuthorList>\n</Article>\n'
        f"<MeshHeadingList>\n{mesh}</MeshHeadingList>\n</MedlineCitation>\n<PubmedData>"
        f'<ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>'
        f'<ArticleId IdType="doi">10.5555/bench.{number}</ArticleId></ArticleIdList>'
        f"</PubmedData>\n</PubmedArticle>\n"
    )


def pubmed_file(count: int, people: list[tuple[str, str, str]]) -> Iterator[str]:
    rng = random.Random(2026)
    yield '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    yield '1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
    yield "<PubmedArticleSet>\n"
    for number in range(count):
        yield article(rng, number, people)
    yield "</PubmedArticleSet>\n"


def _setup(folder: str) -> None:
    os.environ.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "SECURE": "0",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "translink.settings")
    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--articles", type=int, default=10_000, help="articles in the file (default 10000)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.articles <= MAX_ARTICLES:
        parser.error(f"--articles must be between 1 and {MAX_ARTICLES}, not {args.articles}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    folder = tempfile.mkdtemp(prefix="translink-bench-")
    try:
        _setup(folder)
        _run(args.articles, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mib:.0f} MiB")
    return 0


def _run(count: int, folder: str) -> None:
    from translink.people.actions import create_department
    from translink.people.importers import pubmed
    from translink.people.imports import import_pubmed, import_researchers

    people = researchers(random.Random(7), 200)
    path = Path(folder) / "pubmed.xml"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(pubmed_file(count, people))
    data = path.read_bytes()
    print(f"file: {count} articles, {len(data) / 2**20:.1f} MiB")
    started = time.perf_counter()
    create_department(None, code="neuro", name="Neurology")
    import_researchers(None, researchers_csv(people))
    print(f"researchers CSV: {len(people)} imported in {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    articles, errors = pubmed.parse(data)
    parse_seconds = time.perf_counter() - started
    assert len(articles) == count and not errors, errors[:3]
    tracemalloc.start()
    pubmed.parse(data)
    parse_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"parse alone: {parse_seconds:.2f} s, tracemalloc peak {parse_peak / 2**20:.0f} MiB")

    for label in ("import", "re-import (all unchanged)"):
        started = time.perf_counter()
        report = import_pubmed(None, data)
        seconds = time.perf_counter() - started
        print(
            f"{label}: {seconds:.2f} s, {count / seconds:,.0f} articles/s "
            f"({report.created} created, {report.unchanged} unchanged, "
            f"{len(report.linked)} authorships linked)"
        )


if __name__ == "__main__":
    sys.exit(main())
