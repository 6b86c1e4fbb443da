import ast
import io
from datetime import datetime, time, timedelta

import pytz

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tools.pdf import PdfFileReader
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user

from .common import CoprodCase


class TestMeetingFlow(CoprodCase):
    """The monthly cycle: agenda, schedule, invite, register, hold, minutes, plan next."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["coprod.meeting"])
        cls.Item = cls.env["coprod.agenda.item"]
        cls.Attendance = cls.env["coprod.attendance"]
        cls.meeting = cls._meeting(days=10)
        cls.members = cls.board.member_partner_ids
        cls.with_email = cls.members - cls.person_no_email

    def _item(self, meeting=None, user=None, **vals):
        items = self.Item.with_user(user) if user else self.Item
        return items.create(dict({
            "meeting_id": (meeting or self.meeting).id,
            "title": "Our garden",
        }, **vals))

    def _move_to_today(self, meeting):
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        if meeting.start > now:
            meeting.write({"start": now, "stop": now + (meeting.stop - meeting.start)})

    def _invitations(self, rows):
        """The invitation emails queued for these register rows."""
        return self.env["mail.mail"].search(
            [("model", "=", "coprod.attendance"), ("res_id", "in", rows.ids)]
        )

    def _hold(self, meeting=None, status="attended"):
        """Schedule and hold the meeting, with everyone's attendance recorded. A
        meeting still to come is moved to this hour first: it is held on its day."""
        meeting = (meeting or self.meeting).with_user(self.user_officer)
        meeting.action_schedule()
        self._move_to_today(meeting)
        meeting.action_hold()
        meeting.attendance_ids.write({"status": status})
        return meeting

    # ------------------------------------------------------------
    # Agenda: members propose, co-chairs and the facilitator decide
    # ------------------------------------------------------------

    def test_new_meeting_defaults(self):
        """A planned meeting takes its name, place and chairs from its group."""
        self.assertEqual(self.meeting.state, "draft")
        self.assertIn("Shadow quality board", self.meeting.name)
        self.assertEqual(self.meeting.location, "Community room")
        self.assertEqual(self.meeting.chair_partner_ids, self.co_chair)
        self.assertEqual(self.meeting.facilitator_user_id, self.user_officer)

    def test_member_proposes_agenda_item(self):
        """Any member can propose an item; it is theirs and waits for a decision."""
        item = self._item(user=self.user_coprod, title="More trips out",
                          easy_read_text="We want more trips.")
        self.assertEqual(item.state, "proposed")
        self.assertEqual(item.proposer_partner_id, self.user_coprod.partner_id)
        self.assertEqual(self.meeting.agenda_item_ids, item)

    def test_plain_member_cannot_accept_or_defer(self):
        """A member who is not a co-chair cannot decide what goes on the agenda."""
        item = self._item(user=self.user_coprod)
        with self.assertRaises(UserError) as caught:
            item.with_user(self.user_coprod).action_accept()
        self.assertIn("Only a co-chair", str(caught.exception))
        with self.assertRaises(UserError):
            item.with_user(self.user_coprod).action_defer()
        self.assertEqual(item.state, "proposed")
        # Nor put their own item straight on the agenda.
        with self.assertRaises(UserError):
            self._item(user=self.user_coprod, title="Straight on", state="accepted")
        self.assertEqual(self.meeting.agenda_item_ids, item)

    def test_co_chair_accepts_and_defers(self):
        """A co-chair who takes part (no officer rights) decides the agenda."""
        co_chair = self._co_chair_user()
        self.assertFalse(co_chair.has_group("coprod.group_coprod_officer"))
        first = self._item(user=self.user_coprod, title="First")
        second = self._item(user=self.user_coprod, title="Second")
        first.with_user(co_chair).action_accept()
        second.with_user(co_chair).action_defer()
        self.assertEqual(first.state, "accepted")
        self.assertEqual(second.state, "deferred")

    def test_facilitator_accepts(self):
        """The facilitator (officer) decides the agenda too."""
        item = self._item(user=self.user_coprod)
        item.with_user(self.user_officer).action_accept()
        self.assertEqual(item.state, "accepted")
        item.with_user(self.user_officer).action_mark_discussed()
        self.assertEqual(item.state, "discussed")

    # ------------------------------------------------------------
    # Schedule
    # ------------------------------------------------------------

    def test_schedule_fixes_agenda_and_makes_register(self):
        """Scheduling defers unaccepted items, registers current members, books calendars."""
        # Staff (internal users), so that only their dates keep them off the calendar.
        past_person, future_person = (
            new_test_user(self.env, login=login, groups="coprod.group_coprod_user",
                          name=name).partner_id
            for login, name in (("coprod_past", "Pat Past"), ("coprod_future", "Fran Future"))
        )
        self.env["coprod.membership"].create([
            {"group_id": self.board.id, "partner_id": past_person.id,
             "date_start": self.start_date, "date_end": self.today - timedelta(days=1)},
            {"group_id": self.board.id, "partner_id": future_person.id,
             "date_start": self.today + timedelta(days=30)},
        ])
        accepted = self._item(title="Accepted", state="accepted")
        proposed = self._item(user=self.user_coprod, title="Still proposed")

        self.meeting.with_user(self.user_officer).action_schedule()

        self.assertEqual(self.meeting.state, "scheduled")
        self.assertEqual(accepted.state, "accepted")
        self.assertEqual(proposed.state, "deferred", "unaccepted proposals wait for next time")

        register = self.meeting.attendance_ids
        self.assertEqual(len(register), 7)
        self.assertEqual(register.partner_id, self.members)
        self.assertNotIn(past_person, register.partner_id)
        self.assertNotIn(future_person, register.partner_id)
        self.assertEqual(set(register.mapped("response")), {"no_answer"})
        self.assertEqual(set(register.mapped("status")), {"expected"})
        self.assertEqual(register.membership_id.partner_id, self.members)
        self.assertEqual(self.meeting.attendee_count, 7)

        event = self.meeting.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, self.meeting.start)
        self.assertEqual(event.stop, self.meeting.stop)
        self.assertEqual(event.location, "Community room")
        self.assertEqual(event.user_id, self.user_officer)
        # Staff see it in their calendar: the facilitator and members who are
        # internal users. People supported get coprod's own invitation instead.
        self.assertEqual(event.partner_ids, self.user_coprod.partner_id | self.user_officer.partner_id)
        self.assertNotIn(past_person, event.partner_ids)
        self.assertNotIn(future_person, event.partner_ids)
        self.assertEqual((event.res_model, event.res_id), ("coprod.meeting", self.meeting.id))

    def test_schedule_twice_refused(self):
        """A scheduled meeting cannot be scheduled again (no second register)."""
        self.meeting.action_schedule()
        with self.assertRaises(UserError):
            self.meeting.action_schedule()
        self.assertEqual(len(self.meeting.attendance_ids), 7)
        self.assertEqual(
            self.env["calendar.event"].search_count(
                [("res_model", "=", "coprod.meeting"), ("res_id", "=", self.meeting.id)]
            ),
            1,
        )

    def test_schedule_without_current_members_refused(self):
        """A group with nobody current cannot schedule: add members first."""
        group = self._group("Empty group")
        self.env["coprod.membership"].create({
            "group_id": group.id, "partner_id": self.people[1].id,
            "date_start": self.start_date, "date_end": self.today - timedelta(days=1),
        })
        meeting = self._meeting(days=5, group=group)
        with self.assertRaises(UserError) as caught:
            meeting.with_user(self.user_officer).action_schedule()
        self.assertIn("no current members", str(caught.exception))
        self.assertEqual(meeting.state, "draft")
        self.assertFalse(meeting.attendance_ids)
        self.assertFalse(meeting.calendar_event_id)

    # ------------------------------------------------------------
    # Invitations
    # ------------------------------------------------------------

    def test_send_invitations(self):
        """Everyone with an email gets the agenda; the others go to the facilitator."""
        self._item(title="Our garden", easy_read_text="We talk about the garden.",
                   state="accepted")
        self._item(user=self.user_coprod, title="A secret wish")
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        meeting.action_send_invitations()

        register = meeting.attendance_ids
        emailed = register.filtered(lambda a: a.partner_id != self.person_no_email)
        other = register - emailed
        self.assertTrue(meeting.invitations_sent)
        self.assertTrue(meeting.date_invitations_sent)

        mails = self._invitations(register)
        self.assertEqual(len(mails), 6, "one email per person with an address")
        self.assertEqual(mails.recipient_ids, self.with_email)
        for mail in mails:
            # The email is short; the agenda is in the invitation paper attached to it.
            self.assertIn("Community room", mail.body_html)
            self.assertEqual(len(mail.attachment_ids), 1)
            paper = "".join(page.extract_text() for page in
                            PdfFileReader(io.BytesIO(mail.attachment_ids.raw)).pages)
            paper = " ".join(paper.split())
            self.assertIn("We talk about the garden.", paper)
            self.assertNotIn("A secret wish", paper, "deferred proposals are not on the invitation")
        self.assertTrue(all(emailed.mapped("invitation_sent")))
        self.assertEqual(set(emailed.mapped("invitation_channel")), {"email"})

        # Nobody is silently skipped: the facilitator must reach Paul another way.
        self.assertFalse(other.invitation_sent)
        self.assertEqual(other.invitation_channel, "other")
        activity = meeting.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_officer)
        self.assertIn("Paul No-Email", str(activity.note))

        # The chatter says who was invited and how.
        summary = meeting.message_ids.filtered(lambda m: "Invitation emailed" in str(m.body))
        self.assertEqual(len(summary), 1)
        for person in self.with_email:
            self.assertIn(person.name, str(summary.body))
        self.assertIn("Not by email for Paul No-Email", str(summary.body))

    def test_contact_methods_decide_who_is_emailed(self):
        """People who asked to be contacted by letter or by phone are not emailed,
        even with an email address: the facilitator reaches them the way they asked.
        A supporter who gets a copy for the person still gets it by email."""
        letter, phone, email_too = (self.env.ref(f"coprod.coprod_need_contact_{way}")
                                    for way in ("letter", "phone", "email"))
        by_letter, by_phone, both = self.people[1], self.people[2], self.people[3]
        by_letter.coprod_need_ids = [Command.set(letter.ids)]
        by_phone.coprod_need_ids = [Command.set(phone.ids)]
        both.coprod_need_ids = [Command.set((letter | email_too).ids)]
        sally = self.env["res.partner"].create({"name": "Sally Supporter", "email": "sally@example.com"})
        self.memberships.filtered(lambda m: m.partner_id == by_letter).write({
            "supporter_partner_id": sally.id, "supporter_consent": True})

        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        register = meeting.attendance_ids
        row = {person: register.filtered(lambda a, p=person: a.partner_id == p)
               for person in (by_letter, by_phone, both, self.person_no_email, self.people[4])}
        self.assertEqual(
            {person.name: row[person].invitation_way for person in row},
            {by_letter.name: "Contact by letter", by_phone.name: "Contact by phone call",
             both.name: "Email", "Paul No-Email": "No email address", self.people[4].name: "Email"},
            "the facilitator sees how to invite each person before sending")
        meeting.action_send_invitations()

        recipients = self._invitations(register).recipient_ids
        self.assertNotIn(by_letter, recipients, "asked for letters: not emailed")
        self.assertNotIn(by_phone, recipients, "asked for phone calls: not emailed")
        self.assertIn(both, recipients, "asked for email as well as letters")
        self.assertIn(sally, recipients, "the supporter still gets a copy for the person")
        for person in (by_letter, by_phone, self.person_no_email):
            self.assertFalse(row[person].invitation_sent, f"{person.name} is not invited yet")
            self.assertEqual(row[person].invitation_channel, "other")
        self.assertTrue(row[both].invitation_sent)
        # The facilitator's to-do names them, and not their needs (anyone who reads
        # the meeting reads its activities).
        note = str(meeting.activity_ids.filtered(lambda a: "another way" in a.summary).note)
        for person in (by_letter, by_phone, self.person_no_email):
            self.assertIn(person.name, note)
        self.assertNotIn(both.name, note)
        self.assertNotIn("Contact by letter", note)

    def test_invitations_need_a_scheduled_meeting(self):
        """Invitations wait until the agenda and register are fixed."""
        with self.assertRaises(UserError):
            self.meeting.with_user(self.user_officer).action_send_invitations()
        self.assertFalse(self.meeting.invitations_sent)

    def test_resending_reaches_only_the_not_yet_invited(self):
        """Sending again invites only people added since, never anyone twice."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        meeting.action_send_invitations()
        first_rows = meeting.attendance_ids
        self.assertEqual(len(self._invitations(first_rows)), 6)
        # The facilitator gave Paul a paper invitation and ticks him.
        first_rows.filtered(lambda a: a.partner_id == self.person_no_email).invitation_sent = True

        late = self.env["res.partner"].create({"name": "Lou Late", "email": "lou@example.com"})
        membership = self.env["coprod.membership"].create(
            {"group_id": self.board.id, "partner_id": late.id}
        )
        late_row = self.Attendance.with_user(self.user_officer).create({
            "meeting_id": meeting.id, "partner_id": late.id, "membership_id": membership.id,
        })
        meeting.action_send_invitations()
        self.assertEqual(len(self._invitations(first_rows)), 6, "nobody is invited twice")
        self.assertEqual(self._invitations(late_row).recipient_ids, late)
        self.assertTrue(late_row.invitation_sent)
        self.assertEqual(len(meeting.activity_ids), 1)

        # Everyone is invited now: a third send says so and sends nothing.
        with self.assertRaises(UserError) as caught:
            meeting.action_send_invitations()
        self.assertIn("invited already", str(caught.exception))
        self.assertEqual(len(self._invitations(meeting.attendance_ids)), 7)

    def test_resending_does_not_repeat_the_other_way_todo(self):
        """Someone waiting for a paper invitation is not put on a second to-do."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        meeting.action_send_invitations()
        self.assertEqual(len(meeting.activity_ids), 1)
        paul = meeting.attendance_ids.filtered(lambda a: a.partner_id == self.person_no_email)
        self.assertFalse(paul.invitation_sent)

        late = self.env["res.partner"].create({"name": "Lou Late", "email": "lou@example.com"})
        membership = self.env["coprod.membership"].create(
            {"group_id": self.board.id, "partner_id": late.id}
        )
        self.Attendance.with_user(self.user_officer).create({
            "meeting_id": meeting.id, "partner_id": late.id, "membership_id": membership.id,
        })
        meeting.action_send_invitations()
        self.assertEqual(len(meeting.activity_ids), 1, "Paul is still on the first to-do only")
        self.assertFalse(paul.invitation_sent, "Paul still needs his paper invitation")

    # ------------------------------------------------------------
    # Register, hold, minutes
    # ------------------------------------------------------------

    def test_register_answers_and_attendance(self):
        """One register holds answers before the day and attendance on the day."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        rows = meeting.attendance_ids.sorted("id")
        rows[0].action_accept()
        rows[1].action_decline()
        self.assertEqual(rows[0].response, "accepted")
        self.assertEqual(rows[1].response, "declined")
        self.assertEqual(rows[2].response, "no_answer")

        self._move_to_today(meeting)
        meeting.action_hold()
        self.assertEqual(meeting.state, "held")
        rows[0].action_attended()
        rows[1].action_apologies()
        rows[2].action_absent()
        rows[3:].write({"status": "attended", "needs_met": True})
        self.assertEqual(rows[0].status, "attended")
        self.assertEqual(rows[1].status, "apologies")
        self.assertEqual(rows[2].status, "absent")
        self.assertEqual(meeting.attended_count, 5)
        self.assertEqual(meeting.attendee_count, 7)

    def test_hold_needs_a_scheduled_meeting(self):
        """A meeting that was only planned cannot be marked held."""
        with self.assertRaises(UserError):
            self.meeting.with_user(self.user_officer).action_hold()
        self.assertEqual(self.meeting.state, "draft")

    def test_minutes_decisions_actions_then_approval_locks(self):
        """Approved minutes make minutes, decisions, register and agenda read-only."""
        item = self._item(title="Our garden", state="accepted")
        meeting = self._hold()
        meeting.minutes = "<p>We talked about the garden.</p>"
        meeting.easy_read_minutes = "We talked about the garden."
        decision = self.env["coprod.decision"].with_user(self.user_officer).create({
            "meeting_id": meeting.id, "agenda_item_id": item.id,
            "text": "Plant a vegetable bed", "easy_read_text": "We will grow vegetables.",
        })
        action = self.env["coprod.action"].with_user(self.user_officer).create({
            "meeting_id": meeting.id, "decision_id": decision.id,
            "you_said": "We want to grow vegetables",
            "owner_user_id": self.user_manager.id,
            "date_due": self.today + timedelta(days=30),
        })
        self.assertEqual(action.group_id, self.board)
        self.assertEqual(action.owner_partner_id, self.user_manager.partner_id)
        self.assertEqual(meeting.decision_ids, decision)
        self.assertEqual(meeting.action_ids, action)
        item.action_mark_discussed()

        meeting.action_approve_minutes()
        self.assertEqual(meeting.state, "done")
        self.assertEqual(meeting.minutes_approved_user_id, self.user_officer)
        self.assertTrue(meeting.minutes_approved_date)

        row = meeting.attendance_ids[0]
        attempts = [
            lambda: meeting.write({"minutes": "<p>Rewritten</p>"}),
            lambda: meeting.write({"easy_read_minutes": "Rewritten"}),
            lambda: meeting.write({"start": meeting.start + timedelta(days=1)}),
            lambda: decision.write({"text": "Something else"}),
            lambda: decision.unlink(),
            lambda: self.env["coprod.decision"].create(
                {"meeting_id": meeting.id, "text": "Added later"}),
            lambda: row.write({"status": "absent"}),
            lambda: row.unlink(),
            lambda: self.Attendance.create(
                {"meeting_id": meeting.id, "partner_id": self.user_manager.partner_id.id}),
            lambda: item.write({"title": "Changed"}),
            lambda: item.unlink(),
            lambda: self._item(meeting=meeting, title="Added later"),
        ]
        for attempt in attempts:
            with self.assertRaises(UserError) as caught:
                attempt()
            self.assertIn("read-only", str(caught.exception))

        self.assertEqual(meeting.minutes, "<p>We talked about the garden.</p>")
        self.assertEqual(meeting.easy_read_minutes, "We talked about the garden.")
        self.assertEqual(decision.text, "Plant a vegetable bed")
        self.assertEqual(meeting.decision_ids, decision)
        self.assertEqual(row.status, "attended")
        self.assertEqual(len(meeting.attendance_ids), 7)
        self.assertEqual(item.title, "Our garden")
        self.assertEqual(meeting.agenda_item_ids, item)

        # Actions live on: the owner still says what was done.
        action.we_did = "A vegetable bed is ready by the shed."
        action.with_user(self.user_manager).action_done()
        self.assertEqual(action.state, "done")

    def test_approved_minutes_stay_approved(self):
        """Approved minutes cannot be reopened (and the meeting then deleted), lose
        their actions, or take in a decision, an item or an action from another
        meeting; who approved them and when stay as they are."""
        meeting = self._hold()
        meeting.minutes = "<p>We talked about the garden.</p>"
        action = self._action(meeting)
        meeting.action_approve_minutes()
        approved_on = meeting.minutes_approved_date
        other = self._meeting(days=40)
        stray_decision = self.env["coprod.decision"].create(
            {"meeting_id": other.id, "text": "Paint the fence"})
        stray_item = self._item(meeting=other, title="The fence")
        stray_action = self._action(other, you_said="Fix the fence")

        officer = self.env(user=self.user_officer)
        as_officer = meeting.with_env(officer)
        attempts = {
            "back to held": lambda: as_officer.write({"state": "held"}),
            "back to planned": lambda: as_officer.write({"state": "draft"}),
            "another approver": lambda: as_officer.write(
                {"minutes_approved_user_id": self.user_manager.id}),
            "renamed": lambda: as_officer.write({"name": "Another meeting"}),
            "action taken out": lambda: as_officer.write({"action_ids": [Command.unlink(action.id)]}),
            "action moved away": lambda: action.with_env(officer).write({"meeting_id": other.id}),
            "decision moved in": lambda: stray_decision.with_env(officer).write(
                {"meeting_id": meeting.id}),
            "item moved in": lambda: stray_item.with_env(officer).write({"meeting_id": meeting.id}),
            "action moved in": lambda: stray_action.with_env(officer).write(
                {"meeting_id": meeting.id}),
            "action added": lambda: self.env["coprod.action"].with_env(officer).create({
                "meeting_id": meeting.id, "you_said": "Added later",
                "owner_partner_id": self.people[1].id}),
        }
        for what, attempt in attempts.items():
            with self.subTest(what), self.assertRaisesRegex(UserError, "read-only"):
                attempt()
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            as_officer.unlink()

        self.env.invalidate_all()
        self.assertEqual(meeting.state, "done")
        self.assertEqual(meeting.name, as_officer.name)
        self.assertEqual(meeting.minutes_approved_user_id, self.user_officer)
        self.assertEqual(meeting.minutes_approved_date, approved_on)
        self.assertEqual(meeting.action_ids, action)
        self.assertEqual(meeting.decision_ids, self.env["coprod.decision"])
        self.assertEqual(other.decision_ids, stray_decision)
        self.assertEqual(other.agenda_item_ids, stray_item)
        self.assertEqual(other.action_ids, stray_action)

    def test_actions_with_history_are_not_deleted(self):
        """An action that was done once (it has an answer, even if reopened since),
        or that is in approved minutes, stays: it can be cancelled, not deleted. An
        action typed by mistake while the minutes are written can still be deleted."""
        done_once = self._action()
        done_once.we_did = "A ramp is at the front door."
        done_once.with_user(self.user_officer).action_done()
        done_once.with_user(self.user_officer).action_reopen()
        self.assertEqual(done_once.state, "open")
        approved = self._hold()
        approved.minutes = "<p>Notes</p>"
        in_minutes = self._action(approved)
        approved.action_approve_minutes()
        for action in (done_once, in_minutes):
            with self.subTest(action.you_said), self.assertRaisesRegex(UserError, "history"):
                action.with_user(self.user_officer).unlink()
            self.assertTrue(action.exists())
        held = self._hold(self._meeting(days=40))
        typo = self._action(held, you_said="Typed by mistake")
        typo.with_user(self.user_officer).unlink()
        self.assertFalse(typo.exists())

    def test_approving_twice_refused(self):
        """Minutes are approved once."""
        meeting = self._hold()
        meeting.minutes = "<p>Notes</p>"
        meeting.action_approve_minutes()
        approved_on = meeting.minutes_approved_date
        with self.assertRaises(UserError) as caught:
            meeting.with_user(self.user_manager).action_approve_minutes()
        self.assertIn("already approved", str(caught.exception))
        self.assertEqual(meeting.minutes_approved_user_id, self.user_officer)
        self.assertEqual(meeting.minutes_approved_date, approved_on)

    def test_approving_needs_minutes(self):
        """No minutes (or only blank lines), no approval."""
        meeting = self._hold()
        for blank in (False, "<p><br></p>"):
            meeting.minutes = blank
            with self.assertRaises(UserError) as caught:
                meeting.action_approve_minutes()
            self.assertIn("Write the minutes", str(caught.exception))
            self.assertEqual(meeting.state, "held")

    def test_approving_needs_attendance_recorded(self):
        """Minutes wait until everyone's attendance is recorded, and say who is missing."""
        meeting = self._hold()
        meeting.minutes = "<p>Notes</p>"
        row = meeting.attendance_ids.filtered(lambda a: a.partner_id == self.people[2])
        row.status = "expected"
        with self.assertRaises(UserError) as caught:
            meeting.action_approve_minutes()
        self.assertIn("Person 3", str(caught.exception))
        self.assertEqual(meeting.state, "held")
        self.assertFalse(meeting.minutes_approved_date)

    def test_co_chair_approves_the_minutes(self):
        """A co-chair who takes part (no officer rights) approves the minutes, as the
        facilitator can; a member who is not a co-chair cannot."""
        co_chair = self._co_chair_user()
        meeting = self._hold()
        meeting.minutes = "<p>We talked about the garden.</p>"
        as_member = meeting.with_user(self.user_coprod)
        self.assertFalse(as_member.can_approve_minutes, "no button for a member")
        with self.assertRaises(UserError) as caught:
            as_member.action_approve_minutes()
        self.assertIn("Only a co-chair", str(caught.exception))
        self.assertEqual(meeting.state, "held")

        as_co_chair = meeting.with_user(co_chair)
        self.assertTrue(as_co_chair.can_approve_minutes, "the co-chair sees the button")
        as_co_chair.action_approve_minutes()
        self.assertEqual(meeting.state, "done")
        self.assertEqual(meeting.minutes_approved_user_id, co_chair)
        note = meeting.message_ids.filtered(lambda m: "Minutes approved by" in str(m.body))
        self.assertEqual(note.author_id, co_chair.partner_id, "the chatter says who approved")
        with self.assertRaises(UserError):
            meeting.with_user(self.user_officer).write({"minutes": "<p>Changed after</p>"})

    def test_who_chaired_the_meeting_approves_its_minutes(self):
        """A member who chaired the meeting (not a co-chair now) may approve its minutes."""
        meeting = self._hold()
        meeting.minutes = "<p>Mo chaired today.</p>"
        mo = self.user_coprod
        self.assertFalse(meeting.with_user(mo).can_approve_minutes)
        meeting.chair_partner_ids = [Command.link(mo.partner_id.id)]
        self.assertTrue(meeting.with_user(mo).can_approve_minutes)
        meeting.with_user(mo).action_approve_minutes()
        self.assertEqual((meeting.state, meeting.minutes_approved_user_id), ("done", mo))

    def test_approving_needs_a_held_meeting(self):
        """A meeting that has not been held has no minutes to approve."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        meeting.minutes = "<p>Written too early</p>"
        with self.assertRaises(UserError):
            meeting.action_approve_minutes()
        self.assertEqual(meeting.state, "scheduled")

    def test_meeting_with_minutes_is_archived_not_deleted(self):
        """Deleting a meeting with minutes is refused; archiving keeps everything."""
        meeting = self._hold()
        meeting.minutes = "<p>Notes</p>"
        event = meeting.calendar_event_id
        with self.assertRaises(UserError) as caught:
            meeting.unlink()
        self.assertIn("Archive it instead", str(caught.exception))
        self.assertTrue(meeting.exists())
        self.assertTrue(event.exists())
        self.assertEqual(meeting.minutes, "<p>Notes</p>")

        meeting.action_approve_minutes()
        meeting.action_archive()
        self.assertFalse(meeting.active)
        self.assertEqual(meeting.state, "done")
        self.assertEqual(len(meeting.attendance_ids), 7)
        self.assertNotIn(meeting, self.env["coprod.meeting"].search([("group_id", "=", self.board.id)]))
        with self.assertRaises(UserError):
            meeting.unlink()
        self.assertTrue(meeting.exists())

    def test_planned_meeting_can_be_deleted(self):
        """A meeting set up by mistake, with no history, can be deleted with its event."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        event = meeting.calendar_event_id
        meeting.unlink()
        self.assertFalse(meeting.exists())
        self.assertFalse(event.exists())

    def test_meeting_ending_before_it_starts(self):
        """A meeting must end after it starts, on create and on edit."""
        start = self.meeting.start
        Meeting = self.env["coprod.meeting"].with_user(self.user_officer)
        count = Meeting.search_count([("group_id", "=", self.board.id)])
        with self.assertRaises(ValidationError) as caught:
            Meeting.create({
                "group_id": self.board.id, "start": start, "stop": start - timedelta(hours=1),
            })
        self.assertIn("ends before it starts", str(caught.exception))
        self.assertEqual(Meeting.search_count([("group_id", "=", self.board.id)]), count)

        stop = self.meeting.stop
        with self.assertRaises(ValidationError):
            self.meeting.with_user(self.user_officer).stop = start - timedelta(minutes=30)
        self.assertEqual(self.meeting.stop, stop)

    # ------------------------------------------------------------
    # Plan next
    # ------------------------------------------------------------

    def _past_meeting_with_history(self):
        """A meeting held three days ago: agenda items in every state, and actions."""
        meeting = self._meeting(days=-3)
        deferred = self._item(meeting=meeting, user=self.user_coprod, title="Left for later")
        unfinished = self._item(meeting=meeting, title="Ran out of time", state="accepted",
                                easy_read_text="We did not get to this.")
        finished = self._item(meeting=meeting, title="Talked about", state="accepted")
        self._hold(meeting)
        finished.action_mark_discussed()

        Action = self.env["coprod.action"]
        earlier = self._meeting(days=-40)
        actions = {
            "open_here": self._action(meeting, you_said="Fix the lift"),
            "open_earlier": self._action(earlier, you_said="New chairs",
                                         date_due=self.today - timedelta(days=5)),
            "done_since": self._action(earlier, you_said="Paint the hall",
                                       we_did="The hall is yellow now.", state="done"),
            "done_before": self._action(
                earlier, you_said="Old request", we_did="Done long ago.", state="done",
                date_done=self.today - timedelta(days=20)),
            "cancelled": self._action(earlier, you_said="Not needed"),
        }
        actions["cancelled"].action_cancel()
        other_group = self._group("Other group", members=1)
        actions["other_group"] = Action.create({
            "group_id": other_group.id, "you_said": "Not ours",
            "owner_partner_id": self.people[1].id, "date_due": self.today,
        })
        return meeting, {"deferred": deferred, "unfinished": unfinished,
                         "finished": finished}, actions

    def test_plan_next_carries_over_and_reports_actions(self):
        """The next meeting comes a month later with what is left and the answers."""
        meeting, items, actions = self._past_meeting_with_history()
        self.assertEqual(items["deferred"].state, "deferred")

        result = meeting.with_user(self.user_officer).action_plan_next()
        following = self.env["coprod.meeting"].browse(result["res_id"])

        self.assertEqual(following.group_id, self.board)
        self.assertEqual(following.state, "draft")
        self.assertEqual(following.previous_meeting_id, meeting)
        # a month later, on the same weekday of the month (see test_plan_next_keeps_the_weekday)
        self.assertEqual(following.start, self.board._next_meeting_start(meeting.start))
        self.assertTrue(28 <= (following.start - meeting.start).days <= 35)
        self.assertEqual(following.stop - following.start, meeting.stop - meeting.start)
        self.assertEqual(following.location, meeting.location)
        self.assertEqual(following.chair_partner_ids, self.co_chair)
        self.assertFalse(following.attendance_ids)

        updates = following.agenda_item_ids.filtered("is_updates")
        carried = following.agenda_item_ids - updates
        self.assertEqual(carried.origin_item_id, items["deferred"] | items["unfinished"])
        self.assertEqual(set(carried.mapped("state")), {"proposed"})
        from_unfinished = carried.filtered(lambda i: i.origin_item_id == items["unfinished"])
        self.assertEqual(from_unfinished.title, "Ran out of time")
        self.assertEqual(from_unfinished.easy_read_text, "We did not get to this.")
        from_deferred = carried - from_unfinished
        self.assertEqual(from_deferred.proposer_partner_id, self.user_coprod.partner_id,
                         "the proposer keeps the credit")

        self.assertEqual(len(updates), 1)
        self.assertEqual(updates.title, "Updates: you said, we did")
        self.assertEqual(updates.state, "accepted")
        self.assertEqual(following.agenda_item_ids[0], updates, "the answers come first")
        expected = actions["open_here"] | actions["open_earlier"] | actions["done_since"]
        self.assertEqual(updates.action_ids, expected)
        self.assertEqual(following.followup_action_ids, expected)

        planned = meeting.message_ids.filtered(lambda m: "Next meeting planned" in str(m.body))
        self.assertIn(following.name, str(planned.body))
        # The earlier meeting's own items are untouched.
        self.assertEqual(items["finished"].meeting_id, meeting)
        self.assertEqual(items["deferred"].state, "deferred")

    def test_plan_next_twice_refused(self):
        """A meeting has one next meeting."""
        meeting, _items, _actions = self._past_meeting_with_history()
        meeting.action_plan_next()
        with self.assertRaises(UserError) as caught:
            meeting.action_plan_next()
        self.assertIn("already planned", str(caught.exception))
        self.assertEqual(
            self.env["coprod.meeting"].search_count([("previous_meeting_id", "=", meeting.id)]), 1
        )

    def test_plan_next_follows_group_interval(self):
        """Weekly and quarterly groups plan one week and three months ahead."""
        for interval, delta in (("weekly", relativedelta(weeks=1)),
                                ("quarterly", relativedelta(months=3))):
            group = self._group(f"{interval} group", members=3, meeting_interval=interval)
            meeting = self._meeting(days=2, group=group)
            following = self.env["coprod.meeting"].browse(meeting.action_plan_next()["res_id"])
            if interval == "weekly":
                self.assertEqual(following.start, meeting.start + delta)
            else:  # the same weekday of the month, three months on
                self.assertEqual(following.start, group._next_meeting_start(meeting.start))
                self.assertTrue(timedelta(days=84) <= following.start - meeting.start
                                <= timedelta(days=98))
            self.assertEqual(following.stop - following.start, meeting.stop - meeting.start)

    def test_plan_next_without_open_actions_has_no_updates_item(self):
        """With nothing to report, there is no empty updates item."""
        meeting = self._meeting(days=2, group=self._group("Quiet group", members=2))
        following = self.env["coprod.meeting"].browse(meeting.action_plan_next()["res_id"])
        self.assertFalse(following.agenda_item_ids)
        self.assertFalse(following.followup_action_ids)

    def test_updates_item_is_not_carried_twice(self):
        """Each meeting gets a fresh updates item, not the last one's copy."""
        meeting, _items, _actions = self._past_meeting_with_history()
        following = self.env["coprod.meeting"].browse(meeting.action_plan_next()["res_id"])
        after = self.env["coprod.meeting"].browse(following.action_plan_next()["res_id"])
        self.assertEqual(len(after.agenda_item_ids.filtered("is_updates")), 1)
        self.assertFalse(after.agenda_item_ids.filtered("is_updates").origin_item_id)

    def test_plan_next_when_co_chair_term_ends_before_it(self):
        """A co-chair stepping down before the next meeting does not block planning it."""
        successor = self.people[2]
        self.memberships[0].date_end = self.today + timedelta(days=14)
        self.memberships[2].role = "co_chair"
        meeting = self._meeting(days=1)
        self.assertEqual(meeting.chair_partner_ids, self.co_chair | successor)
        following = self.env["coprod.meeting"].browse(meeting.action_plan_next()["res_id"])
        self.assertEqual(following.chair_partner_ids, successor,
                         "the next meeting is chaired by whoever co-chairs on its date")

    def test_plan_next_from_cancelled_refused(self):
        """A cancelled meeting is not the base of the next one."""
        self.meeting.action_cancel()
        with self.assertRaises(UserError):
            self.meeting.action_plan_next()
        self.assertFalse(self.env["coprod.meeting"].search(
            [("previous_meeting_id", "=", self.meeting.id)]
        ))

    # ------------------------------------------------------------
    # Cancel
    # ------------------------------------------------------------

    def test_cancel_and_plan_again(self):
        """Cancelling a scheduled meeting takes it out of calendars; it can be planned again."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        event = meeting.calendar_event_id
        meeting.action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        self.assertFalse(event.active)
        meeting.action_reset_to_draft()
        self.assertEqual(meeting.state, "draft")

    def test_held_meeting_cannot_be_cancelled(self):
        """A meeting that took place cannot be cancelled."""
        meeting = self._hold()
        with self.assertRaises(UserError):
            meeting.action_cancel()
        self.assertEqual(meeting.state, "held")
        self.assertTrue(meeting.calendar_event_id.active)

    # ------------------------------------------------------------
    # Review of the meeting flow
    # ------------------------------------------------------------

    def test_agenda_buttons_only_for_who_decides(self):
        """A member sees no 'Put on agenda', 'Next time' or 'Talked about' button
        (pressing it only brought an error); a co-chair and the facilitator do."""
        item = self._item(user=self.user_coprod)
        co_chair = self._co_chair_user()
        for user, decides in ((self.user_coprod, False), (co_chair, True),
                              (self.user_officer, True)):
            self.assertEqual(item.with_user(user).can_decide_agenda, decides, user.name)
            self.assertEqual(self.meeting.with_user(user).can_decide_agenda, decides, user.name)
        # the buttons of the item's form and of the meeting's agenda ask for it
        for model, field in (("coprod.agenda.item", "can_decide_agenda"),
                             ("coprod.meeting", "parent.can_decide_agenda")):
            arch = self.env[model].with_user(self.user_coprod).get_view(view_type="form")["arch"]
            for action in ("action_accept", "action_defer"):
                self.assertIn(f"not {field}", arch.split(f'name="{action}"')[1].split("/>")[0])

    def test_agenda_item_offers_meetings_still_taking_items(self):
        """A proposal's Meeting list leaves out meetings whose minutes are approved
        (saving there failed) and cancelled ones."""
        done = self._hold(self._meeting(days=-20))
        done.minutes = "<p>Done.</p>"
        done.action_approve_minutes()
        cancelled = self._meeting(days=20)
        cancelled.action_cancel()
        # the domain the web client gets for the dropdown
        domain = self.env["coprod.agenda.item"].with_user(self.user_coprod).fields_get(
            ["meeting_id"], ["domain"])["meeting_id"]["domain"]
        offered = self.env["coprod.meeting"].with_user(self.user_coprod).search(
            ast.literal_eval(domain))
        self.assertIn(self.meeting, offered)
        self.assertNotIn(done, offered)
        self.assertNotIn(cancelled, offered)

    def test_plan_a_meeting_proposes_a_start_and_names_it_by_its_day(self):
        """'Plan a meeting' proposes a start one interval after the last meeting; a
        meeting named after its group only gets its day once it has a start."""
        action = self.board.with_user(self.user_officer).action_new_meeting()
        context = action["context"]
        self.assertEqual(context["default_start"], self.board._next_meeting_start(self.meeting.start))
        self.assertEqual(context["default_stop"] - context["default_start"],
                         self.meeting.stop - self.meeting.start)

        Meeting = self.env["coprod.meeting"].with_user(self.user_officer)
        form = Form(Meeting.with_context(default_group_id=self.board.id))
        self.assertEqual(form.name, "Shadow quality board")
        form.start = datetime(2027, 1, 19, 14, 0)
        self.assertEqual(form.name, "Shadow quality board, 19 January 2027")
        form.start = datetime(2027, 1, 26, 14, 0)
        self.assertEqual(form.name, "Shadow quality board, 26 January 2027")
        meeting = form.save()
        self.assertEqual(meeting.name, "Shadow quality board, 26 January 2027")
        # saved without a start on the screen first (an import, say): it follows too
        meeting.start = datetime(2027, 2, 2, 14, 0)
        self.assertEqual(meeting.name, "Shadow quality board, 2 February 2027")
        # a name someone typed stays
        meeting.name = "Shadow quality board: our birthday party"
        meeting.start = datetime(2027, 2, 9, 14, 0)
        self.assertEqual(meeting.name, "Shadow quality board: our birthday party")

    def test_print_invitations_from_the_meeting(self):
        """The meeting prints the invitations of the people to reach another way (the
        to-do says where to find the button); when nobody waits, everyone's."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        meeting.action_send_invitations()
        waiting = meeting.attendance_ids.filtered(lambda a: a.partner_id == self.person_no_email)
        todo = meeting.activity_ids.filtered(lambda a: "another way" in (a.summary or ""))
        self.assertIn("Print invitations", str(todo.note))
        action = meeting.action_print_invitations()
        self.assertEqual(action["report_name"], "coprod.report_invitation")
        self.assertEqual(action["context"]["active_ids"], waiting.ids)
        waiting.invitation_sent = True
        action = meeting.action_print_invitations()
        self.assertEqual(sorted(action["context"]["active_ids"]), sorted(meeting.attendance_ids.ids))
        arch = meeting.get_view(view_type="form")["arch"]
        self.assertIn('name="action_print_invitations"', arch)

    def test_invite_the_others_only_when_someone_is_left(self):
        """'Invite the others' shows only while someone is left to invite."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        self.assertTrue(meeting.has_people_to_invite)
        meeting.action_send_invitations()
        self.assertFalse(meeting.has_people_to_invite,
                         "everyone emailed or on the facilitator's list")
        newcomer = self.env["res.partner"].create({"name": "Nia New", "email": "nia@example.com"})
        self.Attendance.create({"meeting_id": meeting.id, "partner_id": newcomer.id})
        self.assertTrue(meeting.has_people_to_invite)
        arch = meeting.get_view(view_type="form")["arch"]
        self.assertIn("not has_people_to_invite", arch)

    def test_meeting_is_held_on_its_day(self):
        """A meeting still to come cannot be marked held (its attendance would count
        in the reports); on its day it can, even before its start."""
        meeting = self.meeting.with_user(self.user_officer)
        meeting.action_schedule()
        with self.assertRaises(UserError) as caught:
            meeting.action_hold()
        self.assertIn("has not happened yet", str(caught.exception))
        self.assertEqual(meeting.state, "scheduled")

        tz = pytz.timezone(self.user_officer.tz or "UTC")
        today = fields.Date.context_today(meeting)
        late_today = tz.localize(datetime.combine(today, time(23, 30)))
        start = late_today.astimezone(pytz.utc).replace(tzinfo=None)
        meeting.write({"start": start, "stop": start + timedelta(minutes=20)})
        meeting.action_hold()
        self.assertEqual(meeting.state, "held")

    def test_approving_asks_about_items_still_on_the_agenda(self):
        """Minutes are not approved while items are still 'On the agenda': the
        summary paper would say nothing was talked about, and the next meeting would
        take them again. Once each is talked about, the paper lists it."""
        item = self._item(title="A new garden", state="accepted")
        later = self._item(title="Our trip", state="accepted")
        meeting = self._hold()
        meeting.minutes = "<p>We talked about the new garden.</p>"
        # the form says so before anyone presses Approve minutes
        self.assertEqual(meeting.still_on_agenda_count, 2)
        self.assertIn('name="still_on_agenda"', meeting.get_view(view_type="form")["arch"])
        with self.assertRaises(UserError) as caught:
            meeting.action_approve_minutes()
        self.assertIn("A new garden, Our trip", str(caught.exception))
        self.assertEqual(meeting.state, "held")
        item.with_user(self.user_officer).action_mark_discussed()
        later.with_user(self.user_officer).action_defer()
        meeting.action_approve_minutes()
        self.assertEqual(meeting.state, "done")
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "coprod.report_meeting_summary", meeting.ids)
        html = html.decode()
        self.assertIn("A new garden", html)
        self.assertNotIn("We have not talked about anything yet", html)

    def test_plan_next_keeps_the_weekday(self):
        """Monthly groups meet on, say, the third Tuesday: the next meeting is on the
        third Tuesday too, at the same time on the clock; a fifth Tuesday becomes the
        month's last. Weekly groups keep their weekday anyway. The time is the
        group's (its facilitator's clock), whoever plans it."""
        self.user_officer.tz = "Europe/London"
        # planned by someone whose own clock is elsewhere: the group's clock counts
        monthly = self.board.with_context(tz="Asia/Tokyo")
        cases = (
            # third Tuesday, 2pm -> third Tuesday (not Friday the 19th)
            (datetime(2027, 1, 19, 14, 0), datetime(2027, 2, 16, 14, 0)),
            # fifth Tuesday -> the last Tuesday of April (it has four)
            (datetime(2027, 3, 30, 13, 0), datetime(2027, 4, 27, 13, 0)),
            # 2pm in winter is 2pm in summer (13:00 UTC)
            (datetime(2027, 3, 16, 14, 0), datetime(2027, 4, 20, 13, 0)),
            # first Monday of December -> first Monday of January
            (datetime(2026, 12, 7, 10, 0), datetime(2027, 1, 4, 10, 0)),
        )
        for start, expected in cases:
            self.assertEqual(monthly._next_meeting_start(start), expected, start)
        quarterly = self._group("Quarterly group", meeting_interval="quarterly")
        self.assertEqual(quarterly.with_context(tz="Europe/London")._next_meeting_start(
            datetime(2027, 1, 19, 14, 0)), datetime(2027, 4, 20, 13, 0))
        weekly = self._group("Weekly group", meeting_interval="weekly")
        self.assertEqual(weekly._next_meeting_start(datetime(2027, 1, 19, 14, 0)),
                         datetime(2027, 1, 26, 14, 0))

        # and Plan next meeting uses it
        meeting = self._meeting(days=2).with_context(tz="Europe/London")
        meeting.write({"start": datetime(2027, 1, 19, 14, 0), "stop": datetime(2027, 1, 19, 16, 0)})
        following = self.env["coprod.meeting"].browse(meeting.action_plan_next()["res_id"])
        self.assertEqual((following.start, following.stop),
                         (datetime(2027, 2, 16, 14, 0), datetime(2027, 2, 16, 16, 0)))
