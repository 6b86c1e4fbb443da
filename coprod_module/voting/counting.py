"""Counting the papers of one ballot: quorum, thresholds, rounds and ties.

``count()`` is a pure function: the same options, papers and tie breaks give the same
``Result``, whatever the order of the papers or of the options. Ties are never broken
at random: a tie that the counts cannot settle is returned to the chair (state
``"tie"``), and the chair's decision comes back in as a ``TieBreak``.
"""
from collections import Counter
from dataclasses import replace
from fractions import Fraction
from math import ceil
from numbers import Integral, Real

from .ballots import (
    THRESHOLDS,
    TIE_KINDS,
    Result,
    Round,
    TieBreak,
    VotingError,
    check_paper,
    options_by_key,
    sort_keys,
)
from .wording import round_note


def _whole_number(value, what):
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 0:
        raise VotingError(f"{what} must be a whole number, 0 or more (got {value!r}).")
    return int(value)


def quorum_needed(eligible, quorum_min=0, quorum_percent=0.0):
    """The smallest turnout that meets quorum.

    Quorum needs both: a turnout of at least ``quorum_min`` papers, and a turnout of at
    least ``quorum_percent`` per cent of ``eligible`` (the size of the register), so the
    percentage rounds up to whole people: 50 % of 7 people is 4 people. A
    ``quorum_percent`` of 0 means no percentage rule. The percentage is read from its
    decimal text, so 33.3 % of 1,000 people is exactly 333 people.
    """
    eligible = _whole_number(eligible, "The number of people who can vote")
    quorum_min = _whole_number(quorum_min, "The quorum")
    if isinstance(quorum_percent, bool) or not isinstance(quorum_percent, Real):
        raise VotingError(f"The quorum percentage must be a number (got {quorum_percent!r}).")
    try:
        percent = Fraction(str(quorum_percent))
    except ValueError:
        raise VotingError(f"The quorum percentage must be a number (got {quorum_percent!r}).") from None
    if not 0 <= percent <= 100:
        raise VotingError(f"The quorum percentage must be between 0 and 100 (got {quorum_percent}).")
    return max(quorum_min, ceil(percent * eligible / 100))


def index_tie_breaks(tie_breaks, by_key):
    """Check the chair's tie breaks and index them by ``(kind, frozenset(tied))``.

    Each names a kind (``eliminate`` or ``win``), two or more tied options of this
    ballot, and a chosen option among them. Two tie breaks for the same tie that choose
    differently are refused; a tie break for a tie that never happens is ignored.
    """
    if isinstance(tie_breaks, TieBreak):
        tie_breaks = (tie_breaks,)
    index = {}
    for tie_break in tie_breaks or ():
        if not isinstance(tie_break, TieBreak):
            raise VotingError(f"{tie_break!r} is not a tie break.")
        if tie_break.kind not in TIE_KINDS:
            raise VotingError(
                f"A tie break is either 'eliminate' or 'win', not {tie_break.kind!r}."
            )
        try:
            tied = frozenset(tie_break.tied)
        except TypeError:
            raise VotingError("A tie break must list the tied options.") from None
        if len(tied) < 2:
            raise VotingError("A tie needs at least two options.")
        for key in sort_keys(tied):
            if key not in by_key:
                raise VotingError(f"{key!r} is not a choice on this ballot.")
        if tie_break.chosen not in tied:
            raise VotingError("The chair must choose one of the tied options.")
        slot = (tie_break.kind, tied)
        if slot in index and index[slot].chosen != tie_break.chosen:
            raise VotingError("Two different decisions were given for the same tie.")
        index[slot] = replace(tie_break, tied=tied)
    return index


def count(method, options, ballots, *, eligible, quorum_min=0, quorum_percent=0.0,
          threshold="simple", tie_breaks=()):
    """Count the papers of one ballot and return a ``Result``.

    ``options``: the ballot's ``Option`` values (see ``options_by_key`` for what each
    method needs). ``ballots``: the papers, each a list of option keys (see
    ``validate_ballot``; a bad paper raises ``VotingError``). ``eligible``: the number
    of people on the register. ``tie_breaks``: the chair's ``TieBreak`` decisions.

    Turnout and quorum, all methods:

    - turnout is the number of papers (an abstention is a paper);
    - quorum is met when turnout >= ``quorum_min`` and turnout >= ``quorum_percent``
      per cent of ``eligible`` (see ``quorum_needed``); without it the state is
      ``"no_quorum"``: the counts are still given (for ``ranked``, round 1 only) and
      nothing is won (``passed`` is ``False`` for ``majority`` and ``thumbs``);
    - more papers than people on the register is an error.

    ``majority`` (yes / no / abstain): the motion passes when yes > no
    (``threshold="simple"``), or when yes >= two thirds of yes + no and yes > 0
    (``"two_thirds"``). Abstentions count for turnout and quorum, not for the threshold.
    Passed: state ``"won"``, ``winners`` the yes option; else ``"rejected"``. With the
    simple threshold, as many yes as no is ``"rejected"``.

    ``thumbs`` (agree / unsure / disagree): agreed when agree is more than half of all
    the votes cast (unsure and disagree count too): ``"won"`` with the agree option,
    else ``"rejected"``.

    ``plurality`` (one choice) and ``approval`` (one choice or more): the option with
    the most votes wins. When several share the most votes the state is ``"tie"``
    (``tie_kind="win"``, ``tied`` those options) unless a ``TieBreak("win", tied,
    chosen)`` for exactly those options is given: then ``chosen`` wins.

    ``ranked`` (instant-runoff, one seat; a paper ranks one option or more):

    - each round gives each paper to its highest-ranked option still in the count; a
      paper with no such option left is exhausted (counted in ``Round.exhausted``);
    - an option with more than half of the papers not exhausted wins; an option that
      is the only one left wins;
    - otherwise the option with the fewest votes goes out and its papers move on to
      their next choice still in the count; every option is in round 1, with 0 if no
      paper puts it first;
    - options with no votes at all go out together, in one round, when another option
      has votes: no paper moves, so the order they go in cannot change anything;
    - a tie for the fewest votes is broken by the earlier rounds: looking back from the
      round before to round 1, the first round where the tied options' counts differ
      sends out the one with fewer (if several still share the fewest there, the
      rounds before that narrow them on). If no earlier round separates them, a
      ``TieBreak("eliminate", tied, chosen)`` for exactly the options still level sends
      ``chosen`` out and the count goes on; without one the count stops with state
      ``"tie"``, ``tie_kind="eliminate"`` and the rounds so far;
    - when every option still in the count has the same votes (and none has more than
      half), sending out the fewest would leave none: that is a final tie, settled
      like a plurality tie (``tie_kind="win"``).
    """
    by_key = options_by_key(method, options)
    if threshold not in THRESHOLDS:
        raise VotingError(
            f"{threshold!r} is not a threshold. Use one of: {', '.join(THRESHOLDS)}."
        )
    if isinstance(ballots, (str, bytes)):
        raise VotingError("The papers must be a list of ballot papers.")
    papers = Counter(check_paper(method, by_key, ballot) for ballot in ballots)
    turnout = sum(papers.values())
    needed = quorum_needed(eligible, quorum_min, quorum_percent)
    if turnout > eligible:
        raise VotingError(
            f"There are more papers ({turnout}) than people who can vote ({eligible})."
        )
    breaks = index_tie_breaks(tie_breaks, by_key)
    base = {
        "turnout": turnout,
        "quorum_met": turnout >= needed,
        "method": method,
        "threshold": threshold,
        "eligible": eligible,
        "quorum_needed": needed,
        "codes": {key: option.code for key, option in by_key.items() if option.code},
    }
    counter = _COUNTERS[method]
    result = counter(by_key, papers, base, breaks)

    def name_of(key):
        return by_key[key].name

    rounds = tuple(replace(rnd, note=round_note(result, rnd, name_of)) for rnd in result.rounds)
    return replace(result, rounds=rounds)


# SINGLE-ROUND METHODS -------------------------------------------------------------------

def _result(base, state, rounds, *, winners=(), tied=(), tie_kind=None, passed=None):
    return Result(state=state, winners=tuple(winners), tied=tuple(tied), tie_kind=tie_kind,
                  rounds=tuple(rounds), passed=passed, **base)


def _tally(by_key, papers):
    """Votes per option, every option listed (in key order), each choice on a paper once."""
    counts = dict.fromkeys(by_key, 0)
    for paper, copies in papers.items():
        for key in paper:
            counts[key] += copies
    return counts


def _key_of(by_key, code):
    for key, option in by_key.items():
        if option.code == code:
            return key
    return None


def _motion(by_key, papers, base, passes, carry_code):
    counts = _tally(by_key, papers)
    rounds = (Round(1, counts, 0, ()),)
    if not base["quorum_met"]:
        return _result(base, "no_quorum", rounds, passed=False)
    if passes(counts):
        return _result(base, "won", rounds, winners=(_key_of(by_key, carry_code),),
                       passed=True)
    return _result(base, "rejected", rounds, passed=False)


def _count_majority(by_key, papers, base, _breaks):
    """yes > no (simple), or 3 * yes >= 2 * (yes + no) with yes > 0 (two thirds)."""
    yes_key, no_key = _key_of(by_key, "yes"), _key_of(by_key, "no")

    def passes(counts):
        yes, no = counts[yes_key], counts[no_key]
        if base["threshold"] == "two_thirds":
            return yes > 0 and 3 * yes >= 2 * (yes + no)
        return yes > no

    return _motion(by_key, papers, base, passes, "yes")


def _count_thumbs(by_key, papers, base, _breaks):
    """agree > half of all the votes cast."""
    agree_key = _key_of(by_key, "agree")

    def passes(counts):
        return 2 * counts[agree_key] > sum(counts.values())

    return _motion(by_key, papers, base, passes, "agree")


def _count_most(by_key, papers, base, breaks):
    """plurality and approval: most votes wins; a tie for most goes to the chair."""
    counts = _tally(by_key, papers)
    top = max(counts.values())
    leaders = sort_keys(key for key, votes in counts.items() if votes == top)
    if not base["quorum_met"]:
        return _result(base, "no_quorum", (Round(1, counts, 0, ()),))
    if len(leaders) == 1:
        return _result(base, "won", (Round(1, counts, 0, ()),), winners=leaders)
    tie_break = breaks.get(("win", frozenset(leaders)))
    rnd = Round(1, counts, 0, (), tied=leaders, tie_break=tie_break)
    if tie_break:
        return _result(base, "won", (rnd,), winners=(tie_break.chosen,))
    return _result(base, "tie", (rnd,), tied=leaders, tie_kind="win")


# RANKED (INSTANT-RUNOFF) --------------------------------------------------------------

def _ranked_round(number, continuing, papers):
    """Give each paper to its highest-ranked continuing option."""
    counts = dict.fromkeys(continuing, 0)
    exhausted = 0
    for paper, copies in papers.items():
        for key in paper:
            if key in counts:
                counts[key] += copies
                break
        else:
            exhausted += copies
    return Round(number, counts, exhausted, ())


def narrow_by_earlier_rounds(rounds, tied):
    """Break a tie for the fewest votes with the earlier rounds' counts.

    Looks back from the most recent earlier round to round 1. At each round where the
    options still tied have different counts, only those with the fewest there stay
    tied. Returns ``(still_tied, round_number)``: ``round_number`` is the round that
    left a single option, or ``None`` when two or more are still level.
    """
    still = sort_keys(tied)
    for earlier in reversed(rounds):
        votes = {key: earlier.counts[key] for key in still}
        fewest = min(votes.values())
        if any(value != fewest for value in votes.values()):
            still = tuple(key for key in still if votes[key] == fewest)
            if len(still) == 1:
                return still, earlier.number
    return still, None


def _count_ranked(by_key, papers, base, breaks):
    continuing = tuple(by_key)
    rounds = []
    while True:
        rnd = _ranked_round(len(rounds) + 1, continuing, papers)
        counts = rnd.counts
        if not base["quorum_met"]:
            return _result(base, "no_quorum", (rnd,))
        active = base["turnout"] - rnd.exhausted
        top = max(counts.values())
        leaders = sort_keys(key for key in continuing if counts[key] == top)
        if len(continuing) == 1 or 2 * top > active:
            return _result(base, "won", (*rounds, rnd), winners=leaders)
        fewest = min(counts.values())
        lowest = tuple(key for key in continuing if counts[key] == fewest)
        if len(lowest) == len(continuing):
            # A final tie: sending out the fewest would leave no option.
            tie_break = breaks.get(("win", frozenset(lowest)))
            rnd = replace(rnd, tied=lowest, tie_break=tie_break)
            if tie_break:
                return _result(base, "won", (*rounds, rnd), winners=(tie_break.chosen,))
            return _result(base, "tie", (*rounds, rnd), tied=lowest, tie_kind="win")
        if len(lowest) == 1:
            rnd = replace(rnd, eliminated=lowest)
        elif fewest == 0:
            # No paper sits with any of them: they go out together.
            rnd = replace(rnd, eliminated=lowest)
        else:
            still, settled_by = narrow_by_earlier_rounds(rounds, lowest)
            if settled_by is not None:
                rnd = replace(rnd, eliminated=still, tied=lowest, settled_by_round=settled_by)
            else:
                tie_break = breaks.get(("eliminate", frozenset(still)))
                rnd = replace(rnd, tied=lowest, tie_break=tie_break)
                if not tie_break:
                    return _result(base, "tie", (*rounds, rnd), tied=still,
                                   tie_kind="eliminate")
                rnd = replace(rnd, eliminated=(tie_break.chosen,))
        rounds.append(rnd)
        continuing = tuple(key for key in continuing if key not in rnd.eliminated)


_COUNTERS = {
    "majority": _count_majority,
    "thumbs": _count_thumbs,
    "plurality": _count_most,
    "approval": _count_most,
    "ranked": _count_ranked,
}
