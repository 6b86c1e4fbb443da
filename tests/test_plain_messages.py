"""Bad input through the normal screens gets a message in plain words, never Odoo's
or the database's technical one, and nothing is lost: an employee or a contact of
another company on a group, deleting what co-production's history keeps (an employee,
a contact, a department or a work location with seats, a group or a meeting with
ballots and actions), and numbers out of range (seats, a group's quorum).

Each test checks the words a person reads (who, what, what to do), that the
technical words are gone, and that nothing was saved, changed or deleted.
"""
import re
from contextlib import contextmanager
from types import SimpleNamespace

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .test_staff_board import StaffBoardCase

# What Odoo and the database say, which nobody should read
TECHNICAL = r"Incompatible companies|belongs to company|coprod\.|_id\b|violates|constraint"


class PlainCase(StaffBoardCase):

    @contextmanager
    def _refused(self, exception, *patterns):
        """Expect ``exception`` whose message says all ``patterns`` and nothing
        technical; the refused operation's writes are undone (as a request would).
        Yields an object whose ``message`` is the message, once refused."""
        refused = SimpleNamespace(message=None)
        with self.assertRaises(exception) as caught, self.env.cr.savepoint():
            yield refused
        refused.message = str(caught.exception)
        for pattern in patterns:
            self.assertRegex(refused.message, pattern)
        self.assertNotRegex(refused.message, TECHNICAL)


class TestOtherCompanyPeople(PlainCase):
    """A staff board of the first company takes the first company's staff; HR, who
    works for both companies, is told who works elsewhere and what to do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr_both = mail_new_test_user(
            cls.env, login="coprod_plain_hr_both", groups="hr.group_hr_user",
            name="Hal HR", email="hal.hr@example.com", company_id=cls.company.id,
            company_ids=[cls.company.id, cls.company_2.id],
        )
        cls.zed = cls.env["hr.employee"].create(
            {"name": "Zed Second", "company_id": cls.company_2.id})
        cls.both = [cls.company.id, cls.company_2.id]

    def _words(self):
        return (r"Zed Second works for Second Care Ltd",
                re.escape(f"Staff shadow board is a group of {self.company.name}"),
                re.escape(f"Choose an employee of {self.company.name}"))

    def test_employee_of_another_company_on_the_staff_board(self):
        """From the membership list and from the employee's form (the
        Co-production tab), HR reads who works where, and nothing is saved.

        Before: "Incompatible companies on records: - “coprod.membership,12” belongs
        to company “YourCompany” and “Employee” (employee_id: 'Zed Second') belongs
        to another company."
        """
        env = self.env(user=self.user_hr_both,
                       context=dict(self.env.context, allowed_company_ids=self.both))
        with self._refused(UserError, *self._words()):
            env["coprod.membership"].create(
                {"group_id": self.staff_board.id, "employee_id": self.zed.id})
        with self._refused(UserError, *self._words()):
            self.zed.with_env(env).write(
                {"coprod_membership_ids": [Command.create({"group_id": self.staff_board.id})]})
        self.assertFalse(self.staff_board.membership_ids)
        self.assertFalse(self.zed.coprod_membership_ids)

    def test_wizard_names_employees_of_another_company(self):
        """HR picks Cal and Zed in the wizard: Zed and his company are named, and
        nobody is added (not even Cal), so HR fixes the list and tries again."""
        wizard = self._add_wizard(user=self.user_hr_both,
                                  employee_ids=[Command.set((self.cal | self.zed).ids)])
        with self._refused(UserError, r"Zed Second \(Second Care Ltd\)",
                           re.escape(f"Staff shadow board is a staff board of {self.company.name}"),
                           r"Take them off the list") as refused:
            wizard.with_context(allowed_company_ids=self.both).action_add()
        self.assertNotIn("Cal Cook", refused.message, "only the other company's are named")
        self.assertFalse(self.staff_board.membership_ids, "nobody is added")
        wizard.employee_ids = self.cal
        wizard.with_context(allowed_company_ids=self.both).action_add()
        self.assertEqual(self._on_board(), self.cal)

    def test_contact_and_supporter_of_another_company(self):
        """A contact of the second company as a member, or as a member's supporter,
        of the first company's board: the message says whose contact it is."""
        officer = self.env(user=self.user_officer)
        bea = self.env["res.partner"].create({"name": "Bea Second", "company_id": self.company_2.id})
        with self._refused(UserError, r"Bea Second is a contact of Second Care Ltd",
                           re.escape(f"Shadow quality board is a group of {self.company.name}"),
                           r"a contact that every company shares"):
            officer["coprod.membership"].create({"group_id": self.board.id, "partner_id": bea.id})
        membership = self.memberships[1].with_env(officer)
        with self._refused(UserError, r"Bea Second is a contact of Second Care Ltd",
                           r"cannot be the supporter of Person 2"):
            membership.supporter_partner_id = bea
        self.assertNotIn(bea, self.board.membership_ids.partner_id)
        self.assertFalse(self.memberships[1].supporter_partner_id)


class TestDeletingHistory(PlainCase):
    """What co-production's history keeps cannot be deleted (the database refuses);
    the person is told why and what to do instead, and everything stays."""

    def test_hr_deletes_an_employee_who_was_on_the_board(self):
        """Before: "The operation cannot be completed: another model requires the
        record being deleted. ... Model: Membership of a co-production group
        (coprod.membership) Constraint: coprod_membership_employee_id_fkey"."""
        [membership] = self._join(self.amir)
        with self._refused(UserError, r"Amir Carer", r"cannot be deleted",
                           r"Archive them instead"):
            self.amir.with_user(self.user_hr).unlink()
        self.assertTrue(self.amir.exists())
        self.assertEqual(membership.employee_id, self.amir)
        # an employee who never took part is deleted as before
        self.gus.with_user(self.user_hr).unlink()
        self.assertFalse(self.gus.exists())

    def test_deleting_a_contact_who_took_part(self):
        """A member's contact (on the register of a meeting) is kept."""
        person = self.people[1]
        meeting = self._meeting()
        meeting.action_schedule()
        with self._refused(UserError, r"Person 2 took part in co-production",
                           r"Archive the contact instead"):
            person.unlink()
        self.assertTrue(person.exists())
        self.assertIn(person, meeting.attendance_ids.partner_id)
        self.assertIn(person, self.board.member_partner_ids)

    def test_deleting_a_department_or_place_with_seats(self):
        """Before: "... Model: Seats for a department or work location
        (coprod.group.seat) Constraint: coprod_group_seat_department_id_fkey"."""
        Seat = self.env["coprod.group.seat"]
        kitchen = Seat.create({"group_id": self.staff_board.id, "department_id": self.kitchen.id})
        north = Seat.create({"group_id": self.staff_board.id, "work_location_id": self.north.id})
        with self._refused(UserError, r"Kitchen has seats on Staff shadow board",
                           r"Remove its line of seats", r"or archive it"):
            self.kitchen.with_user(self.user_hr).unlink()
        with self._refused(UserError, r"North house has seats on Staff shadow board"):
            self.north.unlink()
        self.assertEqual(self.staff_board.seat_ids, kitchen | north)
        self.assertTrue(self.kitchen.exists())
        self.assertTrue(self.north.exists())

    def test_deleting_a_group_with_a_ballot(self):
        """A new group that has a ballot but no meeting yet.

        Before: "... Model: Ballot (coprod.ballot) Constraint:
        coprod_ballot_group_id_fkey"."""
        group = self._group("Family forum", members=3)
        ballot = self._ballot(group=group)
        with self._refused(UserError, r"The group Family forum has ballots",
                           r"Archive it instead"):
            group.with_user(self.user_manager).unlink()
        self.assertTrue(group.exists())
        self.assertEqual(ballot.group_id, group)
        # a group with nothing is deleted as before
        empty = self._group("Empty group")
        empty.with_user(self.user_manager).unlink()
        self.assertFalse(empty.exists())

    def test_deleting_a_planned_meeting_with_an_action(self):
        """A planned meeting that already has an action and a ballot.

        Before: "... Model: Action (you said, we did) (coprod.action) Constraint:
        coprod_action_meeting_id_fkey"."""
        meeting = self._meeting()
        action = self._action(meeting)
        ballot = self._ballot(meeting_id=meeting.id)
        with self._refused(UserError, re.escape(meeting.name), r"has actions linked to it",
                           r"Cancel the meeting instead"):
            meeting.with_user(self.user_officer).unlink()
        action.unlink()
        with self._refused(UserError, r"has ballots linked to it"):
            meeting.with_user(self.user_officer).unlink()
        self.assertEqual(ballot.meeting_id, meeting)
        # cancelling it is what the message offers
        meeting.with_user(self.user_officer).action_cancel()
        self.assertEqual(meeting.state, "cancelled")


class TestNumbersInRange(PlainCase):
    """Numbers out of range are refused where they are typed, in plain words."""

    def test_a_line_of_seats_has_a_seat(self):
        """Before: on a new line, the database's "new row for relation
        coprod_group_seat violates check constraint coprod_group_seat_seats_positive"."""
        Seat = self.env["coprod.group.seat"].with_user(self.user_hr)
        with self._refused(ValidationError, r"Kitchen needs at least one seat",
                           r"you gave 0", r"delete its line"):
            Seat.create({"group_id": self.staff_board.id, "department_id": self.kitchen.id,
                         "seats": 0})
        seat = Seat.create({"group_id": self.staff_board.id, "department_id": self.kitchen.id,
                            "seats": 2})
        with self._refused(ValidationError, r"Kitchen needs at least one seat", r"you gave -1"):
            seat.seats = -1
        self.assertEqual(self.staff_board.seat_ids, seat)
        self.assertEqual(seat.seats, 2)

    def test_group_quorum_and_invitations(self):
        """A group's quorum out of range was saved, then refused on every new ballot
        ("A quorum is between 0 and 100 percent...") where nobody had typed it."""
        board = self.board.with_user(self.user_officer)
        with self._refused(ValidationError, r"quorum of Shadow quality board",
                           r"between 0 and 100 percent"):
            board.quorum_percent = 150
        with self._refused(ValidationError, r"quorum of Shadow quality board",
                           r"0 people or more"):
            board.quorum_min = -2
        with self._refused(ValidationError, r"Invitations for Shadow quality board",
                           r"0 days or more"):
            board.invitation_days = -3
        self.assertEqual((self.board.quorum_percent, self.board.quorum_min,
                          self.board.invitation_days), (50.0, 3, 7))
        ballot = self._ballot()
        self.assertEqual(ballot.quorum_percent, 50.0)
