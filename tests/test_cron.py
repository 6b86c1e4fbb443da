from datetime import timedelta

from odoo import fields

from .common import CoprodCase


class TestCronInvitations(CoprodCase):
    """Invitations go out by themselves a set number of days before a meeting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Meeting = cls.env["coprod.meeting"]

        def scheduled(days, group=None):
            meeting = cls._meeting(days=days, group=group)
            meeting.action_schedule()
            return meeting

        cls.due = scheduled(3)
        cls.far = scheduled(10)
        cls.already_sent = scheduled(2)
        cls.already_sent.action_send_invitations()
        cls.draft = cls._meeting(days=3)
        cls.started = scheduled(-1)
        cls.cancelled = scheduled(4)
        cls.cancelled.action_cancel()
        cls.early_group = cls._group("Early group", members=3, invitation_days=14)
        cls.due_early = scheduled(10, group=cls.early_group)
        cls.all_ticked = scheduled(4, group=cls._group("Paper group", members=2))
        cls.all_ticked.attendance_ids.invitation_sent = True
        cls.mine = Meeting.search([("group_id", "in", (cls.board | cls.early_group).ids)])

    def _mail_count(self, meeting):
        return self.env["mail.mail"].search_count([
            ("model", "=", "coprod.attendance"), ("res_id", "in", meeting.attendance_ids.ids),
        ])

    def test_group_default_is_seven_days(self):
        """A group sends invitations 7 days ahead unless told otherwise."""
        self.assertEqual(self.board.invitation_days, 7)

    def test_cron_sends_only_due_invitations(self):
        """Only scheduled meetings within the group's days, not yet invited, are sent."""
        before = {meeting: self._mail_count(meeting) for meeting in self.mine}
        self.assertEqual(before[self.already_sent], 6)

        self.env["coprod.meeting"]._cron_send_due_invitations()

        self.assertTrue(self.due.invitations_sent)
        self.assertEqual(self._mail_count(self.due), 6)
        self.assertTrue(self.due.activity_ids, "Paul, who has no email, is not forgotten")
        self.assertTrue(self.due_early.invitations_sent, "this group invites 14 days ahead")
        self.assertEqual(self._mail_count(self.due_early), 3)

        for meeting in (self.far, self.draft, self.started, self.cancelled):
            self.assertFalse(meeting.invitations_sent, meeting.name)
            self.assertEqual(self._mail_count(meeting), 0, meeting.name)
        self.assertEqual(self._mail_count(self.already_sent), 6, "nobody is invited twice")

    def test_cron_is_not_stopped_by_a_register_invited_by_hand(self):
        """A meeting whose register was all ticked by hand does not block the others."""
        self.env["coprod.meeting"]._cron_send_due_invitations()
        self.assertEqual(self._mail_count(self.due), 6)
        self.assertEqual(self._mail_count(self.all_ticked), 0)

    def test_cron_twice_sends_nothing_more(self):
        """Running again an hour later sends nothing new."""
        self.env["coprod.meeting"]._cron_send_due_invitations()
        counts = {meeting: self._mail_count(meeting) for meeting in self.mine}
        self.env["coprod.meeting"]._cron_send_due_invitations()
        self.assertEqual({meeting: self._mail_count(meeting) for meeting in self.mine}, counts)

    def test_scheduled_action_runs_it(self):
        """The shipped scheduled action is what sends them."""
        cron = self.env.ref("coprod.coprod_cron_send_invitations")
        self.assertTrue(cron.active)
        cron.method_direct_trigger()
        self.assertTrue(self.due.invitations_sent)
        self.assertFalse(self.far.invitations_sent)


class TestCronOverdue(CoprodCase):
    """The owner of every overdue action gets one reminder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        today = fields.Date.context_today(cls.env["coprod.action"])
        late = today - timedelta(days=3)
        meeting = cls._meeting(days=-30)
        cls.by_user = cls._action(meeting, owner_user_id=cls.user_manager.id, date_due=late)
        cls.by_partner_with_user = cls._action(
            meeting, owner_partner_id=cls.user_coprod.partner_id.id, date_due=late
        )
        cls.by_partner_only = cls._action(meeting, owner_partner_id=cls.people[1].id,
                                          date_due=late)
        cls.by_portal_partner = cls._action(
            meeting, owner_partner_id=cls.user_portal.partner_id.id, date_due=late
        )
        cls.not_due = cls._action(meeting, owner_user_id=cls.user_manager.id)
        cls.done_late = cls._action(meeting, owner_user_id=cls.user_manager.id, date_due=late,
                                    we_did="Done", state="done")
        cls.overdue = (cls.by_user | cls.by_partner_with_user | cls.by_partner_only
                       | cls.by_portal_partner)
        cls.everything = cls.overdue | cls.not_due | cls.done_late

    def _todos(self, action):
        return action.activity_ids.filtered(lambda a: a.activity_type_id == self.todo)

    def test_overdue_owner_gets_one_todo(self):
        """Owner user first, else the owner's internal user, else the facilitator."""
        self.env["coprod.action"]._cron_remind_overdue()
        expected = {
            self.by_user: self.user_manager,
            self.by_partner_with_user: self.user_coprod,
            self.by_partner_only: self.user_officer,
            self.by_portal_partner: self.user_officer,
        }
        for action, user in expected.items():
            todo = self._todos(action)
            self.assertEqual(len(todo), 1, action.you_said)
            self.assertEqual(todo.user_id, user, action.you_said)
            self.assertEqual(todo.summary, "Overdue: say what was done")
        self.assertFalse(self.not_due.activity_ids)
        self.assertFalse(self.done_late.activity_ids)

    def test_running_twice_adds_none(self):
        """The next day's run does not pile up reminders."""
        self.env["coprod.action"]._cron_remind_overdue()
        self.env["coprod.action"]._cron_remind_overdue()
        for action in self.overdue:
            self.assertEqual(len(self._todos(action)), 1, action.you_said)
        self.assertEqual(len(self.everything.activity_ids), 4)

    def test_scheduled_action_runs_it(self):
        """The shipped daily scheduled action is what reminds them."""
        self.env.ref("coprod.coprod_cron_remind_overdue").method_direct_trigger()
        self.assertEqual(
            {a.res_id for a in self.everything.activity_ids}, set(self.overdue.ids)
        )
