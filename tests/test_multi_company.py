"""Records of one company never point at another company's: an officer of the
first company who links a person, a user, a value, a meeting, an agenda item or an
action of the second company is refused and nothing is saved; people shared by
every company (no company) are still welcome. A story follows its group's company
and its group's meetings, and a ballot's result lands only in its own group's meeting.
"""
from contextlib import contextmanager

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import CoprodCase

# Odoo's message when a record points at another company's (fields' check_company)
OTHER_COMPANY = "belongs to another company"


class CompanyCase(CoprodCase):

    @contextmanager
    def _refused(self, pattern, exception=UserError):
        """Expect ``exception`` (its message matching ``pattern``), and undo whatever
        the refused operation wrote before it was refused."""
        with self.assertRaisesRegex(exception, pattern), self.env.cr.savepoint():
            yield


@tagged("security")
class TestCompanyLinks(CompanyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c2 = cls.company_2
        Partner = cls.env["res.partner"]
        cls.partner_c2 = Partner.create({"name": "Bea of Second Care", "company_id": c2.id})
        cls.shared = Partner.create({"name": "Sam Shared"})  # no company: every company's
        cls.group_c2 = cls._group("Second company's board", company_id=c2.id,
                                  facilitator_user_id=cls.user_officer_c2.id)
        cls.meeting_c2 = cls._meeting(group=cls.group_c2)
        cls.item_c2 = cls.env["coprod.agenda.item"].create(
            {"meeting_id": cls.meeting_c2.id, "title": "Their minibus"})
        cls.action_c2 = cls._action(cls.meeting_c2, owner_partner_id=cls.partner_c2.id)
        cls.department_c2 = cls.env["hr.department"].create({"name": "Their kitchen", "company_id": c2.id})
        Value = cls.env["coprod.value"]
        cls.proposal_c2 = Value.create({"name": "Their courage", "company_id": c2.id})
        cls.value_c2 = cls._adopted(Value.create({"name": "Their honesty", "company_id": c2.id}),
                                    cls.meeting_c2)

        cls.meeting = cls._meeting()
        cls.item = cls.env["coprod.agenda.item"].create(
            {"meeting_id": cls.meeting.id, "title": "Our garden"})
        cls.action = cls._action(cls.meeting)
        cls.ballot = cls._ballot(meeting_id=cls.meeting.id)
        cls.proposal = Value.create({"name": "Our kindness"})
        cls.value = cls._adopted(Value.create({"name": "Our respect"}), cls.meeting)
        cls.story = cls.env["coprod.value.record"].create({
            "title": "Amy chose her own holiday", "group_id": cls.board.id,
            "value_ids": [Command.set(cls.value.ids)],
        })

    @classmethod
    def _adopted(cls, value, meeting):
        decision = cls.env["coprod.decision"].create(
            {"meeting_id": meeting.id, "text": f"We adopt {value.name}"})
        value.adopted_decision_id = decision
        value.action_adopt()
        return value

    def _as_officer(self, records):
        """``records`` as the facilitator of the first company's board (first company only)."""
        return records.with_env(self.env(user=self.user_officer))

    def test_other_company_records_are_refused(self):
        """Each link to a record of the second company is refused, and nothing is saved."""
        env = self.env(user=self.user_officer)
        Attendance, Membership = env["coprod.attendance"], env["coprod.membership"]
        ballot, meeting, item = (self._as_officer(r) for r in (self.ballot, self.meeting, self.item))
        attempts = {
            "a person of theirs on our register": (
                lambda: Attendance.create({"meeting_id": self.meeting.id,
                                           "partner_id": self.partner_c2.id}),
                lambda: self.partner_c2 not in self.meeting.attendance_ids.partner_id),
            "a person of theirs as our member": (
                lambda: Membership.create({"group_id": self.board.id,
                                           "partner_id": self.partner_c2.id}),
                lambda: self.partner_c2 not in self.board.membership_ids.partner_id),
            "a person of theirs as our member's supporter": (
                lambda: self._as_officer(self.memberships[1]).write(
                    {"supporter_partner_id": self.partner_c2.id}),
                lambda: not self.memberships[1].supporter_partner_id),
            "their value on our ballot": (
                lambda: ballot.write({"value_ids": [Command.link(self.proposal_c2.id)]}),
                lambda: not self.ballot.value_ids),
            "their person as our candidate": (
                lambda: env["coprod.ballot.option"].create({
                    "ballot_id": self.ballot.id, "name": "Bea",
                    "candidate_partner_id": self.partner_c2.id}),
                lambda: not self.ballot.option_ids.candidate_partner_id),
            "their agenda item on our ballot": (
                lambda: ballot.write({"agenda_item_id": self.item_c2.id}),
                lambda: not self.ballot.agenda_item_id),
            "their person does our action": (
                lambda: self._as_officer(self.action).write(
                    {"owner_partner_id": self.partner_c2.id}),
                lambda: self.action.owner_partner_id == self.people[1]),
            "their user follows up our action": (
                lambda: self._as_officer(self.action).write(
                    {"owner_user_id": self.user_officer_c2.id}),
                lambda: not self.action.owner_user_id),
            "their action reported at our meeting": (
                lambda: meeting.write({"followup_action_ids": [Command.link(self.action_c2.id)]}),
                lambda: not self.meeting.followup_action_ids),
            "their person presents our item": (
                lambda: item.write({"presenter_partner_id": self.partner_c2.id}),
                lambda: not self.item.presenter_partner_id),
            "their action on our item": (
                lambda: item.write({"action_ids": [Command.link(self.action_c2.id)]}),
                lambda: not self.item.action_ids),
            "our value proposed to their group": (
                lambda: self._as_officer(self.proposal).write({"group_id": self.group_c2.id}),
                lambda: not self.proposal.group_id),
            "their value in our story": (
                lambda: self._as_officer(self.story).write(
                    {"value_ids": [Command.link(self.value_c2.id)]}),
                lambda: self.story.value_ids == self.value),
            "their meeting in our story": (
                lambda: self._as_officer(self.story).write(
                    {"meeting_id": self.meeting_c2.id, "group_id": self.board.id}),
                lambda: not self.story.meeting_id),
            "their user runs our group": (
                lambda: self._as_officer(self.board).write(
                    {"facilitator_user_id": self.user_officer_c2.id}),
                lambda: self.board.facilitator_user_id == self.user_officer),
            "their team's seats on our board": (
                lambda: env["coprod.group.seat"].create(
                    {"group_id": self.board.id, "department_id": self.department_c2.id}),
                lambda: not self.board.seat_ids),
        }
        # a story's meeting of another group, and a person of theirs on our group, are
        # refused in plain words (test_plain_messages.py reads the whole messages)
        reasons = {
            "their meeting in our story": "group of the meeting",
            "a person of theirs as our member": "is a contact of Second Care Ltd",
            "a person of theirs as our member's supporter": "cannot be the supporter",
        }
        for what, (attempt, nothing_saved) in attempts.items():
            with self.subTest(refused=what):
                with self._refused(reasons.get(what, OTHER_COMPANY)):
                    attempt()
                self.assertTrue(nothing_saved())

    def test_shared_people_are_welcome(self):
        """People with no company are every company's: they join the register, the
        group, a ballot and an action."""
        env = self.env(user=self.user_officer)
        env["coprod.attendance"].create({"meeting_id": self.meeting.id, "partner_id": self.shared.id})
        env["coprod.membership"].create({"group_id": self.board.id, "partner_id": self.shared.id})
        env["coprod.ballot.option"].create({"ballot_id": self.ballot.id, "name": "Sam",
                                            "candidate_partner_id": self.shared.id})
        self._as_officer(self.action).owner_partner_id = self.shared
        self._as_officer(self.item).presenter_partner_id = self.shared
        self.assertIn(self.shared, self.meeting.attendance_ids.partner_id)
        self.assertIn(self.shared, self.board.member_partner_ids)
        self.assertIn(self.shared, self.ballot.option_ids.candidate_partner_id)
        self.assertEqual(self.action.owner_partner_id, self.shared)
        self.assertEqual(self.item.presenter_partner_id, self.shared)

    def test_proposer_is_whoever_adds_the_item_if_they_fit(self):
        """An item is proposed by whoever adds it; the system, whose contact is the
        first company's, plans the second company's next meeting with no proposer."""
        officer_c2 = self.env(user=self.user_officer_c2)
        item = officer_c2["coprod.agenda.item"].create(
            {"meeting_id": self.meeting_c2.id, "title": "New minibus"})
        self.assertEqual(item.proposer_partner_id, self.user_officer_c2.partner_id)
        self.assertEqual(self.env.user.partner_id.company_id, self.company)
        self.meeting_c2.action_plan_next()
        following = self.meeting_c2.search([("previous_meeting_id", "=", self.meeting_c2.id)])
        updates = following.agenda_item_ids.filtered("is_updates")
        self.assertEqual(updates.action_ids, self.action_c2)
        self.assertFalse(updates.proposer_partner_id)

    def test_handed_over_group_needs_a_facilitator_there(self):
        """A group handed to the other company keeps a facilitator who works there."""
        manager = new_test_user(
            self.env, login="coprod_mc_manager", groups="coprod.group_coprod_manager",
            company_id=self.company.id, company_ids=[self.company.id, self.company_2.id],
        )
        group = self._group("Family forum").with_user(manager).with_context(
            allowed_company_ids=[self.company.id, self.company_2.id])
        with self._refused(OTHER_COMPANY):
            group.write({"company_id": self.company_2.id})
        self.assertEqual(group.company_id, self.company)
        group.write({"company_id": self.company_2.id, "facilitator_user_id": self.user_officer_c2.id})
        self.assertEqual(group.company_id, self.company_2)

    def test_ballot_result_stays_in_its_own_group(self):
        """A ballot whose agenda item is another group's meeting's does not write a
        decision into that meeting when it closes."""
        other = self._group("Family forum", members=3)
        other_meeting = self._meeting(group=other)
        other_item = self.env["coprod.agenda.item"].create(
            {"meeting_id": other_meeting.id, "title": "Their outing"})
        ballot = self._ballot(agenda_item_id=other_item.id)
        self._as_officer(ballot).action_open()
        self._cast_all(ballot, [("yes",)] * 4)
        self._as_officer(ballot).action_close()
        self.assertEqual(ballot.result_state, "won")
        self.assertFalse(other_meeting.decision_ids)
        self.assertFalse(ballot.decision_ids)


class TestStoryFollowsItsGroup(CompanyCase):
    """A story (value record) belongs to its group's company and its group's meetings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls._group("Family forum")
        cls.other_meeting = cls._meeting(group=cls.other)
        meeting = cls._meeting()
        value = cls.env["coprod.value"].create({"name": "Respect"})
        value.adopted_decision_id = cls.env["coprod.decision"].create(
            {"meeting_id": meeting.id, "text": "We adopt respect"})
        value.action_adopt()
        Record = cls.env["coprod.value.record"]
        cls.story = Record.create({"title": "Amy chose her holiday", "group_id": cls.other.id,
                                   "value_ids": [Command.set(value.ids)]})
        cls.meeting_story = Record.create({"title": "Ben ran the meeting", "meeting_id": meeting.id,
                                           "value_ids": [Command.set(value.ids)]})

    def test_story_moves_with_its_group_to_another_company(self):
        """When a group is handed to the other company, its stories go with it: the
        first company's officer no longer sees them, the second company's does."""
        self.assertEqual(self.story.company_id, self.company)
        self.other.write({"company_id": self.company_2.id,
                          "facilitator_user_id": self.user_officer_c2.id})
        self.assertEqual(self.story.company_id, self.company_2)
        Story = self.env["coprod.value.record"]
        self.assertNotIn(self.story, Story.with_user(self.user_officer).search([]))
        self.assertIn(self.story, Story.with_user(self.user_officer_c2).search([]))

    def test_story_of_a_group_keeps_its_company(self):
        with self._refused("company of its group", ValidationError):
            self.story.company_id = self.company_2
        self.assertEqual(self.story.company_id, self.company)

    def test_story_group_and_meeting_agree(self):
        """A story from a meeting belongs to that meeting's group, whichever is changed."""
        officer = self.env(user=self.user_officer)
        with self._refused("group of the meeting", ValidationError):
            self.meeting_story.with_env(officer).group_id = self.other
        with self._refused("group of the meeting", ValidationError):
            self.story.with_env(officer).write({"meeting_id": self.meeting_story.meeting_id.id,
                                                "group_id": self.other.id})
        self.assertEqual(self.meeting_story.group_id, self.board)
        self.assertFalse(self.story.meeting_id)
        self.assertEqual(self.story.group_id, self.other)
