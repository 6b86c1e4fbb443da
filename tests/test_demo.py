from odoo import fields
from odoo.tests import TransactionCase


class TestDemo(TransactionCase):
    """What a newcomer checks first: the demo boards look like real ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.board = cls.env.ref("coprod.coprod_group_quality_board_demo", raise_if_not_found=False)
        cls.staff_board = cls.env.ref("coprod.coprod_group_staff_board_demo", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not self.board:
            self.skipTest("coprod was installed without demo data")

    def test_board_members_and_roles(self):
        board = self.board
        director = self.env.ref("coprod.user_quality_director_demo")
        facilitator = self.env.ref("coprod.user_facilitator_demo")
        self.assertEqual(board.kind, "people_supported")
        current = board._current_memberships()
        people_supported = current.filtered(
            lambda m: m.can_vote and not m.partner_id.user_ids and not m.employee_id
        )
        self.assertEqual(len(people_supported), 8, "eight people supported")
        self.assertTrue(people_supported.partner_id.filtered("email"))
        self.assertTrue(people_supported.partner_id.filtered(lambda p: not p.email))
        self.assertTrue(people_supported.partner_id.filtered("coprod_need_ids"))
        self.assertTrue(people_supported.filtered("supporter_partner_id"))

        co_chairs = board.co_chair_partner_ids
        self.assertEqual(len(co_chairs), 2)
        self.assertIn(director.partner_id, co_chairs)
        self.assertTrue(director.has_group("coprod.group_coprod_manager"))
        self.assertTrue(co_chairs & people_supported.partner_id, "one co-chair is a person supported")

        self.assertEqual(board.facilitator_user_id, facilitator)
        self.assertTrue(facilitator.has_group("coprod.group_coprod_officer"))
        self.assertFalse(facilitator.share)

    def test_past_meetings(self):
        past = self.board.meeting_ids.filtered(lambda m: m.start < fields.Datetime.now())
        self.assertEqual(len(past), 3)
        self.assertEqual(set(past.mapped("state")), {"done"}, "minutes approved")
        for meeting in past:
            self.assertTrue(meeting.minutes)
            self.assertTrue(meeting.easy_read_minutes)
            self.assertTrue(meeting.minutes_approved_date)
            self.assertTrue(meeting.decision_ids)
            self.assertTrue(meeting.action_ids)
            self.assertEqual(len(meeting.attendance_ids), 11)
            self.assertFalse(meeting.attendance_ids.filtered(lambda a: a.status == "expected"))
            self.assertTrue(meeting.attendance_ids.filtered(lambda a: a.status == "attended"))
            self.assertTrue(meeting.calendar_event_id)
        statuses = set(past.attendance_ids.mapped("status"))
        self.assertEqual(statuses, {"attended", "apologies", "absent"})
        # each later meeting follows on from the one before, with its updates item
        first, second, third = past.sorted("start")
        self.assertEqual(second.previous_meeting_id, first)
        self.assertEqual(third.previous_meeting_id, second)
        for meeting in (second, third):
            updates = meeting.agenda_item_ids.filtered("is_updates")
            self.assertEqual(len(updates), 1)
            self.assertTrue(updates.action_ids)

    def test_you_said_we_did(self):
        actions = self.board.meeting_ids.action_ids
        done = actions.filtered(lambda a: a.state == "done")
        self.assertTrue(done)
        for action in done:
            self.assertTrue(action.we_did and action.date_done)
        overdue = self.env["coprod.action"].search(
            [("group_id", "=", self.board.id), ("is_overdue", "=", True)]
        )
        self.assertTrue(overdue, "some actions are overdue")
        not_due = actions.filtered(
            lambda a: a.state == "open" and a.date_due >= fields.Date.today()
        )
        self.assertTrue(not_due, "some actions are open and not due yet")

    def test_upcoming_meeting(self):
        upcoming = self.board.meeting_ids.filtered(
            lambda m: m.start > fields.Datetime.now() and m.state in ("draft", "scheduled")
        )
        self.assertEqual(len(upcoming), 1)
        self.assertEqual(self.board.next_meeting_id, upcoming)
        self.assertEqual(upcoming.state, "scheduled")
        self.assertTrue(upcoming.calendar_event_id)
        self.assertEqual(
            upcoming.attendance_ids.partner_id, self.board.member_partner_ids,
            "one register row per current member",
        )
        self.assertTrue(upcoming.agenda_item_ids.filtered("is_updates").action_ids)
        self.assertTrue(upcoming.agenda_item_ids.filtered(lambda i: i.state == "proposed"))
        self.assertEqual(upcoming.chair_partner_ids, self.board.co_chair_partner_ids)

    def test_staff_board(self):
        board = self.staff_board
        self.assertEqual(board.kind, "staff")
        current = board._current_memberships()
        self.assertEqual(len(current), 5)
        self.assertEqual(len(current.employee_id), 5)
        self.assertEqual(current.partner_id, current.employee_id.work_contact_id)
        self.assertEqual(len(board.co_chair_partner_ids), 1)
        self.assertTrue(all(current.employee_id.mapped("coprod_staff_board_member")))

    def test_co_chair_election_ready_to_run(self):
        """A newcomer can run the demo co-chair election: three people stand."""
        ballot = self.env.ref("coprod.ballot_quality_board_co_chair_demo")
        amy = self.env.ref("coprod.partner_amy_demo")
        self.assertEqual((ballot.state, ballot.method, ballot.election_role), ("draft", "ranked", "co_chair"))
        self.assertTrue(ballot.secret)
        self.assertEqual(len(ballot.option_ids), 3)
        self.assertEqual(ballot.outgoing_membership_id.partner_id, amy)
        self.assertEqual(ballot.meeting_id, ballot.agenda_item_id.meeting_id)

        ballot.action_open()
        voters = ballot.voter_ids.partner_id
        self.assertEqual(len(voters), 9, "eight people supported and the director vote")
        first, second, third = ballot.option_ids
        for partner in voters[:5]:
            ballot.cast_vote(partner, [second, first])
        for partner in voters[5:]:
            ballot.cast_vote(partner, [third, second], assisted=True)
        ballot.action_close()
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids, second)
        ballot.action_apply_election()
        self.assertIn(second.candidate_partner_id, self.board.co_chair_partner_ids)
        self.assertNotIn(amy, self.board.co_chair_partner_ids, "Amy's year as co-chair ended")
        self.assertIn(amy, self.board.member_partner_ids, "Amy stays a member")
        self.assertTrue(ballot.decision_ids, "the result is a decision of the meeting")
