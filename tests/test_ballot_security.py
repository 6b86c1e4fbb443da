"""Who may do what with ballots, options, registers and papers: the access rights of
each level, the record rules (people who take part see the ballots of their own
groups only), and the companies (an officer sees their own companies' ballots only).
"""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user

from .common import CoprodCase

MODELS = ("coprod.ballot", "coprod.ballot.option", "coprod.ballot.voter", "coprod.ballot.vote")
MODES = {"r": "read", "w": "write", "c": "create", "u": "unlink"}

#: Access rights per model and level (r read, w write, c create, u unlink). Nobody,
#: managers included, writes a register or a paper through the ORM: coprod makes them.
MATRIX = {
    "coprod.ballot": {"portal": "", "employee": "", "coprod": "r", "officer": "rwcu", "manager": "rwcu"},
    "coprod.ballot.option": {"portal": "", "employee": "", "coprod": "r", "officer": "rwcu", "manager": "rwcu"},
    "coprod.ballot.voter": {"portal": "", "employee": "", "coprod": "r", "officer": "r", "manager": "r"},
    "coprod.ballot.vote": {"portal": "", "employee": "", "coprod": "r", "officer": "r", "manager": "r"},
}


class TestBallotSecurity(CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "portal": cls.user_portal, "employee": cls.user_employee, "coprod": cls.user_coprod,
            "officer": cls.user_officer, "manager": cls.user_manager,
        }
        # A show-of-hands ballot of the board (user_coprod is a member), one of a
        # group user_coprod is not in, and one of the second company.
        cls.own = cls._ballot(name="Board: paint the room?", secret=False)
        cls.own.action_open()
        cls._cast_all(cls.own, [("yes",), ("no",)], voters=cls.people[1:3])
        cls.elsewhere_group = cls._group("Kitchen group", members=3)
        cls.elsewhere = cls._ballot(group=cls.elsewhere_group, name="Kitchen: new kettle?", secret=False)
        cls.elsewhere.action_open()
        cls._cast_all(cls.elsewhere, [("yes",)])
        cls.group_c2 = cls.env["coprod.group"].create({
            "name": "Second company board", "company_id": cls.company_2.id,
            "facilitator_user_id": cls.user_officer_c2.id,
            "membership_ids": [Command.create({"partner_id": partner.id, "date_start": cls.start_date})
                               for partner in cls.people[3:5]],
        })
        cls.c2 = cls._ballot(group=cls.group_c2, name="Second company: garden?", secret=False)
        cls.c2.action_open()
        cls._cast_all(cls.c2, [("yes",)], user=cls.user_officer_c2)
        cls.all_ballots = cls.own | cls.elsewhere | cls.c2
        cls.outsider = cls.env["res.partner"].create({"name": "Nobody Registered"})

    def _ids(self, model, user, ballots):
        return self.env[model].with_user(user).search([("ballot_id", "in", ballots.ids)])

    def test_access_rights_matrix(self):
        """Each level's rights on the four models, as the table above says."""
        for model, levels in MATRIX.items():
            for level, allowed in levels.items():
                Model = self.env[model].with_user(self.users[level])
                for letter, mode in MODES.items():
                    with self.subTest(model=model, level=level, mode=mode):
                        self.assertEqual(Model.has_access(mode), letter in allowed)

    def test_portal_and_employee_see_no_ballot(self):
        for user in (self.user_portal, self.user_employee):
            for model in MODELS:
                with self.subTest(user=user.name, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.own.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.own.with_user(user).cast_vote(user.partner_id, self._options(self.own, "yes"))

    def test_member_sees_own_groups_only(self):
        """A person who takes part sees the ballots of their groups, their options,
        their own row of the registers and (show of hands) papers; nothing of other
        groups."""
        user = self.user_coprod
        self.assertEqual(self.env["coprod.ballot"].with_user(user).search([("id", "in", self.all_ballots.ids)]),
                         self.own)
        self.assertEqual(self._ids("coprod.ballot.option", user, self.all_ballots), self.own.option_ids)
        self.assertEqual(self._ids("coprod.ballot.voter", user, self.all_ballots),
                         self.own.voter_ids.filtered(lambda v: v.partner_id == user.partner_id))
        self.assertEqual(self._ids("coprod.ballot.vote", user, self.all_ballots).partner_id, self.people[1:3])
        for ballot in (self.elsewhere, self.c2):
            with self.subTest(ballot=ballot.name):
                for records in (ballot, ballot.option_ids[:1], ballot.voter_ids[:1]):
                    with self.assertRaises(AccessError):
                        records.with_user(user).read(["display_name"])
                with self.assertRaises(AccessError):
                    ballot.with_user(user).cast_vote(user.partner_id, self._options(ballot, "yes"))
        # Who voted, who was helped and who recorded it are for officers: a member
        # reads their own row of the register only.
        self.env.invalidate_all()
        register = self.own.with_user(user).voter_ids
        self.assertEqual(register.partner_id, user.partner_id)
        self.assertEqual(self.own.with_user(user).voted_count, 2, "how many voted, never who")

    def test_former_member_loses_sight(self):
        """Someone whose membership has ended no longer sees the group's ballots."""
        former = new_test_user(
            self.env, login="coprod_former", groups="coprod.group_coprod_user", name="Fern Former",
            company_id=self.company.id, company_ids=[self.company.id],
        )
        today = fields.Date.context_today(self.own)
        self.env["coprod.membership"].create({
            "group_id": self.board.id, "partner_id": former.partner_id.id,
            "date_start": self.start_date, "date_end": today - timedelta(days=1),
        })
        self.assertFalse(self.env["coprod.ballot"].with_user(former).search([("id", "in", self.all_ballots.ids)]))

    def test_member_changes_nothing(self):
        """A person who takes part cannot create, change, open, close or delete a
        ballot or its options, even in their own group, nor touch the register."""
        user = self.user_coprod
        Ballot = self.env["coprod.ballot"].with_user(user)
        with self.assertRaises(AccessError):
            Ballot.create({"name": "Mine", "group_id": self.board.id})
        draft = self._ballot(name="A draft of the board")
        for action in (
            lambda: draft.with_user(user).write({"name": "Changed"}),
            lambda: draft.with_user(user).action_open(),
            lambda: draft.with_user(user).unlink(),
            lambda: draft.option_ids[0].with_user(user).write({"name": "Maybe"}),
            lambda: draft.option_ids[0].with_user(user).unlink(),
            lambda: self.env["coprod.ballot.option"].with_user(user).create(
                {"ballot_id": draft.id, "name": "Another"}),
            lambda: self.own.with_user(user).action_close(),
            lambda: self.own.voter_ids[0].with_user(user).write({"has_voted": False}),
        ):
            with self.assertRaises(AccessError):
                action()
        self.assertEqual((draft.name, draft.state, len(draft.option_ids)),
                         ("A draft of the board", "draft", 3))
        self.assertEqual(self.own.state, "open")

    def test_officer_runs_ballots_but_cannot_touch_registers_or_papers(self):
        """An officer creates, opens, closes and deletes (drafts) ballots; nobody
        writes, creates or deletes a register row or a paper through the ORM."""
        Ballot = self.env["coprod.ballot"].with_user(self.user_officer)
        ballot = Ballot.create({"name": "Officer's ballot", "group_id": self.board.id,
                                "method": "plurality", "quorum_min": 0, "quorum_percent": 0,
                                "option_ids": [Command.create({"name": "Tea"}), Command.create({"name": "Coffee"})]})
        ballot.option_ids[0].name = "Green tea"
        ballot.write({"easy_read_question": "Tea or coffee?"})
        ballot.action_open()
        ballot.cast_vote(self.people[1], ballot.option_ids[:1], assisted=True)
        ballot.action_close()
        self.assertEqual(ballot.result_state, "won")
        Ballot.create({"name": "Short-lived", "group_id": self.board.id}).unlink()

        papers = self.env["coprod.ballot.vote"].with_user(self.user_officer).search([("ballot_id", "=", self.own.id)])
        self.assertEqual(len(papers), 2)
        for user in (self.user_officer, self.user_manager):
            voter = self.own.voter_ids[0].with_user(user)
            paper = papers[0].with_user(user)
            for action in (
                lambda v=voter: v.write({"has_voted": True}),
                lambda v=voter: v.unlink(),
                lambda u=user: self.env["coprod.ballot.voter"].with_user(u).create(
                    {"ballot_id": self.own.id, "partner_id": self.outsider.id}),
                lambda p=paper: p.write({"option_id": p.ballot_id.option_ids[2].id}),
                lambda p=paper: p.unlink(),
                lambda u=user: self.env["coprod.ballot.vote"].with_user(u).create(
                    {"ballot_id": self.own.id, "choice": str(self.own.option_ids[0].id)}),
            ):
                with self.subTest(user=user.name), self.assertRaises(AccessError):
                    action()
        self.env.invalidate_all()
        self.assertEqual(len(self.own.voter_ids.filtered("has_voted")), 2)

    def test_companies(self):
        """An officer sees and runs only the ballots of their own companies."""
        c2 = self.user_officer_c2
        for model in MODELS:
            with self.subTest(model=model):
                if model == "coprod.ballot":
                    found = self.env[model].with_user(c2).search([("id", "in", self.all_ballots.ids)])
                    self.assertEqual(found, self.c2)
                else:
                    found = self._ids(model, c2, self.all_ballots)
                    self.assertTrue(found)
                    self.assertEqual(found.ballot_id, self.c2)
        self.assertFalse(self.env["coprod.ballot"].with_user(self.user_officer).search([("id", "=", self.c2.id)]))
        self.assertFalse(self.env["coprod.ballot"].with_user(self.user_manager).search([("id", "=", self.c2.id)]))
        with self.assertRaises(AccessError):
            self.own.with_user(c2).read(["name"])
        with self.assertRaises(AccessError):
            self.c2.with_user(self.user_officer).read(["name"])
        with self.assertRaises(AccessError):
            self.own.with_user(c2).cast_vote(self.people[3], self._options(self.own, "yes"))
        with self.assertRaises(AccessError):
            self.env["coprod.ballot"].with_user(c2).create({"name": "Not mine", "group_id": self.board.id})

        # In their own company they run the whole ballot.
        ballot = self.c2.with_user(c2)
        ballot.cast_vote(self.people[4], self._options(ballot, "no"))
        ballot.action_close()
        self.assertEqual((ballot.state, ballot.turnout), ("closed", 2))
        with self.assertRaises(UserError):
            ballot.unlink()
        ballot.action_archive()
        self.assertFalse(ballot.active)
