"""Opening and closing a ballot cost the database the same number of round trips for a
register of 10 people as for 500: the register is made by one INSERT ... SELECT, closing
writes the register again and opens and reshuffles a secret ballot's papers in chunks of
1,000 (one chunk below 1,000 papers), and the count stores its rounds and their lines
with one create call.
"""
from .common import CoprodCase

# Queries measured for registers of 10 and of 500 people: the same for both. They
# include what runs when the transaction commits (the chatter's tracking values).
OPEN_RANKED_SECRET_QUERIES = 10
# +1: a problem the scheduled close reported is put right; +3: the row lock, and the
# register written again (one DELETE, one INSERT)
CLOSE_RANKED_SECRET_QUERIES = 33
OPEN_MAJORITY_OPEN_QUERIES = 11
# +1 values adopted, +1 a reported problem put right; +4: the row lock, the register
# written again (two), the papers counted against the register
CLOSE_MAJORITY_OPEN_QUERIES = 32

#: Ten papers for a ranked ballot on A, B, C, D, counted in three rounds: D goes out,
#: then B (A and B are level in round 2; round 1 sends B out), then C wins 5 to 4 with
#: one paper exhausted. A register of 500 casts the same ten papers fifty times.
RANKED_PAPERS = [
    ("A", "B"), ("A",), ("A", "C"), ("B", "A"), ("B", "C"),
    ("C", "B"), ("C", "A"), ("C",), ("C", "D"), ("D", "B"),
]
MAJORITY_PAPERS = [("yes",)] * 5 + [("no",)] * 3 + [("abstain",)] * 2


class TestBallotQueryCount(CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warm_group = cls._group("Warm-up board", members=10)
        cls.small = cls._group("Small board", members=10)
        cls.large = cls._group("Large board", members=500)

    def _cold(self):
        """Start each measure from the same place: nothing pending (not even what
        waits for the commit), nothing cached."""
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()

    def _measured(self, budget, action):
        """Run ``action`` within ``assertQueryCount(budget)`` (without it when the
        budget is None, to warm up); return the number of
        queries it made, as assertQueryCount counts them (it fails only above the
        budget: the callers compare the numbers themselves too)."""
        self._cold()
        if budget is None:  # warming up
            action()
            return None
        with self.assertQueryCount(budget):
            start = self.cr.sql_log_count
            action()
        return self.cr.sql_log_count - start

    def _ballot_of(self, group, method, secret):
        options = "ABCD" if method == "ranked" else ()
        return self._ballot(group=group, method=method, secret=secret, options=options,
                            name=f"{method} {'secret' if secret else 'open'} {group.name}")

    def _run(self, group, method, secret, open_budget, close_budget):
        """Open a ballot of ``group`` (measured), cast the papers (ten papers per ten
        people), and close it (measured). Returns both numbers of queries."""
        ballot = self._ballot_of(group, method, secret).with_user(self.user_officer)
        opened = self._measured(open_budget, ballot.action_open)
        self.assertEqual(len(ballot.voter_ids), len(group.member_partner_ids))
        papers = RANKED_PAPERS if method == "ranked" else MAJORITY_PAPERS
        self._cast_all(ballot, papers * (len(ballot.voter_ids) // len(papers)))
        closed = self._measured(close_budget, ballot.action_close)
        self.assertEqual(ballot.state, "closed")
        self.assertEqual(ballot.turnout, len(group.member_partner_ids))
        return ballot, opened, closed

    def test_open_and_close_do_not_grow_with_the_register(self):
        for method, secret, open_budget, close_budget in (
            ("ranked", True, OPEN_RANKED_SECRET_QUERIES, CLOSE_RANKED_SECRET_QUERIES),
            ("majority", False, OPEN_MAJORITY_OPEN_QUERIES, CLOSE_MAJORITY_OPEN_QUERIES),
        ):
            with self.subTest(method=method, secret=secret):
                # Warm up from a cold record cache: the first run fills the registry's
                # caches (record rules, access rights, templates, ...).
                budgets = (open_budget, close_budget)
                self._run(self.warm_group, method, secret, None, None)
                small, small_open, small_close = self._run(self.small, method, secret, *budgets)
                large, large_open, large_close = self._run(self.large, method, secret, *budgets)
                self.assertEqual(large_open, small_open, "opening: 500 people cost what 10 cost")
                self.assertEqual(large_close, small_close, "closing: 500 people cost what 10 cost")
                self.assertEqual((small_open, small_close), budgets)

                # The same result at both sizes.
                self.assertEqual(small.result_state, "won")
                self.assertEqual(large.winner_option_ids.name, small.winner_option_ids.name)
                self.assertEqual(len(large.round_ids), len(small.round_ids))
                if method == "ranked":
                    self.assertEqual(len(small.round_ids), 3)
                    self.assertEqual(small.winner_option_ids.name, "C")
                    self.assertEqual(large.round_ids.sorted("number")[-1].exhausted, 50)
