"""Plain words for a count: the round notes and ``describe()``.

The words follow easy-read rules, for people with learning disabilities: short
sentences (15 words or fewer, as long as the option names are short), one idea a line,
everyday words ("3 papers had no more choices", never "exhausted"), numbers as digits.
"""
from collections.abc import Mapping

from .ballots import sort_keys


def join_names(names):
    """``["Amy"]`` -> "Amy", ``["Amy", "Ben", "Cat"]`` -> "Amy, Ben and Cat"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def amount(number, one, many):
    """``amount(1, "vote", "votes")`` -> "1 vote"; ``amount(3, ...)`` -> "3 votes"."""
    return f"{number} {one if number == 1 else many}"


def _votes(number):
    return amount(number, "vote", "votes")


def _both_or_all(keys):
    return "both" if len(keys) == 2 else "all"


def _reason(tie_break):
    reason = (tie_break.reason or "").strip().rstrip(".")
    return [f"The reason: {reason}."] if reason else []


def by_votes(counts):
    """The keys of ``counts``, most votes first; equal counts in key order."""
    ordered = sort_keys(counts)
    rank = {key: position for position, key in enumerate(ordered)}
    return sorted(ordered, key=lambda key: (-counts[key], rank[key]))


# CODED CHOICES (majority, thumbs) -------------------------------------------------

_SAID = {
    "yes": ("said yes", "said yes"),
    "no": ("said no", "said no"),
    "abstain": ("did not say yes or no", "did not say yes or no"),
    "agree": ("agreed", "agreed"),
    "unsure": ("was not sure", "were not sure"),
    "disagree": ("did not agree", "did not agree"),
}
_CODE_ORDER = ("yes", "no", "abstain", "agree", "unsure", "disagree")


def _coded(result, rnd):
    """``(code, votes)`` pairs of a majority or thumbs round, in the usual order."""
    by_code = {result.codes[key]: votes for key, votes in rnd.counts.items()}
    return [(code, by_code[code]) for code in _CODE_ORDER if code in by_code]


def _people(number, verbs):
    one, many = verbs
    if number == 1:
        return f"1 person {one}."
    return f"{number} people {many}."


# ONE ROUND --------------------------------------------------------------------------

def counts_lines(result, rnd, name_of):
    """One sentence an option: "Amy had 4 votes." or "6 people said yes."."""
    if result.method in ("majority", "thumbs"):
        return [_people(votes, _SAID[code]) for code, votes in _coded(result, rnd)]
    return [f"{name_of(key)} had {_votes(rnd.counts[key])}." for key in by_votes(rnd.counts)]


def counts_summary(result, rnd, name_of):
    """The counts in one short line: "Amy 4, Ben 3, Cat 2." or "Yes 6, no 3."."""
    if result.method in ("majority", "thumbs"):
        parts = [f"{code} {votes}" for code, votes in _coded(result, rnd)]
    else:
        parts = [f"{name_of(key)} {rnd.counts[key]}" for key in by_votes(rnd.counts)]
    text = ", ".join(parts) + "."
    return text[0].upper() + text[1:]


def exhausted_lines(rnd):
    """Ranked: how many papers had no continuing choice left."""
    if not rnd.exhausted:
        return []
    verb = "paper had" if rnd.exhausted == 1 else "papers had"
    return [f"{rnd.exhausted} {verb} no more choices."]


def _not_separated(rnd, still, name_of):
    """An elimination tie the earlier rounds narrowed (or not) before the chair's turn."""
    if set(still) == set(rnd.tied):
        return ["Earlier rounds did not separate them."] if rnd.number > 1 else []
    stays = [name_of(key) for key in rnd.tied if key not in still]
    return [f"{join_names(stays)} had more votes in an earlier round.",
            f"Earlier rounds did not separate {join_names(map(name_of, still))}."]


def elimination_lines(rnd, name_of):
    """Why the options in ``rnd.eliminated`` went out at the end of the round."""
    if not rnd.eliminated:
        return []
    out = [name_of(key) for key in rnd.eliminated]
    if len(out) > 1:
        return [f"{join_names(out)} had no votes, so they are out."]
    (gone,) = out
    if not rnd.tied:
        return [f"{gone} had the fewest votes, so {gone} is out."]
    votes = rnd.counts[rnd.eliminated[0]]
    lines = [f"{join_names(map(name_of, rnd.tied))} {_both_or_all(rnd.tied)} "
             f"had {_votes(votes)}."]
    if rnd.settled_by_round:
        lines.append(f"{gone} had fewer votes in round {rnd.settled_by_round}, "
                     f"so {gone} is out.")
    elif rnd.tie_break:
        lines.extend(_not_separated(rnd, sort_keys(rnd.tie_break.tied), name_of))
        lines.append(f"The chair chose {gone} to go out.")
        lines.extend(_reason(rnd.tie_break))
    return lines


def decision_lines(result, rnd, name_of):
    """Why the last round ended as it did (not the outcome itself)."""
    method, state = result.method, result.state
    if state == "no_quorum":
        return []
    if method == "majority":
        yes, no = (sum(v for k, v in rnd.counts.items() if result.codes[k] == code)
                   for code in ("yes", "no"))
        if result.threshold == "two_thirds":
            if result.passed:
                return ["At least 2 in every 3 yes or no votes were yes."]
            return ["Yes needed 2 in every 3 yes or no votes."]
        if yes > no:
            return ["More people said yes than no."]
        if yes == no:
            return ["The same number of people said yes and no."]
        return ["Fewer people said yes than no."]
    if method == "thumbs":
        if result.passed:
            return ["More than half of the people agreed."]
        return ["Agree needed more than half of the votes."]
    if rnd.tie_break and rnd.tie_break.kind == "win":
        tied = sort_keys(rnd.tie_break.tied)
        votes = rnd.counts[tied[0]]
        return [f"{join_names(map(name_of, tied))} {_both_or_all(tied)} had {_votes(votes)}.",
                f"The chair chose {name_of(rnd.tie_break.chosen)} to win.",
                *_reason(rnd.tie_break)]
    if state == "tie" and result.tie_kind == "win":
        votes = rnd.counts[result.tied[0]]
        return [f"{join_names(map(name_of, result.tied))} {_both_or_all(result.tied)} "
                f"had {_votes(votes)}."]
    if state == "tie":
        votes = rnd.counts[result.tied[0]]
        lines = [f"{join_names(map(name_of, rnd.tied))} {_both_or_all(rnd.tied)} "
                 f"had {_votes(votes)}, the fewest."]
        lines.extend(_not_separated(rnd, result.tied, name_of))
        return lines
    if method == "ranked" and state == "won":
        winner = name_of(result.winners[0])
        if len(rnd.counts) == 1:
            return [f"{winner} was the only choice left."]
        return [f"{winner} had more than half of the votes."]
    return []


def outcome_lines(result, name_of):
    """What was decided, in one or two sentences."""
    last = result.rounds[-1] if result.rounds else None
    if result.state == "no_quorum":
        return ["Not enough people voted to decide.",
                f"At least {amount(result.quorum_needed, 'person', 'people')} needed to vote."]
    if result.method == "majority":
        return ["The answer is yes." if result.passed else "The answer is no."]
    if result.method == "thumbs":
        return ["The group agreed." if result.passed else "The group did not agree."]
    if result.state == "tie":
        if result.tie_kind == "eliminate":
            return ["The chair must choose who goes out."]
        return ["The chair must choose who wins."]
    winner = result.winners[0]
    votes = _votes(last.counts[winner])
    if result.method == "ranked":
        return [f"{name_of(winner)} won with {votes} in round {last.number}."]
    return [f"{name_of(winner)} won with {votes}."]


def round_note(result, rnd, name_of):
    """The ``note`` of one round of ``result``: its counts, then what happened, in a few
    sentences, with ``name_of(key)`` for the options' names (``count()`` uses the
    options' labels; a caller with other names can rebuild the notes with this)."""
    lines = [counts_summary(result, rnd, name_of), *exhausted_lines(rnd),
             *elimination_lines(rnd, name_of)]
    if result.rounds and rnd.number == result.rounds[-1].number:
        lines.extend(decision_lines(result, rnd, name_of))
        lines.extend(outcome_lines(result, name_of))
    return " ".join(lines)


# THE WHOLE RESULT ---------------------------------------------------------------------

def describe(result, labels=None):
    """Tell a result in plain English, one short sentence a line.

    ``labels`` maps option keys to the names people know them by; a key without a
    label is shown as ``str(key)``. The lines say how many people voted, the counts
    (round by round for ``ranked``), why each option went out, and the outcome, e.g.::

        10 people voted.
        Round 1.
        Amy had 4 votes.
        ...
        Cat had the fewest votes, so Cat is out.
        ...
        Amy won with 6 votes in round 3.

    Each sentence has 15 words or fewer when the names are short; a chair's reason for a
    tie break is quoted as given.
    """
    labels = labels if isinstance(labels, Mapping) else {}

    def name_of(key):
        label = labels.get(key)
        return str(label) if label else str(key)

    if result.turnout == 0:
        lines = ["No one voted."]
    else:
        lines = [f"{amount(result.turnout, 'person', 'people')} voted."]
    if result.method == "approval":
        lines.append("Each person could choose more than one.")
    for rnd in result.rounds:
        if result.method == "ranked":
            lines.append(f"Round {rnd.number}.")
        lines.extend(counts_lines(result, rnd, name_of))
        lines.extend(exhausted_lines(rnd))
        lines.extend(elimination_lines(rnd, name_of))
    if result.rounds:
        lines.extend(decision_lines(result, result.rounds[-1], name_of))
    lines.extend(outcome_lines(result, name_of))
    return lines
