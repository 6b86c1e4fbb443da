"""What people find in their inbox: each email coprod sends, rendered for real and
read as its recipient gets it (the message Odoo hands to the mail server, one per
recipient), in their language, with dates as people say them.

- the invitation (and the supporter's copy): a short plain subject with the day in
  the reader's language; no empty words when the group has no facilitator; the words
  only (no logo, header or footer) for a reader who asked for plain text email;
- the answer to an employee who volunteered for a staff board: a subject that says
  what it is about, in the employee's language;
- the reminders of an overdue action (to its owner) and of a review of someone's
  needs (to the facilitator): the date said in full, in the reader's language.
"""
import base64
import importlib.util
from datetime import timedelta
from pathlib import Path

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import html2plaintext
from odoo.tools.translate import code_translations

from ..coprod_module.easyread import check_text, readability, say_date
from ..coprod_module.models.ir_actions_report import _white_png

from .common import CoprodCase
from .test_staff_board import StaffBoardCase


def _seed_french(case, translations):
    """French words for some of coprod's messages, as an i18n/fr.po would give them."""
    code_translations.get_python_translations("coprod", "fr_FR")
    saved = code_translations.python_translations[("coprod", "fr_FR")]
    code_translations.python_translations[("coprod", "fr_FR")] = {**saved, **translations}
    case.addCleanup(code_translations.python_translations.__setitem__, ("coprod", "fr_FR"), saved)


class EmailCase(CoprodCase):

    def _sent_to(self, mails, partner):
        """The email ``partner`` receives from these mails, as sent to the mail server."""
        for mail in mails:
            if partner in mail.recipient_ids:
                email = [e for e in mail._prepare_outgoing_list()
                         if e["email_to"] == [partner.email_formatted]]
                self.assertEqual(len(email), 1, f"{partner.name} gets one email")
                return email[0]
        self.fail(f"no email to {partner.name}")


@tagged("post_install", "-at_install")
class TestInvitationEmail(EmailCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["res.lang"]._activate_lang("en_GB")
        cls.need_plain_email = cls.env.ref("coprod.coprod_need_plain_email")
        # a company logo: the standard layout shows it beside the words
        cls.company.logo = base64.b64encode(_white_png(48, 48))

    def _send(self, meeting):
        meeting.action_schedule()
        meeting.with_user(self.user_officer).action_send_invitations()
        return self.env["mail.mail"].search([
            ("model", "=", "coprod.attendance"), ("res_id", "in", meeting.attendance_ids.ids)])

    def test_subject_says_the_day_in_the_readers_language(self):
        """The meeting's name holds its date in the language of whoever planned it
        (here French): the subject says the day in each reader's own language."""
        planned = self._meeting(days=20)
        meeting = planned.with_context(lang="fr_FR").create({
            "group_id": self.board.id, "start": planned.start + timedelta(days=1),
            "stop": planned.stop + timedelta(days=1)}).with_context(lang=self.env.lang)
        self.people[1].lang = "en_GB"
        self.people[2].lang = "fr_FR"
        EasyRead = self.env["coprod.easy.read"]
        day = EasyRead._local(meeting.start, self.people[1], self.board).date()
        self.assertIn(say_date(day, "fr_FR").split()[2], meeting.name,
                      "the meeting is named in French, by its planner")

        mails = self._send(meeting)

        english = self._sent_to(mails, self.people[1])["subject"]
        self.assertEqual(english, "You are invited: Shadow quality board, %s"
                         % day.strftime("%A %-d %B %Y"))
        self.assertNotIn(say_date(day, "fr_FR").split()[2], english,
                         "no French month for an English reader")
        french = self._sent_to(mails, self.people[2])["subject"]
        self.assertTrue(french.endswith(", " + say_date(day, "fr_FR")), french)
        for subject in (english, french):
            self.assertFalse({f.code for f in check_text(subject)}
                             & {"long_sentence", "several_ideas", "capitals"}, subject)

    def test_a_group_without_facilitator_leaves_no_empty_words(self):
        """Before, the email said "Ask  if you need help." with nobody's name."""
        self.board.facilitator_user_id = False
        meeting = self._meeting()

        email = self._sent_to(self._send(meeting), self.people[1])

        words = html2plaintext(email["body"])
        self.assertNotIn("Ask  if", words)
        self.assertNotIn("Ask if", " ".join(words.split()))
        self.assertIn("Reply to this email if you need help.", words)
        self.assertIn(self.company.email, email["email_from"],
                      "the reply goes to the company, who sent it")
        self.assertLessEqual(readability(words).longest, 15)

    def test_plain_text_email_has_the_words_only(self):
        """A reader who asked for plain text email (a screen reader) gets the words,
        without the logo, the tables of the layout, its header or footer; others
        still get the company's layout."""
        self.people[1].coprod_need_ids = [Command.set(self.need_plain_email.ids)]
        supporter = self.env["res.partner"].create({
            "name": "Sue Supporter", "email": "sue@example.com",
            "coprod_need_ids": [Command.set(self.need_plain_email.ids)]})
        self.memberships[3].write({"supporter_partner_id": supporter.id,
                                   "supporter_consent": True})
        meeting = self._meeting()

        mails = self._send(meeting)

        plain = {
            "the person who asked": self._sent_to(mails, self.people[1])["body"],
            "a supporter who asked, for the person": self._sent_to(mails, supporter)["body"],
        }
        for who, body in plain.items():
            with self.subTest(who=who):
                self.assertNotIn("<img", body)
                self.assertNotIn("<table", body)
                self.assertNotIn("Meeting attendance", body)
                self.assertNotIn("Powered by", body)
                self.assertIn("You are invited to a meeting of Shadow quality board.",
                              html2plaintext(body))
        standard = self._sent_to(mails, self.people[2])["body"]
        self.assertIn("<img", standard, "the others' email has the company's logo")
        self.assertIn("alt=\"%s\"" % self.company.name, standard, "with words for it")
        # and the words, without Odoo's clutter around easy read: no small header
        # naming the model, no company footer, no "Powered by Odoo | Unfollow"
        self.assertIn("You are invited to a meeting of Shadow quality board.",
                      html2plaintext(standard))
        for clutter in ("Meeting attendance", "Powered by", "Unfollow", "<table"):
            self.assertNotIn(clutter, standard)
        person_3 = self._sent_to(mails, self.people[3])["body"]
        self.assertNotIn("<table", person_3, "the person whose supporter asked gets the same")

    def test_the_supporters_copy_names_nobodys_needs(self):
        """The supporter gets the person's email alone: their own address, and no
        word of the person's communication needs."""
        need_bsl = self.env.ref("coprod.coprod_need_bsl_interpreter")
        self.people[1].coprod_need_ids = [Command.set(need_bsl.ids)]
        supporter = self.env["res.partner"].create({"name": "Sue Supporter",
                                                    "email": "sue@example.com"})
        self.memberships[1].write({"supporter_partner_id": supporter.id,
                                   "supporter_consent": True})

        email = self._sent_to(self._send(self._meeting()), supporter)

        self.assertEqual(email["email_to"], [supporter.email_formatted])
        words = html2plaintext(email["body"])
        self.assertIn("Hello Person 2.", words)
        for need in self.env["coprod.communication.need"].search([]):
            self.assertNotIn(need.name, words)


    def test_the_supporters_copy_says_who_it_is_for(self):
        """An email a supporter gets for a person says, before anything else, whom it
        is for: the supporter alone is asked to share it; beside the person, the
        supporter is said to get a copy. The chatter says whose supporter got it."""
        sam = self.env["res.partner"].create({"name": "Sam Patel", "email": "sam@example.com"})
        sue = self.env["res.partner"].create({"name": "Sue Supporter", "email": "sue@example.com"})
        paul = self.person_no_email
        membership_paul = self.memberships.filtered(lambda m: m.partner_id == paul)
        membership_paul.write({"supporter_partner_id": sam.id, "supporter_consent": True})
        self.memberships[2].write({"supporter_partner_id": sue.id, "supporter_consent": True})
        meeting = self._meeting()

        mails = self._send(meeting)

        for_paul = html2plaintext(self._sent_to(mails, sam)["body"])
        self.assertIn("This email is for Paul No-Email. Please share it with them.", for_paul)
        self.assertLess(for_paul.index("This email is for"), for_paul.index("Hello Paul No-Email."))
        for reader in (self.people[2], sue):
            words = html2plaintext(self._sent_to(mails, reader)["body"])
            self.assertIn("This email is for Person 3. Sue Supporter gets a copy to help.", words)
            self.assertNotIn("Please share it", words)
        own = html2plaintext(self._sent_to(mails, self.people[1])["body"])
        self.assertNotIn("This email is for", own)
        self.assertTrue(own.lstrip().startswith("Hello Person 2."), own[:80])
        summary = meeting.message_ids.filtered(lambda m: "Invitation emailed to" in (m.body or ""))
        self.assertIn("Paul No-Email (to their supporter Sam Patel)", summary.body)
        self.assertNotIn("Person 3 (to their supporter", summary.body)


@tagged("post_install", "-at_install")
class TestVolunteerAnswerEmail(StaffBoardCase, EmailCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.cal.work_contact_id.email = "cal@example.com"

    def _answer(self, how):
        volunteer = self._volunteer(self.cal, answer="The kitchen has its seat already.")
        # queued, not sent, so that the test reads them as the mail server would
        getattr(volunteer.with_user(self.user_officer).with_context(
            mail_notify_force_send=False), how)()
        message = self._told(volunteer, "")
        return self.env["mail.mail"].sudo().search([("mail_message_id", "in", message.ids)])

    def test_subject_says_what_the_email_is_about(self):
        """Before, the subject was the employee's own name."""
        for how in ("action_accept", "action_decline"):
            with self.subTest(how=how):
                self.env["coprod.membership"].search([
                    ("employee_id", "=", self.cal.id)]).unlink()
                email = self._sent_to(self._answer(how), self.cal.work_contact_id)
                self.assertEqual(email["subject"], "Your offer to join Staff shadow board")

    def test_the_answer_is_in_the_employees_language(self):
        """The facilitator reads English, Cal French: Cal's email is in French."""
        _seed_french(self, {
            "Your offer to join %(group)s": "Votre offre pour %(group)s",
            "Thank you for offering to join %(group)s. Not this time: %(answer)s":
                "Merci de votre offre pour %(group)s. Pas cette fois : %(answer)s",
        })
        self.user_officer.lang = "en_US"
        self.cal.work_contact_id.lang = "fr_FR"

        email = self._sent_to(self._answer("action_decline"), self.cal.work_contact_id)

        self.assertEqual(email["subject"], "Votre offre pour Staff shadow board")
        self.assertIn("Merci de votre offre pour Staff shadow board. Pas cette fois : "
                      "The kitchen has its seat already.", html2plaintext(email["body"]))


    def test_an_employee_without_work_contact(self):
        """An employee with no work contact is told nothing by email, and the answer
        is kept in the offer's history (it used to stop with an error)."""
        volunteer = self._volunteer(self.cal, answer="The kitchen has its seat already.")
        self.cal.work_contact_id = False
        volunteer.with_user(self.user_officer).action_decline()
        self.assertEqual(volunteer.state, "declined")
        self.assertIn("Not this time: The kitchen has its seat already.",
                      "".join(volunteer.sudo().message_ids.mapped("body")))


@tagged("post_install", "-at_install")
class TestInvitationUpgrade(CoprodCase):
    """Upgrading from 18.0.2.2.0 (migrations/18.0.2.3.0): the shipped subject and
    help sentence are replaced where they are unchanged; an organisation's own words
    stay."""

    def _migration(self):
        path = Path(__file__).parent.parent / "migrations" / "18.0.2.3.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("coprod_migration_18_0_2_3_0", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_only_the_shipped_words_change(self):
        migration = self._migration()
        for lang in ("fr_FR", "nl_NL", "de_DE"):
            self.env["res.lang"]._activate_lang(lang)
        template = self.env.ref("coprod.coprod_mail_template_invitation")
        body = str(template.with_context(lang="en_US").body_html)
        self.assertIn(migration.NEW_HELP, body, "the shipped body has the new sentence")
        old_body = body.replace(migration.NEW_HELP, migration.OLD_HELP)
        french = ("<p>Bonjour, nos propres mots.</p>\n<p>Demandez \u00e0 <t t-out=\"object.meeting_id."
                  "facilitator_user_id.name or ''\">Fiona</t> si besoin.</p>")
        template.with_context(lang="en_US").write({
            "subject": migration.OLD_SUBJECT,
            "body_html": old_body.replace("<p>Please tell us if you can come.</p>",
                                          "<p>Please tell us if you can come. Our own words.</p>"),
        })
        template.with_context(lang="fr_FR").write({"subject": migration.OLD_SUBJECT, "body_html": french})
        template.with_context(lang="nl_NL").write({"subject": "Uitnodiging", "body_html": old_body})
        template.with_context(lang="de_DE").write({"subject": migration.OLD_SUBJECT})
        # a language no longer used keeps its words in the template
        self.env["res.lang"].with_context(active_test=False).search([("code", "=", "de_DE")]).active = False

        migration.update_invitation(template)

        subjects = template._fields["subject"]._get_stored_translations(template)
        self.assertEqual(subjects["en_US"], migration.NEW_SUBJECT)
        self.assertEqual(subjects["fr_FR"], migration.NEW_SUBJECT)
        self.assertEqual(subjects["de_DE"], migration.NEW_SUBJECT, "a language no longer active too")
        self.assertEqual(subjects["nl_NL"], "Uitnodiging", "a subject of the organisation's own is kept")
        bodies = template._fields["body_html"]._get_stored_translations(template)
        self.assertIn(migration.NEW_HELP, bodies["en_US"])
        self.assertIn("Our own words.", bodies["en_US"], "the organisation's words stay")
        self.assertIn(migration.NEW_HELP, bodies["nl_NL"])
        self.assertEqual(bodies["fr_FR"], french.replace(
            "<p>Demandez", '<p t-if="object.meeting_id.facilitator_user_id">Demandez'),
            "a translation keeps its words, shown only when there is a facilitator")

        migration.update_invitation(template)
        self.assertEqual(template._fields["body_html"]._get_stored_translations(template), bodies,
                         "running it again changes nothing")

    def test_problems_of_the_first_shared_type_move_to_their_model(self):
        migration = self._migration()
        old = self.env["mail.activity.type"].create({"name": "Put a problem right"})
        self.env["ir.model.data"].create({
            "module": "coprod", "name": "mail_activity_type_put_right",
            "model": "mail.activity.type", "res_id": old.id, "noupdate": True})
        meeting = self._meeting(days=5)
        problem = meeting.activity_schedule(activity_type_id=old.id, summary="Invitations not sent",
                                            user_id=self.user_officer.id)

        migration.move_put_right_activities(self.env)

        self.assertEqual(problem.activity_type_id,
                         self.env.ref("coprod.mail_activity_type_put_right_meeting"))
        self.assertFalse(old.exists(), "the shared type is gone")


@tagged("post_install", "-at_install")
class TestReminders(CoprodCase):

    def test_the_date_is_said_in_full_in_the_owners_language(self):
        """Before, the reminder said "due on 2026-10-16"."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("en_GB")
        late = fields.Date.context_today(self.env["coprod.action"]) - timedelta(days=3)
        meeting = self._meeting(days=-30)
        self.user_manager.lang = "en_GB"
        self.user_officer.lang = "fr_FR"
        english = self._action(meeting, owner_user_id=self.user_manager.id, date_due=late)
        french = self._action(meeting, owner_user_id=self.user_officer.id, date_due=late)

        self.env["coprod.action"]._cron_remind_overdue()

        for action, lang in ((english, "en_GB"), (french, "fr_FR")):
            with self.subTest(lang=lang):
                note = html2plaintext(action.activity_ids.note)
                self.assertNotIn(str(late), note)
                self.assertIn(say_date(late, lang), note)

    def test_needs_review_date_is_said_in_full(self):
        """Before, the facilitator's reminder said "due for review on 2026-10-16"."""
        self.env["res.lang"]._activate_lang("en_GB")
        self.user_officer.lang = "en_GB"
        person = self.people[1]
        person.coprod_need_ids = [Command.set(self.env.ref("coprod.coprod_need_easy_read").ids)]
        due = fields.Date.today() - timedelta(days=1)
        person.coprod_need_review_date = due

        self.env["res.partner"]._cron_review_coprod_needs()

        reminder = self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "=", person.id)])
        self.assertEqual(reminder.user_id, self.user_officer)
        note = html2plaintext(reminder.note)
        self.assertNotIn(str(due), note)
        self.assertIn("were due for review on %s." % say_date(due, "en_GB"), note)
