"""The matching engine: which researchers can best meet a need, and the evidence why.

Pure: no Django, no database. Plain dataclasses and numpy arrays in, plain dataclasses out.

Input contract
--------------
``query``: str
    The need in plain words (title and description). Blank gives every researcher 0.
``researchers``: sequence of :class:`Researcher`
    ``key`` (str): unique among the researchers; returned as ``researcher_key``.
    ``publications`` (tuple of :class:`Publication`): may be empty. Each has
        ``key`` (str, unique within the researcher), ``title`` (str), ``abstract`` (str,
        may be empty) and ``year`` (int or None; shown in the evidence, not scored).
    ``profile`` (str): free text the researcher wrote about themselves; when not blank it
        is read as one more document (evidence key ``"profile"``).
``vectors``: float array of shape (documents, dimension), or None
    One row per document of :func:`documents_of` (each researcher's publications in
    order, then their profile), as :meth:`Encoder.encode` makes them; rows need not be
    normalized. Store them beside the publications and pass them back to
    :meth:`Corpus.build`; None ranks on BM25 alone.
``query_vector``: float array of shape (dimension,), or None
    The query encoded by the same encoder. None ranks on BM25 alone.
``settings``: :class:`Settings`
    Fusion weight of BM25, the number of best papers averaged and their decay, and how
    much evidence to return. The defaults were chosen by cross-validation.

Output: a :class:`Ranking` with ``mode`` (``"hybrid"`` or ``"lexical"``), a ``notice``
sentence saying which signals were used (and why only BM25, when so), and the researchers
best first. Each :class:`RankedResearcher` carries its ``score`` and its ``evidence``: its
best publications with their fused similarity (0 to 1) and the query's terms they share,
heaviest first.

Speed: ``Corpus.rank(..., limit=n)`` scores exactly only the researchers that can reach
the top n, found from an int8 scan of every vector with a proven error bound (semantic,
kernel, scan.c, shortlist); the answer is the exhaustive ranking's (``limit=None``),
which the tests check.

Usage::

    loaded = load_encoder()                    # never raises; .encoder may be None
    corpus = Corpus.build(researchers, vectors)
    ranking = corpus.rank(query, query_vector, unavailable_reason=loaded.reason)
"""

from __future__ import annotations

from translink.matching.engine.documents import (
    Evidence,
    Publication,
    RankedResearcher,
    Ranking,
    Researcher,
)
from translink.matching.engine.encoder import Encoder, EncoderLoad, load_encoder
from translink.matching.engine.ranking import Corpus, Settings, documents_of, rank_researchers

__all__ = [
    "Corpus",
    "Encoder",
    "EncoderLoad",
    "Evidence",
    "Publication",
    "RankedResearcher",
    "Ranking",
    "Researcher",
    "Settings",
    "documents_of",
    "load_encoder",
    "rank_researchers",
]
