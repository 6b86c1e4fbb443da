from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import CoprodCase


class TestActions(CoprodCase):
    """You said, we did: the ask, an owner, a due date and, to close it, the answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["coprod.action"])
        cls.meeting = cls._meeting(days=-2)
        cls.Action = cls.env["coprod.action"]

    def _filter_domain(self, name, user):
        """The domain of a filter of the actions' search view, as the web client evaluates it."""
        arch = etree.fromstring(self.env.ref("coprod.coprod_action_view_search").arch)
        [node] = arch.xpath(f"//filter[@name='{name}']")
        return safe_eval(node.get("domain"), {"uid": user.id})

    def _filtered(self, name, user, among):
        domain = self._filter_domain(name, user)
        return self.Action.with_user(user).search(domain + [("id", "in", among.ids)])

    # ------------------------------------------------------------
    # Marking done
    # ------------------------------------------------------------

    def test_mark_done_without_we_did_refused(self):
        """The button refuses to close an action until we say what was done."""
        action = self._action(self.meeting)
        for we_did in (False, "   "):
            action.we_did = we_did
            with self.assertRaises(UserError) as caught:
                action.with_user(self.user_officer).action_done()
            self.assertIn("Say what was done", str(caught.exception))
            self.assertEqual(action.state, "open")
            self.assertFalse(action.date_done)

    def test_write_done_without_we_did_refused(self):
        """Writing the state (import, list edit) is refused just the same."""
        action = self._action(self.meeting)
        with self.assertRaises(ValidationError) as caught:
            action.with_user(self.user_officer).write({"state": "done"})
        self.assertIn("Say what was done", str(caught.exception))
        self.assertEqual(action.state, "open")
        self.assertFalse(action.date_done)
        with self.assertRaises(ValidationError):
            self.Action.create({
                "group_id": self.board.id, "you_said": "Imported as done",
                "owner_partner_id": self.people[1].id, "date_due": self.today,
                "state": "done",
            })
        self.assertFalse(self.Action.search([("you_said", "=", "Imported as done")]))
        # Nor can the answer be wiped from a done action.
        action.write({"we_did": "Ramp ordered", "state": "done"})
        with self.assertRaises(ValidationError):
            action.we_did = ""
        self.assertEqual(action.we_did, "Ramp ordered")

    def test_mark_done_with_we_did(self):
        """With the answer written, the owner marks it done and the date is kept."""
        action = self._action(self.meeting, owner_user_id=self.user_coprod.id)
        self.assertEqual(action.owner_partner_id, self.user_coprod.partner_id)
        mine = action.with_user(self.user_coprod)
        mine.we_did = "The ramp was built in May."
        mine.action_done()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.date_done, self.today)
        self.assertFalse(action.is_overdue)

        action.with_user(self.user_officer).action_reopen()
        self.assertEqual(action.state, "open")
        self.assertFalse(action.date_done)
        self.assertEqual(action.we_did, "The ramp was built in May.")

    def test_cancel_clears_done_date(self):
        """A cancelled action is neither open nor done."""
        action = self._action(self.meeting, we_did="Half done", state="done")
        self.assertEqual(action.date_done, self.today)
        action.action_cancel()
        self.assertEqual(action.state, "cancelled")
        self.assertFalse(action.date_done)

    # ------------------------------------------------------------
    # Owner, group, due date
    # ------------------------------------------------------------

    def test_owner_required(self):
        """Every action says who does it."""
        with self.assertRaises(ValidationError) as caught:
            self.Action.with_user(self.user_officer).create({
                "meeting_id": self.meeting.id, "you_said": "Nobody's job",
                "date_due": self.today,
            })
        self.assertIn("Say who will do", str(caught.exception))
        self.assertFalse(self.Action.search([("you_said", "=", "Nobody's job")]))

        action = self._action(self.meeting)
        with self.assertRaises(ValidationError):
            action.owner_partner_id = False
        self.assertEqual(action.owner_partner_id, self.people[1])

    def test_action_belongs_to_its_meeting_group(self):
        """An action from a meeting is the meeting's group's; it cannot be moved away."""
        action = self._action(self.meeting)
        self.assertEqual(action.group_id, self.board)
        self.assertEqual(action.company_id, self.company)
        self.assertIn("ramp", action.name)
        other = self._group("Other group")
        with self.assertRaises(ValidationError):
            action.group_id = other
        self.assertEqual(action.group_id, self.board)

    # ------------------------------------------------------------
    # Overdue
    # ------------------------------------------------------------

    def test_is_overdue(self):
        """Only open actions past their date are overdue; searching agrees."""
        yesterday = self.today - timedelta(days=1)
        late = self._action(self.meeting, date_due=yesterday)
        due_today = self._action(self.meeting, date_due=self.today)
        future = self._action(self.meeting)
        done_late = self._action(self.meeting, date_due=yesterday, we_did="Done", state="done")
        cancelled_late = self._action(self.meeting, date_due=yesterday)
        cancelled_late.action_cancel()
        everything = late | due_today | future | done_late | cancelled_late

        self.assertEqual(everything.filtered("is_overdue"), late)
        found = self.Action.search([("id", "in", everything.ids), ("is_overdue", "=", True)])
        self.assertEqual(found, late)
        found = self.Action.search([("id", "in", everything.ids), ("is_overdue", "=", False)])
        self.assertEqual(found, everything - late)
        found = self.Action.search([("id", "in", everything.ids), ("is_overdue", "!=", True)])
        self.assertEqual(found, everything - late)

        late.we_did = "Done at last"
        late.action_done()
        self.assertFalse(late.is_overdue)
        self.assertFalse(self.Action.search([("id", "in", everything.ids), ("is_overdue", "=", True)]))

    # ------------------------------------------------------------
    # The list of actions and its filters
    # ------------------------------------------------------------

    def test_list_filters(self):
        """The Open, Overdue, Done and Mine filters of the action list find the right ones."""
        yesterday = self.today - timedelta(days=1)
        member = self.user_coprod
        mine_by_user = self._action(self.meeting, owner_user_id=member.id, date_due=yesterday)
        mine_by_partner = self._action(self.meeting, owner_partner_id=member.partner_id.id)
        theirs_late = self._action(self.meeting, date_due=yesterday)
        theirs_done = self._action(self.meeting, we_did="Done", state="done")
        mine_done = self._action(self.meeting, owner_partner_id=member.partner_id.id,
                                 we_did="Done", state="done")
        cancelled = self._action(self.meeting)
        cancelled.action_cancel()
        everything = (mine_by_user | mine_by_partner | theirs_late | theirs_done | mine_done
                      | cancelled)
        officer = self.user_officer

        self.assertEqual(self._filtered("open", officer, everything),
                         mine_by_user | mine_by_partner | theirs_late)
        self.assertEqual(self._filtered("overdue", officer, everything),
                         mine_by_user | theirs_late)
        self.assertEqual(self._filtered("done", officer, everything), theirs_done | mine_done)
        self.assertEqual(self._filtered("mine", member, everything),
                         mine_by_user | mine_by_partner | mine_done)
        self.assertFalse(self._filtered("mine", officer, everything))

        # By group and by owner: the list groups them.
        groups = self.Action.with_user(officer).read_group(
            [("id", "in", everything.ids)], ["owner_partner_id"], ["owner_partner_id"]
        )
        counts = {g["owner_partner_id"][0]: g["owner_partner_id_count"] for g in groups}
        self.assertEqual(counts, {member.partner_id.id: 3, self.people[1].id: 3})

    def test_list_opens_on_open_actions(self):
        """The menu shows open actions first."""
        window = self.env.ref("coprod.coprod_action_action")
        self.assertEqual(safe_eval(window.context).get("search_default_open"), 1)

    # ------------------------------------------------------------
    # History is kept
    # ------------------------------------------------------------

    def test_done_action_cannot_be_deleted(self):
        """A done action is history: it is cancelled or archived, never deleted."""
        action = self._action(self.meeting, we_did="We built the ramp.", state="done")
        with self.assertRaises(UserError) as caught:
            action.with_user(self.user_officer).unlink()
        self.assertIn("cannot be deleted", str(caught.exception))
        self.assertTrue(action.exists())
        self.assertEqual(action.we_did, "We built the ramp.")

        action.with_user(self.user_officer).action_archive()
        self.assertFalse(action.active)
        self.assertEqual(action.state, "done")

    def test_open_action_can_be_deleted(self):
        """An open action typed by mistake can be deleted."""
        action = self._action(self.meeting)
        action.with_user(self.user_officer).unlink()
        self.assertFalse(action.exists())
