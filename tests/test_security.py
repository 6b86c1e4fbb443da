"""Who can do what in coprod: the access matrix.

Five people, one per level: a portal user, an employee without co-production
rights, a member who takes part (``coprod.group_coprod_user``), the board's
facilitator (officer) and a manager; plus an officer of the second company.
Every cell runs in a savepoint that is rolled back, so cells do not see each
other's changes.
"""
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import users
from odoo.tools import mute_logger

from .access_matrix import AccessMatrixMixin
from .common import CoprodCase


# What each level may do on records of the member's own board (company 1): read,
# write, create, delete (unlink). For agenda items the member's cell is about their
# own proposal, for actions about an action they own; the record rules below say
# what happens with other people's.
ACCESS = {
    #                             portal employee member  officer manager
    "coprod.group":              ("",    "",      "r",    "rwc",  "rwcd"),
    "coprod.membership":         ("",    "",      "r",    "rwcd", "rwcd"),
    "coprod.meeting":            ("",    "",      "r",    "rwcd", "rwcd"),
    "coprod.agenda.item":        ("",    "",      "rwc",  "rwcd", "rwcd"),
    "coprod.attendance":         ("",    "",      "r",    "rwcd", "rwcd"),
    "coprod.decision":           ("",    "",      "r",    "rwcd", "rwcd"),
    "coprod.action":             ("",    "",      "rw",   "rwcd", "rwcd"),
    "coprod.communication.need": ("",    "",      "",     "r",    "rwcd"),
}
NEED_FIELDS = ["coprod_need_ids", "coprod_need_review_date", "coprod_needs_flag"]
EMPLOYEE_FIELDS = ["coprod_membership_ids", "coprod_membership_count", "coprod_staff_board_member"]


@tagged("security")
class TestCoprodSecurity(AccessMatrixMixin, CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.today = today
        c1, c2 = cls.company, cls.company_2

        def user(login, groups, companies=(c1,), **kw):
            return new_test_user(
                cls.env, login=f"coprod_sec_{login}", groups=groups,
                email=f"coprod_sec_{login}@example.com", company_id=companies[0].id,
                company_ids=[c.id for c in companies], **kw,
            )

        # Internal users usually may edit contacts; give it to them, so that the
        # tests on communication needs are about the needs, not about contacts.
        partner_manager = cls.env.ref("base.group_partner_manager")
        (cls.user_employee | cls.user_coprod | cls.user_officer | cls.user_manager).groups_id = [
            Command.link(partner_manager.id)
        ]
        cls.user_cochair = user("cochair", "coprod.group_coprod_user", name="Cora Co-chair")
        cls.user_future = user("future", "coprod.group_coprod_user", name="Finn Future")
        cls.user_hr = user("hr", "hr.group_hr_user", name="Hari HR")
        cls.user_manager_both = user(
            "manager_both", "coprod.group_coprod_manager", companies=(c1, c2), name="Max Both",
        )
        cls.users_by_role = cls._users_by_role()

        Group = cls.env["coprod.group"]
        Membership = cls.env["coprod.membership"]
        member = cls.user_coprod.partner_id
        cls.newcomer = cls.env["res.partner"].create({"name": "Nia Newcomer"})
        cls.other_board = Group.create({"name": "Other board", "company_id": c1.id,
                                        "facilitator_user_id": cls.user_officer.id})
        cls.past_board = Group.create({"name": "Board the member left", "company_id": c1.id})
        cls.future_board = Group.create({"name": "Board the member joins soon", "company_id": c1.id})
        cls.staff_board = Group.create({"name": "Staff shadow board", "kind": "staff",
                                        "company_id": c1.id})
        cls.group_c2 = Group.create({"name": "Second company's board", "company_id": c2.id,
                                     "facilitator_user_id": cls.user_officer_c2.id})
        cls.employee = cls.env["hr.employee"].create({"name": "Sam Staff", "company_id": c1.id})
        cls.employee_off_board = cls.env["hr.employee"].create(
            {"name": "Olu Off-board", "company_id": c1.id})
        Membership.create([
            {"group_id": cls.other_board.id, "partner_id": cls.people[1].id,
             "date_start": cls.start_date},
            {"group_id": cls.past_board.id, "partner_id": member.id,
             "date_start": cls.start_date, "date_end": today - timedelta(days=1)},
            {"group_id": cls.future_board.id, "partner_id": member.id,
             "date_start": today + timedelta(days=30)},
            {"group_id": cls.staff_board.id, "employee_id": cls.employee.id,
             "date_start": cls.start_date},
            {"group_id": cls.staff_board.id, "partner_id": member.id,
             "date_start": cls.start_date},
            {"group_id": cls.group_c2.id, "partner_id": cls.people[2].id,
             "date_start": cls.start_date},
            # a current co-chair who uses Odoo, whose term ends when the next one's
            # starts, next month (a group has two co-chairs at once)
            {"group_id": cls.board.id, "partner_id": cls.user_cochair.partner_id.id,
             "role": "co_chair", "date_start": cls.start_date,
             "date_end": today + timedelta(days=29)},
            {"group_id": cls.board.id, "partner_id": cls.user_future.partner_id.id,
             "role": "co_chair", "date_start": today + timedelta(days=30)},
        ])

        # One draft meeting per group, with an agenda item, a register row, a
        # decision and an action that are someone else's.
        cls.groups = cls.board | cls.other_board | cls.past_board | cls.future_board \
            | cls.staff_board | cls.group_c2
        cls.meetings = {}
        for group in cls.groups:
            meeting = cls._meeting(group=group)
            cls.meetings[group] = meeting
            cls.env["coprod.agenda.item"].create({
                "meeting_id": meeting.id, "title": f"Item of {group.name}",
                "proposer_partner_id": cls.people[3].id,
            })
            cls.env["coprod.attendance"].create({"meeting_id": meeting.id,
                                                 "partner_id": cls.people[4].id})
            cls.env["coprod.decision"].create({"meeting_id": meeting.id,
                                               "text": f"Decision of {group.name}"})
            cls.env["coprod.action"].create({
                "meeting_id": meeting.id, "you_said": f"Action of {group.name}",
                "owner_partner_id": cls.people[4].id, "date_due": today + timedelta(days=20),
            })
        cls.meeting = cls.meetings[cls.board]
        cls.item_other = cls.meeting.agenda_item_ids
        cls.item_own = cls.env["coprod.agenda.item"].create({
            "meeting_id": cls.meeting.id, "title": "Easy-read menus",
            "proposer_partner_id": member.id,
        })
        cls.attendance = cls.meeting.attendance_ids
        cls.decision = cls.meeting.decision_ids
        cls.action_other = cls.meeting.action_ids
        Action = cls.env["coprod.action"]
        due = today + timedelta(days=14)
        cls.action_own = Action.create({"meeting_id": cls.meeting.id, "you_said": "Bigger signs",
                                        "owner_user_id": cls.user_coprod.id, "date_due": due})
        # actions the member owns in a group they do not belong to
        cls.action_owned_elsewhere = Action.create([
            {"meeting_id": cls.meetings[cls.other_board].id, "you_said": "Ask the kitchen",
             "owner_user_id": cls.user_coprod.id, "date_due": due},
            {"group_id": cls.other_board.id, "you_said": "Bring photos",
             "owner_partner_id": member.id, "date_due": due},
        ])
        cls.need = cls.env.ref("coprod.coprod_need_easy_read")
        cls.people[3].write({"coprod_need_ids": [Command.set(cls.need.ids)],
                             "coprod_need_review_date": today + timedelta(days=180)})
        cls.user_portal.partner_id.coprod_need_ids = cls.need

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _cases(self):
        """Per model: the record to read and write, values to create and write,
        and a factory of a record that may be deleted."""
        env, meeting = self.env, self.meeting
        due = self.today + timedelta(days=7)
        start = meeting.start + timedelta(days=40)
        return {
            "coprod.group": (
                self.board, "name",
                {"name": "Family forum", "company_id": self.company.id},
                {"name": "Shadow quality board (renamed)"},
                lambda: env["coprod.group"].create({"name": "Spare group"}),
            ),
            "coprod.membership": (
                self.membership_member_user, "role",
                {"group_id": self.board.id, "partner_id": self.newcomer.id},
                {"consent_photo": True},
                lambda: env["coprod.membership"].create(
                    {"group_id": self.board.id, "partner_id": self.newcomer.id}),
            ),
            "coprod.meeting": (
                meeting, "name",
                {"group_id": self.board.id, "start": start, "stop": start + timedelta(hours=2)},
                {"location": "Library"},
                lambda: self._meeting(days=60),
            ),
            "coprod.agenda.item": (
                self.item_own, "title",
                {"meeting_id": meeting.id, "title": "A quiet room"},
                {"title": "Easy-read menus in every home"},
                lambda: env["coprod.agenda.item"].create(
                    {"meeting_id": meeting.id, "title": "Spare item",
                     "proposer_partner_id": self.user_coprod.partner_id.id}),
            ),
            "coprod.attendance": (
                self.attendance, "status",
                {"meeting_id": meeting.id, "partner_id": self.newcomer.id},
                {"response": "accepted"},
                lambda: env["coprod.attendance"].create(
                    {"meeting_id": meeting.id, "partner_id": self.newcomer.id}),
            ),
            "coprod.decision": (
                self.decision, "text",
                {"meeting_id": meeting.id, "text": "We agree"},
                {"text": "We agree, with changes"},
                lambda: env["coprod.decision"].create({"meeting_id": meeting.id, "text": "Spare"}),
            ),
            "coprod.action": (
                self.action_own, "you_said",
                {"meeting_id": meeting.id, "you_said": "Fix the ramp",
                 "owner_user_id": self.user_coprod.id, "date_due": due},
                {"we_did": "The signs are up"},
                lambda: env["coprod.action"].create(
                    {"meeting_id": meeting.id, "you_said": "Spare",
                     "owner_user_id": self.user_coprod.id, "date_due": due}),
            ),
            "coprod.communication.need": (
                self.need, "name",
                {"name": "Signs and symbols", "code": "sec_signs", "category": "communication_support"},
                {"description": "Pictures and words together"},
                lambda: env["coprod.communication.need"].create(
                    {"name": "Spare", "code": "spare", "category": "information_format"}),
            ),
        }

    # ------------------------------------------------------------
    # access rights: the matrix
    # ------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule",
                 "odoo.models")
    def test_access_matrix(self):
        """Portal, employee, member, officer, manager x read/write/create/delete x model."""
        self._check_access_matrix(ACCESS, self._cases())

    @users("coprod_portal", "coprod_employee")
    @mute_logger("odoo.addons.base.models.ir_model")
    def test_outsiders_cannot_even_search(self):
        """Portal users and employees without co-production rights see nothing at all,
        except that everyone who works here sees the staff boards (to volunteer)."""
        for model in ACCESS:
            if model == "coprod.group" and self.env.user.has_group("base.group_user"):
                with self.subTest(model=model):
                    self.assertEqual(set(self.env[model].search([]).mapped("kind")), {"staff"})
                continue
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].search([])

    # ------------------------------------------------------------
    # record rules: what a member sees
    # ------------------------------------------------------------

    def test_member_sees_only_their_groups(self):
        """A member sees the groups they belong to now or from a future date, not a
        group they left, and not other groups; and only those groups' records."""
        mine = self.board | self.future_board | self.staff_board
        # and, as everyone who works here, the staff boards (to volunteer for them)
        staff_boards = self.env["coprod.group"].search(
            [("kind", "=", "staff"), ("company_id", "=", self.user_coprod.company_id.id)])
        self.assertEqual(self._visible(self.user_coprod, "coprod.group"), mine | staff_boards)
        for model in ("coprod.membership", "coprod.meeting", "coprod.agenda.item",
                      "coprod.attendance", "coprod.decision"):
            with self.subTest(model=model):
                self.assertEqual(self._visible(self.user_coprod, model).group_id, mine)
        for group in self.other_board | self.past_board | self.group_c2:
            for record in (group, self.meetings[group], self.meetings[group].agenda_item_ids,
                           self.meetings[group].attendance_ids,
                           self.meetings[group].decision_ids,
                           self.meetings[group].action_ids - self.action_owned_elsewhere):
                with self.subTest(group=group.name, model=record._name), \
                        self.assertRaises(AccessError):
                    record.with_user(self.user_coprod).read(["display_name"])

    def test_register_notes_and_contact_details_are_for_officers(self):
        """On a meeting's register a member sees who comes, not the facilitator's notes
        (why someone could not come: health, family) nor other people's email and phone;
        the register's view offers them no such column."""
        attendance = self.attendance[:1]
        attendance.note = "Hospital appointment."
        attendance.partner_id.write({"email": "private@example.com", "phone": "01234 567890"})
        private = ["note", "partner_email", "partner_phone"]
        row = attendance.with_user(self.user_coprod)
        self.assertTrue(row.read(["partner_id", "status"]))
        for field in private:
            with self.subTest(field=field), self.assertRaises(AccessError):
                row.read([field])
        with self.assertRaises(AccessError):
            self.env["coprod.attendance"].with_user(self.user_coprod).search([("note", "!=", False)])
        arch = self.env["coprod.meeting"].with_user(self.user_coprod).get_views(
            [(False, "form")])["views"]["form"]["arch"]
        for field in private:
            self.assertNotIn(f'name="{field}"', arch, "not a column the member can show")
        officer_row = attendance.with_user(self.user_officer)
        self.assertEqual(officer_row.note, "Hospital appointment.")
        self.assertEqual(officer_row.partner_email, "private@example.com")

    def test_member_loses_sight_when_membership_ends(self):
        self.assertIn(self.board, self._visible(self.user_coprod, "coprod.group"))
        self.membership_member_user.action_end_today()
        self.assertIn(self.board, self._visible(self.user_coprod, "coprod.group"),
                      "the membership still runs today")
        self.membership_member_user.date_end = self.today - timedelta(days=1)
        self.env.invalidate_all()
        self.assertNotIn(self.board, self._visible(self.user_coprod, "coprod.group"))
        for model in ("coprod.membership", "coprod.meeting", "coprod.agenda.item",
                      "coprod.attendance", "coprod.decision"):
            with self.subTest(model=model):
                self.assertNotIn(self.board, self._visible(self.user_coprod, model).group_id)
        self.assertEqual(self._visible(self.user_coprod, "coprod.action") & self.action_other,
                         self.action_other.browse(), "nor the board's actions")

    def test_member_sees_the_actions_they_own(self):
        actions = self._visible(self.user_coprod, "coprod.action")
        self.assertEqual(
            actions,
            (self.board | self.future_board | self.staff_board).meeting_ids.action_ids
            | self.action_own | self.action_owned_elsewhere,
            "a member sees their groups' actions, and actions they own elsewhere",
        )

    @users("coprod_member")
    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_member_answers_only_their_own_actions(self):
        """An owner says what was done and marks it done, also in a group they are not
        in; they do not edit other people's actions, nor change what was asked, the
        date, the owner or the meeting of their own."""
        own = self.action_own.with_user(self.env.user)
        refused = {
            "answer someone else's action":
                lambda: self.action_other.with_user(self.env.user).write({"we_did": "Not mine"}),
            "create an action": lambda: self.env["coprod.action"].create({
                "meeting_id": self.meeting.id, "you_said": "Self-made",
                "owner_user_id": self.env.uid, "date_due": self.today}),
            "delete their action": own.unlink,
            "move it to another group's meeting":
                lambda: own.write({"meeting_id": self.meetings[self.other_board].id}),
            "move it to a group they left": lambda: self.action_owned_elsewhere[1]
                .with_user(self.env.user).write({"group_id": self.past_board.id}),
            "hand it to someone else": lambda: own.write({"owner_user_id": self.user_officer.id}),
            "rewrite what was asked": lambda: own.write({"you_said": "Something easier"}),
            "put the date back": lambda: own.write({"date_due": self.today + timedelta(days=90)}),
            "cancel it": own.action_cancel,
            "reopen it": own.action_reopen,
        }
        for what, attempt in refused.items():
            with self.subTest(refused=what):
                self.assertFalse(self._allowed(attempt))
        self.assertEqual(self.action_own.group_id, self.board)

        for action in self.action_own | self.action_owned_elsewhere:
            with self.subTest(action=action.you_said):
                action = action.with_user(self.env.user)
                action.we_did = "Done, and told the group"
                action.action_done()
                self.assertEqual(action.state, "done")

    @users("coprod_member")
    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_member_proposes_agenda_items(self):
        """A member proposes items in their own group and edits their own proposals,
        not other people's; they do not accept or defer items."""
        Item = self.env["coprod.agenda.item"]
        item = Item.create({"meeting_id": self.meeting.id, "title": "Day trips"})
        self.assertEqual(item.proposer_partner_id, self.env.user.partner_id)
        self.assertEqual(item.state, "proposed")
        item.write({"title": "Day trips in summer", "easy_read_text": "Where shall we go?"})
        # in a group they are joining soon, too
        Item.create({"meeting_id": self.meetings[self.future_board].id, "title": "Hello"})

        refused = {
            f"propose in {meeting.group_id.name}": lambda m=meeting: Item.create(
                {"meeting_id": m.id, "title": "Not my group"})
            for meeting in (self.meetings[self.other_board], self.meetings[self.past_board],
                            self.meetings[self.group_c2])
        }
        refused.update({
            "propose in someone else's name": lambda: Item.create(
                {"meeting_id": self.meeting.id, "title": "Ghost",
                 "proposer_partner_id": self.co_chair.id}),
            "edit someone else's proposal":
                lambda: self.item_other.with_user(self.env.user).write({"title": "Mine now"}),
            "delete their proposal": item.unlink,
            "move it to another group's meeting":
                lambda: item.write({"meeting_id": self.meetings[self.other_board].id}),
            "move it to another company's meeting":
                lambda: item.write({"meeting_id": self.meetings[self.group_c2].id}),
            "hand it to someone else": lambda: item.write({"proposer_partner_id": self.co_chair.id}),
        })
        for what, attempt in refused.items():
            with self.subTest(refused=what):
                self.assertFalse(self._allowed(attempt))
        self.assertEqual(item.meeting_id, self.meeting)
        for state, decide in (("accepted", "action_accept"), ("deferred", "action_defer")):
            with self.subTest(decide=decide), self.assertRaises(UserError):
                getattr(item, decide)()
            with self.subTest(create=state), self.assertRaises(UserError):
                Item.create({"meeting_id": self.meeting.id, "title": "Straight on",
                             "state": state})
        self.assertEqual(item.state, "proposed")

    @users("coprod_sec_cochair")
    def test_co_chair_sets_the_agenda(self):
        """A current co-chair edits anyone's proposal and accepts or defers items."""
        item = self.item_other.with_user(self.env.user)
        item.title = "Better title"
        item.action_accept()
        self.assertEqual(item.state, "accepted")
        self.item_own.with_user(self.env.user).action_defer()
        self.assertEqual(self.item_own.state, "deferred")

    @users("coprod_sec_future")
    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_future_co_chair_is_not_yet_a_co_chair(self):
        """A co-chair whose term has not started sees the board and proposes, but
        does not yet edit other people's proposals or decide the agenda."""
        self.assertIn(self.board, self.env["coprod.group"].search([]))
        item = self.env["coprod.agenda.item"].create({"meeting_id": self.meeting.id,
                                                     "title": "My first idea"})
        with self.assertRaises(AccessError):
            self.item_other.with_user(self.env.user).title = "Changed"
        with self.assertRaises(UserError):
            item.action_accept()

    @users("coprod_member")
    @mute_logger("odoo.addons.base.models.ir_model")
    def test_member_reads_but_does_not_run_meetings(self):
        meeting = self.meeting.with_user(self.env.user)
        self.assertEqual(meeting.agenda_item_ids, self.item_other | self.item_own)
        with self.assertRaises(UserError):  # an AccessError, or "only co-chairs decide"
            meeting.action_schedule()
        with self.assertRaises(AccessError):
            meeting.action_cancel()
        with self.assertRaises(AccessError):
            self.attendance.with_user(self.env.user).action_attended()
        self.assertEqual(self.meeting.state, "draft")

    # ------------------------------------------------------------
    # multi-company
    # ------------------------------------------------------------

    def test_officers_see_their_own_companies_only(self):
        company_1 = self.board | self.other_board | self.past_board | self.future_board \
            | self.staff_board
        for user, visible, hidden in (
            (self.user_officer, company_1, self.group_c2),
            (self.user_manager, company_1, self.group_c2),
            (self.user_officer_c2, self.group_c2, company_1),
        ):
            for model in ("coprod.group", "coprod.membership", "coprod.meeting",
                          "coprod.agenda.item", "coprod.attendance", "coprod.decision",
                          "coprod.action"):
                with self.subTest(user=user.login, model=model):
                    records = self._visible(user, model)
                    groups = records if model == "coprod.group" else records.group_id
                    self.assertEqual(groups & self.groups, visible)
                    self.assertTrue(records.company_id <= user.company_ids)
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                hidden[:1].meeting_ids.with_user(user).read(["name"])

    def test_manager_of_two_companies_sees_what_is_allowed(self):
        both = [self.company.id, self.company_2.id]
        self.assertEqual(
            self._visible(self.user_manager_both, "coprod.group", allowed_company_ids=both)
            & self.groups, self.groups)
        self.assertEqual(
            self._visible(self.user_manager_both, "coprod.meeting", allowed_company_ids=both)
            .group_id & self.groups, self.groups)
        only_c2 = self._visible(self.user_manager_both, "coprod.meeting",
                                allowed_company_ids=[self.company_2.id])
        self.assertEqual(only_c2.group_id & self.groups, self.group_c2)
        # and works in both: e.g. hands a group over to the other company, with a
        # facilitator who works there
        self.other_board.with_user(self.user_manager_both).with_context(
            allowed_company_ids=both).write({"company_id": self.company_2.id,
                                             "facilitator_user_id": self.user_officer_c2.id})
        self.assertEqual(self.meetings[self.other_board].company_id, self.company_2)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_officers_do_not_work_in_other_companies(self):
        for officer, foreign in ((self.user_officer, self.group_c2),
                                 (self.user_officer_c2, self.board)):
            start = self.meeting.start + timedelta(days=3)
            attempts = {
                "create a group there": lambda o=officer, f=foreign: self.env["coprod.group"]
                .with_user(o).create({"name": "Sneaky", "company_id": f.company_id.id}),
                "add a member": lambda o=officer, f=foreign: self.env["coprod.membership"]
                .with_user(o).create({"group_id": f.id, "partner_id": self.newcomer.id}),
                "plan a meeting": lambda o=officer, f=foreign: self.env["coprod.meeting"]
                .with_user(o).create({"group_id": f.id, "start": start,
                                      "stop": start + timedelta(hours=1)}),
                "add an action": lambda o=officer, f=foreign: self.env["coprod.action"]
                .with_user(o).create({"group_id": f.id, "you_said": "x",
                                      "owner_partner_id": self.newcomer.id,
                                      "date_due": self.today}),
                "rename the group": lambda o=officer, f=foreign: f.with_user(o).write(
                    {"name": "Renamed"}),
                "edit a decision": lambda o=officer, f=foreign: f.meeting_ids.decision_ids
                .with_user(o).write({"text": "Changed"}),
            }
            # nor move their own company's records there
            own = self.group_c2 if foreign == self.board else self.board
            there = self.meetings[foreign]
            here = self.meetings[own]
            attempts.update({
                "move their group there": lambda o=officer, f=foreign, g=own: g.with_user(o)
                .write({"company_id": f.company_id.id}),
                "move a meeting there": lambda o=officer, f=foreign, g=own: self._meeting(
                    group=g, days=50, chair_partner_ids=False).with_user(o).write(
                    {"group_id": f.id}),
                "move a membership there": lambda o=officer, f=foreign, g=own: g.membership_ids[:1]
                .with_user(o).write({"group_id": f.id}),
                "move an agenda item there": lambda o=officer, m=here, t=there: m.agenda_item_ids[:1]
                .with_user(o).write({"meeting_id": t.id}),
                "move a register row there": lambda o=officer, m=here, t=there: self.env[
                    "coprod.attendance"].create({"meeting_id": m.id, "partner_id": self.newcomer.id})
                .with_user(o).write({"meeting_id": t.id}),
                "move a decision there": lambda o=officer, m=here, t=there: m.decision_ids
                .with_user(o).write({"meeting_id": t.id}),
                "move an action there": lambda o=officer, m=here, t=there: m.action_ids[:1]
                .with_user(o).write({"meeting_id": t.id}),
            })
            for what, attempt in attempts.items():
                with self.subTest(officer=officer.login, attempt=what):
                    self.assertFalse(self._allowed(attempt))

    # ------------------------------------------------------------
    # communication needs: personal data
    # ------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_communication_needs_are_for_officers_and_managers(self):
        person = self.people[3]
        for role, user in self.users_by_role.items():
            self.env.invalidate_all()
            # a portal user may read their own contact only
            partner = user.partner_id if role == "portal" else person
            may = role in ("officer", "manager")
            with self.subTest(role=role, operation="read"):
                if may:
                    values = partner.with_user(user).read(NEED_FIELDS)[0]
                    self.assertEqual(values["coprod_need_ids"], self.need.ids)
                    self.assertTrue(values["coprod_needs_flag"])
                else:
                    for field in NEED_FIELDS:
                        with self.assertRaises(AccessError, msg=field):
                            partner.with_user(user).read([field])
                    # the rest of the contact still reads
                    partner.with_user(user).read(["name"])
            if role == "portal":
                continue
            with self.subTest(role=role, operation="search"):
                search = lambda u=user: self.env["res.partner"].with_user(u).search(
                    [("coprod_need_ids.code", "=", "easy_read")])
                self.assertEqual(self._allowed(search), may)
            with self.subTest(role=role, operation="write"):
                write = lambda u=user: person.with_user(u).write(
                    {"coprod_need_review_date": self.today + timedelta(days=30)})
                self.assertEqual(self._allowed(write), may)

    @users("coprod_member", "coprod_employee")
    @mute_logger("odoo.addons.base.models.ir_model")
    def test_contact_reads_without_needs(self):
        """Reading a whole contact leaves the needs out instead of failing."""
        values = self.people[3].with_env(self.env).read()[0]
        self.assertFalse(set(NEED_FIELDS) & set(values))
        self.assertEqual(values["name"], self.people[3].name)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_memberships_on_contacts(self):
        """A contact's memberships show the groups the reader may see: a member their
        own groups, an officer their companies' groups; people without co-production
        rights do not read them."""
        person = self.people[1]  # in the board and in the other board
        for user, groups in ((self.user_coprod, self.board),
                             (self.user_officer, self.board | self.other_board),
                             (self.user_officer_c2, self.board.browse()),
                             (self.user_employee, None)):
            self.env.invalidate_all()  # each reader has their own request
            with self.subTest(user=user.login):
                if groups is None:
                    for field in ("coprod_membership_ids", "coprod_membership_count"):
                        with self.assertRaises(AccessError, msg=field):
                            person.with_user(user).read([field])
                    continue
                values = person.with_user(user).read(
                    ["coprod_membership_ids", "coprod_membership_count"])[0]
                memberships = self.env["coprod.membership"].browse(values["coprod_membership_ids"])
                self.assertEqual(memberships.group_id, groups)
                self.assertEqual(values["coprod_membership_count"], len(groups))

    # ------------------------------------------------------------
    # employees
    # ------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_employee_coprod_fields(self):
        """HR officers and co-production users read an employee's memberships; a
        plain employee does not."""
        staff_membership = self.staff_board.membership_ids.filtered("employee_id")
        for user, may in ((self.user_hr, True), (self.user_coprod, True),
                          (self.user_officer, True), (self.user_employee, False)):
            self.env.invalidate_all()
            employee = self.employee.with_user(user)
            with self.subTest(user=user.login, operation="read"):
                if may:
                    values = employee.read(EMPLOYEE_FIELDS)[0]
                    self.assertEqual(values["coprod_membership_count"], 1)
                    self.assertTrue(values["coprod_staff_board_member"])
                    self.assertEqual(values["coprod_membership_ids"], staff_membership.ids)
                else:
                    for field in EMPLOYEE_FIELDS:
                        with self.assertRaises(AccessError, msg=field):
                            employee.read([field])
            with self.subTest(user=user.login, operation="search"):
                search = lambda u=user: self.assertEqual(
                    self.env["hr.employee"].with_user(u).search(
                        [("coprod_staff_board_member", "=", True),
                         ("id", "in", (self.employee | self.employee_off_board).ids)]),
                    self.employee)
                self.assertEqual(self._allowed(search), may)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_hr_officers_read_staff_memberships_only(self):
        """HR officers see which staff sit on a staff board, add employees to it and
        end their memberships; they see nothing about people supported."""
        memberships = self._visible(self.user_hr, "coprod.membership")
        self.assertEqual(memberships & self.staff_board.membership_ids,
                         self.staff_board.membership_ids.filtered("employee_id"))
        self.assertTrue(all(memberships.mapped("employee_id")))
        staff_membership = memberships.filtered(lambda m: m.employee_id == self.employee)
        # the list on the employee form shows the group's name
        [values] = staff_membership.with_user(self.user_hr).web_read(
            {"group_id": {"fields": {"display_name": {}}}, "role": {}})
        self.assertEqual(values["group_id"]["display_name"], self.staff_board.name)
        for what, attempt in {
            "read a board member's membership": lambda: self.membership_member_user
                .with_user(self.user_hr).read(["role"]),
            "add someone who is not an employee to the staff board": lambda: self.env[
                "coprod.membership"].with_user(self.user_hr).create(
                    {"group_id": self.staff_board.id, "partner_id": self.newcomer.id}),
            "read the board of people supported": lambda: self.board.with_user(self.user_hr)
                .read(["name"]),
        }.items():
            with self.subTest(refused=what):
                self.assertFalse(self._allowed(attempt))
        for what, attempt in {
            "read the staff board": lambda: self.staff_board.with_user(self.user_hr).read(["name"]),
            "end a staff membership": lambda: staff_membership.with_user(self.user_hr)
                .write({"date_end": self.today}),
        }.items():
            with self.subTest(allowed=what):
                self.assertTrue(self._allowed(attempt))
