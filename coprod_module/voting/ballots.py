"""What the counting core reads and returns: options, papers, tie breaks, rounds, results.

Everything here is plain Python (standard library only) and immutable: an Odoo model
builds ``Option`` and ``TieBreak`` values from its records, passes the papers as tuples
of option keys, and stores what it gets back in a ``Result``.
"""
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

METHODS = ("majority", "plurality", "approval", "ranked", "thumbs")
THRESHOLDS = ("simple", "two_thirds")
STATES = ("won", "tie", "no_quorum", "rejected")
TIE_KINDS = ("eliminate", "win")

#: Codes a method's options must carry: the first two are required, the third is not.
CODES = {
    "majority": ("yes", "no", "abstain"),
    "thumbs": ("agree", "disagree", "unsure"),
}
SINGLE_CHOICE = frozenset({"majority", "plurality", "thumbs"})


class VotingError(ValueError):
    """A paper, an option list or a count request breaks a rule.

    The message says which rule, in plain words that can be shown to the person who
    made the mistake (for example "Amy is chosen more than once on this paper.").
    """


@dataclass(frozen=True)
class Option:
    """One choice on a ballot.

    ``key`` identifies it (an Odoo record id, for instance) and is what papers list.
    ``code`` says what a fixed choice means: ``yes`` / ``no`` / ``abstain`` for
    ``majority``, ``agree`` / ``unsure`` / ``disagree`` for ``thumbs``; other methods
    leave it ``None``. ``label`` (optional, not compared) is the name the counting notes
    use; without it they use ``str(key)``.
    """

    key: Hashable
    code: str | None = None
    label: str | None = field(default=None, compare=False)

    @property
    def name(self):
        """The words for this option in notes and error messages."""
        return self.label if self.label else str(self.key)


@dataclass(frozen=True)
class TieBreak:
    """The chair's decision on a tie the count could not break by itself.

    ``kind`` is ``"eliminate"`` (which of ``tied`` goes out of a ranked count) or
    ``"win"`` (which of ``tied`` wins). ``tied`` must be exactly the set of keys a
    ``Result`` reported as tied (``frozenset(result.tied)``) with the same kind:
    a tie break for another set or kind is ignored. ``chosen`` must be one of ``tied``.
    ``reason`` records how the chair decided (for example "drew lots in the room").
    """

    kind: str
    tied: frozenset
    chosen: Hashable
    reason: str = ""


@dataclass(frozen=True)
class Round:
    """One round of a count.

    ``counts`` maps each continuing option's key to its votes in this round (for the
    single-round methods, every option); treat it as read-only. ``exhausted`` is, for
    ``ranked``, the number of papers with no continuing choice left (it only grows from
    round to round); ``eliminated`` holds the keys that went out at the end of this
    round (empty in the last round). ``note`` tells what happened in plain words.

    How an elimination was decided: ``tied`` lists the options that shared the
    fewest votes (or, for a win tie, the most); ``settled_by_round`` is the earlier
    round whose counts broke the tie; ``tie_break`` is the chair's decision used here.
    """

    number: int
    counts: dict
    exhausted: int
    eliminated: tuple
    note: str = ""
    tied: tuple = ()
    settled_by_round: int | None = None
    tie_break: TieBreak | None = None


@dataclass(frozen=True)
class Result:
    """The outcome of a count.

    ``state`` is ``"won"``, ``"tie"``, ``"no_quorum"`` or ``"rejected"`` (a
    ``majority`` or ``thumbs`` motion that did not pass). ``winners`` holds the winning
    key (for ``majority`` the yes option, for ``thumbs`` the agree option) when the
    state is ``"won"``, else nothing. When the state is ``"tie"``, ``tied`` holds the
    options the chair must choose between and ``tie_kind`` says whether the chair
    chooses who goes out of a ranked count (``"eliminate"``) or who wins (``"win"``).
    ``passed`` is ``True``/``False`` for ``majority`` and ``thumbs`` (``False``
    without quorum) and ``None`` for the other methods.

    ``quorum_needed`` is the smallest turnout that meets quorum; ``method``,
    ``threshold``, ``eligible`` and ``codes`` (key -> code of the options that carry
    one) repeat what was counted, so the result can be told alone (``describe()``).
    """

    state: str
    winners: tuple
    tied: tuple
    tie_kind: str | None
    rounds: tuple
    turnout: int
    quorum_met: bool
    passed: bool | None
    method: str = ""
    threshold: str = "simple"
    eligible: int = 0
    quorum_needed: int = 0
    codes: dict = field(default_factory=dict)


def sort_keys(keys):
    """Return ``keys`` as a tuple in a fixed order (their natural order when they have
    one, else by type name and ``repr``). Only used to present keys: no rule depends on
    which key sorts first."""
    keys = list(keys)
    try:
        return tuple(sorted(keys))
    except TypeError:
        return tuple(sorted(keys, key=lambda key: (type(key).__name__, repr(key))))


def check_method(method):
    """Raise ``VotingError`` unless ``method`` is one of ``METHODS``."""
    if method not in METHODS:
        raise VotingError(
            f"{method!r} is not a way of voting. Use one of: {', '.join(METHODS)}."
        )


def options_by_key(method, options):
    """Check a ballot's options and return them as a dict ``key -> Option``, in key order.

    Rules: there is at least one option; no two options share a key; an item that is not
    an ``Option`` is taken as the key of an ``Option`` without code. ``majority`` options
    carry the codes ``yes`` and ``no`` (and may carry ``abstain``), ``thumbs`` options
    ``agree`` and ``disagree`` (and may carry ``unsure``), each code once and no other.
    """
    check_method(method)
    if isinstance(options, (str, bytes, Mapping)) or not isinstance(options, Iterable):
        raise VotingError("The options must be a list of choices.")
    found = {}
    for option in options:
        if not isinstance(option, Option):
            option = Option(option)
        try:
            seen = option.key in found
        except TypeError:
            raise VotingError(f"{option.key!r} cannot be used as an option key.") from None
        if seen:
            raise VotingError(f"Two options have the same key: {option.name}.")
        found[option.key] = option
    if not found:
        raise VotingError("A ballot needs at least one option.")
    if method in CODES:
        allowed = CODES[method]
        codes = [option.code for option in found.values()]
        for option in found.values():
            if option.code not in allowed:
                raise VotingError(
                    f"Option {option.name} needs a code: one of {', '.join(allowed)}."
                )
            if codes.count(option.code) > 1:
                raise VotingError(f"Two options have the code {option.code!r}.")
        for required in allowed[:2]:
            if required not in codes:
                raise VotingError(f"A {method} ballot needs a {required!r} option.")
    return {key: found[key] for key in sort_keys(found)}


def check_paper(method, by_key, ballot):
    """Check one paper against options already checked by ``options_by_key``."""
    if isinstance(ballot, (str, bytes, Mapping)) or not isinstance(ballot, Iterable):
        raise VotingError("A ballot paper must be a list of choices.")
    if method == "ranked" and isinstance(ballot, (set, frozenset)):
        raise VotingError("A ranked paper must list its choices in order.")
    choices = tuple(ballot)
    if not choices:
        raise VotingError("No choice was made on this paper.")
    seen = set()
    for choice in choices:
        try:
            known = choice in by_key
        except TypeError:
            known = False
        if not known:
            raise VotingError(
                f"{choice!r} is not a choice on this ballot. "
                "It may belong to another ballot."
            )
        if choice in seen:
            raise VotingError(
                f"{by_key[choice].name} is chosen more than once on this paper."
            )
        seen.add(choice)
    if method in SINGLE_CHOICE and len(choices) > 1:
        raise VotingError(
            f"This ballot allows one choice only. This paper has {len(choices)}."
        )
    if method == "approval":
        return sort_keys(choices)
    return choices


def validate_ballot(method, options, ballot):
    """Check one paper and return it normalised, as a tuple of option keys.

    Rules (each broken rule raises ``VotingError`` with a plain message):

    - every choice is an option of this ballot (not one from another ballot);
    - no choice appears twice;
    - ``majority``, ``plurality`` and ``thumbs``: exactly one choice;
    - ``approval``: one choice or more (returned in key order: the order means nothing);
    - ``ranked``: one choice or more, in order of preference (returned in that order;
      a set is refused because it has no order). A partial ranking is fine.
    """
    return check_paper(method, options_by_key(method, options), ballot)
