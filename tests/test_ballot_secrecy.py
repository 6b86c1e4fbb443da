"""Secret ballots stay secret: nothing stored links a voter to a choice, and nobody,
managers included, reads a secret ballot's papers one by one. An open ballot (a show of
hands) shows who chose what. Two casts for the same voter at the same moment, from two
database connections, count once.
"""
import os
import threading
import time
from itertools import permutations

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase

from ..coprod_module.models import ballot_seal
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
        cr.execute("SELECT count(*), count(partner_id) FROM coprod_ballot_vote WHERE ballot_id = %s",
                   [ballot.id])
        self.assertEqual(cr.fetchone(), (5, 0), "five papers, none with a partner")

        for table in ("coprod_ballot_vote", "coprod_ballot_voter"):
            cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])
            columns = {column for (column,) in cr.fetchall()}
            self.assertIn("ballot_id", columns)
            for column in ("create_uid", "write_uid", "create_date", "write_date"):
                self.assertNotIn(column, columns, f"{table}.{column}")
        cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'coprod_ballot_vote'")
        self.assertEqual({column for (column,) in cr.fetchall()},
                         {"id", "ballot_id", "partner_id", "choice", "sealed_choice", "option_id"})
        for model in ("coprod.ballot.vote", "coprod.ballot.voter"):
            self.assertFalse(self.env[model]._log_access, model)

    def test_open_papers_are_sealed(self):
        """While a secret ballot is open, a reader of the database finds no choice on
        any paper: each is sealed with the ballot's key (kept in the server's files),
        all of one length, and two papers with the same choice look different. Once
        closed, the papers are in clear, shuffled, and every one is counted."""
        ballot = self._secret_ballot()
        self.assertTrue(ballot.seal_ref)
        self.assertFalse(ballot.seal_lost)
        same = ["AB"] * 4
        self._cast_rankings(ballot, RANKINGS[:20] + same)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT choice, option_id, sealed_choice FROM coprod_ballot_vote WHERE ballot_id = %s",
                   [ballot.id])
        papers = cr.fetchall()
        self.assertEqual(len(papers), 24)
        self.assertEqual({(choice, option) for choice, option, _sealed in papers}, {(None, None)},
                         "no readable choice, no first choice, while it is open")
        sealed = [paper for _choice, _option, paper in papers]
        self.assertEqual(len({len(paper) for paper in sealed}), 1, "every paper is the same length")
        self.assertEqual(len(set(sealed)), 24, "the four same choices look different")
        # what a reader joining the register and the papers (on xmin) would read
        cr.execute("""SELECT voter.partner_id, paper.choice, paper.option_id
                        FROM coprod_ballot_voter voter
                        JOIN coprod_ballot_vote paper ON paper.xmin = voter.xmin
                       WHERE voter.ballot_id = %(id)s AND paper.ballot_id = %(id)s AND voter.has_voted""",
                   {"id": ballot.id})
        for _partner, choice, option in cr.fetchall():
            self.assertIsNone(choice)
            self.assertIsNone(option)

        ballot.with_user(self.user_officer).action_close()
        self.env.invalidate_all()
        self.assertCountEqual(self._choices(ballot), RANKINGS[:20] + same, "every paper, once")
        self.assertEqual(ballot.turnout, 24)
        cr.execute("SELECT count(*) FROM coprod_ballot_vote WHERE ballot_id = %s AND sealed_choice IS NOT NULL",
                   [ballot.id])
        self.assertEqual(cr.fetchone()[0], 0, "no sealed paper left once counted")

    def test_paper_and_register_order_do_not_follow_the_order_of_voting(self):
        """Thirty different papers cast in a known order. Closing writes the papers
        again in a random order, and the register too: neither the papers' ids, nor
        their rows' order, nor the register's ids or rows' order follow the order of
        voting.

        Each comparison fails by chance only if a random order of 30 is exactly the
        order of voting (or its reverse): a chance of 2 / 30!, about 8e-33 per
        comparison; the test can be rerun forever without a false failure.
        """
        ballot = self._secret_ballot()
        self._cast_rankings(ballot)

        ballot.with_user(self.user_officer).action_close()
        self.env.invalidate_all()

        closed = self._choices(ballot)
        self.assertCountEqual(closed, RANKINGS, "every paper, once: nothing lost")
        self.assertNotEqual(closed, RANKINGS, "the ids do not follow the order of voting")
        self.assertNotEqual(closed, RANKINGS[::-1])
        stored = self._choices(ballot, physical=True)
        self.assertNotEqual(stored, RANKINGS, "nor does the order of the rows in the table")
        self.assertNotEqual(stored, RANKINGS[::-1])
        self.assertEqual(ballot.turnout, 30)

        voting_order = self.the_30.ids
        for order in ("id", "ctid"):
            self.env.cr.execute(f"SELECT partner_id FROM coprod_ballot_voter WHERE ballot_id = %s ORDER BY {order}",
                                [ballot.id])
            register = [partner for (partner,) in self.env.cr.fetchall()]
            with self.subTest(register_order=order):
                self.assertCountEqual(register, voting_order)
                self.assertNotEqual(register, voting_order, "the register does not replay who voted when")
                self.assertNotEqual(register, voting_order[::-1])
        self.assertEqual(ballot.voter_ids.mapped("has_voted"), [True] * 30)

    def test_lost_key_refuses_votes_and_the_count(self):
        """A secret ballot whose key file is gone takes no vote and cannot be
        counted, in plain words; its officer sees why; it can be cancelled."""
        ballot = self._secret_ballot()
        self._cast_rankings(ballot, RANKINGS[:2])
        ballot_seal.destroy(self.env.cr.dbname, ballot.id, ballot.seal_ref)
        ballot.invalidate_recordset(["seal_lost"])
        self.assertTrue(ballot.with_user(self.user_officer).seal_lost)
        officer = ballot.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "secret key .* is missing .* your vote was not recorded"):
            officer.cast_vote(self.the_30[5], self._options(ballot, "A"))
        self.assertFalse(ballot.voter_ids.filtered(lambda v: v.partner_id == self.the_30[5]).has_voted)
        with self.assertRaisesRegex(UserError, "cannot be opened: its secret key is missing"):
            officer.action_close()
        self.assertEqual(ballot.state, "open")
        officer.cancel_reason = "The key was lost. We will vote again next month."
        officer.action_cancel()
        self.assertEqual(ballot.state, "cancelled")

    def test_leftover_keys_are_collected(self):
        """The scheduled close destroys key files that no open ballot uses (a close
        that committed just before a crash, an opening rolled back) once they are an
        hour old, and never the key of an open ballot."""
        ballot = self._secret_ballot()
        dbname = self.env.cr.dbname
        live = (dbname, ballot.id, ballot.seal_ref)
        leftover = (dbname, ballot.id + 100000, ballot_seal.new_key(dbname, ballot.id + 100000))
        young = (dbname, ballot.id + 100001, ballot_seal.new_key(dbname, ballot.id + 100001))
        an_hour_ago = time.time() - 3700
        for _db, ballot_id, ref in (live, leftover):
            path = ballot_seal._path(dbname, ballot_id, ref)  # pylint: disable=protected-access
            os.utime(path, (an_hour_ago, an_hour_ago))
        self.env["coprod.ballot"]._cron_close_due()
        self.assertTrue(ballot_seal.has_key(*live), "the open ballot keeps its key")
        self.assertFalse(ballot_seal.has_key(*leftover), "a key nobody uses is destroyed")
        self.assertTrue(ballot_seal.has_key(*young), "a key younger than an hour may be a ballot opening now")
        ballot_seal.destroy(*young)

    def test_register_is_for_officers(self):
        """A member reads their own row of a ballot's register only (who voted, who
        was helped and who recorded it are for officers); the officer reads all."""
        ballot = self._ballot()
        ballot.with_user(self.user_officer).action_open()
        self._cast_all(ballot, [("yes",), ("no",)], voters=self.people[1:3])
        member = self.user_coprod
        Voter = self.env["coprod.ballot.voter"]
        others = Voter.search([("ballot_id", "=", ballot.id), ("partner_id", "!=", member.partner_id.id)])
        self.assertEqual(len(others), 6)
        own = Voter.with_user(member).search([("ballot_id", "=", ballot.id)])
        self.assertEqual(own.partner_id, member.partner_id)
        self.env.invalidate_all()
        self.assertEqual(ballot.with_user(member).voter_ids.partner_id, member.partner_id)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            others.with_user(member).read(["has_voted"])
        self.assertEqual(len(Voter.with_user(self.user_officer).search([("ballot_id", "=", ballot.id)])),
                         len(ballot.voter_ids))
        # the form's counts are there for everyone, never who
        self.assertEqual(ballot.with_user(member).voted_count, 2)

    def test_voting_screen_says_who_helps(self):
        """On the facilitator's screen the person hears who is helping them; on
        their own screen that nobody will know."""
        ballot = self._secret_ballot()
        data = ballot.with_user(self.user_officer).register_screen_data()
        self.assertFalse(data["own_vote"])
        self.assertEqual(data["helper_name"], self.user_officer.name)

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
    """Votes and closing from several database connections at once.

    Other connections only see committed data, so this class commits its own small
    group and open ballot for each test (through cursors of its own, outside the
    test's transaction) and deletes all of it again after the test.
    """

    CONTEXT = {"tracking_disable": True, "mail_create_nolog": True,
               "mail_create_nosubscribe": True, "mail_notrack": True}

    def setUp(self):
        super().setUp()
        assert not self.registry.in_test_mode(), "registry.cursor() must open real connections"
        with self.registry.cursor() as cr:  # commits when the block ends without error
            env = api.Environment(cr, SUPERUSER_ID, self.CONTEXT)
            partners = env["res.partner"].create([{"name": f"Concurrent voter {n}"} for n in range(6)])
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
            self.partner_ids = partners.ids
            self.group_id = group.id
            self.ballot_id = ballot.id
            self.seal = (cr.dbname, ballot.id, ballot.seal_ref)
        self.addCleanup(self._delete_committed)

    def _delete_committed(self):
        with self.registry.cursor() as cr:
            for query in (
                "DELETE FROM mail_activity WHERE res_model = 'coprod.ballot' AND res_id = %(ballot)s",
                "DELETE FROM mail_message WHERE (model = 'coprod.ballot' AND res_id = %(ballot)s) "
                "OR (model = 'coprod.group' AND res_id = %(group)s)",
                "DELETE FROM mail_followers WHERE (res_model = 'coprod.ballot' AND res_id = %(ballot)s) "
                "OR (res_model = 'coprod.group' AND res_id = %(group)s)",
                "DELETE FROM coprod_ballot WHERE id = %(ballot)s",
                "DELETE FROM coprod_membership WHERE group_id = %(group)s",
                "DELETE FROM coprod_group WHERE id = %(group)s",
                "DELETE FROM res_partner WHERE id IN %(partners)s",
            ):
                cr.execute(query, {"ballot": self.ballot_id, "group": self.group_id,
                                   "partners": tuple(self.partner_ids)})
            cr.execute("SELECT (SELECT count(*) FROM coprod_ballot WHERE id = %s) + "
                       "(SELECT count(*) FROM coprod_group WHERE id = %s)", [self.ballot_id, self.group_id])
            assert cr.fetchone()[0] == 0
        ballot_seal.destroy(*self.seal)

    def _ballot_in(self, cr, uid=SUPERUSER_ID):
        env = api.Environment(cr, uid, {})
        ballot = env["coprod.ballot"].browse(self.ballot_id)
        return ballot, env["res.partner"].browse(self.partner_ids)

    def _option(self, ballot, code):
        return ballot.option_ids.filtered(lambda o: o.code == code)

    def _cast_committed(self, n, code):
        """Voter ``n`` votes ``code`` in a transaction of its own, committed."""
        with self.registry.cursor() as cr:
            ballot, partners = self._ballot_in(cr)
            ballot.cast_vote(partners[n], self._option(ballot, code))

    def _in_thread(self, work):
        """Run ``work(cursor)`` in a thread with a cursor of its own, which it
        commits if ``work`` returns. Returns the thread and a dict that gets the
        outcome ("done", or the error)."""
        outcome = {}

        def run():
            cr = self.registry.cursor()
            try:
                work(cr)
                cr.commit()  # pylint: disable=invalid-commit
                outcome["done"] = True
            except Exception as error:  # noqa: BLE001 -- the outcome is the test's to judge
                outcome["error"] = error
                cr.rollback()
            finally:
                cr.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread, outcome

    def _wait_until_blocked(self, thread, seconds=10):
        """Until the thread's connection waits for a lock (it never gets it alone)."""
        deadline = time.monotonic() + seconds
        with self.registry.cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND wait_event_type = 'Lock'")
                if cr.fetchone()[0]:
                    return
                time.sleep(0.05)
                cr.rollback()
        self.fail("the other transaction never waited for the lock")

    def _register_and_papers(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT count(*) FILTER (WHERE has_voted) FROM coprod_ballot_voter WHERE ballot_id = %s",
                       [self.ballot_id])
            voted = cr.fetchone()[0]
            cr.execute("SELECT count(*) FROM coprod_ballot_vote WHERE ballot_id = %s "
                       "AND (choice IS NOT NULL OR sealed_choice IS NOT NULL)", [self.ballot_id])
            papers = cr.fetchone()[0]
            cr.execute("SELECT state, turnout FROM coprod_ballot WHERE id = %s", [self.ballot_id])
            state, turnout = cr.fetchone()
        return voted, papers, state, turnout

    def test_same_voter_from_two_cursors(self):
        """Cursor A records Concurrent voter 0 and has not committed yet; cursor B tries
        the same voter: B is told at once that the vote is being recorded (it does not
        wait for A), and may go on with someone else. A commits: one vote each."""
        self.assertFalse(self.registry.in_test_mode())
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            ballot_a, (first_a, *_rest) = self._ballot_in(cr_a)
            ballot_b, (first_b, second_b, *_rest) = self._ballot_in(cr_b)
            ballot_a.cast_vote(first_a, self._option(ballot_a, "yes"))  # A holds the voter's row

            started = time.monotonic()
            with self.assertRaisesRegex(UserError, "Concurrent voter 0 is being recorded right now"):
                ballot_b.cast_vote(first_b, self._option(ballot_b, "no"))
            self.assertLess(time.monotonic() - started, 5, "B does not wait for A")

            ballot_b.cast_vote(second_b, self._option(ballot_b, "no"))  # B's transaction is still fine
            cr_b.commit()  # pylint: disable=invalid-commit
            cr_a.commit()  # pylint: disable=invalid-commit
        finally:
            for cr in (cr_a, cr_b):
                cr.rollback()
                cr.close()

        with self.registry.cursor() as cr:
            ballot, (first, second, third, *_rest) = self._ballot_in(cr)
            cr.execute("SELECT partner_id, has_voted FROM coprod_ballot_voter WHERE ballot_id = %s",
                       [self.ballot_id])
            self.assertEqual({k: v for k, v in cr.fetchall() if k in (first.id, second.id, third.id)},
                             {first.id: True, second.id: True, third.id: False})
            with self.assertRaisesRegex(UserError, "has voted already"):
                ballot.cast_vote(first, self._option(ballot, "no"))
            ballot.action_close()
            counts = {line.option_id.code: line.votes for line in ballot.round_ids.line_ids}
            self.assertEqual((counts["yes"], counts["no"]), (1, 1),
                             "A's vote counted once; B's try for the same voter left nothing")
            cr.rollback()

    def test_vote_that_starts_before_the_close_is_refused_or_counted(self):
        """The vote's transaction starts; the close runs and is written (not yet
        committed); the vote runs, and waits; the close commits. The vote is
        refused (its transaction is rolled back, so the person is not marked as
        voted; run again, it reads "This vote has ended"), never accepted and left
        out of the count."""
        self._cast_committed(0, "yes")
        cr_close = self.registry.cursor()
        state = {}

        def vote(cr):
            ballot, partners = self._ballot_in(cr)
            state["seen"] = ballot.state  # the vote's transaction has begun (its snapshot)
            state["started"].wait(10)
            ballot.cast_vote(partners[1], self._option(ballot, "no"))

        state["started"] = threading.Event()
        try:
            thread, outcome = self._in_thread(vote)
            while "seen" not in state:
                time.sleep(0.01)
            ballot, _partners = self._ballot_in(cr_close)
            ballot.action_close()
            ballot.env.flush_all()
            state["started"].set()
            self._wait_until_blocked(thread)
            cr_close.commit()  # pylint: disable=invalid-commit
            thread.join(10)
        finally:
            cr_close.close()
        self.assertEqual(state["seen"], "open")
        self.assertNotIn("done", outcome, "the vote was refused")
        self.assertIsInstance(outcome["error"], PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
                              "Odoo runs a request that meets this again")
        with self.registry.cursor() as cr:  # Odoo's retry of the request
            ballot, partners = self._ballot_in(cr)
            with self.assertRaisesRegex(UserError, "This vote has ended"):
                ballot.cast_vote(partners[1], self._option(ballot, "no"))
        voted, papers, state_now, turnout = self._register_and_papers()
        self.assertEqual(state_now, "closed")
        self.assertEqual((voted, papers, turnout), (1, 1, 1),
                         "papers = people marked voted = turnout: the refused vote left nothing")

    def test_close_that_starts_before_a_vote_commits_counts_it(self):
        """A vote is written (not committed) when the close starts: the close waits
        for it. When the vote commits, the close (whose transaction began before)
        cannot leave it out: it fails with a serialization error, and Odoo runs it
        again, and then it counts the vote."""
        cr_vote = self.registry.cursor()
        try:
            ballot, partners = self._ballot_in(cr_vote)
            ballot.cast_vote(partners[2], self._option(ballot, "yes"))
            thread, outcome = self._in_thread(lambda cr: self._ballot_in(cr)[0].action_close())
            self._wait_until_blocked(thread)
            cr_vote.commit()  # pylint: disable=invalid-commit
            thread.join(10)
        finally:
            cr_vote.close()
        if "done" not in outcome:
            self.assertIsInstance(outcome["error"], PG_CONCURRENCY_EXCEPTIONS_TO_RETRY)
            with self.registry.cursor() as cr:  # Odoo's retry of the request
                self._ballot_in(cr)[0].action_close()
        voted, papers, state, turnout = self._register_and_papers()
        self.assertEqual((state, voted, papers, turnout), ("closed", 1, 1, 1), "the vote is counted")

    def test_secret_from_a_reader_of_the_database(self):
        """Votes in transactions of their own: a reader who joins the register and
        the papers on xmin reads no choice while the ballot is open. After the close,
        the register's rows were all written by the close (one xmin, rows in a
        random order), and the ballot's key file is destroyed once it commits."""
        for n, code in enumerate(["yes", "no", "yes", "abstain", "no"]):
            self._cast_committed(n, code)
        with self.registry.cursor() as cr:
            cr.execute("""SELECT voter.partner_id, paper.choice, paper.option_id, paper.sealed_choice
                            FROM coprod_ballot_voter voter
                            JOIN coprod_ballot_vote paper ON paper.xmin = voter.xmin
                           WHERE voter.ballot_id = %(id)s AND paper.ballot_id = %(id)s""",
                       {"id": self.ballot_id})
            linked = cr.fetchall()
        self.assertEqual(len(linked), 5, "xmin does link each voter to a paper...")
        self.assertEqual({(choice, option) for _partner, choice, option, _sealed in linked}, {(None, None)},
                         "...whose choice nobody can read")
        self.assertTrue(ballot_seal.has_key(*self.seal))

        with self.registry.cursor() as cr:
            self._ballot_in(cr)[0].action_close()
            self.assertTrue(ballot_seal.has_key(*self.seal), "the key stays until the close commits")
        self.assertFalse(ballot_seal.has_key(*self.seal), "the key is destroyed once the close commits")
        with self.registry.cursor() as cr:
            cr.execute("SELECT count(DISTINCT xmin::text) FROM coprod_ballot_voter WHERE ballot_id = %s",
                       [self.ballot_id])
            self.assertEqual(cr.fetchone()[0], 1, "the register was written again, at once, by the close")
            cr.execute("""SELECT count(*) FROM coprod_ballot_voter voter
                            JOIN coprod_ballot_vote paper ON paper.xmin = voter.xmin
                           WHERE voter.ballot_id = %(id)s AND paper.ballot_id = %(id)s""",
                       {"id": self.ballot_id})
            self.assertEqual(cr.fetchone()[0], 5 * 6, "every paper shares its xmin with every row: no link")
        voted, papers, state, turnout = self._register_and_papers()
        self.assertEqual((state, voted, papers, turnout), ("closed", 5, 5, 5))
