"""The Accessible Information Standard: identify and record, flag, share, meet, review."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import html2plaintext

from ..coprod_module.easyread import check_text, readability

from .common import CoprodCase


@tagged("post_install", "-at_install")
class TestAccessibleInformation(CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Need = cls.env["coprod.communication.need"]
        cls.need_easy_read = Need.search([("code", "=", "easy_read")])
        cls.need_large_print = Need.search([("code", "=", "large_print")])
        cls.need_plain_email = Need.search([("code", "=", "plain_email")])
        cls.need_bsl = Need.search([("code", "=", "bsl_interpreter")])
        cls.staff_group = cls._group(name="Staff shadow board", kind="staff")

    def _set_needs(self, partner, *needs):
        partner.coprod_need_ids = [Command.set([need.id for need in needs])]

    # ------------------------------------------------------------
    # IDENTIFY AND RECORD
    # ------------------------------------------------------------

    def test_needs_are_recorded_with_who_and_when(self):
        person = self.people[1].with_user(self.user_officer)
        self._set_needs(person, self.need_easy_read)
        self.assertEqual(person.coprod_needs_recorded_by_id, self.user_officer)
        self.assertEqual(person.coprod_needs_recorded_date, fields.Date.context_today(person))
        self.assertTrue(person.coprod_needs_flag, "the flag shows wherever the person appears")

    def test_only_officers_and_managers_read_needs(self):
        self._set_needs(self.people[1], self.need_bsl)
        for user in (self.user_coprod, self.user_employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.people[1].with_user(user).read(["coprod_need_ids"])
        for user in (self.user_officer, self.user_manager):
            with self.subTest(user=user.login):
                needs = self.people[1].with_user(user).read(["coprod_need_ids"])[0]["coprod_need_ids"]
                self.assertEqual(needs, self.need_bsl.ids)

    def test_only_officers_and_managers_find_people_by_their_needs(self):
        """Searching by a need names the people who have it: that is reading it."""
        self._set_needs(self.people[1], self.need_bsl)
        self._set_needs(self.user_officer.partner_id, self.need_large_print)
        users = self.user_coprod | self.user_officer | self.user_manager
        searches = {
            "people with a need": lambda env: env["res.partner"].search(
                [("id", "in", self.people.ids), ("coprod_need_ids", "in", self.need_bsl.ids)]),
            "people with any need": lambda env: env["res.partner"].search(
                [("id", "in", self.people.ids), ("coprod_need_ids", "!=", False)]),
            "people with no need": lambda env: env["res.partner"].search(
                [("id", "in", self.people.ids), ("coprod_need_ids", "=", False)]),
            "users with a need": lambda env: env["res.users"].search(
                [("id", "in", users.ids), ("coprod_need_ids", "in", self.need_large_print.ids)]),
            "users whose contact has a need": lambda env: env["res.users"].search(
                [("id", "in", users.ids),
                 ("partner_id.coprod_need_ids", "in", self.need_large_print.ids)]),
            "contacts whose user has a need": lambda env: env["res.partner"].search(
                [("id", "in", users.partner_id.ids),
                 ("user_ids.coprod_need_ids", "in", self.need_large_print.ids)]),
            "people due for a review": lambda env: env["res.partner"].search(
                [("coprod_need_review_date", "!=", False)]),
        }
        for user in (self.user_coprod, self.user_employee):
            for what, search in searches.items():
                with self.subTest(user=user.login, search=what), self.assertRaises(AccessError):
                    search(self.env(user=user))
        for user in (self.user_officer, self.user_manager):
            env = self.env(user=user)
            with self.subTest(user=user.login):
                self.assertEqual(searches["people with a need"](env), self.people[1])
                self.assertEqual(searches["people with any need"](env), self.people[1])
                self.assertEqual(searches["people with no need"](env), self.people - self.people[1])
                self.assertEqual(searches["users with a need"](env), self.user_officer)
                self.assertEqual(searches["users whose contact has a need"](env), self.user_officer)
                self.assertEqual(searches["contacts whose user has a need"](env),
                                 self.user_officer.partner_id)

    def test_only_officers_and_managers_count_people_by_need(self):
        """Grouping contacts by need names every need with how many people have it."""
        self._set_needs(self.people[1], self.need_bsl)
        self._set_needs(self.people[2], self.need_bsl, self.need_easy_read)
        domain = [("id", "in", self.people.ids)]
        for user in (self.user_coprod, self.user_employee):
            Partner = self.env(user=user)["res.partner"]
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Partner.read_group(domain, ["coprod_need_ids"], ["coprod_need_ids"])
            with self.subTest(user=user.login, model="res.users"), self.assertRaises(AccessError):
                self.env(user=user)["res.users"].read_group(
                    [], ["coprod_need_ids"], ["coprod_need_ids"])
        for user in (self.user_officer, self.user_manager):
            Partner = self.env(user=user)["res.partner"]
            with self.subTest(user=user.login):
                groups = Partner.read_group(domain, ["coprod_need_ids"], ["coprod_need_ids"])
                counts = {group["coprod_need_ids"] and group["coprod_need_ids"][0]:
                          group["coprod_need_ids_count"] for group in groups}
                self.assertEqual(counts, {self.need_bsl.id: 2, self.need_easy_read.id: 1,
                                          False: len(self.people) - 2})

    def test_only_officers_and_managers_find_members_by_their_needs(self):
        """A member lists the members of their group, but not which of them have needs."""
        self._set_needs(self.people[1], self.need_bsl)
        domain = [("group_id", "=", self.board.id), ("partner_id.coprod_need_ids", "!=", False)]
        Membership = self.env(user=self.user_coprod)["coprod.membership"]
        self.assertEqual(Membership.search([("group_id", "=", self.board.id)]),
                         self.memberships | self.membership_member_user,
                         "the member still sees who is in the group")
        for search in (
            lambda: Membership.search(domain),
            lambda: Membership.search([("needs_flag", "=", True)]),
            lambda: Membership.read_group([], ["needs_flag"], ["needs_flag"]),
        ):
            with self.assertRaises(AccessError):
                search()
        found = self.env(user=self.user_officer)["coprod.membership"].search(domain)
        self.assertEqual(found, self.memberships[1])

    def test_needs_flag_on_the_register(self):
        self._set_needs(self.people[2], self.need_large_print)
        meeting = self._meeting()
        meeting.action_schedule()
        row = meeting.attendance_ids.filtered(lambda a: a.partner_id == self.people[2])
        self.assertTrue(row.with_user(self.user_officer).needs_flag)
        other = meeting.attendance_ids.filtered(lambda a: a.partner_id == self.people[3])
        self.assertFalse(other.with_user(self.user_officer).needs_flag)

    # ------------------------------------------------------------
    # MEET: THE FORMAT OF EACH PERSON'S PAPERS
    # ------------------------------------------------------------

    def test_format_is_chosen_from_needs(self):
        person = self.people[1]
        self.assertEqual(person._coprod_document_format(self.board), "easy_read",
                         "a board of people supported gets easy read by default")
        self.assertEqual(person._coprod_document_format(self.staff_group), "standard")
        self._set_needs(person, self.need_plain_email)
        self.assertEqual(person._coprod_document_format(self.board), "standard")
        self._set_needs(person, self.need_easy_read, self.need_large_print)
        self.assertEqual(person._coprod_document_format(self.staff_group), "large_print",
                         "large print is easy read too, in big letters")

    def test_person_without_language_reads_the_company_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.company.partner_id.lang = "fr_FR"
        person = self.people[1]
        person.lang = False
        self.assertEqual(person._coprod_lang(), "fr_FR")

    def test_sending_invitations_attaches_each_persons_paper_in_their_format(self):
        self._set_needs(self.people[1], self.need_large_print)
        self._set_needs(self.people[2], self.need_plain_email)
        meeting = self._meeting()
        self.env["coprod.agenda.item"].create({
            "meeting_id": meeting.id, "title": "Money for our holiday", "state": "accepted"})
        meeting.action_schedule()
        meeting.with_user(self.user_officer).action_send_invitations()
        rows = meeting.attendance_ids
        by_partner = {row.partner_id: row for row in rows}
        self.assertEqual(by_partner[self.people[1]].document_format, "large_print")
        self.assertEqual(by_partner[self.people[2]].document_format, "standard")
        self.assertEqual(by_partner[self.people[3]].document_format, "easy_read")
        mails = self.env["mail.mail"].search([("model", "=", "coprod.attendance"),
                                              ("res_id", "in", rows.ids)])
        self.assertEqual(len(mails), len(rows.filtered(lambda r: r.partner_id.email)))
        for mail in mails:
            row = rows.browse(mail.res_id)
            with self.subTest(person=row.partner_id.name):
                self.assertEqual(len(mail.attachment_ids), 1)
                paper = mail.attachment_ids
                self.assertEqual(paper.mimetype, "application/pdf")
                self.assertIn(row.partner_id.name, paper.name)
                self.assertTrue(paper.raw.startswith(b"%PDF"))
                self.assertIn("Your letter about the meeting is with this email.", mail.body_html)
        template = self.env.ref("coprod.coprod_mail_template_invitation")
        body = html2plaintext(template._render_field("body_html", rows[:1].ids)[rows[0].id])
        findings = {finding.code for finding in check_text(body)}
        self.assertFalse(findings & {"long_sentence", "several_ideas", "capitals", "number_words"},
                         f"the email itself is short and plain: {check_text(body)}")
        self.assertLessEqual(readability(body).longest, 15)

    def test_the_supporter_gets_a_copy_only_when_the_person_agreed(self):
        supporter = self.env["res.partner"].create({"name": "Sue Supporter", "email": "sue@example.com"})
        self.memberships[1].write({"supporter_partner_id": supporter.id})
        self.memberships[2].write({"supporter_partner_id": supporter.id, "supporter_consent": True})
        meeting = self._meeting()
        meeting.action_schedule()
        meeting.action_send_invitations()
        mails = self.env["mail.mail"].search([("model", "=", "coprod.attendance"),
                                              ("res_id", "in", meeting.attendance_ids.ids)])
        told = mails.filtered(lambda m: supporter in m.recipient_ids)
        self.assertEqual(
            meeting.attendance_ids.browse(told.mapped("res_id")).partner_id, self.people[2],
            "only the invitation of the person who agreed goes to the supporter")

    def test_a_need_no_paper_can_meet_becomes_an_activity_until_done(self):
        self._set_needs(self.people[1], self.need_bsl)
        meeting = self._meeting()
        meeting.action_schedule()
        meeting.with_user(self.user_officer).action_send_invitations()
        support = meeting.support_activity_ids
        self.assertEqual(len(support), 1)
        self.assertIn(self.people[1].name, support.summary)
        self.assertNotIn(self.need_bsl.name, support.summary,
                         "needs are personal: members who read the meeting see its activities")
        self.assertIn(self.need_bsl.name, meeting.with_user(self.user_officer).support_needs)
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_coprod).read(["support_needs"])
        self.assertEqual(support.user_id, self.user_officer, "the facilitator arranges it")
        support.action_feedback(feedback="Interpreter booked")
        meeting.invalidate_recordset(["support_activity_ids", "activity_ids"])
        self.assertFalse(meeting.support_activity_ids, "listed on the meeting until done")

    def test_needs_met_in_the_room_are_listed_for_the_facilitator(self):
        """Lip reading and more time need nothing booked: no activity, but the
        facilitator reads them on the meeting, with what to do; members do not."""
        Need = self.env["coprod.communication.need"]
        lip_reading = Need.search([("code", "=", "lip_reading")])
        longer_time = Need.search([("code", "=", "longer_time")])
        self._set_needs(self.people[1], lip_reading, longer_time)
        self._set_needs(self.people[2], self.need_large_print)
        meeting = self._meeting()
        meeting.action_schedule()
        meeting.with_user(self.user_officer).action_send_invitations()
        self.assertFalse(meeting.support_activity_ids, "nothing to book")
        room = meeting.with_user(self.user_officer).room_needs
        self.assertEqual(room.splitlines(), [
            f"{self.people[1].name}, {lip_reading.name}: {lip_reading.description}",
            f"{self.people[1].name}, {longer_time.name}: {longer_time.description}",
        ], "one line a need, with what to do; a paper's format is not listed")
        self.assertIn("Face the person", room)
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_coprod).read(["room_needs"])

    def test_printing_invitations_of_a_meeting_without_register(self):
        meeting = self._meeting()
        with self.assertRaisesRegex(UserError, "nobody on its register"):
            meeting.action_print_invitations()
        meeting.action_schedule()
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = meeting.action_print_invitations()
        self.assertEqual(action["report_name"], "coprod.report_invitation")

    def test_a_report_for_a_record_the_user_may_not_read(self):
        other = self._group(name="Family forum", kind="family")
        meeting = self._meeting(group=other)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.user_coprod)._render_qweb_html(
                "coprod.report_agenda", meeting.ids)

    # ------------------------------------------------------------
    # REVIEW
    # ------------------------------------------------------------

    def test_review_reminder_goes_to_the_facilitator_once(self):
        person = self.people[1]
        self._set_needs(person, self.need_easy_read)
        person.coprod_need_review_date = fields.Date.today() - timedelta(days=1)
        self.people[2].coprod_need_review_date = fields.Date.today() + timedelta(days=30)
        self._set_needs(self.people[2], self.need_easy_read)
        Partner = self.env["res.partner"]
        Partner._cron_review_coprod_needs()
        Partner._cron_review_coprod_needs()
        reminders = self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "in", self.people.ids),
            ("summary", "=", "Review communication needs")])
        self.assertEqual(len(reminders), 1, "one reminder, not one a day")
        self.assertEqual(reminders.res_id, person.id)
        self.assertEqual(reminders.user_id, self.user_officer)
