"""Secret ballots stay secret: nothing stored links a voter to a choice, and nobody,
managers included, reads a secret ballot's papers one by one. An open ballot (a show of
hands) shows who chose what. Two casts for the same voter at the same moment, from two
database connections, count once.
"""
import time
from itertools import permutations

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import TransactionCase

from .common import CoprodCase

#: Thirty papers for a ranked ballot on A, B, C, D, all different (the four single
#: choices, the twelve pairs, and fourteen of the orders of three), cast in this order.
RANKINGS = [
    "".join(ranking) for size in (1, 2, 3) for ranking in permutations("ABCD", size)
][:30]


class TestBallotSecrecy(CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret_board = cls._group("Secret board", members=30)
        cls.the_30 = cls.secret_board.member_partner_ids.sorted("id")
        assert len(cls.the_30) == 30 and len(set(RANKINGS)) == 30

    def _secret_ballot(self, **vals):
        ballot = self._ballot(group=self.secret_board, method="ranked", options="ABCD", **vals)
        ballot.with_user(self.user_officer).action_open()
        return ballot

    def _cast_rankings(self, ballot, rankings=RANKINGS):
        """Cast ``rankings`` in order, the n-th by the n-th of ``the_30``."""
        self._cast_all(ballot, [tuple(ranking) for ranking in rankings], voters=self.the_30)

    def _as_letters(self, ballot, choices):
        name = {str(option.id): option.name for option in ballot.option_ids}
        return ["".join(name[key] for key in choice.split(",")) for choice in choices]

    def _choices(self, ballot, physical=False):
        """The filled papers' choices as letters, in the order of their ids (or, with
        ``physical``, in the order of the rows in the table), read in SQL."""
        self.env.flush_all()
        if physical:
            self.env.cr.execute("SELECT choice FROM coprod_ballot_vote WHERE ballot_id = %s "
                                "AND choice IS NOT NULL ORDER BY ctid", [ballot.id])
        else:
            self.env.cr.execute("SELECT choice FROM coprod_ballot_vote WHERE ballot_id = %s "
                                "AND choice IS NOT NULL ORDER BY id", [ballot.id])
        return self._as_letters(ballot, [choice for (choice,) in self.env.cr.fetchall()])

    def test_nobody_reads_secret_papers_one_by_one(self):
        """An officer and a manager get nothing when they search a secret ballot's
        papers, and an access error when they read one; only counts, once closed."""
        ballot = self._secret_ballot()
        self._cast_rankings(ballot, RANKINGS[:6])
        self.env.flush_all()
        self.env.cr.execute("SELECT id FROM coprod_ballot_vote WHERE ballot_id = %s", [ballot.id])
        paper_ids = [paper_id for (paper_id,) in self.env.cr.fetchall()]
        self.assertGreaterEqual(len(paper_ids), 6)

        for closed in (False, True):
            if closed:
                ballot.with_user(self.user_officer).action_close()
                self.env.invalidate_all()
                self.env.cr.execute("SELECT id FROM coprod_ballot_vote WHERE ballot_id = %s", [ballot.id])
                paper_ids = [paper_id for (paper_id,) in self.env.cr.fetchall()]
                self.assertEqual(len(paper_ids), 6, "the blank papers are gone, the six stay")
            for user in (self.user_officer, self.user_manager, self.user_coprod):
                with self.subTest(user=user.name, closed=closed):
                    Vote = self.env["coprod.ballot.vote"].with_user(user)
                    self.assertFalse(Vote.search([("ballot_id", "=", ballot.id)]))
                    self.assertFalse(Vote.search([("id", "in", paper_ids)]))
                    self.assertEqual(Vote.search_count([("ballot_id", "=", ballot.id)]), 0)
                    self.assertFalse(Vote._read_group([("ballot_id", "=", ballot.id)], ["option_id"], ["__count"]))
                    for paper_id in paper_ids[:3]:
                        with self.assertRaises(AccessError):
                            Vote.browse(paper_id).read(["choice", "option_id"])
                        with self.assertRaises(AccessError):
                            Vote.browse(paper_id).check_access("read")
        # The counts are there for everyone who may see the ballot.
        as_manager = ballot.with_user(self.user_manager)
        self.assertEqual(sum(as_manager.round_ids.filtered(lambda r: r.number == 1).line_ids.mapped("votes")), 6)

    def test_papers_carry_nothing_that_leads_to_the_voter(self):
        """No partner on a secret paper, and no create or write user or date on the
        papers or on the register."""
        ballot = self._secret_ballot()
        self._cast_rankings(ballot, RANKINGS[:5])
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT count(*), count(partner_id) FROM coprod_ballot_vote "
                   "WHERE ballot_id = %s AND choice IS NOT NULL", [ballot.id])
        self.assertEqual(cr.fetchone(), (5, 0), "five papers, none with a partner")

        for table in ("coprod_ballot_vote", "coprod_ballot_voter"):
            cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])
            columns = {column for (column,) in cr.fetchall()}
            self.assertIn("ballot_id", columns)
            for column in ("create_uid", "write_uid", "create_date", "write_date"):
                self.assertNotIn(column, columns, f"{table}.{column}")
        cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'coprod_ballot_vote'")
        self.assertEqual({column for (column,) in cr.fetchall()},
                         {"id", "ballot_id", "partner_id", "choice", "option_id"})
        for model in ("coprod.ballot.vote", "coprod.ballot.voter"):
            self.assertFalse(self.env[model]._log_access, model)

    def test_paper_order_does_not_follow_the_order_of_voting(self):
        """Thirty different papers cast in a known order. While the ballot is open each
        vote fills a blank paper chosen at random, and closing shuffles the papers
        again: neither time do the papers' ids follow the order of voting.

        Each comparison fails by chance only if a random order of 30 papers happens to
        be exactly the order of voting (or its reverse): a chance of 2 / 30!, about
        8e-33 per comparison; the test can be rerun forever without a false failure.
        """
        ballot = self._secret_ballot()
        self.env.flush_all()
        self.env.cr.execute("SELECT count(*) FROM coprod_ballot_vote WHERE ballot_id = %s "
                            "AND choice IS NULL", [ballot.id])
        self.assertEqual(self.env.cr.fetchone()[0], 30, "a blank paper for each person on the register")

        self._cast_rankings(ballot)

        while_open = self._choices(ballot)
        self.assertCountEqual(while_open, RANKINGS)
        self.assertNotEqual(while_open, RANKINGS)
        self.assertNotEqual(while_open, RANKINGS[::-1])

        ballot.with_user(self.user_officer).action_close()
        self.env.invalidate_all()

        closed = self._choices(ballot)
        self.assertCountEqual(closed, RANKINGS, "every paper, once: nothing lost")
        self.assertNotEqual(closed, RANKINGS, "the ids do not follow the order of voting")
        self.assertNotEqual(closed, RANKINGS[::-1])
        self.assertNotEqual(closed, while_open, "closing shuffled the papers again")
        stored = self._choices(ballot, physical=True)
        self.assertNotEqual(stored, RANKINGS, "nor does the order of the rows in the table")
        self.env.cr.execute("SELECT count(*) FROM coprod_ballot_vote WHERE ballot_id = %s", [ballot.id])
        self.assertEqual(self.env.cr.fetchone()[0], 30, "no blank paper left")
        self.assertEqual(ballot.turnout, 30)
        # The register keeps its own order (fixed at opening), unrelated to voting.
        self.assertEqual(ballot.voter_ids.mapped("has_voted"), [True] * 30)

    def test_chatter_has_nothing_per_vote(self):
        """Casting posts no message and no tracking value; the closing note names
        nobody who voted."""
        ballot = self._secret_ballot()
        Message = self.env["mail.message"]
        domain = [("model", "=", "coprod.ballot"), ("res_id", "=", ballot.id)]
        messages = Message.search(domain)
        tracking = messages.tracking_value_ids

        member = self.env["res.partner"]
        officer = ballot.with_user(self.user_officer)
        for n, partner in enumerate(self.the_30[:5]):
            officer.cast_vote(partner, self._options(ballot, *RANKINGS[n]), assisted=bool(n % 2))
            member |= partner
        self.env.flush_all()

        self.assertEqual(Message.search(domain), messages, "no message for a vote")
        self.assertEqual(Message.search(domain).tracking_value_ids, tracking)
        self.assertFalse(Message.search([("model", "in", ("coprod.ballot.vote", "coprod.ballot.voter"))]))

        officer.action_close()
        self.env.flush_all()
        after = Message.search(domain) - messages
        self.assertLessEqual(len(after), 2, "closing: the state change and the count, not one per vote")
        text = "\n".join(after.mapped("body")) + "\n".join(
            str(value) for value in after.tracking_value_ids.mapped("new_value_char"))
        for partner in member:
            self.assertNotIn(partner.name, text)

    def test_open_ballot_shows_who_chose_what(self):
        """A show of hands (not secret) records who chose what, and shows it."""
        ballot = self._ballot(secret=False)
        ballot.with_user(self.user_officer).action_open()
        yes, no, abstain = self._options(ballot, "yes", "no", "abstain")
        officer = ballot.with_user(self.user_officer)
        officer.cast_vote(self.people[1], yes)
        officer.cast_vote(self.people[2], no, assisted=True)
        ballot.with_user(self.user_coprod).cast_vote(self.user_coprod.partner_id, abstain)
        expected = {self.people[1]: yes, self.people[2]: no, self.user_coprod.partner_id: abstain}

        for user in (self.user_officer, self.user_manager, self.user_coprod):
            with self.subTest(user=user.name):
                papers = self.env["coprod.ballot.vote"].with_user(user).search([("ballot_id", "=", ballot.id)])
                self.assertEqual({paper.partner_id: paper.option_id for paper in papers}, expected)
                self.assertEqual({paper.partner_id: paper.option_ids for paper in papers}, expected)


class TestBallotConcurrentCasting(TransactionCase):
    """Two casts for the same voter at the same moment, from two database connections.

    Other connections only see committed data, so this class commits its own small
    group and open ballot in setUpClass (through a cursor of its own, outside the
    test's transaction) and deletes all of it again in a class cleanup.
    """

    CONTEXT = {"tracking_disable": True, "mail_create_nolog": True,
               "mail_create_nosubscribe": True, "mail_notrack": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert not cls.registry.in_test_mode(), "registry.cursor() must open real connections"
        with cls.registry.cursor() as cr:  # commits when the block ends without error
            env = api.Environment(cr, SUPERUSER_ID, cls.CONTEXT)
            partners = env["res.partner"].create([{"name": f"Concurrent voter {n}"} for n in range(3)])
            group = env["coprod.group"].create({
                "name": "Concurrent casting board",
                "company_id": env.ref("base.main_company").id,
                "quorum_min": 0, "quorum_percent": 0,
                "membership_ids": [Command.create({"partner_id": partner.id}) for partner in partners],
            })
            ballot = env["coprod.ballot"].create({
                "name": "Concurrent casting", "group_id": group.id, "method": "majority",
            })
            ballot.action_open()
            cls.partner_ids = partners.ids
            cls.group_id = group.id
            cls.ballot_id = ballot.id
        cls.addClassCleanup(cls._delete_committed)

    @classmethod
    def _delete_committed(cls):
        with cls.registry.cursor() as cr:
            for query in (
                "DELETE FROM mail_message WHERE (model = 'coprod.ballot' AND res_id = %(ballot)s) "
                "OR (model = 'coprod.group' AND res_id = %(group)s)",
                "DELETE FROM mail_followers WHERE (res_model = 'coprod.ballot' AND res_id = %(ballot)s) "
                "OR (res_model = 'coprod.group' AND res_id = %(group)s)",
                "DELETE FROM coprod_ballot WHERE id = %(ballot)s",
                "DELETE FROM coprod_membership WHERE group_id = %(group)s",
                "DELETE FROM coprod_group WHERE id = %(group)s",
                "DELETE FROM res_partner WHERE id IN %(partners)s",
            ):
                cr.execute(query, {"ballot": cls.ballot_id, "group": cls.group_id,
                                   "partners": tuple(cls.partner_ids)})
            cr.execute("SELECT (SELECT count(*) FROM coprod_ballot WHERE id = %s) + "
                       "(SELECT count(*) FROM coprod_group WHERE id = %s)", [cls.ballot_id, cls.group_id])
            assert cr.fetchone()[0] == 0

    def _ballot_in(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        ballot = env["coprod.ballot"].browse(self.ballot_id)
        return ballot, env["res.partner"].browse(self.partner_ids)

    def test_same_voter_from_two_cursors(self):
        """Cursor A records Concurrent voter 0 and has not committed yet; cursor B tries
        the same voter: B is told at once that the vote is being recorded (it does not
        wait for A), and may go on with someone else. A commits: one vote each."""
        self.assertFalse(self.registry.in_test_mode())
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            ballot_a, (first_a, _second, _third) = self._ballot_in(cr_a)
            ballot_b, (first_b, second_b, _third) = self._ballot_in(cr_b)
            yes_a = ballot_a.option_ids.filtered(lambda o: o.code == "yes")
            no_b = ballot_b.option_ids.filtered(lambda o: o.code == "no")

            ballot_a.cast_vote(first_a, yes_a)  # not committed: A holds the voter's row

            started = time.monotonic()
            with self.assertRaisesRegex(UserError, "Concurrent voter 0 is being recorded right now"):
                ballot_b.cast_vote(first_b, no_b)
            self.assertLess(time.monotonic() - started, 5, "B does not wait for A")

            ballot_b.cast_vote(second_b, no_b)  # B's transaction is still fine
            cr_b.commit()  # pylint: disable=invalid-commit
            cr_a.commit()  # pylint: disable=invalid-commit
        finally:
            for cr in (cr_a, cr_b):
                cr.rollback()
                cr.close()

        with self.registry.cursor() as cr:
            ballot, (first, second, third) = self._ballot_in(cr)
            cr.execute("SELECT partner_id, has_voted FROM coprod_ballot_voter WHERE ballot_id = %s",
                       [self.ballot_id])
            self.assertEqual(dict(cr.fetchall()), {first.id: True, second.id: True, third.id: False})
            codes = {option.id: option.code for option in ballot.option_ids}
            cr.execute("SELECT option_id, count(*) FROM coprod_ballot_vote "
                       "WHERE ballot_id = %s AND choice IS NOT NULL GROUP BY option_id", [self.ballot_id])
            self.assertEqual({codes[key]: number for key, number in cr.fetchall()}, {"yes": 1, "no": 1},
                             "A's vote counted once; B's try for the same voter left nothing")
            with self.assertRaisesRegex(UserError, "has voted already"):
                ballot.cast_vote(first, ballot.option_ids.filtered(lambda o: o.code == "no"))
            cr.rollback()
