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


class TestCronRobust(CoprodCase):
    """Scheduled actions run as OdooBot over every company: one bad record does not
    stop the others and is reported once; archived things are left alone; each record
    is handled in its own company's settings and its people's time zone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.put_right = (cls.env.ref("coprod.mail_activity_type_put_right_meeting")
                         | cls.env.ref("coprod.mail_activity_type_put_right_ballot"))

    def _problems(self, record):
        return record.activity_ids.filtered(lambda a: a.activity_type_id in self.put_right)

    def _mails(self, meeting):
        return self.env["mail.mail"].search([
            ("model", "=", "coprod.attendance"), ("res_id", "in", meeting.attendance_ids.ids),
        ])

    def _scheduled(self, group, days=3, **vals):
        meeting = self._meeting(days=days, group=group, **vals)
        meeting.action_schedule()
        return meeting

    # ------------------------------------------------------------
    # INVITATIONS
    # ------------------------------------------------------------

    def test_invitations_one_bad_meeting_does_not_stop_the_others(self):
        """An administrator's change to the invitation email that breaks it for one
        meeting (it has no place) leaves the other meetings' invitations going out;
        the facilitator is told once, and the meeting is tried again once they say
        it is put right."""
        template = self.env.ref("coprod.coprod_mail_template_invitation")
        template.subject = "{{ object.meeting_id.name }} at {{ object.meeting_id.location.strip() }}"
        good = self._scheduled(self._group("Good group", members=2, default_location="Hall"))
        bad = self._scheduled(self._group("Bad group", members=2))
        self.assertFalse(bad.location)
        Meeting = self.env["coprod.meeting"]

        Meeting._cron_send_due_invitations()
        self.assertTrue(good.invitations_sent)
        self.assertEqual(len(self._mails(good)), 2)
        self.assertFalse(bad.invitations_sent)
        self.assertFalse(self._mails(bad))
        self.assertFalse(bad.attendance_ids.filtered("invitation_sent"), "nobody ticked as invited")
        problem = self._problems(bad)
        self.assertEqual(len(problem), 1)
        self.assertEqual(problem.user_id, self.user_officer)
        self.assertEqual(problem.summary, "Invitations not sent")

        Meeting._cron_send_due_invitations()
        self.assertEqual(len(self._problems(bad)), 1, "told once, not every hour")
        self.assertEqual(len(self._mails(good)), 2)

        bad.location = "Library"
        problem.action_feedback("Place added")
        Meeting._cron_send_due_invitations()
        self.assertTrue(bad.invitations_sent)
        self.assertEqual(len(self._mails(bad)), 2)

    def test_invitations_sent_by_hand_put_the_problem_right(self):
        """The facilitator puts the place right and presses Send invitations: the
        problem the scheduled action reported is done, not left open."""
        template = self.env.ref("coprod.coprod_mail_template_invitation")
        template.subject = "{{ object.meeting_id.name }} at {{ object.meeting_id.location.strip() }}"
        bad = self._scheduled(self._group("Bad group", members=2))
        self.env["coprod.meeting"]._cron_send_due_invitations()
        self.assertEqual(len(self._problems(bad)), 1)

        bad.location = "Library"
        bad.with_user(self.user_officer).action_send_invitations()
        self.assertTrue(bad.invitations_sent)
        self.assertFalse(self._problems(bad), "the problem is done")

    def test_a_problem_added_by_hand_does_not_stop_the_invitations(self):
        """Only the problems the scheduled action reported hold a meeting back: an
        activity of the same kind planned by someone by hand does not."""
        meeting = self._scheduled(self._group("Hand group", members=2))
        meeting.activity_schedule("coprod.mail_activity_type_put_right_meeting",
                                  summary="Check the room", user_id=self.user_officer.id)
        meeting.activity_ids.automated = False
        self.env["coprod.meeting"]._cron_send_due_invitations()
        self.assertTrue(meeting.invitations_sent)

    def test_a_record_that_always_times_out_is_reported_not_retried(self):
        """A statement that runs out of time on one meeting is that meeting's
        problem (reported once); a lock held by someone else is retried later."""
        from psycopg2 import errors  # noqa: PLC0415
        from ..coprod_module.models.cron_batch import run_in_batch  # noqa: PLC0415
        slow = self._scheduled(self._group("Slow group", members=2))
        fine = self._scheduled(self._group("Fine group", members=2))

        def work(meeting):
            if meeting == slow:
                raise errors.QueryCanceled("canceling statement due to statement timeout")
            meeting.action_send_invitations()

        failed = run_in_batch(slow | fine, work, lambda meeting, error: meeting._report_invitations_failed(error))
        self.assertEqual(failed, slow)
        self.assertTrue(fine.invitations_sent)
        self.assertEqual(len(self._problems(slow)), 1)

        def locked(meeting):
            raise errors.LockNotAvailable("could not obtain lock")

        with self.assertRaises(errors.LockNotAvailable):
            run_in_batch(fine, locked, lambda meeting, error: meeting._report_invitations_failed(error))
        self.assertFalse(self._problems(fine), "nothing for people to put right")

    def test_several_email_addresses_are_valid(self):
        """A contact with two addresses (as Odoo's mail sends to each) is emailed."""
        group = self._group("Family group", members=1)
        parents = self.env["res.partner"].create(
            {"name": "Pat Parents", "email": "mum@example.com, dad@example.com"})
        self.env["coprod.membership"].create(
            {"group_id": group.id, "partner_id": parents.id, "date_start": self.start_date})
        meeting = self._scheduled(group)
        self.env["coprod.meeting"]._cron_send_due_invitations()
        row = meeting.attendance_ids.filtered(lambda a: a.partner_id == parents)
        self.assertTrue(row.invitation_sent)
        self.assertIn(parents, self._mails(meeting).recipient_ids)

    def test_invitations_not_emailed_to_an_invalid_address(self):
        """A person whose email address cannot work is on the facilitator's list to
        invite another way, not ticked as invited by an email that never arrives."""
        group = self._group("Typo group", members=2)
        typo = self.env["res.partner"].create({"name": "Tess Typo", "email": "tess at home"})
        self.env["coprod.membership"].create(
            {"group_id": group.id, "partner_id": typo.id, "date_start": self.start_date})
        meeting = self._scheduled(group)

        self.env["coprod.meeting"]._cron_send_due_invitations()
        row = meeting.attendance_ids.filtered(lambda a: a.partner_id == typo)
        self.assertFalse(row.invitation_sent)
        self.assertEqual(row.invitation_channel, "other")
        self.assertEqual(row.invitation_way, "Email address not valid")
        self.assertNotIn(typo, self._mails(meeting).recipient_ids)
        self.assertEqual(len(self._mails(meeting)), 2)
        todo = meeting.activity_ids.filtered(lambda a: a.summary == "Invite 1 people another way")
        self.assertIn("Tess Typo", str(todo.note))

    def test_invitations_leave_archived_groups_alone(self):
        """A meeting left scheduled in a group archived since gets no invitations."""
        group = self._group("Retired group", members=2)
        meeting = self._meeting(days=3, group=group)
        meeting.action_cancel()
        group.action_archive()
        meeting.action_reset_to_draft()
        meeting.action_schedule()

        self.env["coprod.meeting"]._cron_send_due_invitations()
        self.assertFalse(meeting.invitations_sent)
        self.assertFalse(self._mails(meeting))

    def test_invitations_in_the_meeting_company_settings(self):
        """OdooBot works in the first company; a second company's meeting is sent in
        that company's settings: a person with no language of their own and no
        company gets the second company's language."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.company_2.partner_id.lang = "fr_FR"
        officer = self.user_officer_c2
        group = self.env["coprod.group"].create({
            "name": "Groupe", "facilitator_user_id": officer.id, "company_id": self.company_2.id,
        })
        person = self.env["res.partner"].create(
            {"name": "Pierre", "email": "pierre@example.com", "lang": False})
        self.env["coprod.membership"].create(
            {"group_id": group.id, "partner_id": person.id, "date_start": self.start_date})
        meeting = self._scheduled(group)
        self.assertEqual(self.env.company, self.company)

        self.env.ref("coprod.coprod_cron_send_invitations").method_direct_trigger()
        mail = self._mails(meeting)
        self.assertEqual(len(mail), 1)
        french_days = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
        self.assertTrue(any(day in mail.body_html for day in french_days),
                        "the date in French, the company's language")

    # ------------------------------------------------------------
    # BALLOTS
    # ------------------------------------------------------------

    def _open_ballot(self, group=None, minutes_ago=5):
        """An open ballot whose closing time passed a few minutes ago."""
        ballot = self._ballot(group=group, date_close=fields.Datetime.now() + timedelta(hours=1))
        ballot.with_user(self.user_officer).action_open()
        ballot.date_close = fields.Datetime.now() - timedelta(minutes=minutes_ago)
        return ballot

    def test_ballot_that_cannot_be_counted_does_not_stop_the_others(self):
        """A ballot with a paper the counting rules refuse stays open and is reported
        to its facilitator once; the other ballots due close."""
        bad = self._open_ballot()
        good = self._open_ballot(minutes_ago=1)
        # a paper naming an option that is not on the ballot (say, from a bad import)
        self.env.cr.execute(
            "INSERT INTO coprod_ballot_vote (ballot_id, choice) VALUES (%s, %s)", (bad.id, "999999"))
        Ballot = self.env["coprod.ballot"]

        Ballot._cron_close_due()
        self.assertEqual(good.state, "closed")
        self.assertEqual(bad.state, "open")
        problem = self._problems(bad)
        self.assertEqual(len(problem), 1)
        self.assertEqual((problem.user_id, problem.summary), (self.user_officer, "Ballot not closed"))

        self.env.ref("coprod.coprod_cron_close_ballots").method_direct_trigger()
        self.assertEqual(bad.state, "open")
        self.assertEqual(len(self._problems(bad)), 1, "told once, not every 15 minutes")

    # ------------------------------------------------------------
    # OVERDUE ACTIONS
    # ------------------------------------------------------------

    def _todos(self, action):
        todo = self.env.ref("mail.mail_activity_data_todo")
        return action.activity_ids.filtered(lambda a: a.activity_type_id == todo)

    def test_overdue_owner_who_left_is_not_reminded(self):
        """An owner whose user was archived is not reminded (nobody would see it):
        the facilitator is."""
        leaver = self._action(owner_user_id=self.user_manager.id,
                              date_due=fields.Date.today() - timedelta(days=3))
        self.user_manager.action_archive()
        self.env["coprod.action"]._cron_remind_overdue()
        self.assertEqual(self._todos(leaver).user_id, self.user_officer)

        # the facilitator has left too: the administrator, not the inactive OdooBot
        self._todos(leaver).unlink()
        self.user_officer.action_archive()
        self.env["coprod.action"]._cron_remind_overdue()
        self.assertEqual(self._todos(leaver).user_id, self.env.ref("base.user_admin"))

        # and the administrator's account is archived: a co-production manager
        self._todos(leaver).unlink()
        self.env.ref("base.user_admin").active = False
        self.env["coprod.action"]._cron_remind_overdue()
        reminded = self._todos(leaver).user_id
        self.assertTrue(reminded.active)
        self.assertTrue(reminded.has_group("coprod.group_coprod_manager"))

    def test_overdue_leaves_archived_groups_alone(self):
        group = self._group("Retired group")
        action = self._action(group_id=group.id, date_due=fields.Date.today() - timedelta(days=3))
        group.action_archive()
        self.env["coprod.action"]._cron_remind_overdue()
        self.assertFalse(self._todos(action))

    def test_overdue_by_the_group_day_not_utc(self):
        """An action due today is not "overdue" in the evening where the group meets,
        even when it is already tomorrow in UTC (and is, once the group's day is over)."""
        self.user_officer.tz = "Pacific/Honolulu"  # UTC-10
        honolulu_today = fields.Date.context_today(
            self.env["coprod.action"].with_context(tz="Pacific/Honolulu"))
        kiritimati = self._group("Line Islands group", facilitator_user_id=self.user_officer_c2.id,
                                 company_id=self.company_2.id)
        self.user_officer_c2.tz = "Pacific/Kiritimati"  # UTC+14
        kiritimati_today = fields.Date.context_today(
            self.env["coprod.action"].with_context(tz="Pacific/Kiritimati"))
        due_today = self._action(date_due=honolulu_today, owner_user_id=self.user_officer.id)
        yesterday_there = self._action(
            group_id=kiritimati.id, date_due=kiritimati_today - timedelta(days=1),
            owner_partner_id=self.env["res.partner"].create({
                "name": "Kiri", "company_id": self.company_2.id}).id)

        self.env["coprod.action"].with_context(tz="UTC")._cron_remind_overdue()
        self.assertFalse(self._todos(due_today), "due today where the group meets")
        self.assertEqual(self._todos(yesterday_there).user_id, self.user_officer_c2)

    # ------------------------------------------------------------
    # COMMUNICATION NEEDS REVIEW
    # ------------------------------------------------------------

    def test_needs_review_goes_to_a_running_group_facilitator(self):
        """A person in a retired group and a running one is reminded by the running
        group's facilitator; a person only in a retired group is not reminded."""
        need = self.env["coprod.communication.need"].search([], limit=1)
        retired = self._group("Retired group", facilitator_user_id=self.user_manager.id)
        running = self._group("Running group")
        both, only_retired = self.env["res.partner"].create([
            {"name": "Bo Both", "coprod_need_ids": [(6, 0, need.ids)],
             "coprod_need_review_date": fields.Date.today() - timedelta(days=1)},
            {"name": "Ola Only", "coprod_need_ids": [(6, 0, need.ids)],
             "coprod_need_review_date": fields.Date.today() - timedelta(days=1)},
        ])
        self.env["coprod.membership"].create([
            {"group_id": retired.id, "partner_id": both.id, "date_start": self.start_date},
            {"group_id": running.id, "partner_id": both.id, "date_start": self.start_date},
            {"group_id": retired.id, "partner_id": only_retired.id, "date_start": self.start_date},
        ])
        retired.action_archive()
        self.env["res.partner"]._cron_review_coprod_needs()
        review = self.env.ref("coprod.mail_activity_type_review_needs")
        reminders = self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "in", (both | only_retired).ids),
            ("activity_type_id", "=", review.id)])
        self.assertEqual(reminders.mapped("res_id"), both.ids)
        self.assertEqual(reminders.user_id, self.user_officer)
