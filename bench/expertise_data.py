"""Reading a gold-standard folder (the format of ``shared/data/goldstandard-dev``).

``evaluations.csv`` (tab-separated ratings), ``submissions.json`` (the rated papers) and
``archives/~<id>.jsonl`` (each researcher's papers), as the folder's README describes.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translink.matching.engine import Publication, Researcher

MAX_RATED = 10


class DataError(Exception):
    """The folder is not in the gold-standard format; the message says what is wrong."""


@dataclass(frozen=True)
class GoldStandard:
    """Researchers with their archives, the rated papers, and each researcher's ratings."""

    researchers: tuple[Researcher, ...]
    papers: dict[str, Publication]
    ratings: dict[str, dict[str, float]]


def _publication(record: dict[str, Any]) -> Publication:
    content = record.get("content") or {}
    return Publication(
        key=str(record["id"]),
        title=content.get("title") or "",
        abstract=content.get("abstract") or "",
    )


def read_ratings(path: Path) -> dict[str, dict[str, float]]:
    """``{researcher: {paper: rating}}`` from ``evaluations.csv``; blank cells are skipped."""
    ratings: dict[str, dict[str, float]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rated = ratings.setdefault(row["ParticipantID"].strip(), {})
            for n in range(1, MAX_RATED + 1):
                paper = (row.get(f"Paper{n}") or "").strip()
                rating = (row.get(f"Expertise{n}") or "").strip()
                if paper and rating:
                    rated[paper] = float(rating)
    return ratings


def read_archive(path: Path, key: str) -> Researcher:
    """One researcher from their ``.jsonl`` archive (a missing file means no papers)."""
    if not path.exists():
        return Researcher(key=key)
    lines = path.read_text(encoding="utf-8").splitlines()
    return Researcher(key=key, publications=tuple(_publication(json.loads(x)) for x in lines if x))


def read_gold_standard(folder: Path) -> GoldStandard:
    """The whole folder; raises :class:`DataError` with a plain message when it is unusable."""
    if not folder.is_dir():
        raise DataError(f"{folder} is not a folder")
    for name in ("evaluations.csv", "submissions.json"):
        if not (folder / name).is_file():
            raise DataError(f"{folder} has no {name}: is it a gold-standard folder?")
    try:
        ratings = read_ratings(folder / "evaluations.csv")
        submissions = json.loads((folder / "submissions.json").read_text(encoding="utf-8"))
        papers = {str(k): _publication({"id": k, **v}) for k, v in submissions.items()}
        researchers = tuple(
            read_archive(folder / "archives" / f"~{key}.jsonl", key) for key in sorted(ratings)
        )
    except (KeyError, ValueError, OSError) as error:
        raise DataError(f"{folder} could not be read: {error}") from error
    missing = {p for rated in ratings.values() for p in rated} - set(papers)
    if missing:
        raise DataError(f"{len(missing)} rated papers are missing from submissions.json")
    return GoldStandard(researchers, papers, ratings)
