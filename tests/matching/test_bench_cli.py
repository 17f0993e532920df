from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_bench(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench.expertise", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two researchers, three rated papers, in the gold-standard layout."""
    papers = {
        "p1": ("Deep networks for protein folding", "Structure prediction."),
        "p2": ("Graph colouring", "Planar graphs and their colourings."),
        "p3": ("Protein networks", "Interaction graphs of proteins."),
    }
    submissions = {
        k: {"id": k, "content": {"title": t, "abstract": a}} for k, (t, a) in papers.items()
    }
    (tmp_path / "submissions.json").write_text(json.dumps(submissions))
    header = "ParticipantID\tPaper1\tPaper2\tPaper3\tExpertise1\tExpertise2\tExpertise3\n"
    rows = "r1\tp1\tp2\tp3\t5\t1\t3\nr2\tp1\tp2\t\t1\t4.5\t\n"
    (tmp_path / "evaluations.csv").write_text(header + rows)
    (tmp_path / "archives").mkdir()
    archives = {
        "r1": "Protein structure prediction with deep networks",
        "r2": "Colouring planar graphs",
    }
    for key, title in archives.items():
        line = json.dumps({"id": f"{key}-a", "content": {"title": title, "abstract": ""}})
        (tmp_path / "archives" / f"~{key}.jsonl").write_text(line + "\n")
    return tmp_path


def test_it_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = run_bench("--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "s.tsv"))
    assert result.returncode == 2
    assert "no such folder" in result.stderr


def test_it_refuses_a_folder_without_evaluations(tmp_path: Path) -> None:
    result = run_bench("--data", str(tmp_path), "--out", str(tmp_path / "s.tsv"))
    assert result.returncode == 2
    assert "no evaluations.csv" in result.stderr


def test_it_refuses_an_unwritable_out(folder: Path) -> None:
    result = run_bench("--data", str(folder), "--out", str(folder / "missing" / "s.tsv"))
    assert result.returncode == 1
    assert "cannot write --out" in result.stderr


def test_it_asks_for_an_out_file(folder: Path) -> None:
    result = run_bench("--data", str(folder))
    assert result.returncode == 2
    assert "--out FILE is required" in result.stderr


def test_it_writes_a_score_per_rated_pair_and_prints_the_loss(folder: Path) -> None:
    out = folder / "scores.tsv"
    result = run_bench("--data", str(folder), "--out", str(out), "--lexical")
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in out.read_text().splitlines()]
    assert sorted((r, p) for r, p, _ in lines) == [
        ("r1", "p1"),
        ("r1", "p2"),
        ("r1", "p3"),
        ("r2", "p1"),
        ("r2", "p2"),
    ]
    assert "loss 0.0000 (95% interval 0.0000 to 0.0000, 2 researchers" in result.stdout
    assert "ranking" in result.stderr  # the progress bar


def test_it_refuses_a_repeat_count_out_of_range(folder: Path) -> None:
    result = run_bench("--data", str(folder), "--cv", "--repeats", "0")
    assert result.returncode == 2
    assert "--repeats must be between 1 and 100" in result.stderr
