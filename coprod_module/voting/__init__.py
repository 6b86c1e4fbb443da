"""coprod's vote counting core: plain Python, standard library only, no Odoo.

The ballot models call it as ``from ..voting import count``; it also imports and runs
alone, so its rules can be tested fast and read in one place::

    from coprod_module.voting import Option, count, describe

    options = [Option(1, label="Amy"), Option(2, label="Ben"), Option(3, label="Cat")]
    result = count("ranked", options, [(1, 2), (2,), (3, 2)], eligible=5)
    result.state, result.winners          # ("won", (2,))
    describe(result, {1: "Amy", 2: "Ben", 3: "Cat"})

Methods (``METHODS``): ``majority`` (yes / no / abstain), ``plurality`` (one choice),
``approval`` (any number of choices), ``ranked`` (instant-runoff for one seat) and
``thumbs`` (agree / unsure / disagree). ``count()`` states every rule: turnout and
quorum, thresholds, rounds, and how ties are broken (never at random: a tie the counts
cannot break goes back to the chair, whose decision comes in as a ``TieBreak``).
"""
from .ballots import (
    METHODS,
    THRESHOLDS,
    Option,
    Result,
    Round,
    TieBreak,
    VotingError,
    validate_ballot,
)
from .counting import count, narrow_by_earlier_rounds, quorum_needed
from .wording import describe, round_note

__all__ = [
    "METHODS",
    "THRESHOLDS",
    "Option",
    "Result",
    "Round",
    "TieBreak",
    "VotingError",
    "count",
    "describe",
    "narrow_by_earlier_rounds",
    "quorum_needed",
    "round_note",
    "validate_ballot",
]
