from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form

from .common import CoprodCase


class TestGroupMembership(CoprodCase):
    """A facilitator creates a group and adds people with roles and dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["coprod.membership"])
        cls.Membership = cls.env["coprod.membership"]
        cls.Employee = cls.env["hr.employee"]
        cls.outsider = cls.env["res.partner"].create(
            {"name": "Olive Outsider", "email": "olive@example.com"}
        )

    def _membership(self, partner, group=None, **vals):
        return self.Membership.create(dict({
            "group_id": (group or self.board).id,
            "partner_id": partner.id,
            "date_start": self.start_date,
        }, **vals))

    # ------------------------------------------------------------
    # The flow
    # ------------------------------------------------------------

    def test_officer_creates_group_with_sensible_defaults(self):
        """A new group is run by its creator, meets monthly and invites 7 days ahead."""
        group = self.env["coprod.group"].with_user(self.user_officer).create(
            {"name": "Family forum", "kind": "family"}
        )
        self.assertEqual(group.facilitator_user_id, self.user_officer)
        self.assertEqual(group.meeting_interval, "monthly")
        self.assertEqual(group.invitation_days, 7)
        self.assertEqual(group.company_id, self.company)
        self.assertTrue(group.active)
        self.assertFalse(group.member_partner_ids)
        self.assertEqual(group.member_count, 0)

    def test_officer_adds_people_with_roles(self):
        """Members and co-chairs vote by default; supporters and observers do not."""
        group = self._group("Roles group")
        partners = self.env["res.partner"].create(
            [{"name": f"Role person {n}"} for n in range(4)]
        )
        roles = ["member", "co_chair", "supporter", "observer"]
        memberships = self.Membership.with_user(self.user_officer).create([
            {"group_id": group.id, "partner_id": p.id, "role": role}
            for p, role in zip(partners, roles)
        ])
        self.assertEqual(memberships.mapped("can_vote"), [True, True, False, False])
        self.assertEqual(memberships.mapped("date_start"), [self.today] * 4,
                         "a membership starts today unless told otherwise")
        self.assertTrue(all(memberships.mapped("is_current")))
        self.assertEqual(group.member_partner_ids, partners)
        self.assertEqual(group.member_count, 4)
        self.assertEqual(group.co_chair_partner_ids, partners[1])

    def test_can_vote_follows_role_but_can_be_set(self):
        """Changing the role resets the vote; the facilitator can still override it."""
        membership = self._membership(self.outsider, role="observer")
        self.assertFalse(membership.can_vote)
        membership.role = "member"
        self.assertTrue(membership.can_vote)
        membership.can_vote = False
        self.assertFalse(membership.can_vote)
        self.assertEqual(membership.role, "member")

    def test_board_fixture(self):
        """The shared board has seven current members and one co-chair."""
        self.assertEqual(self.board.member_count, 7)
        self.assertEqual(self.board.co_chair_partner_ids, self.co_chair)
        self.assertIn(self.person_no_email, self.board.member_partner_ids)

    def test_is_current_and_search(self):
        """Past and future memberships are not current, and searching says the same."""
        past_person, future_person, ending_today = self.env["res.partner"].create(
            [{"name": "Pat Past"}, {"name": "Fran Future"}, {"name": "Ted Today"}]
        )
        past = self._membership(past_person, date_end=self.today - timedelta(days=1))
        future = self._membership(future_person, date_start=self.today + timedelta(days=3))
        last_day = self._membership(ending_today, date_end=self.today)
        current = self.memberships[1]

        self.assertFalse(past.is_current)
        self.assertFalse(future.is_current)
        self.assertTrue(last_day.is_current, "a membership is current on its last day")
        self.assertTrue(current.is_current)

        mine = past | future | last_day | current
        found = self.Membership.search([("id", "in", mine.ids), ("is_current", "=", True)])
        self.assertEqual(found, last_day | current)
        found = self.Membership.search([("id", "in", mine.ids), ("is_current", "=", False)])
        self.assertEqual(found, past | future)
        found = self.Membership.search([("id", "in", mine.ids), ("is_current", "!=", True)])
        self.assertEqual(found, past | future)

        self.assertNotIn(past_person, self.board.member_partner_ids)
        self.assertNotIn(future_person, self.board.member_partner_ids)
        self.assertIn(ending_today, self.board.member_partner_ids)

    def test_co_chairs_are_current_co_chair_memberships(self):
        """A co-chair whose membership ended, or has not begun, is not a co-chair now."""
        former, incoming = self.env["res.partner"].create(
            [{"name": "Former Chair"}, {"name": "Incoming Chair"}]
        )
        self._membership(former, role="co_chair", date_start=self.start_date - timedelta(days=400),
                         date_end=self.start_date - timedelta(days=1))
        coming = self._membership(incoming, role="co_chair", date_start=self.today + timedelta(days=1))
        self.assertEqual(self.board.co_chair_partner_ids, self.co_chair)
        coming.unlink()  # plans change (a third co-chair from tomorrow would be refused)

        self.memberships[2].role = "co_chair"
        self.assertEqual(self.board.co_chair_partner_ids, self.co_chair | self.people[2])

        self.memberships[0].date_end = self.today - timedelta(days=1)
        self.assertEqual(self.board.co_chair_partner_ids, self.people[2])
        self.assertNotIn(self.co_chair, self.board.member_partner_ids)

    def test_two_co_chairs_at_most(self):
        """A group has two co-chairs at once, no more; a new co-chair comes in when
        another's term ends."""
        self.memberships[1].role = "co_chair"
        self.assertEqual(self.board.co_chair_partner_ids, self.co_chair | self.people[1])
        with self.assertRaises(ValidationError) as caught:
            self.memberships[2].role = "co_chair"
        self.assertIn("two co-chairs at most", str(caught.exception))
        self.assertIn("Person 3", str(caught.exception))
        with self.assertRaises(ValidationError):
            self._membership(self.env["res.partner"].create({"name": "Newcomer"}),
                             role="co_chair", date_start=self.today + timedelta(days=30))
        # Person 2's term ends in a month; Person 3 takes over the day after
        handover = self.today + timedelta(days=30)
        self.memberships[1].date_end = handover - timedelta(days=1)
        self._membership(self.env["res.partner"].create({"name": "Next Chair"}),
                         role="co_chair", date_start=handover)
        self.assertEqual(self.board.co_chair_partner_ids, self.co_chair | self.people[1])

    def test_co_chair_notice(self):
        """The group says what its co-chairs lack: none yet, only one, or (in a group
        of people supported) none who receives support. It does not stop anything."""
        group = self.env["coprod.group"].create({"name": "New board", "kind": "people_supported"})
        self.assertIn("no co-chair yet", group.co_chair_notice)
        carer, ann = self.env["res.partner"].create([{"name": "Carer Chair"}, {"name": "Ann"}])
        self._membership(carer, group=group, role="co_chair", person_kind="staff")
        self.assertIn("should be a person who receives support", group.co_chair_notice)
        self._membership(ann, group=group, role="co_chair")
        self.assertFalse(group.co_chair_notice, "two co-chairs, one of them a person supported")
        self.assertIn("one co-chair", self.board.co_chair_notice)

    def test_employee_membership_uses_work_contact(self):
        """Staff join as employees: their work contact becomes the person."""
        staff_board = self._group("Staff shadow board", kind="staff")
        employee = self.Employee.create({"name": "Sam Staff", "company_id": self.company.id})
        self.assertTrue(employee.work_contact_id)
        membership = self.Membership.with_user(self.user_officer).create(
            {"group_id": staff_board.id, "employee_id": employee.id, "date_start": self.start_date}
        )
        self.assertEqual(membership.partner_id, employee.work_contact_id)
        self.assertEqual(staff_board.member_partner_ids, employee.work_contact_id)
        self.assertEqual(employee.coprod_membership_ids, membership)
        self.assertTrue(employee.coprod_staff_board_member)
        self.assertIn(employee, self.Employee.search([("coprod_staff_board_member", "=", True)]))

        membership.date_end = self.today - timedelta(days=1)
        employee.invalidate_recordset()
        self.assertFalse(employee.coprod_staff_board_member)
        self.assertNotIn(employee, self.Employee.search([("coprod_staff_board_member", "=", True)]))

    def test_changing_employee_changes_person(self):
        """Choosing another employee on a membership moves it to their contact."""
        staff_board = self._group("Staff shadow board", kind="staff")
        first, second = self.Employee.create([
            {"name": "First Staff", "company_id": self.company.id},
            {"name": "Second Staff", "company_id": self.company.id},
        ])
        membership = self.Membership.create({"group_id": staff_board.id, "employee_id": first.id})
        membership.employee_id = second
        self.assertEqual(membership.partner_id, second.work_contact_id)

    def test_employee_without_contact_is_refused(self):
        """An employee with no contact cannot join, with a plain message."""
        employee = self.Employee.create({"name": "Nora No-Contact", "company_id": self.company.id})
        employee.work_contact_id = False
        before = self.Membership.search_count([("group_id", "=", self.board.id)])
        with self.assertRaises(UserError) as caught:
            self.Membership.with_user(self.user_officer).create(
                {"group_id": self.board.id, "employee_id": employee.id}
            )
        self.assertIn("Nora No-Contact has no linked contact", str(caught.exception))
        self.assertEqual(self.Membership.search_count([("group_id", "=", self.board.id)]), before)

    def test_archived_employee_is_refused(self):
        """Someone who left cannot join a group."""
        employee = self.Employee.create({"name": "Lee Leaver", "company_id": self.company.id})
        employee.action_archive()
        with self.assertRaises(UserError) as caught:
            self.Membership.create({"group_id": self.board.id, "employee_id": employee.id})
        self.assertIn("Lee Leaver is archived", str(caught.exception))
        self.assertFalse(self.Membership.search([("employee_id", "=", employee.id)]))

    # ------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------

    def test_membership_dates_in_wrong_order(self):
        """A membership cannot end before it starts, on create or on edit."""
        with self.assertRaises(ValidationError) as caught:
            self._membership(
                self.outsider, date_start=self.today, date_end=self.today - timedelta(days=1)
            )
        self.assertIn("ends", str(caught.exception))
        self.assertFalse(self.Membership.search([("partner_id", "=", self.outsider.id)]))

        membership = self.memberships[1]
        with self.assertRaises(ValidationError):
            membership.date_end = self.start_date - timedelta(days=1)
        self.assertFalse(membership.date_end)
        self.assertTrue(membership.is_current)

    def test_second_overlapping_membership_refused(self):
        """One membership per person and group at any date."""
        person = self.people[1]
        with self.assertRaises(ValidationError) as caught:
            self._membership(person, date_start=self.today)
        self.assertIn("already a member", str(caught.exception))
        self.assertEqual(
            self.Membership.search_count([("group_id", "=", self.board.id), ("partner_id", "=", person.id)]),
            1,
        )
        # Two in one go are refused too.
        with self.assertRaises(ValidationError):
            self.Membership.create([
                {"group_id": self.board.id, "partner_id": self.outsider.id,
                 "date_start": self.today},
                {"group_id": self.board.id, "partner_id": self.outsider.id,
                 "date_start": self.today + timedelta(days=10)},
            ])
        self.assertFalse(self.Membership.search([("partner_id", "=", self.outsider.id)]))

    def test_rejoining_after_membership_ended_is_allowed(self):
        """A person who left can join again later; dates must not overlap."""
        old = self._membership(
            self.outsider, date_start=self.today - timedelta(days=100),
            date_end=self.today - timedelta(days=50),
        )
        new = self._membership(self.outsider, date_start=self.today - timedelta(days=10))
        self.assertFalse(old.is_current)
        self.assertTrue(new.is_current)
        # Moving the old one's end into the new one is refused.
        with self.assertRaises(ValidationError):
            old.date_end = False
        self.assertEqual(old.date_end, self.today - timedelta(days=50))
        # The same person may belong to another group at the same time.
        other = self._membership(self.outsider, group=self._group("Another group"))
        self.assertTrue(other.is_current)

    def test_chair_must_be_current_member(self):
        """A meeting's chair must be a current member of its group."""
        meeting = self._meeting(days=5)
        self.assertEqual(meeting.chair_partner_ids, self.co_chair,
                         "the group's co-chairs chair by default")
        with self.assertRaises(ValidationError) as caught:
            meeting.chair_partner_ids = self.outsider
        self.assertIn("Olive Outsider cannot chair", str(caught.exception))
        self.assertEqual(meeting.chair_partner_ids, self.co_chair)

        former = self._membership(
            self.outsider, date_start=self.today - timedelta(days=100),
            date_end=self.today - timedelta(days=50),
        )
        self.assertFalse(former.is_current)
        with self.assertRaises(ValidationError):
            self._meeting(days=6, chair_partner_ids=[(6, 0, self.outsider.ids)])
        self.assertFalse(self.env["coprod.meeting"].search(
            [("chair_partner_ids", "in", self.outsider.ids)]
        ))

        meeting.chair_partner_ids = self.co_chair | self.people[3]
        self.assertEqual(meeting.chair_partner_ids, self.co_chair | self.people[3])

    def test_group_with_meetings_is_archived_not_deleted(self):
        """Deleting a group with meetings is refused; archiving keeps its history,
        once nothing is to come (a planned meeting would still send invitations)."""
        meeting = self._meeting(days=5)
        board = self.board.with_user(self.user_manager)
        with self.assertRaises(UserError) as caught:
            board.unlink()
        self.assertIn("Archive it instead", str(caught.exception))
        self.assertTrue(self.board.exists())
        self.assertTrue(meeting.exists())

        with self.assertRaisesRegex(UserError, "still has things to come: Shadow quality board"):
            board.action_archive()
        self.assertTrue(self.board.active)
        meeting.with_user(self.user_officer).action_cancel()
        board.action_archive()
        self.assertFalse(self.board.active)
        self.assertEqual(meeting.group_id, self.board)
        self.assertEqual(self.board.meeting_ids, meeting)
        self.assertEqual(len(self.board.membership_ids), 7)
        self.assertNotIn(self.board, self.env["coprod.group"].search([]))
        self.assertIn(
            self.board,
            self.env["coprod.group"].with_context(active_test=False).search([]),
        )

        # Still refused once archived, even if the meeting is archived too.
        meeting.action_archive()
        with self.assertRaises(UserError):
            self.board.with_context(active_test=True).unlink()
        self.assertTrue(self.board.exists())

    def test_group_without_meetings_can_be_deleted(self):
        """A group set up by mistake, with no meetings, can be deleted."""
        group = self._group("Mistake", members=2)
        group.with_user(self.user_manager).unlink()
        self.assertFalse(group.exists())

    # ------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------

    def test_partner_smart_button_counts_current_groups(self):
        """The partner's button counts the groups they belong to now."""
        person = self.people[1]
        self.assertEqual(person.coprod_membership_count, 1)
        self._membership(person, group=self._group("Second group"))
        self._membership(
            person, group=self._group("Old group"),
            date_end=self.today - timedelta(days=1),
        )
        person.invalidate_recordset(["coprod_membership_count"])
        self.assertEqual(person.coprod_membership_count, 2)
        self.assertEqual(self.outsider.coprod_membership_count, 0)

        action = person.with_user(self.user_officer).action_view_coprod_memberships()
        self.assertEqual(action["res_model"], "coprod.membership")
        shown = self.Membership.search(action["domain"])
        self.assertEqual(shown, person.coprod_membership_ids)
        self.assertEqual(len(shown), 3)

    def test_employee_smart_button_counts_memberships(self):
        """The employee's button counts their memberships and opens them."""
        employee = self.Employee.create({"name": "Sam Staff", "company_id": self.company.id})
        self.assertEqual(employee.coprod_membership_count, 0)
        staff = self._group("Staff board", kind="staff")
        self.Membership.create([
            {"group_id": staff.id, "employee_id": employee.id},
            {"group_id": self.board.id, "employee_id": employee.id, "role": "supporter"},
        ])
        employee.invalidate_recordset(["coprod_membership_count"])
        self.assertEqual(employee.with_user(self.user_officer).coprod_membership_count, 2)

        action = employee.with_user(self.user_officer).action_view_coprod_memberships()
        shown = self.Membership.search(action["domain"])
        self.assertEqual(shown.group_id, staff | self.board)
        self.assertEqual(action["context"]["default_partner_id"], employee.work_contact_id.id)

    def test_group_smart_buttons(self):
        """The group's buttons count meetings and open actions, and open them."""
        meeting = self._meeting(days=5)
        self._action(meeting)
        self._action(meeting, we_did="Done", state="done")
        self.board.invalidate_recordset()
        self.assertEqual(self.board.meeting_count, 1)
        self.assertEqual(self.board.next_meeting_id, meeting)
        self.assertEqual(self.board.action_count, 1)
        action = self.board.action_view_meetings()
        self.assertEqual(self.env["coprod.meeting"].search(action["domain"]), meeting)
        action = self.board.action_view_memberships()
        self.assertEqual(self.Membership.search(action["domain"]), self.board.membership_ids)

    def test_form_counts_unsaved_members(self):
        """On the group's form, members added but not yet saved count at once (the
        members count and the co-chair notice), and past ones do not; saved, the same."""
        people = self.env["res.partner"].create([{"name": f"Form person {n}"} for n in range(3)])
        form = Form(self.env["coprod.group"].with_user(self.user_officer))
        form.name = "Group made on its form"
        form.kind = "family"
        for partner, role, date_end in ((people[0], "co_chair", False), (people[1], "member", False),
                                        (people[2], "member", self.today - timedelta(days=1))):
            with form.membership_ids.new() as line:
                line.partner_id = partner
                line.role = role
                line.date_start = self.today - timedelta(days=30)
                line.date_end = date_end
        self.assertEqual(form.member_count, 2, "the one who left yesterday is not counted")
        self.assertIn("one co-chair", form.co_chair_notice)
        group = form.save()
        self.assertEqual(group.member_count, 2)
        self.assertEqual(group.member_partner_ids, people[:2])
        self.assertEqual(group.co_chair_partner_ids, people[0])
        self.assertIn("one co-chair", group.co_chair_notice)

    def test_membership_is_named_by_person_group_and_role(self):
        """Where a membership is shown as a field (a ballot's outgoing co-chair, a
        volunteer's membership), it reads as the person, the group and the role, and
        can be found by the person's or the group's name."""
        membership = self._membership(self.outsider, role="co_chair")
        self.assertEqual(membership.with_user(self.user_officer).display_name,
                         f"Olive Outsider ({self.board.name}, Co-chair)")
        found = self.Membership.with_user(self.user_officer).name_search("Olive")
        self.assertIn((membership.id, membership.display_name), found)
