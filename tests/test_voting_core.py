"""The vote counting core (coprod_module/voting): plain unit tests, no Odoo, no database.

Worked examples with known results for every method, quorum, ties and bad input, then
property tests (hypothesis) of the rules that must hold for any set of papers.
"""
import unittest
from collections import Counter
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..coprod_module.voting import (
    METHODS,
    Option,
    Result,
    Round,
    TieBreak,
    VotingError,
    count,
    describe,
    narrow_by_earlier_rounds,
    quorum_needed,
    validate_ballot,
)

YES, NO, ABSTAIN = "yes", "no", "abstain"
MOTION = (Option(YES, "yes", "Yes"), Option(NO, "no", "No"), Option(ABSTAIN, "abstain"))
AGREE, UNSURE, DISAGREE = 11, 12, 13
THUMBS = (Option(AGREE, "agree"), Option(UNSURE, "unsure"), Option(DISAGREE, "disagree"))

AMY, BEN, CAT, DAN, EVE = 1, 2, 3, 4, 5
LABELS = {AMY: "Amy", BEN: "Ben", CAT: "Cat", DAN: "Dan", EVE: "Eve"}
PEOPLE = tuple(Option(key, label=label) for key, label in LABELS.items())

JARGON = ("exhaust", "quorum", "eliminat", "abstain", "plurality", "threshold",
          "ballot", "majority", "turnout", "preference")

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def papers(*groups):
    """``papers((3, (AMY,)), (2, (BEN, AMY)))`` -> 3 papers for Amy, 2 for Ben then Amy."""
    return [tuple(paper) for copies, paper in groups for _ in range(copies)]


class VotingCase(unittest.TestCase):
    def assertEasyRead(self, result, labels=None):
        """describe() gives short sentences in everyday words; returns its lines."""
        lines = describe(result, LABELS if labels is None else labels)
        self.assertTrue(lines)
        for line in lines:
            self.assertLessEqual(len(line.split()), 15, line)
            self.assertTrue(line.endswith("."), line)
            self.assertTrue(line[0].isupper() or line[0].isdigit(), line)
            for word in JARGON:
                self.assertNotIn(word, line.lower(), line)
        return lines


# MAJORITY AND THUMBS --------------------------------------------------------------------

class TestMajority(VotingCase):
    def test_abstentions_count_for_turnout_and_quorum_not_threshold(self):
        ballots = papers((4, (YES,)), (3, (NO,)), (5, (ABSTAIN,)))
        result = count("majority", MOTION, ballots, eligible=15, quorum_min=12)
        self.assertEqual(result.state, "won")
        self.assertEqual(result.winners, (YES,))
        self.assertIs(result.passed, True)
        self.assertEqual(result.turnout, 12)
        self.assertTrue(result.quorum_met)  # only with the 5 abstentions
        self.assertEqual(result.rounds[0].counts, {YES: 4, NO: 3, ABSTAIN: 5})
        self.assertEqual(len(result.rounds), 1)
        lines = self.assertEasyRead(result)
        self.assertIn("5 people did not say yes or no.", lines)
        self.assertEqual(lines[-1], "The answer is yes.")

    def test_simple_yes_no_tie_is_rejected(self):
        result = count("majority", MOTION, papers((3, (YES,)), (3, (NO,)), (4, (ABSTAIN,))),
                       eligible=10)
        self.assertEqual((result.state, result.winners, result.passed), ("rejected", (), False))
        self.assertIn("The same number of people said yes and no.", self.assertEasyRead(result))

    def test_simple_fewer_yes_is_rejected(self):
        result = count("majority", MOTION, papers((2, (YES,)), (3, (NO,))), eligible=5)
        self.assertEqual((result.state, result.passed), ("rejected", False))
        self.assertEqual(result.rounds[0].counts, {YES: 2, NO: 3, ABSTAIN: 0})

    def test_two_thirds_exactly_met(self):
        ballots = papers((6, (YES,)), (3, (NO,)), (4, (ABSTAIN,)))
        result = count("majority", MOTION, ballots, eligible=13, threshold="two_thirds")
        self.assertEqual((result.state, result.winners, result.passed), ("won", (YES,), True))
        self.assertEqual(self.assertEasyRead(result)[-1], "The answer is yes.")
        big = count("majority", MOTION, papers((200, (YES,)), (100, (NO,))), eligible=300,
                    threshold="two_thirds")
        self.assertIs(big.passed, True)

    def test_two_thirds_just_missed(self):
        ballots = papers((5, (YES,)), (3, (NO,)), (9, (ABSTAIN,)))
        result = count("majority", MOTION, ballots, eligible=17, threshold="two_thirds")
        self.assertEqual((result.state, result.winners, result.passed), ("rejected", (), False))
        self.assertIn("Yes needed 2 in every 3 yes or no votes.", self.assertEasyRead(result))
        big = count("majority", MOTION, papers((199, (YES,)), (101, (NO,))), eligible=300,
                    threshold="two_thirds")
        self.assertIs(big.passed, False)
        # The same papers pass with a simple majority.
        self.assertIs(count("majority", MOTION, ballots, eligible=17).passed, True)

    def test_two_thirds_needs_some_yes(self):
        result = count("majority", MOTION, papers((4, (ABSTAIN,))), eligible=4,
                       threshold="two_thirds")
        self.assertEqual(result.state, "rejected")

    def test_without_an_abstain_option(self):
        result = count("majority", MOTION[:2], papers((2, (YES,)), (1, (NO,))), eligible=3)
        self.assertEqual(result.state, "won")
        self.assertEqual(result.rounds[0].counts, {YES: 2, NO: 1})


class TestThumbs(VotingCase):
    def test_agreed_when_agree_is_more_than_half(self):
        ballots = papers((5, (AGREE,)), (2, (UNSURE,)), (2, (DISAGREE,)))
        result = count("thumbs", THUMBS, ballots, eligible=9)
        self.assertEqual((result.state, result.winners, result.passed), ("won", (AGREE,), True))
        lines = self.assertEasyRead(result)
        self.assertIn("2 people were not sure.", lines)
        self.assertEqual(lines[-1], "The group agreed.")

    def test_unsure_counts_against(self):
        ballots = papers((4, (AGREE,)), (3, (UNSURE,)), (1, (DISAGREE,)))
        result = count("thumbs", THUMBS, ballots, eligible=8)
        self.assertEqual((result.state, result.winners, result.passed), ("rejected", (), False))
        self.assertEqual(self.assertEasyRead(result)[-1], "The group did not agree.")

    def test_exactly_half_is_not_enough(self):
        result = count("thumbs", THUMBS, papers((3, (AGREE,)), (3, (DISAGREE,))), eligible=6)
        self.assertEqual(result.state, "rejected")


# PLURALITY AND APPROVAL -----------------------------------------------------------------

class TestPluralityApproval(VotingCase):
    def test_plurality_most_votes_wins(self):
        ballots = papers((4, (AMY,)), (3, (BEN,)), (2, (CAT,)))
        result = count("plurality", PEOPLE, ballots, eligible=10)
        self.assertEqual((result.state, result.winners), ("won", (AMY,)))
        self.assertIsNone(result.passed)
        self.assertEqual(result.rounds[0].counts,
                         {AMY: 4, BEN: 3, CAT: 2, DAN: 0, EVE: 0})
        self.assertEqual(self.assertEasyRead(result)[-1], "Amy won with 4 votes.")

    def test_plurality_tie_goes_to_the_chair(self):
        ballots = papers((3, (BEN,)), (3, (AMY,)), (2, (CAT,)))
        result = count("plurality", PEOPLE, ballots, eligible=10)
        self.assertEqual(result.state, "tie")
        self.assertEqual(result.tie_kind, "win")
        self.assertEqual(result.tied, (AMY, BEN))
        self.assertEqual(result.winners, ())
        lines = self.assertEasyRead(result)
        self.assertIn("Amy and Ben both had 3 votes.", lines)
        self.assertEqual(lines[-1], "The chair must choose who wins.")

    def test_plurality_tie_resolved_by_the_chair(self):
        ballots = papers((3, (BEN,)), (3, (AMY,)), (2, (CAT,)))
        tie_break = TieBreak("win", frozenset({AMY, BEN}), BEN, "drew lots")
        result = count("plurality", PEOPLE, ballots, eligible=10, tie_breaks=[tie_break])
        self.assertEqual((result.state, result.winners, result.tied), ("won", (BEN,), ()))
        self.assertEqual(result.rounds[0].tie_break, tie_break)
        self.assertIn("The chair chose Ben to win.", result.rounds[0].note)
        lines = self.assertEasyRead(result)
        self.assertIn("The reason: drew lots.", lines)
        self.assertEqual(lines[-1], "Ben won with 3 votes.")

    def test_a_tie_break_for_another_tie_is_ignored(self):
        ballots = papers((3, (BEN,)), (3, (AMY,)), (3, (CAT,)))
        tie_break = TieBreak("win", frozenset({AMY, BEN}), BEN)
        result = count("plurality", PEOPLE, ballots, eligible=10, tie_breaks=[tie_break])
        self.assertEqual((result.state, result.tied), ("tie", (AMY, BEN, CAT)))
        wrong_kind = TieBreak("eliminate", frozenset({AMY, BEN, CAT}), BEN)
        result = count("plurality", PEOPLE, ballots, eligible=10, tie_breaks=[wrong_kind])
        self.assertEqual(result.state, "tie")
        self.assertIn("Amy, Ben and Cat all had 3 votes.", self.assertEasyRead(result))

    def test_approval_counts_every_choice(self):
        ballots = papers((3, (AMY, BEN)), (2, (BEN, CAT)), (1, (CAT,)), (1, (DAN, AMY, CAT)))
        result = count("approval", PEOPLE, ballots, eligible=8)
        self.assertEqual(result.rounds[0].counts, {AMY: 4, BEN: 5, CAT: 4, DAN: 1, EVE: 0})
        self.assertEqual((result.state, result.winners, result.turnout), ("won", (BEN,), 7))
        lines = self.assertEasyRead(result)
        self.assertIn("Each person could choose more than one.", lines)
        self.assertEqual(lines[-1], "Ben won with 5 votes.")

    def test_approval_tie_and_its_resolution(self):
        ballots = papers((2, (AMY, BEN)), (1, (CAT, AMY)), (1, (BEN,)))
        result = count("approval", PEOPLE, ballots, eligible=4)
        self.assertEqual((result.state, result.tie_kind, result.tied), ("tie", "win", (AMY, BEN)))
        tie_break = TieBreak("win", frozenset(result.tied), AMY, "the chair drew lots")
        result = count("approval", PEOPLE, ballots, eligible=4, tie_breaks=(tie_break,))
        self.assertEqual((result.state, result.winners), ("won", (AMY,)))

    def test_options_order_does_not_matter(self):
        ballots = papers((3, (BEN,)), (3, (AMY,)), (2, (CAT,)))
        forward = count("plurality", PEOPLE, ballots, eligible=10)
        backward = count("plurality", PEOPLE[::-1], ballots[::-1], eligible=10)
        self.assertEqual(forward, backward)


# RANKED (INSTANT-RUNOFF) ----------------------------------------------------------------

class TestRanked(VotingCase):
    def test_several_rounds_with_papers_running_out_of_choices(self):
        ballots = papers(
            (6, (AMY,)),
            (2, (BEN, AMY)), (2, (BEN,)),
            (3, (CAT, BEN)), (2, (CAT,)),
            (1, (DAN, CAT)), (2, (DAN,)),
        )
        result = count("ranked", PEOPLE[:4], ballots, eligible=20)
        self.assertEqual(result.turnout, 18)
        self.assertEqual([rnd.counts for rnd in result.rounds], [
            {AMY: 6, BEN: 4, CAT: 5, DAN: 3},
            {AMY: 6, BEN: 4, CAT: 6},
            {AMY: 8, CAT: 6},
        ])
        self.assertEqual([rnd.exhausted for rnd in result.rounds], [0, 2, 4])
        self.assertEqual([rnd.eliminated for rnd in result.rounds], [(DAN,), (BEN,), ()])
        self.assertEqual([rnd.number for rnd in result.rounds], [1, 2, 3])
        # 8 of 18 is not half of the papers, but it is more than half of the 14 left.
        self.assertEqual((result.state, result.winners), ("won", (AMY,)))
        self.assertEqual(result.rounds[0].note,
                         "Amy 6, Cat 5, Ben 4, Dan 3. Dan had the fewest votes, so Dan is out.")
        lines = self.assertEasyRead(result)
        self.assertIn("2 papers had no more choices.", lines)
        self.assertIn("Ben had the fewest votes, so Ben is out.", lines)
        self.assertEqual(lines[-1], "Amy won with 8 votes in round 3.")

    def test_more_than_half_of_the_first_choices_wins_at_once(self):
        ballots = papers((5, (CAT, AMY)), (2, (AMY,)), (2, (BEN, AMY)))
        result = count("ranked", PEOPLE, ballots, eligible=9)
        self.assertEqual((result.state, result.winners, len(result.rounds)), ("won", (CAT,), 1))
        self.assertEqual(result.rounds[0].counts, {AMY: 2, BEN: 2, CAT: 5, DAN: 0, EVE: 0})

    def test_elimination_tie_settled_by_an_earlier_round(self):
        ballots = papers((6, (AMY,)), (4, (BEN,)), (3, (CAT, BEN)), (1, (DAN, CAT)),
                         (1, (DAN,)))
        result = count("ranked", PEOPLE[:4], ballots, eligible=15)
        second = result.rounds[1]
        self.assertEqual(second.counts, {AMY: 6, BEN: 4, CAT: 4})
        self.assertEqual(second.tied, (BEN, CAT))
        self.assertEqual(second.settled_by_round, 1)
        self.assertEqual(second.eliminated, (CAT,))
        self.assertIn("Cat had fewer votes in round 1, so Cat is out.", second.note)
        self.assertEqual(result.rounds[2].counts, {AMY: 6, BEN: 7})
        self.assertEqual(result.rounds[2].exhausted, 2)
        self.assertEqual((result.state, result.winners), ("won", (BEN,)))
        self.assertEqual(self.assertEasyRead(result)[-1], "Ben won with 7 votes in round 3.")

    def test_the_most_recent_earlier_round_decides(self):
        ballots = papers((7, (AMY,)), (5, (BEN, CAT)), (4, (CAT,)), (1, (DAN, BEN)),
                         (2, (DAN,)), (2, (EVE, CAT)))
        result = count("ranked", PEOPLE, ballots, eligible=21)
        self.assertEqual([rnd.counts for rnd in result.rounds[:3]], [
            {AMY: 7, BEN: 5, CAT: 4, DAN: 3, EVE: 2},
            {AMY: 7, BEN: 5, CAT: 6, DAN: 3},
            {AMY: 7, BEN: 6, CAT: 6},
        ])
        # Ben had more than Cat in round 1 but fewer in round 2: round 2 decides.
        third = result.rounds[2]
        self.assertEqual((third.tied, third.settled_by_round, third.eliminated),
                         ((BEN, CAT), 2, (BEN,)))
        self.assertIn("Ben had fewer votes in round 2, so Ben is out.", third.note)
        self.assertEqual(result.rounds[3].counts, {AMY: 7, CAT: 11})
        self.assertEqual([rnd.exhausted for rnd in result.rounds], [0, 0, 2, 3])
        self.assertEqual((result.state, result.winners), ("won", (CAT,)))
        self.assertEqual(self.assertEasyRead(result)[-1], "Cat won with 11 votes in round 4.")

    def test_elimination_tie_that_needs_the_chair(self):
        ballots = papers((5, (AMY,)), (3, (BEN, AMY)), (3, (CAT, BEN)))
        result = count("ranked", PEOPLE[:3], ballots, eligible=11)
        self.assertEqual((result.state, result.tie_kind, result.tied),
                         ("tie", "eliminate", (BEN, CAT)))
        self.assertEqual((result.winners, len(result.rounds)), ((), 1))
        self.assertEqual(result.rounds[0].eliminated, ())
        self.assertEqual(self.assertEasyRead(result)[-1], "The chair must choose who goes out.")
        # Who goes out decides who wins: Cat out sends Cat's papers to Ben.
        cat_out = count("ranked", PEOPLE[:3], ballots, eligible=11, tie_breaks=[
            TieBreak("eliminate", frozenset({BEN, CAT}), CAT, "drew lots")])
        self.assertEqual((cat_out.state, cat_out.winners), ("won", (BEN,)))
        self.assertEqual(cat_out.rounds[0].eliminated, (CAT,))
        self.assertEqual(cat_out.rounds[1].counts, {AMY: 5, BEN: 6})
        self.assertIn("The chair chose Cat to go out.", self.assertEasyRead(cat_out))
        ben_out = count("ranked", PEOPLE[:3], ballots, eligible=11, tie_breaks=[
            TieBreak("eliminate", frozenset({BEN, CAT}), BEN, "drew lots")])
        self.assertEqual((ben_out.state, ben_out.winners), ("won", (AMY,)))

    def test_earlier_rounds_level_too(self):
        ballots = papers((5, (AMY,)), (3, (BEN,)), (3, (CAT,)), (1, (DAN, AMY)))
        result = count("ranked", PEOPLE[:4], ballots, eligible=12)
        self.assertEqual(len(result.rounds), 2)
        self.assertEqual(result.rounds[1].counts, {AMY: 6, BEN: 3, CAT: 3})
        self.assertEqual((result.state, result.tied), ("tie", (BEN, CAT)))
        self.assertIn("Earlier rounds did not separate them.", self.assertEasyRead(result))

    def test_earlier_rounds_narrow_a_three_way_tie_then_the_chair(self):
        ballots = papers((5, (AMY,)), (3, (BEN,)), (3, (CAT,)), (4, (EVE,)),
                         (1, (DAN, BEN)), (1, (DAN, CAT)))
        result = count("ranked", PEOPLE, ballots, eligible=20)
        # Eve had 4 in round 1, Ben and Cat 3: only Ben and Cat stay tied.
        self.assertEqual(result.rounds[1].counts, {AMY: 5, BEN: 4, CAT: 4, EVE: 4})
        self.assertEqual(result.rounds[1].tied, (BEN, CAT, EVE))
        self.assertEqual((result.state, result.tie_kind, result.tied),
                         ("tie", "eliminate", (BEN, CAT)))
        tie_break = TieBreak("eliminate", frozenset({BEN, CAT}), CAT, "drew lots in the room")
        result = count("ranked", PEOPLE, ballots, eligible=20, tie_breaks=[tie_break])
        self.assertEqual([rnd.eliminated for rnd in result.rounds],
                         [(DAN,), (CAT,), (BEN,), ()])
        # Then Ben and Eve tie on 4; Ben had fewer in round 1.
        self.assertEqual(result.rounds[2].tied, (BEN, EVE))
        self.assertEqual(result.rounds[2].settled_by_round, 1)
        self.assertEqual([rnd.exhausted for rnd in result.rounds], [0, 0, 4, 8])
        self.assertEqual((result.state, result.winners), ("won", (AMY,)))
        lines = self.assertEasyRead(result)
        self.assertIn("Eve had more votes in an earlier round.", lines)
        self.assertIn("Earlier rounds did not separate Ben and Cat.", lines)
        self.assertIn("The reason: drew lots in the room.", lines)
        self.assertEqual(lines[-1], "Amy won with 5 votes in round 4.")

    def test_final_tie_and_its_resolution(self):
        ballots = papers((3, (AMY,)), (2, (BEN,)), (1, (CAT, BEN)))
        result = count("ranked", PEOPLE[:3], ballots, eligible=6)
        self.assertEqual(result.rounds[1].counts, {AMY: 3, BEN: 3})
        self.assertEqual((result.state, result.tie_kind, result.tied), ("tie", "win", (AMY, BEN)))
        self.assertEqual(self.assertEasyRead(result)[-1], "The chair must choose who wins.")
        result = count("ranked", PEOPLE[:3], ballots, eligible=6, tie_breaks=[
            TieBreak("win", frozenset({AMY, BEN}), AMY, "drew lots")])
        self.assertEqual((result.state, result.winners), ("won", (AMY,)))
        self.assertEqual(result.rounds[-1].tie_break.chosen, AMY)
        self.assertIn("The chair chose Amy to win.", self.assertEasyRead(result))

    def test_options_with_no_votes_go_out_together(self):
        ballots = papers((3, (AMY,)), (3, (BEN,)), (2, (CAT, AMY)))
        result = count("ranked", PEOPLE, ballots, eligible=8)
        self.assertEqual(result.rounds[0].eliminated, (DAN, EVE))
        self.assertIn("Dan and Eve had no votes, so they are out.", result.rounds[0].note)
        self.assertEqual([rnd.eliminated for rnd in result.rounds], [(DAN, EVE), (CAT,), ()])
        self.assertEqual((result.state, result.winners), ("won", (AMY,)))
        self.assertEasyRead(result)

    def test_the_only_option_left_wins(self):
        result = count("ranked", PEOPLE[:1], [], eligible=3)
        self.assertEqual((result.state, result.winners), ("won", (AMY,)))
        self.assertIn("Amy was the only choice left.", self.assertEasyRead(result))

    def test_partial_rankings_and_order(self):
        self.assertEqual(validate_ballot("ranked", PEOPLE, [CAT, AMY]), (CAT, AMY))
        ballots = papers((2, (CAT, AMY)), (2, (AMY, CAT)), (1, (BEN,)))
        result = count("ranked", PEOPLE[:3], ballots, eligible=5)
        self.assertEqual(result.rounds[1].exhausted, 1)


# QUORUM -----------------------------------------------------------------------------------

class TestQuorum(VotingCase):
    def test_quorum_min_exactly_met_and_just_missed(self):
        four = papers((3, (AMY,)), (1, (BEN,)))
        met = count("plurality", PEOPLE, four, eligible=10, quorum_min=4)
        self.assertTrue(met.quorum_met)
        self.assertEqual((met.state, met.winners), ("won", (AMY,)))
        missed = count("plurality", PEOPLE, four[:3], eligible=10, quorum_min=4)
        self.assertFalse(missed.quorum_met)
        self.assertEqual((missed.state, missed.winners, missed.passed), ("no_quorum", (), None))
        self.assertEqual(missed.rounds[0].counts, {AMY: 3, BEN: 0, CAT: 0, DAN: 0, EVE: 0})
        self.assertEqual(missed.quorum_needed, 4)
        lines = self.assertEasyRead(missed)
        self.assertIn("Not enough people voted to decide.", lines)
        self.assertIn("At least 4 people needed to vote.", lines)
        self.assertIn("Amy had 3 votes.", lines)

    def test_quorum_percent_exactly_met_and_just_missed(self):
        yes = papers((5, (YES,)))
        met = count("majority", MOTION, yes, eligible=10, quorum_percent=50)
        self.assertEqual((met.state, met.quorum_met, met.passed), ("won", True, True))
        missed = count("majority", MOTION, yes[:4], eligible=10, quorum_percent=50)
        self.assertEqual((missed.state, missed.quorum_met, missed.passed),
                         ("no_quorum", False, False))
        self.assertEqual(missed.rounds[0].counts, {YES: 4, NO: 0, ABSTAIN: 0})
        # Percentages round up to whole people: 50 % of 7 is 3.5, so 4 are needed.
        self.assertFalse(count("majority", MOTION, yes[:3], eligible=7,
                               quorum_percent=50).quorum_met)
        self.assertTrue(count("majority", MOTION, yes[:4], eligible=7,
                              quorum_percent=50).quorum_met)

    def test_both_rules_must_hold(self):
        five = papers((5, (AGREE,)))
        # 5 of 10 meets 50 %, but not a minimum of 6.
        result = count("thumbs", THUMBS, five, eligible=10, quorum_min=6, quorum_percent=50)
        self.assertEqual((result.state, result.quorum_needed), ("no_quorum", 6))
        # 5 meets a minimum of 5, but not 60 % of 10.
        result = count("thumbs", THUMBS, five, eligible=10, quorum_min=5, quorum_percent=60)
        self.assertEqual((result.state, result.quorum_needed), ("no_quorum", 6))
        result = count("thumbs", THUMBS, five, eligible=10, quorum_min=5, quorum_percent=50)
        self.assertEqual(result.state, "won")

    def test_ranked_without_quorum_shows_round_one_only(self):
        ballots = papers((2, (AMY,)), (2, (BEN,)), (1, (CAT, AMY)))
        result = count("ranked", PEOPLE[:3], ballots, eligible=20, quorum_percent=30)
        self.assertEqual(result.state, "no_quorum")
        self.assertEqual(len(result.rounds), 1)
        self.assertEqual(result.rounds[0].counts, {AMY: 2, BEN: 2, CAT: 1})
        self.assertEqual(result.rounds[0].eliminated, ())
        self.assertEqual((result.winners, result.tied, result.tie_kind), ((), (), None))

    def test_quorum_needed(self):
        self.assertEqual(quorum_needed(10), 0)
        self.assertEqual(quorum_needed(1000, 0, 33.3), 333)
        self.assertEqual(quorum_needed(1000, 0, 33.33), 334)
        self.assertEqual(quorum_needed(3, 0, 100), 3)
        self.assertEqual(quorum_needed(9, 0, Fraction(2, 3)), 1)
        self.assertEqual(quorum_needed(9, 7, 50), 7)


# BAD INPUT ------------------------------------------------------------------------------

class TestVotingErrors(VotingCase):
    def assertRefused(self, words, call, *args, **kwargs):
        with self.assertRaises(VotingError) as caught:
            call(*args, **kwargs)
        self.assertIn(words, str(caught.exception))

    def test_an_option_from_another_ballot(self):
        self.assertRefused("not a choice on this ballot", validate_ballot,
                           "plurality", PEOPLE, [99])
        self.assertRefused("not a choice on this ballot", validate_ballot,
                           "majority", MOTION, [AMY])
        self.assertRefused("not a choice on this ballot", validate_ballot,
                           "ranked", PEOPLE, [AMY, 99])
        self.assertRefused("not a choice on this ballot", validate_ballot,
                           "ranked", PEOPLE, [[AMY]])

    def test_repeated_choices(self):
        self.assertRefused("Amy is chosen more than once", validate_ballot,
                           "ranked", PEOPLE, [AMY, BEN, AMY])
        self.assertRefused("Ben is chosen more than once", validate_ballot,
                           "approval", PEOPLE, [BEN, BEN])
        self.assertRefused("chosen more than once", validate_ballot,
                           "majority", MOTION, [YES, YES])

    def test_too_many_choices(self):
        for method, options, paper in (("majority", MOTION, [YES, NO]),
                                       ("plurality", PEOPLE, [AMY, BEN]),
                                       ("thumbs", THUMBS, [AGREE, UNSURE, DISAGREE])):
            with self.subTest(method=method):
                self.assertRefused("allows one choice only", validate_ballot,
                                   method, options, paper)

    def test_too_few_choices(self):
        for method, options in (("majority", MOTION), ("plurality", PEOPLE),
                                ("approval", PEOPLE), ("ranked", PEOPLE),
                                ("thumbs", THUMBS)):
            with self.subTest(method=method):
                self.assertRefused("No choice was made", validate_ballot, method, options, [])

    def test_a_paper_that_is_not_a_list(self):
        self.assertRefused("must be a list", validate_ballot, "plurality", PEOPLE, AMY)
        self.assertRefused("must be a list", validate_ballot, "majority", MOTION, "yes")
        self.assertRefused("must be a list", validate_ballot, "plurality", PEOPLE, {AMY: 1})
        self.assertRefused("in order", validate_ballot, "ranked", PEOPLE, {AMY, BEN})

    def test_bad_options(self):
        self.assertRefused("not a way of voting", validate_ballot, "borda", PEOPLE, [AMY])
        self.assertRefused("at least one option", count, "plurality", [], [], eligible=1)
        self.assertRefused("same key", count, "plurality",
                           [Option(1, label="Amy"), Option(1, label="Ann")], [], eligible=1)
        self.assertRefused("needs a 'no' option", count, "majority",
                           [Option(YES, "yes"), Option(ABSTAIN, "abstain")], [], eligible=1)
        self.assertRefused("needs a code", count, "majority", MOTION + (Option("maybe"),),
                           [], eligible=1)
        self.assertRefused("Two options have the code", count, "thumbs",
                           THUMBS + (Option(14, "agree"),), [], eligible=1)
        self.assertRefused("list of choices", count, "plurality", "Amy", [], eligible=1)

    def test_bad_count_settings(self):
        one = [(AMY,)]
        self.assertRefused("not a threshold", count, "majority", MOTION, [(YES,)],
                           eligible=1, threshold="three_quarters")
        self.assertRefused("more papers (2) than people who can vote (1)", count,
                           "plurality", PEOPLE, one * 2, eligible=1)
        self.assertRefused("0 or more", count, "plurality", PEOPLE, one, eligible=-1)
        self.assertRefused("0 or more", count, "plurality", PEOPLE, one, eligible=1,
                           quorum_min=-2)
        self.assertRefused("between 0 and 100", count, "plurality", PEOPLE, one, eligible=1,
                           quorum_percent=101)
        self.assertRefused("must be a number", count, "plurality", PEOPLE, one, eligible=1,
                           quorum_percent="half")
        self.assertRefused("must be a number", count, "plurality", PEOPLE, one, eligible=1,
                           quorum_percent=float("nan"))
        self.assertRefused("must be a list of ballot papers", count, "plurality", PEOPLE,
                           "AMY", eligible=1)

    def test_a_bad_paper_stops_the_count(self):
        self.assertRefused("allows one choice only", count, "plurality", PEOPLE,
                           [(AMY,), (AMY, BEN)], eligible=5)

    def test_bad_tie_breaks(self):
        tied = frozenset({AMY, BEN})
        cases = (
            ("must choose one of the tied", TieBreak("win", tied, CAT)),
            ("not a choice on this ballot", TieBreak("win", frozenset({AMY, 99}), AMY)),
            ("either 'eliminate' or 'win'", TieBreak("draw", tied, AMY)),
            ("at least two options", TieBreak("win", frozenset({AMY}), AMY)),
            ("not a tie break", ("win", tied, AMY)),
        )
        for words, tie_break in cases:
            with self.subTest(words=words):
                self.assertRefused(words, count, "plurality", PEOPLE, [(AMY,)], eligible=1,
                                   tie_breaks=[tie_break])
        self.assertRefused("Two different decisions", count, "plurality", PEOPLE, [(AMY,)],
                           eligible=1, tie_breaks=[TieBreak("win", tied, AMY),
                                                   TieBreak("win", tied, BEN)])

    def test_voting_error_is_a_value_error(self):
        self.assertTrue(issubclass(VotingError, ValueError))


# SHAPES AND HELPERS ---------------------------------------------------------------------

class TestShapes(VotingCase):
    def test_validate_ballot_normalises(self):
        self.assertEqual(validate_ballot("approval", PEOPLE, [CAT, AMY]), (AMY, CAT))
        self.assertEqual(validate_ballot("approval", PEOPLE, {CAT, AMY}), (AMY, CAT))
        self.assertEqual(validate_ballot("ranked", PEOPLE, (EVE, AMY, CAT)), (EVE, AMY, CAT))
        self.assertEqual(validate_ballot("plurality", PEOPLE, [BEN]), (BEN,))
        self.assertEqual(validate_ballot("majority", MOTION, [ABSTAIN]), (ABSTAIN,))
        self.assertEqual(validate_ballot("plurality", [1, 2, 3], [2]), (2,))

    def test_values_are_frozen(self):
        result = count("plurality", PEOPLE, [(AMY,)], eligible=1)
        self.assertIsInstance(result, Result)
        self.assertIsInstance(result.rounds[0], Round)
        with self.assertRaises(AttributeError):
            result.state = "tie"
        with self.assertRaises(AttributeError):
            PEOPLE[0].key = 7

    def test_option_label_is_not_part_of_its_identity(self):
        self.assertEqual(Option(1, label="Amy"), Option(1))

    def test_methods(self):
        self.assertEqual(METHODS, ("majority", "plurality", "approval", "ranked", "thumbs"))

    def test_narrow_by_earlier_rounds(self):
        first = Round(1, {BEN: 1, CAT: 2, EVE: 2}, 0, ())
        second = Round(2, {BEN: 3, CAT: 3, EVE: 4}, 0, ())
        # Round 2 keeps Ben and Cat (Eve had more), round 1 sends Ben out.
        self.assertEqual(narrow_by_earlier_rounds([first, second], (BEN, CAT, EVE)),
                         ((BEN,), 1))
        self.assertEqual(narrow_by_earlier_rounds([second], (CAT, BEN, EVE)),
                         ((BEN, CAT), None))
        self.assertEqual(narrow_by_earlier_rounds([], (BEN, CAT)), ((BEN, CAT), None))

    def test_describe_without_labels(self):
        lines = describe(count("plurality", [7, 8], [(8,)], eligible=1))
        self.assertEqual(lines, ["1 person voted.", "8 had 1 vote.", "7 had 0 votes.",
                                 "8 won with 1 vote."])
        self.assertEqual(describe(count("plurality", [7, 8], [], eligible=1,
                                        quorum_min=1))[0], "No one voted.")

    def test_the_api_works_with_uncomparable_keys(self):
        options = [Option(1, label="One"), Option("b", label="Bee"), Option((2, 3))]
        result = count("approval", options, [(1, "b"), ("b",)], eligible=2)
        self.assertEqual((result.state, result.winners), ("won", ("b",)))


# PROPERTIES -------------------------------------------------------------------------------

KEYS = st.lists(st.integers(1, 40), min_size=1, max_size=6, unique=True)


def paper_of(method, keys):
    """A strategy for one valid paper of ``method`` over option ``keys``."""
    if method == "majority":
        return st.sampled_from([(YES,), (NO,), (ABSTAIN,)])
    if method == "thumbs":
        return st.sampled_from([(AGREE,), (UNSURE,), (DISAGREE,)])
    if method == "plurality":
        return st.sampled_from(keys).map(lambda key: (key,))
    if method == "approval":
        return st.lists(st.sampled_from(keys), min_size=1, unique=True).map(tuple)
    return st.permutations(keys).flatmap(
        lambda order: st.integers(1, len(order)).map(lambda n: tuple(order[:n])))


def options_of(method, keys):
    return {"majority": MOTION, "thumbs": THUMBS}.get(method, [Option(key) for key in keys])


@st.composite
def elections(draw, methods=METHODS, min_papers=0, max_papers=30):
    method = draw(st.sampled_from(methods))
    keys = draw(KEYS)
    ballots = draw(st.lists(paper_of(method, keys), min_size=min_papers, max_size=max_papers))
    return method, options_of(method, keys), ballots


def settle(method, options, ballots, **kwargs):
    """Count, letting the chair pick the smallest tied key until there is no tie."""
    tie_breaks = []
    for _attempt in range(len(options) + 1):
        result = count(method, options, ballots, tie_breaks=tie_breaks, **kwargs)
        if result.state != "tie":
            return result, tie_breaks
        tie_breaks.append(TieBreak(result.tie_kind, frozenset(result.tied), min(result.tied)))
    raise AssertionError("the chair's tie breaks did not settle the count")


class TestProperties(VotingCase):
    @PROPERTY_SETTINGS
    @given(keys=KEYS, data=st.data())
    def test_more_than_half_of_first_choices_always_wins(self, keys, data):
        winner = data.draw(st.sampled_from(keys))
        for method in ("ranked", "plurality"):
            others = data.draw(st.lists(paper_of(method, keys), max_size=15))
            tails = data.draw(st.lists(paper_of("ranked", keys), min_size=len(others) + 1,
                                       max_size=len(others) + 3))
            # Papers with the winner first: more of them than all the others together.
            firsts = [(winner,) if method == "plurality" else
                      (winner, *(key for key in tail if key != winner)) for tail in tails]
            ballots = data.draw(st.permutations(others + firsts))
            result = count(method, [Option(key) for key in keys], ballots,
                           eligible=len(ballots))
            self.assertEqual((result.state, result.winners), ("won", (winner,)), method)
            self.assertEqual(len(result.rounds), 1)

    @PROPERTY_SETTINGS
    @given(election=elections(), data=st.data())
    def test_order_of_papers_and_options_does_not_matter(self, election, data):
        method, options, ballots = election
        quorum = data.draw(st.integers(0, len(ballots) + 1))
        threshold = data.draw(st.sampled_from(("simple", "two_thirds")))
        kwargs = {"eligible": len(ballots) + 2, "quorum_min": quorum, "threshold": threshold}
        first = count(method, options, ballots, **kwargs)
        shuffled = count(method, data.draw(st.permutations(options)),
                         data.draw(st.permutations(ballots)), **kwargs)
        self.assertEqual(first, shuffled)
        self.assertEqual(describe(first), describe(shuffled))
        # With the chair's decisions too.
        settled, tie_breaks = settle(method, options, ballots, **kwargs)
        again = count(method, data.draw(st.permutations(options)),
                      data.draw(st.permutations(ballots)),
                      tie_breaks=tie_breaks[::-1], **kwargs)
        self.assertEqual(settled, again)

    @PROPERTY_SETTINGS
    @given(election=elections(methods=("ranked",)), data=st.data())
    def test_no_paper_is_counted_twice_in_any_round(self, election, data):
        method, options, ballots = election
        result, _tie_breaks = settle(method, options, ballots, eligible=len(ballots))
        gone = set()
        previous_exhausted = 0
        for rnd in result.rounds:
            self.assertEqual(sum(rnd.counts.values()) + rnd.exhausted, result.turnout)
            self.assertGreaterEqual(rnd.exhausted, previous_exhausted)
            self.assertFalse(gone & set(rnd.counts), "an option came back after going out")
            self.assertTrue(set(rnd.eliminated) <= set(rnd.counts))
            previous_exhausted = rnd.exhausted
            gone |= set(rnd.eliminated)
        self.assertEqual(set(result.rounds[0].counts), {option.key for option in options})
        self.assertEqual(result.rounds[-1].eliminated, ())
        self.assertLessEqual(len(result.rounds), len(options))

    @PROPERTY_SETTINGS
    @given(election=elections(methods=("ranked",)))
    def test_ranked_rounds_follow_the_rules(self, election):
        method, options, ballots = election
        result = count(method, options, ballots, eligible=len(ballots))
        for rnd in result.rounds:
            # Each continuing option holds exactly the papers whose highest continuing
            # choice it is.
            expected = Counter()
            for paper in ballots:
                top = next((key for key in paper if key in rnd.counts), None)
                if top is not None:
                    expected[top] += 1
            self.assertEqual({key: votes for key, votes in rnd.counts.items() if votes},
                             dict(expected))
            active = result.turnout - rnd.exhausted
            if rnd.eliminated:
                self.assertTrue(all(2 * votes <= active for votes in rnd.counts.values()))
                fewest = min(rnd.counts.values())
                self.assertTrue(all(rnd.counts[key] == fewest for key in rnd.eliminated))
                self.assertLess(len(rnd.eliminated), len(rnd.counts))
        last = result.rounds[-1]
        if result.state == "won":
            (winner,) = result.winners
            active = result.turnout - last.exhausted
            self.assertTrue(2 * last.counts[winner] > active or len(last.counts) == 1)
        if result.state == "tie":
            self.assertGreaterEqual(len(result.tied), 2)
            self.assertTrue(set(result.tied) <= set(last.counts))
            self.assertEqual(len({last.counts[key] for key in result.tied}), 1)

    @PROPERTY_SETTINGS
    @given(election=elections(methods=("ranked", "plurality", "approval")))
    def test_the_chair_can_always_settle_a_tie(self, election):
        method, options, ballots = election
        result, tie_breaks = settle(method, options, ballots, eligible=len(ballots))
        self.assertEqual(result.state, "won")
        self.assertIn(result.winners[0], {option.key for option in options})
        self.assertLessEqual(len(tie_breaks), max(len(options) - 1, 0))

    @PROPERTY_SETTINGS
    @given(election=elections(methods=("plurality",)))
    def test_single_choice_approval_and_ranked_agree_with_plurality(self, election):
        method, options, ballots = election
        plurality = count(method, options, ballots, eligible=len(ballots))
        approval = count("approval", options, ballots, eligible=len(ballots))
        self.assertEqual((approval.state, approval.winners, approval.tied),
                         (plurality.state, plurality.winners, plurality.tied))
        self.assertEqual(approval.rounds[0].counts, plurality.rounds[0].counts)
        ranked = count("ranked", options, ballots, eligible=len(ballots))
        self.assertEqual(ranked.rounds[0].counts, plurality.rounds[0].counts)
        if len(options) <= 2:
            self.assertEqual((ranked.state, ranked.winners, ranked.tied),
                             (plurality.state, plurality.winners, plurality.tied))

    @PROPERTY_SETTINGS
    @given(yes=st.integers(0, 60), no=st.integers(0, 60), abstain=st.integers(0, 20),
           threshold=st.sampled_from(("simple", "two_thirds")))
    def test_majority_thresholds(self, yes, no, abstain, threshold):
        ballots = papers((yes, (YES,)), (no, (NO,)), (abstain, (ABSTAIN,)))
        result = count("majority", MOTION, ballots, eligible=len(ballots),
                       threshold=threshold)
        if threshold == "simple":
            expected = yes > no
        else:
            expected = yes > 0 and Fraction(yes, yes + no) >= Fraction(2, 3)
        self.assertIs(result.passed, expected)
        self.assertEqual(result.state, "won" if expected else "rejected")
        # Abstentions never change the outcome, one more yes never loses it.
        fewer = count("majority", MOTION, ballots[:yes + no], eligible=len(ballots),
                      threshold=threshold)
        self.assertIs(fewer.passed, expected)
        more = count("majority", MOTION, ballots + [(YES,)], eligible=len(ballots) + 1,
                     threshold=threshold)
        self.assertTrue(more.passed or not expected)

    @PROPERTY_SETTINGS
    @given(turnout=st.integers(0, 40), extra=st.integers(0, 40), quorum_min=st.integers(0, 50),
           percent=st.one_of(st.integers(0, 100),
                             st.decimals(0, 100, places=2).map(float)))
    def test_quorum_is_both_rules(self, turnout, extra, quorum_min, percent):
        eligible = turnout + extra
        result = count("thumbs", THUMBS, papers((turnout, (AGREE,))), eligible=eligible,
                       quorum_min=quorum_min, quorum_percent=percent)
        expected = (turnout >= quorum_min
                    and turnout * 100 >= Fraction(str(percent)) * eligible)
        self.assertIs(result.quorum_met, expected)
        self.assertEqual(result.state == "no_quorum", not expected)
        self.assertEqual(result.rounds[0].counts[AGREE], turnout)

    @PROPERTY_SETTINGS
    @given(election=elections(min_papers=1), data=st.data())
    def test_validate_ballot_is_idempotent(self, election, data):
        method, options, ballots = election
        paper = data.draw(st.sampled_from(ballots))
        once = validate_ballot(method, options, paper)
        self.assertEqual(validate_ballot(method, options, once), once)
        self.assertEqual(Counter(once), Counter(paper))

    @PROPERTY_SETTINGS
    @given(election=elections(max_papers=12), quorum=st.integers(0, 13))
    def test_every_result_reads_easily(self, election, quorum):
        method, options, ballots = election
        names = {option.key: f"N{option.key}" for option in options}
        result, _tie_breaks = settle(method, options, ballots, eligible=max(len(ballots), 1),
                                     quorum_min=quorum)
        self.assertEasyRead(result, names)
        unsettled = count(method, options, ballots, eligible=max(len(ballots), 1),
                          quorum_min=quorum)
        self.assertEasyRead(unsettled, names)
        for rnd in unsettled.rounds:
            self.assertTrue(rnd.note)
