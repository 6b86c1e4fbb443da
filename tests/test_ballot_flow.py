"""Ballots from draft to result: the register, casting, closing and counting, ties,
quorum, cancelling, hidden results, elections, ballots in meetings, the auto-close
scheduled action; then bad input, which always gets a clear error and changes nothing.

The counting rules themselves are unit-tested in test_voting_core.py; here they are
exercised through the models, on worked examples with known results.
"""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user

from .common import CoprodCase


class BallotCase(CoprodCase):
    """The board (7 voting members, quorum 50 % and 3 people) plus people who are in
    the group but may not vote today: a supporter, an observer, a member who left
    yesterday, a member who joins tomorrow, and a member whose vote was switched off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["coprod.ballot"])
        cls.today = today
        cls.voters = cls.board.member_partner_ids
        Partner = cls.env["res.partner"]
        Membership = cls.env["coprod.membership"]
        cls.supporter, cls.observer, cls.past_member, cls.future_member, cls.no_vote = Partner.create([
            {"name": "Sam Supporter"}, {"name": "Olu Observer"}, {"name": "Pat Past"},
            {"name": "Fran Future"}, {"name": "Nat No-vote"},
        ])
        Membership.create([
            {"group_id": cls.board.id, "partner_id": cls.supporter.id, "role": "supporter",
             "date_start": cls.start_date},
            {"group_id": cls.board.id, "partner_id": cls.observer.id, "role": "observer",
             "date_start": cls.start_date},
            {"group_id": cls.board.id, "partner_id": cls.past_member.id,
             "date_start": cls.start_date, "date_end": today - timedelta(days=1)},
            {"group_id": cls.board.id, "partner_id": cls.future_member.id,
             "date_start": today + timedelta(days=1)},
            {"group_id": cls.board.id, "partner_id": cls.no_vote.id,
             "date_start": cls.start_date, "can_vote": False},
        ])
        cls.not_voting = (cls.supporter | cls.observer | cls.past_member
                          | cls.future_member | cls.no_vote)
        cls.outsider = Partner.create({"name": "Olive Outsider"})

    def _officer(self, ballot):
        return ballot.with_user(self.user_officer)

    def _opened(self, ballot):
        self._officer(ballot).action_open()
        return ballot

    def _closed(self, ballot):
        self._officer(ballot).action_close()
        self.env.invalidate_all()
        return ballot

    def _lines(self, ballot, number=None):
        """{option name: votes} of round ``number`` (the last round by default)."""
        rounds = ballot.round_ids.sorted("number")
        rnd = rounds.filtered(lambda r: r.number == number) if number else rounds[-1:]
        return {line.option_id.name: line.votes for line in rnd.line_ids}

    @staticmethod
    def _chatter(ballot):
        return "\n".join(ballot.message_ids.mapped("body"))

    def _voter(self, ballot, partner):
        return ballot.voter_ids.filtered(lambda v: v.partner_id == partner)

    def _papers_sql(self, ballot):
        """Every filled paper of ``ballot`` as (choice, option_id, partner_id), read in
        SQL (the ORM hides a secret ballot's papers from everyone)."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT choice, option_id, partner_id FROM coprod_ballot_vote "
            "WHERE ballot_id = %s AND choice IS NOT NULL ORDER BY choice", [ballot.id],
        )
        return self.env.cr.fetchall()

    def _snapshot(self, ballot):
        """Everything a failed action must leave as it was, read from the database."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT name, state, secret, method, active, result_state, turnout "
                   "FROM coprod_ballot WHERE id = %s", [ballot.id])
        head = cr.fetchall()
        cr.execute("SELECT id, name, sequence FROM coprod_ballot_option WHERE ballot_id = %s "
                   "ORDER BY id", [ballot.id])
        options = cr.fetchall()
        cr.execute("SELECT partner_id, has_voted, assisted, recorded_by_user_id "
                   "FROM coprod_ballot_voter WHERE ballot_id = %s ORDER BY partner_id", [ballot.id])
        register = cr.fetchall()
        cr.execute("SELECT choice, option_id, partner_id FROM coprod_ballot_vote "
                   "WHERE ballot_id = %s ORDER BY choice, id", [ballot.id])
        papers = cr.fetchall()
        cr.execute("SELECT count(*) FROM coprod_ballot_vote WHERE ballot_id = %s", [ballot.id])
        slots = cr.fetchone()
        cr.execute("SELECT count(*) FROM coprod_ballot_round WHERE ballot_id = %s", [ballot.id])
        rounds = cr.fetchone()
        return head, options, register, papers, slots, rounds


class TestBallotFlow(BallotCase):
    """A ballot's life: draft, open (the register), votes, closed (the result)."""

    def test_open_fixes_register_of_current_voting_members(self):
        """Opening puts the current voting members on the register, and nobody else."""
        ballot = self._ballot()
        self.assertEqual(ballot.state, "draft")
        self.assertEqual(ballot.option_ids.mapped("code"), ["yes", "no", "abstain"])
        self.assertFalse(ballot.voter_ids)
        self.assertEqual((ballot.quorum_percent, ballot.quorum_min), (50.0, 3),
                         "the quorum comes from the group")

        self._opened(ballot)

        self.assertEqual(ballot.state, "open")
        self.assertEqual(len(self.voters), 7)
        self.assertEqual(ballot.voter_ids.partner_id, self.voters)
        self.assertEqual(len(ballot.voter_ids), 7, "each person is on the register once")
        for partner in self.not_voting:
            self.assertNotIn(partner, ballot.voter_ids.partner_id, partner.name)
        self.assertFalse(any(ballot.voter_ids.mapped("has_voted")))
        self.assertEqual((ballot.register_count, ballot.voted_count), (7, 0))

        # The register is fixed at opening: someone who joins afterwards is not on it.
        newcomer = self.env["res.partner"].create({"name": "Nia Newcomer"})
        self.env["coprod.membership"].create({
            "group_id": self.board.id, "partner_id": newcomer.id, "date_start": self.today,
        })
        self.env.invalidate_all()
        self.assertNotIn(newcomer, ballot.voter_ids.partner_id)
        with self.assertRaisesRegex(UserError, "not on the register"):
            self._officer(ballot).cast_vote(newcomer, self._options(ballot, "yes"))

    def test_cannot_open_without_voters_or_options(self):
        """A group nobody can vote in, or a ballot without enough options, cannot open."""
        empty = self._group("Nobody votes here")
        ballot = self._ballot(group=empty)
        with self.assertRaisesRegex(UserError, "Nobody in Nobody votes here can vote"):
            self._officer(ballot).action_open()
        self.assertEqual(ballot.state, "draft")
        self.assertFalse(ballot.voter_ids)

        lonely = self._ballot(method="plurality", options=["Only one"])
        with self.assertRaisesRegex(UserError, "at least two options"):
            self._officer(lonely).action_open()
        self.assertEqual(lonely.state, "draft")

    def test_cannot_open_when_its_closing_time_has_passed(self):
        """A vote set to close at a time already past would close by itself before
        anyone voted: it stays a draft, and the facilitator is told what to change."""
        ballot = self._ballot()
        ballot.date_close = fields.Datetime.now() - timedelta(hours=1)
        with self.assertRaisesRegex(UserError, "which has passed. Change \"Closes at\""):
            self._officer(ballot).action_open()
        self.assertEqual(ballot.state, "draft")
        self.assertFalse(ballot.voter_ids)
        ballot.date_close = fields.Datetime.now() + timedelta(days=7)
        self._opened(ballot)
        self.assertEqual(ballot.state, "open")

    def test_no_vote_after_its_closing_time(self):
        """Once "Closes at" has passed (the scheduled action closes it within minutes,
        or could not), no more votes are taken, on the screen or on paper."""
        ballot = self._opened(self._ballot(date_close=fields.Datetime.now() + timedelta(hours=1)))
        self._cast_all(ballot, [("yes",)])
        ballot.date_close = fields.Datetime.now() - timedelta(minutes=1)
        late = ballot.voter_ids.filtered(lambda v: not v.has_voted)[:1].partner_id
        with self.assertRaisesRegex(UserError, "This vote has ended.* ended at .*votes are no longer taken. To take more "
                                               "votes, change \"Closes at\" to a later time."):
            self._officer(ballot).cast_vote(late, self._options(ballot, "yes"))
        self.assertEqual(ballot.voted_count, 1)
        # the facilitator gives more time: the vote goes on
        self._officer(ballot).date_close = fields.Datetime.now() + timedelta(hours=1)
        self._officer(ballot).cast_vote(late, self._options(ballot, "yes"))
        self.env.invalidate_all()
        self.assertEqual(ballot.voted_count, 2)

    def test_cast_by_voter_and_recorded_by_officer(self):
        """A voter casts their own vote; an officer records votes for others, and the
        register keeps who recorded them and who was helped, never the choice."""
        ballot = self._opened(self._ballot())
        member = self.user_coprod.partner_id
        yes, no, abstain = self._options(ballot, "yes", "no", "abstain")

        ballot.with_user(self.user_coprod).cast_vote(member, yes)
        self._officer(ballot).cast_vote(self.people[1], no, assisted=True)
        self._officer(ballot).cast_vote(self.people[2], [abstain], recorded_by=self.user_officer)
        self.env.invalidate_all()

        own = self._voter(ballot, member)
        self.assertTrue(own.has_voted)
        self.assertFalse(own.assisted)
        self.assertFalse(own.recorded_by_user_id, "cast by the voter, nobody recorded it")
        helped = self._voter(ballot, self.people[1])
        self.assertTrue(helped.has_voted)
        self.assertTrue(helped.assisted)
        self.assertEqual(helped.recorded_by_user_id, self.user_officer)
        recorded = self._voter(ballot, self.people[2])
        self.assertTrue(recorded.has_voted)
        self.assertFalse(recorded.assisted)
        self.assertEqual(recorded.recorded_by_user_id, self.user_officer)
        self.assertEqual(ballot.voted_count, 3)
        self.assertFalse(any((ballot.voter_ids - own - helped - recorded).mapped("has_voted")))

        # The papers: three, none tied to a voter, and sealed while the ballot is
        # open (the ballot is secret); closing opens them: the three choices.
        self.env.cr.execute("SELECT count(*), count(partner_id), count(choice), count(sealed_choice) "
                            "FROM coprod_ballot_vote WHERE ballot_id = %s", [ballot.id])
        self.assertEqual(self.env.cr.fetchone(), (3, 0, 0, 3))
        self._closed(ballot)
        papers = self._papers_sql(ballot)
        self.assertEqual(sorted(option for _choice, option, _partner in papers),
                         sorted([yes.id, no.id, abstain.id]))
        self.assertEqual({partner for _choice, _option, partner in papers}, {None})

        # The register never holds the choice: no field and no column for one.
        Voter = self.env["coprod.ballot.voter"]
        for name, field in Voter._fields.items():
            self.assertNotIn(field.comodel_name, ("coprod.ballot.option", "coprod.ballot.vote"), name)
            self.assertNotIn("choice", name)
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'coprod_ballot_voter'"
        )
        self.assertEqual(
            {column for (column,) in self.env.cr.fetchall()},
            {"id", "ballot_id", "partner_id", "has_voted", "assisted", "recorded_by_user_id"},
        )

    def test_close_majority_with_abstentions(self):
        """Yes 3, no 2, abstain 2: passes; abstentions count for turnout only. The
        result and the rounds are stored, and the closed ballot is read-only."""
        ballot = self._opened(self._ballot(secret=False))
        self._cast_all(ballot, [("yes",)] * 3 + [("no",)] * 2 + [("abstain",)] * 2)

        self._closed(ballot)

        self.assertEqual(ballot.state, "closed")
        self.assertEqual(ballot.turnout, 7)
        self.assertTrue(ballot.quorum_met)
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids, ballot.option_ids.filtered(lambda o: o.code == "yes"))
        self.assertEqual(len(ballot.round_ids), 1)
        self.assertEqual(self._lines(ballot), {"Yes": 3, "No": 2, "Abstain": 2})
        self.assertEqual(
            {option.code: option.vote_count for option in ballot.option_ids},
            {"yes": 3, "no": 2, "abstain": 2},
        )
        self.assertTrue(ballot.result_summary)
        self.assertIn("The votes were counted.", self._chatter(ballot))

        # Read-only now: question, rules, options, result.
        before = self._snapshot(ballot)
        officer = self._officer(ballot)
        for vals in ({"name": "Another question"}, {"secret": True}, {"method": "plurality"},
                     {"quorum_min": 1}, {"threshold": "two_thirds"}):
            with self.assertRaisesRegex(UserError, "closed"):
                officer.write(vals)
        with self.assertRaisesRegex(UserError, "cannot be typed in"):
            ballot.write({"result_state": "rejected"})
        with self.assertRaisesRegex(UserError, "cannot change"):
            officer.option_ids[0].write({"name": "Maybe"})
        with self.assertRaisesRegex(UserError, "buttons"):
            ballot.write({"state": "open"})
        with self.assertRaisesRegex(UserError, "Only an open ballot can be closed"):
            officer.action_close()
        self.assertEqual(self._snapshot(ballot), before)

    def test_majority_simple_level_is_rejected(self):
        """As many yes as no does not pass the simple threshold."""
        ballot = self._opened(self._ballot())
        self._cast_all(ballot, [("yes",)] * 2 + [("no",)] * 2 + [("abstain",)])
        self._closed(ballot)
        self.assertEqual(ballot.result_state, "rejected")
        self.assertFalse(ballot.winner_option_ids)
        self.assertEqual(self._lines(ballot), {"Yes": 2, "No": 2, "Abstain": 1})

    def test_majority_two_thirds(self):
        """Two thirds: yes 4 of yes + no 6 passes (exactly two thirds, the abstention
        aside); yes 3, no 2 passes the simple threshold but not two thirds."""
        passes = self._opened(self._ballot(threshold="two_thirds"))
        self._cast_all(passes, [("yes",)] * 4 + [("no",)] * 2 + [("abstain",)])
        self._closed(passes)
        self.assertEqual(passes.turnout, 7)
        self.assertEqual(passes.result_state, "won")
        self.assertEqual(passes.winner_option_ids.code, "yes")

        short = self._opened(self._ballot(threshold="two_thirds"))
        simple = self._opened(self._ballot(threshold="simple"))
        for ballot in (short, simple):
            self._cast_all(ballot, [("yes",)] * 3 + [("no",)] * 2 + [("abstain",)] * 2)
            self._closed(ballot)
        self.assertEqual(short.result_state, "rejected")
        self.assertFalse(short.winner_option_ids)
        self.assertEqual(self._lines(short), {"Yes": 3, "No": 2, "Abstain": 2})
        self.assertEqual(simple.result_state, "won")

    def test_ranked_over_several_rounds(self):
        """Instant run-off over three rounds, with papers that run out of choices.

        Round 1: A 3, B 2, C 3, D 1: D goes out; its paper has no next choice.
        Round 2: A 3, B 2, C 3 (1 exhausted, 8 continuing): B goes out; one of its
        papers moves to C, the other is exhausted.
        Round 3: A 3, C 4 (2 exhausted, 7 continuing): C has more than half and wins.
        """
        group = self._group("Ranked board", members=9)
        ballot = self._opened(self._ballot(group=group, method="ranked", options="ABCD"))
        self._cast_all(ballot, [
            ("A", "B"), ("A", "B"), ("A",), ("B", "C"), ("B",),
            ("C", "B"), ("C",), ("C", "A"), ("D",),
        ])
        self._closed(ballot)

        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids.name, "C")
        self.assertEqual(ballot.turnout, 9)
        rounds = ballot.round_ids.sorted("number")
        self.assertEqual(rounds.mapped("number"), [1, 2, 3])
        self.assertEqual(self._lines(ballot, 1), {"A": 3, "B": 2, "C": 3, "D": 1})
        self.assertEqual(self._lines(ballot, 2), {"A": 3, "B": 2, "C": 3})
        self.assertEqual(self._lines(ballot, 3), {"A": 3, "C": 4})
        self.assertEqual(rounds.mapped("exhausted"), [0, 1, 2])
        self.assertEqual([r.eliminated_option_ids.mapped("name") for r in rounds], [["D"], ["B"], []])
        self.assertTrue(all(rounds.mapped("note")), "every round says what happened")
        self.assertEqual({o.name: o.vote_count for o in ballot.option_ids},
                         {"A": 3, "B": 0, "C": 4, "D": 0}, "the last round's counts")
        self.assertTrue(ballot.option_ids.filtered(lambda o: o.name == "C").is_winner)

    def test_ranked_tie_resolved_by_the_chair(self):
        """Round 1: A 2, B 2, C 2, D 1: D goes out, its paper moves to C. Round 2:
        A 2, B 2, C 3, and A and B were level in round 1 too: a tie on who goes out.
        The chair draws lots (A goes out): round 3: B 3, C 4, C wins."""
        ballot = self._opened(self._ballot(method="ranked", options="ABCD"))
        self._cast_all(ballot, [
            ("A", "B"), ("A", "C"), ("B", "C"), ("B", "A"), ("C", "B"), ("D", "C"), ("C",),
        ])
        self._closed(ballot)
        a, b, c = self._options(ballot, "A", "B", "C")

        self.assertEqual(ballot.result_state, "tie")
        self.assertEqual(ballot.tie_kind, "eliminate")
        self.assertEqual(ballot.tie_option_ids, a | b)
        self.assertFalse(ballot.winner_option_ids)
        self.assertEqual(len(ballot.round_ids), 2)
        self.assertEqual(self._lines(ballot, 2), {"A": 2, "B": 2, "C": 3})

        officer = self._officer(ballot)
        with self.assertRaisesRegex(UserError, "Choose one of the tied options"):
            officer.action_resolve_tie(c, "C is nice")
        with self.assertRaisesRegex(UserError, "Choose one of the tied options"):
            officer.action_resolve_tie(a | b, "both")
        with self.assertRaisesRegex(UserError, "Say how the tie was decided"):
            officer.action_resolve_tie(a, "  ")
        self.assertFalse(ballot.tie_break_ids)

        officer.action_resolve_tie(a, "We drew lots in the room")
        self.env.invalidate_all()

        tie_break = ballot.tie_break_ids
        self.assertEqual(len(tie_break), 1)
        self.assertEqual(tie_break.kind, "eliminate")
        self.assertEqual(tie_break.tied_option_ids, a | b)
        self.assertEqual(tie_break.chosen_option_id, a)
        self.assertEqual(tie_break.reason, "We drew lots in the room")
        self.assertEqual(tie_break.user_id, self.user_officer)
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids, c)
        self.assertFalse(ballot.tie_option_ids)
        self.assertEqual(len(ballot.round_ids), 3, "the rounds were counted again, not added")
        self.assertEqual(self._lines(ballot, 3), {"B": 3, "C": 4})
        self.assertIn("We drew lots in the room", self._chatter(ballot))

        with self.assertRaisesRegex(UserError, "no tie to resolve"):
            officer.action_resolve_tie(b, "again")

    def test_plurality_tie_on_who_wins(self):
        """Choose one: A 3, B 3, C 1 is a tie for the win; the chair's choice wins."""
        ballot = self._opened(self._ballot(method="plurality", options="ABC"))
        self._cast_all(ballot, [("A",)] * 3 + [("B",)] * 3 + [("C",)])
        self._closed(ballot)
        a, b = self._options(ballot, "A", "B")
        self.assertEqual((ballot.result_state, ballot.tie_kind), ("tie", "win"))
        self.assertEqual(ballot.tie_option_ids, a | b)

        self._officer(ballot).action_resolve_tie([b], "The co-chairs tossed a coin")
        self.env.invalidate_all()
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids, b)
        self.assertEqual(ballot.tie_break_ids.kind, "win")
        self.assertEqual(self._lines(ballot), {"A": 3, "B": 3, "C": 1}, "the counts stay as cast")

    def test_quorum_exactly_met_and_just_missed(self):
        """50 % of 7 people is 4 people: 4 votes meet the quorum, 3 do not (no winner,
        the counts are still shown). With a quorum of 5 people: 5 meet it, 4 do not."""
        met = self._opened(self._ballot())
        self._cast_all(met, [("yes",)] * 3 + [("no",)])
        missed = self._opened(self._ballot())
        self._cast_all(missed, [("yes",)] * 2 + [("no",)])
        self._closed(met)
        self._closed(missed)

        self.assertTrue(met.quorum_met)
        self.assertEqual((met.turnout, met.result_state), (4, "won"))
        self.assertFalse(missed.quorum_met)
        self.assertEqual((missed.turnout, missed.result_state), (3, "no_quorum"))
        self.assertFalse(missed.winner_option_ids)
        self.assertEqual(self._lines(missed), {"Yes": 2, "No": 1, "Abstain": 0},
                         "the counts are shown without a quorum")
        self.assertEqual({o.code: o.vote_count for o in missed.option_ids},
                         {"yes": 2, "no": 1, "abstain": 0})

        by_people = [self._opened(self._ballot(quorum_min=5, quorum_percent=0)) for _n in range(2)]
        self._cast_all(by_people[0], [("no",)] * 5)
        self._cast_all(by_people[1], [("yes",)] * 4)
        for ballot in by_people:
            self._closed(ballot)
        self.assertEqual((by_people[0].quorum_met, by_people[0].result_state), (True, "rejected"))
        self.assertEqual((by_people[1].quorum_met, by_people[1].result_state), (False, "no_quorum"))
        self.assertEqual(self._lines(by_people[1]), {"Yes": 4, "No": 0, "Abstain": 0})

    def test_cancel_needs_a_reason(self):
        """Cancelling asks why; a cancelled ballot takes no votes; a closed one cannot
        be cancelled."""
        ballot = self._opened(self._ballot())
        self._cast_all(ballot, [("yes",)])
        officer = self._officer(ballot)
        with self.assertRaisesRegex(UserError, "Say why"):
            officer.action_cancel()
        self.assertEqual(ballot.state, "open")

        officer.cancel_reason = "The question was asked the wrong way"
        officer.action_cancel()
        self.assertEqual(ballot.state, "cancelled")
        self.assertEqual(ballot.cancel_reason, "The question was asked the wrong way")
        with self.assertRaisesRegex(UserError, "cancelled"):
            officer.cast_vote(self.people[3], self._options(ballot, "no"))

        draft = self._ballot(cancel_reason="Not needed after all")
        self._officer(draft).action_cancel()
        self.assertEqual(draft.state, "cancelled")

        closed = self._closed(self._opened(self._ballot(cancel_reason="Too late")))
        with self.assertRaisesRegex(UserError, "its result stands"):
            self._officer(closed).action_cancel()
        self.assertEqual(closed.state, "closed")

    def test_hide_results_until_closed(self):
        """With hide_results nobody sees a count while the ballot is open, not even
        on an open (show of hands) ballot; all is shown once it closes."""
        hidden = self._opened(self._ballot(secret=False, hide_results=True))
        shown = self._opened(self._ballot(secret=False))
        for ballot in (hidden, shown):
            self._cast_all(ballot, [("yes",)] * 3 + [("no",)])
        self.env.invalidate_all()

        for user in (self.user_officer, self.user_manager, self.user_coprod):
            as_user = hidden.with_user(user)
            self.assertFalse(as_user.results_visible)
            self.assertEqual(as_user.option_ids.mapped("vote_count"), [0, 0, 0], user.name)
            self.assertFalse(
                self.env["coprod.ballot.vote"].with_user(user).search([("ballot_id", "=", hidden.id)]),
                "not even the papers of a show of hands, until it closes",
            )
        self.assertTrue(shown.results_visible)
        self.assertEqual({o.code: o.vote_count for o in shown.option_ids},
                         {"yes": 3, "no": 1, "abstain": 0}, "counts so far, while open")

        self._closed(hidden)
        self.assertTrue(hidden.with_user(self.user_coprod).results_visible)
        self.assertEqual({o.code: o.vote_count for o in hidden.with_user(self.user_coprod).option_ids},
                         {"yes": 3, "no": 1, "abstain": 0})
        self.assertEqual(
            len(self.env["coprod.ballot.vote"].with_user(self.user_officer).search(
                [("ballot_id", "=", hidden.id)])), 4,
        )

    def test_secret_ballot_shows_no_count_while_open(self):
        """A secret ballot shows no count until it closes: counts that move as each
        person on the register votes would tell what that person chose."""
        ballot = self._opened(self._ballot())  # secret, results not hidden
        self.assertTrue(ballot.secret)
        self.assertFalse(ballot.hide_results)
        voted = self._cast_all(ballot, [("yes",)])
        self.env.invalidate_all()
        for user in (self.user_officer, self.user_manager, self.user_coprod):
            as_user = ballot.with_user(user)
            self.assertFalse(as_user.results_visible, user.name)
            self.assertEqual(as_user.option_ids.mapped("vote_count"), [0, 0, 0], user.name)
            self.assertIn(voted, as_user.voter_ids.filtered("has_voted").partner_id)

        self._closed(ballot)
        self.assertTrue(ballot.with_user(self.user_coprod).results_visible)
        self.assertEqual({o.code: o.vote_count for o in ballot.option_ids},
                         {"yes": 1, "no": 0, "abstain": 0})

    def test_guards_hold_whatever_context_the_caller_sends(self):
        """A caller (a web client) sends the context it likes: naming the key that
        coprod's counting uses does not open a secret ballot's papers or let anyone
        type a result in."""
        ballot = self._opened(self._ballot())
        self._cast_all(ballot, [("yes",), ("no",)])
        forged = ballot.with_user(self.user_manager).with_context(coprod_ballot_counting=True)
        with self.assertRaisesRegex(UserError, "no longer change"):
            forged.write({"secret": False})
        with self.assertRaisesRegex(UserError, "cannot be typed in"):
            forged.write({"result_state": "rejected", "result_summary": "Not agreed"})
        with self.assertRaisesRegex(UserError, "Use the buttons"):
            forged.write({"state": "cancelled"})
        self.env.invalidate_all()
        self.assertTrue(ballot.secret)
        self.assertEqual(ballot.state, "open")
        self.assertFalse(ballot.result_state)
        self.assertFalse(self.env["coprod.ballot.vote"].with_user(self.user_manager).search(
            [("ballot_id", "=", ballot.id)]), "nobody reads a secret ballot's papers")

    def test_counts_of_a_closed_ballot_stay_as_counted(self):
        """Rounds, counts and tie-breaks are written by the count only: not even a
        manager edits, deletes or adds them, or moves an option in."""
        ballot = self._opened(self._ballot(secret=False))
        self._cast_all(ballot, [("yes",)] * 3 + [("no",)])
        self._closed(ballot)
        before = self._lines(ballot)
        manager = self.env(user=self.user_manager)
        line = ballot.round_ids.line_ids[:1].with_env(manager)
        refused = {
            "count edited": (AccessError, lambda: line.write({"votes": 99})),
            "round deleted": (AccessError, lambda: ballot.round_ids.with_env(manager).unlink()),
            "round added": (AccessError, lambda: self.env["coprod.ballot.round"].with_env(manager).create(
                {"ballot_id": ballot.id, "number": 9})),
            "tie-break added": (AccessError, lambda: self.env["coprod.ballot.tie.break"].with_env(manager).create({
                "ballot_id": ballot.id, "kind": "win", "reason": "We said so",
                "chosen_option_id": ballot.option_ids[1].id})),
            "round taken out": (UserError, lambda: ballot.with_env(manager).write(
                {"round_ids": [Command.delete(ballot.round_ids[0].id)]})),
            "option moved in": (UserError, lambda: self._ballot(method="plurality", options=("A", "B"))
                                .option_ids[0].with_env(manager).write({"ballot_id": ballot.id})),
        }
        for what, (error, attempt) in refused.items():
            with self.subTest(what), self.assertRaises(error):
                attempt()
        self.env.invalidate_all()
        self.assertEqual(self._lines(ballot), before)
        self.assertEqual(len(ballot.round_ids), 1)
        self.assertFalse(ballot.tie_break_ids)
        self.assertEqual(len(ballot.option_ids), 3)
        self.assertEqual(ballot.result_state, "won")

    def test_ballot_in_a_meeting_makes_a_decision(self):
        """A ballot on a meeting's agenda item: its result becomes the meeting's
        decision, linked to the ballot."""
        meeting = self._meeting(days=0)
        item = self.env["coprod.agenda.item"].create({
            "meeting_id": meeting.id, "title": "Paint the room",
        })
        ballot = self._opened(self._ballot(meeting_id=meeting.id, agenda_item_id=item.id))
        self._cast_all(ballot, [("yes",)] * 4)
        self.assertFalse(meeting.decision_ids)

        self._closed(ballot)

        decision = meeting.decision_ids
        self.assertEqual(len(decision), 1)
        self.assertEqual(decision.ballot_id, ballot)
        self.assertEqual(decision.agenda_item_id, item)
        self.assertEqual(ballot.decision_ids, decision)
        self.assertIn(ballot.name, decision.text)
        self.assertTrue(decision.easy_read_text)

        # A ballot may not point at a meeting of another group.
        other = self._meeting(group=self._group("Other board", members=3))
        with self.assertRaises(ValidationError):
            self._ballot(meeting_id=other.id)

    def test_cron_closes_ballots_past_their_closing_time(self):
        """The scheduled action closes open ballots whose closing time has passed, and
        only those."""
        now = fields.Datetime.now()
        due = self._opened(self._ballot(date_close=now + timedelta(hours=1)))
        self._cast_all(due, [("yes",)] * 4)
        due.date_close = now - timedelta(minutes=5)  # the hour has passed
        later = self._opened(self._ballot(date_close=now + timedelta(days=1)))
        no_time = self._opened(self._ballot())
        draft = self._ballot(date_close=now - timedelta(days=1))

        cron = self.env.ref("coprod.coprod_cron_close_ballots")
        self.assertEqual(cron.model_id.model, "coprod.ballot")
        cron.method_direct_trigger()
        self.env.invalidate_all()

        self.assertEqual(due.state, "closed")
        self.assertEqual((due.turnout, due.result_state), (4, "won"))
        self.assertEqual(later.state, "open")
        self.assertEqual(no_time.state, "open")
        self.assertEqual(draft.state, "draft")


class TestBallotElection(BallotCase):
    """Electing a co-chair: nominations, the vote, and applying the result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_nominee = new_test_user(
            cls.env, login="coprod_nominee", groups="coprod.group_coprod_user",
            name="Nia Nominee", email="nominee@example.com",
            company_id=cls.company.id, company_ids=[cls.company.id],
        )
        cls.env["coprod.membership"].create({
            "group_id": cls.board.id, "partner_id": cls.user_nominee.partner_id.id,
            "date_start": cls.start_date,
        })
        cls.outgoing = cls.memberships[0]
        assert cls.outgoing.role == "co_chair" and cls.outgoing.partner_id == cls.co_chair

    def _election(self, **vals):
        return self._ballot(**dict({
            "name": "Who should be our new co-chair?", "method": "ranked", "election_role": "co_chair",
            "outgoing_membership_id": self.outgoing.id,
        }, **vals))

    def test_nominations(self):
        """Self-nomination stands at once; nominating another member waits for them to
        say yes; a non-member (or a member who cannot vote) cannot be nominated."""
        election = self._election()
        Nomination = self.env["coprod.ballot.nomination"]
        member = self.user_coprod.partner_id
        nominee = self.user_nominee.partner_id

        own = Nomination.with_user(self.user_coprod).create({
            "ballot_id": election.id, "candidate_partner_id": member.id,
            "statement": "I would like to help run the meetings.",
        })
        self.assertEqual(own.nominated_by_partner_id, member)
        self.assertEqual(own.state, "accepted")
        self.assertEqual(own.option_id.candidate_partner_id, member)

        other = Nomination.with_user(self.user_coprod).create({
            "ballot_id": election.id, "candidate_partner_id": nominee.id,
        })
        self.assertEqual(other.state, "proposed")
        self.assertFalse(other.option_id)
        self.assertEqual(election.option_ids.candidate_partner_id, member, "not standing yet")
        with self.assertRaisesRegex(UserError, "Only the candidate"):
            other.with_user(self.user_coprod).action_accept()
        other.with_user(self.user_nominee).action_accept()
        self.assertEqual(other.state, "accepted")
        self.assertEqual(election.option_ids.candidate_partner_id, member | nominee)

        for partner in (self.outsider, self.supporter, self.past_member):
            with self.assertRaisesRegex(UserError, "cannot stand"):
                Nomination.with_user(self.user_coprod).create({
                    "ballot_id": election.id, "candidate_partner_id": partner.id,
                })
        with self.assertRaisesRegex(UserError, "nominated already"):
            Nomination.with_user(self.user_officer).create({
                "ballot_id": election.id, "candidate_partner_id": nominee.id,
            })

        # A candidate who says no is no longer an option.
        third = Nomination.with_user(self.user_officer).create({
            "ballot_id": election.id, "candidate_partner_id": self.people[2].id,
        })
        third.with_user(self.user_officer).action_accept()
        self.assertEqual(len(election.option_ids), 3)
        third.with_user(self.user_officer).action_decline()
        self.assertEqual(third.state, "declined")
        self.assertEqual(election.option_ids.candidate_partner_id, member | nominee)

        # Nominations close when the election opens.
        self._opened(election)
        with self.assertRaisesRegex(UserError, "not opened yet"):
            Nomination.with_user(self.user_officer).create({
                "ballot_id": election.id, "candidate_partner_id": self.people[3].id,
            })

    def test_apply_election(self):
        """The winner becomes co-chair from today; the outgoing co-chair's role ends
        yesterday and they stay a member; the chatter says so."""
        election = self._election()
        Nomination = self.env["coprod.ballot.nomination"]
        nominee = self.user_nominee.partner_id
        Nomination.with_user(self.user_nominee).create({
            "ballot_id": election.id, "candidate_partner_id": nominee.id,
        })
        Nomination.with_user(self.user_coprod).create({
            "ballot_id": election.id, "candidate_partner_id": self.user_coprod.partner_id.id,
        })
        self._opened(election)
        with self.assertRaisesRegex(UserError, "Only a closed election"):
            self._officer(election).action_apply_election()
        nia, mo = self._options(election, nominee.name, self.user_coprod.partner_id.name)
        officer = self._officer(election)
        for partner, paper in zip(election.voter_ids.partner_id, [nia] * 5 + [mo] * 3):
            officer.cast_vote(partner, [paper])
        self._closed(election)
        self.assertEqual(election.result_state, "won")
        self.assertEqual(election.winner_option_ids, nia)

        officer.action_apply_election()
        self.env.invalidate_all()

        yesterday = self.today - timedelta(days=1)
        self.assertTrue(election.election_applied)
        self.assertEqual(self.board.co_chair_partner_ids, nominee)
        Membership = self.env["coprod.membership"]
        winner_now = Membership.search([
            ("group_id", "=", self.board.id), ("partner_id", "=", nominee.id), ("is_current", "=", True),
        ])
        self.assertEqual((winner_now.role, winner_now.date_start), ("co_chair", self.today))
        outgoing_all = Membership.search([
            ("group_id", "=", self.board.id), ("partner_id", "=", self.co_chair.id),
        ])
        self.assertEqual(self.outgoing.role, "co_chair")
        self.assertEqual(self.outgoing.date_end, yesterday)
        outgoing_now = outgoing_all.filtered("is_current")
        self.assertEqual((outgoing_now.role, outgoing_now.date_start), ("member", self.today))
        self.assertTrue(outgoing_now.can_vote)
        self.assertIn(self.co_chair, self.board.member_partner_ids, "they stay a member")

        note = election.message_ids.filtered(lambda m: "Result applied" in m.body)
        self.assertEqual(len(note), 1)
        self.assertIn(f"{nominee.name} is co-chair from", note.body)
        self.assertIn(f"{self.co_chair.name}", note.body)
        self.assertIn("role as co-chair ended", note.body)

        with self.assertRaisesRegex(UserError, "applied already"):
            officer.action_apply_election()

    def test_tied_election_decided_from_the_form(self):
        """A ranked co-chair election ends in a tie for the win. The co-chair (who
        takes part, no officer rights) sees *Decide the tie*, chooses the winner and
        says how the room decided; the count goes on, the chatter and the result
        paper say how, and *Apply the result* makes the winner co-chair."""
        election = self._election()
        nominee = self.user_nominee.partner_id
        Nomination = self.env["coprod.ballot.nomination"]
        Nomination.with_user(self.user_nominee).create({
            "ballot_id": election.id, "candidate_partner_id": nominee.id})
        Nomination.with_user(self.user_coprod).create({
            "ballot_id": election.id, "candidate_partner_id": self.user_coprod.partner_id.id})
        self._opened(election)
        nia, mo = self._options(election, nominee.name, self.user_coprod.partner_id.name)
        officer = self._officer(election)
        for partner, paper in zip(election.voter_ids.partner_id, [[nia, mo]] * 4 + [[mo, nia]] * 4):
            officer.cast_vote(partner, paper)
        self._closed(election)
        self.assertEqual((election.result_state, election.tie_kind), ("tie", "win"))

        chair = self._co_chair_user()
        member = election.with_user(self.user_coprod)
        self.assertFalse(member.can_decide_tie, "a member who is not the chair does not decide")
        with self.assertRaisesRegex(UserError, "Only the chair"):
            member.action_decide_tie()
        as_chair = election.with_user(chair)
        self.assertTrue(as_chair.can_decide_tie)
        action = as_chair.action_decide_tie()
        self.assertEqual((action["res_model"], action["name"]), ("coprod.ballot.tie", "Who wins?"))
        Tie = self.env["coprod.ballot.tie"].with_user(chair).with_context(**action["context"])
        with self.assertRaisesRegex(UserError, "Say how the tie was decided"):
            Tie.create({"option_id": nia.id, "how": "other"}).action_decide()
        Tie.create({"option_id": nia.id, "how": "lots",
                    "note": "Amy drew Nia's name from a hat."}).action_decide()
        self.env.invalidate_all()

        self.assertEqual((election.result_state, election.winner_option_ids), ("won", nia))
        self.assertEqual(election.tie_break_ids.user_id, chair)
        self.assertEqual(election.tie_break_ids.reason, "We drew lots. Amy drew Nia's name from a hat.")
        self.assertIn("Amy drew Nia", self._chatter(election))
        self.assertFalse(as_chair.can_decide_tie)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coprod.action_report_ballot_result", election.ids)[0].decode()
        self.assertIn("How we decided: We drew lots. Amy drew Nia", html)

        officer.action_apply_election()
        self.assertIn(nominee, self.board.co_chair_partner_ids)

    def _won_election(self):
        """A closed co-chair election with no outgoing co-chair chosen, won by Nia."""
        election = self._election(outgoing_membership_id=False)
        nominee = self.user_nominee.partner_id
        self.env["coprod.ballot.nomination"].with_user(self.user_nominee).create({
            "ballot_id": election.id, "candidate_partner_id": nominee.id,
        })
        self.env["coprod.ballot.nomination"].with_user(self.user_coprod).create({
            "ballot_id": election.id, "candidate_partner_id": self.user_coprod.partner_id.id,
        })
        self._opened(election)
        nia, _mo = self._options(election, nominee.name, self.user_coprod.partner_id.name)
        officer = self._officer(election)
        for partner in election.voter_ids.partner_id:
            officer.cast_vote(partner, [nia])
        self._closed(election)
        return officer, nominee

    def test_election_for_a_third_co_chair_asks_whose_role_ends(self):
        """With two co-chairs already and no outgoing co-chair chosen, applying the
        result says to choose whose role ends; choosing one applies it."""
        second = self.board.membership_ids.filtered(
            lambda m: m.partner_id == self.people[1] and m.is_current)
        second.role = "co_chair"
        election, nominee = self._won_election()
        with self.assertRaisesRegex(UserError, "two co-chairs already"):
            election.action_apply_election()
        self.assertFalse(election.election_applied)
        self.assertNotIn(nominee, self.board.co_chair_partner_ids)
        election.outgoing_membership_id = second
        election.action_apply_election()
        self.assertEqual(self.board.co_chair_partner_ids, self.co_chair | nominee)

    def test_election_counts_a_co_chair_whose_term_starts_later(self):
        """A co-chair whose term starts next month counts too: applying a third asks
        whose role ends, in those words."""
        newcomer = self.env["res.partner"].create({"name": "Next Month Chair"})
        self.env["coprod.membership"].create({
            "group_id": self.board.id, "partner_id": newcomer.id, "role": "co_chair",
            "date_start": self.today + timedelta(days=30),
        })
        election, nominee = self._won_election()
        with self.assertRaisesRegex(UserError, "Next Month Chair"):
            election.action_apply_election()
        self.assertNotIn(nominee, self.board.co_chair_partner_ids)


class TestBallotBadInput(BallotCase):
    """Bad input gets a clear error, and nothing is changed or lost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ballot = cls._ballot(method="ranked", options="ABC")
        cls.ballot.with_user(cls.user_officer).action_open()
        cls._cast_all(cls.ballot, [("A", "B"), ("B",)], voters=cls.people[3:5])
        cls.other_ballot = cls._ballot(method="ranked", options="ABC")

    def assertUnchangedAfter(self, error, pattern, func, *args, ballot=None, **kwargs):
        ballot = ballot or self.ballot
        before = self._snapshot(ballot)
        with self.assertRaisesRegex(error, pattern):
            func(*args, **kwargs)
        self.assertEqual(self._snapshot(ballot), before)

    def test_voting_when_not_open(self):
        """No vote on a draft, closed or cancelled ballot."""
        draft = self.other_ballot
        officer = draft.with_user(self.user_officer)
        self.assertUnchangedAfter(UserError, "is not open yet. You can vote when it opens.",
                                  officer.cast_vote, self.people[1], self._options(draft, "A"),
                                  ballot=draft)
        closed = self._closed(self._opened(self._ballot()))
        self.assertUnchangedAfter(UserError, "is closed", self._officer(closed).cast_vote,
                                  self.people[1], self._options(closed, "yes"), ballot=closed)
        cancelled = self._opened(self._ballot(cancel_reason="Wrong question"))
        self._officer(cancelled).action_cancel()
        self.assertUnchangedAfter(UserError, "is cancelled", self._officer(cancelled).cast_vote,
                                  self.people[1], self._options(cancelled, "yes"), ballot=cancelled)

    def test_voter_not_on_register(self):
        officer = self._officer(self.ballot)
        for partner in (self.outsider, self.supporter, self.observer, self.past_member,
                        self.future_member, self.no_vote):
            self.assertUnchangedAfter(UserError, "not on the register", officer.cast_vote,
                                      partner, self._options(self.ballot, "A"))

    def test_voting_twice(self):
        voted = self.ballot.voter_ids.filtered("has_voted").partner_id
        self.assertEqual(len(voted), 2)
        for partner in voted:
            self.assertUnchangedAfter(UserError, "has voted already", self._officer(self.ballot).cast_vote,
                                      partner, self._options(self.ballot, "C"))

    def test_wrong_number_or_kind_of_choices(self):
        """Too many, too few, repeated choices, or an option of another ballot."""
        waiting = self.ballot.voter_ids.filtered(lambda v: not v.has_voted).partner_id[0]
        officer = self._officer(self.ballot)
        a, b = self._options(self.ballot, "A", "B")
        self.assertUnchangedAfter(UserError, "No choice", officer.cast_vote, waiting, [])
        self.assertUnchangedAfter(UserError, "No choice", officer.cast_vote,
                                  waiting, self.env["coprod.ballot.option"])
        self.assertUnchangedAfter(UserError, "A is chosen more than once", officer.cast_vote,
                                  waiting, [a, b, a])
        foreign = self._options(self.other_ballot, "A")
        for paper in (foreign, [a, *foreign], foreign[0] | b):
            self.assertUnchangedAfter(UserError, "not an option of .* Choose from: A, B, C",
                                      officer.cast_vote, waiting, paper)

        motion = self._opened(self._ballot())
        yes, no = self._options(motion, "yes", "no")
        self.assertUnchangedAfter(UserError, "one choice only", self._officer(motion).cast_vote,
                                  waiting, yes | no, ballot=motion)
        self.assertUnchangedAfter(UserError, "No choice", self._officer(motion).cast_vote,
                                  waiting, [], ballot=motion)

    def test_options_and_secret_locked_once_open(self):
        officer = self._officer(self.ballot)
        option = officer.option_ids[0]
        self.assertUnchangedAfter(UserError, "cannot change", option.write, {"name": "Z"})
        self.assertUnchangedAfter(UserError, "cannot change", option.unlink)
        self.assertUnchangedAfter(UserError, "cannot change", option.create,
                                  {"ballot_id": self.ballot.id, "name": "D"})
        self.assertUnchangedAfter(UserError, "can no longer change", officer.write,
                                  {"option_ids": [Command.create({"name": "D"})]})
        self.assertUnchangedAfter(UserError, "can no longer change", officer.write,
                                  {"option_ids": [Command.unlink(option.id)]})
        self.assertUnchangedAfter(UserError, "can no longer change", officer.write, {"secret": False})
        self.assertUnchangedAfter(UserError, "can no longer change", officer.write,
                                  {"method": "plurality"})
        self.assertUnchangedAfter(UserError, "can no longer change", officer.write,
                                  {"group_id": self._group("Elsewhere", members=2).id})

    def test_reopening(self):
        closed = self._closed(self._opened(self._ballot()))
        self.assertUnchangedAfter(UserError, "Only a draft ballot can be opened",
                                  self._officer(closed).action_open, ballot=closed)
        self.assertUnchangedAfter(UserError, "Only a draft ballot can be opened",
                                  self._officer(self.ballot).action_open)
        self.assertUnchangedAfter(UserError, "buttons", self._officer(closed).write,
                                  {"state": "draft"}, ballot=closed)

    def test_deleting_open_or_closed_ballot(self):
        """An open or closed ballot cannot be deleted; it can be archived, and its
        result stays. A draft ballot can be deleted."""
        closed = self._closed(self._opened(self._ballot()))
        for ballot in (self.ballot, closed):
            self.assertUnchangedAfter(UserError, "Archive it instead",
                                      self._officer(ballot).unlink, ballot=ballot)
        self._officer(closed).action_archive()
        self.assertFalse(closed.active)
        self.assertEqual(closed.state, "closed")
        self.assertEqual(closed.result_state, "no_quorum", "nobody voted")
        self.assertTrue(closed.round_ids)
        self.assertNotIn(closed, self.env["coprod.ballot"].search([("group_id", "=", self.board.id)]))

        draft = self._ballot()
        self._officer(draft).unlink()
        self.assertFalse(draft.exists())

    def test_resolving_a_tie_that_does_not_exist(self):
        won = self._opened(self._ballot())
        self._cast_all(won, [("yes",)] * 4)
        officer = self._officer(self.ballot)
        self.assertUnchangedAfter(UserError, "no tie to resolve", officer.action_resolve_tie,
                                  self._options(self.ballot, "A"), "lots")
        self._closed(won)
        self.assertEqual(won.result_state, "won")
        self.assertUnchangedAfter(UserError, "no tie to resolve", self._officer(won).action_resolve_tie,
                                  self._options(won, "no"), "lots", ballot=won)
        self.assertFalse(won.tie_break_ids)

    def test_member_recording_someone_elses_vote(self):
        """A member votes for themselves only; recording others is for facilitators."""
        as_member = self.ballot.with_user(self.user_coprod)
        a = self._options(as_member, "A")
        self.assertUnchangedAfter(UserError, "Only a facilitator", as_member.cast_vote, self.people[1], a)
        self.assertUnchangedAfter(UserError, "Only a facilitator", as_member.cast_vote,
                                  self.user_coprod.partner_id, a, recorded_by=self.user_coprod)
        as_member.cast_vote(self.user_coprod.partner_id, a)
        self.assertTrue(self._voter(self.ballot, self.user_coprod.partner_id).has_voted)
