"""Words worth matching on: lower-cased, stop words dropped, plurals folded.

Deliberately small and predictable: the terms are shown to people as evidence, so they
must stay readable words, not the stubs an aggressive stemmer leaves.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[a-z][a-z0-9]*(?:'[a-z]+)?")

# English function words, words every abstract uses, and the words in which every
# industry need asks for a partner: they would match anything.
STOP_WORD_LIST = """
    a about above after again against all also although am among an and any are as at be
    because been before being below between both but by can could did do does doing down
    during each either et few for from further had has have having he her here hers herself
    him himself his how however i if in into is it its itself just less may me might more
    most much must my myself no nor not now of off on once one only or other our ours
    ourselves out over own per same several she should since so some such than that the
    their theirs them themselves then there these they this those through thus to too two
    under until up upon us use used uses using very via was we well were what when where
    whether which while who whom why will with within without would yet you your yours
    al based new show shows shown paper propose proposed present study approach method
    methods result results work first second three many non often well e g i e
    seek seeking sought partner academic
    """
STOP_WORDS = frozenset(STOP_WORD_LIST.split())


def fold(word: str) -> str:
    """A plural folded to its singular by suffix rules alone (``networks`` → ``network``)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The matchable terms of ``text`` in order, repeats kept (BM25 counts them)."""
    found = []
    for word in WORD.findall(text.lower()):
        word = word.split("'")[0]
        if len(word) < 2 or word in STOP_WORDS:
            continue
        folded = fold(word)
        if folded not in STOP_WORDS:
            found.append(folded)
    return found
