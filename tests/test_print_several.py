"""A facilitator selects several records in a list (meetings, ballots, people invited,
values, actions) and uses Print > a paper: one PDF comes back with every record's
paper, in the order selected, each reading as it does printed alone.

Odoo gives wkhtmltopdf one input document a record, which the wkhtmltopdf of Linux
distributions (unpatched Qt) refuses: it made no PDF, and the print failed with
"Cannot read an empty file". coprod prints its papers of several records as one
document instead (coprod_module/models/ir_actions_report.py). These tests print as
the web client does, with wkhtmltopdf, and read the PDFs back with poppler.
"""
import io
import json
import shutil
from unittest.mock import patch
from urllib.parse import urlencode

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from ..coprod_module.models import ir_actions_report as report_module
from ..coprod_module.models.wkhtmltopdf import wkhtmltopdf_is_patched
from .common import load_demo_records
from .test_easy_read_walkthrough import PrintedPdf, _squash


@tagged("-at_install", "post_install")
class TestPrintSeveralRecords(PrintedPdf, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_demo_records(cls)

    def setUp(self):
        super().setUp()
        if not self.board:
            self.skipTest("coprod was installed without demo data")
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        self._warm_up_server()

    def _print(self, report_name, records):
        """Print > the report, for these records, as the facilitator."""
        # (Odoo's tests print HTML unless asked for a PDF)
        pdf, kind = self.env["ir.actions.report"].with_user(self.facilitator).with_context(
            force_report_rendering=True)._render_qweb_pdf(report_name, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), f"a PDF, not {pdf[:40]!r}")
        return pdf

    def _when(self, meeting):
        """When the meeting is, as its agenda says it."""
        return self.env["coprod.easy.read"]._say_when(meeting.start, meeting.stop, False, meeting.group_id)

    def assertInOrder(self, phrases, text):  # noqa: N802 (unittest style)
        text = _squash(text)
        found = [text.find(_squash(phrase)) for phrase in phrases]
        self.assertNotIn(-1, found, f"every one of {phrases!r} is printed")
        self.assertEqual(found, sorted(found), f"{phrases!r} are printed in this order")

    def _has_marker(self, pdf):
        Report = self.env["ir.actions.report"]
        return any(Report._coprod_page_has_marker(page) for page in PdfFileReader(io.BytesIO(pdf)).pages)

    # ------------------------------------------------------------
    # Every paper
    # ------------------------------------------------------------

    def test_papers_of_several_records_print_each_record_in_order(self):
        """Each paper printed for several records: every record's paper, in the order
        selected, word for word as printed alone, and no page lost or added. A paper
        printed for one record is Odoo's own printing."""
        invited = self.next_meeting.attendance_ids.sorted("id")[:3]
        self.assertEqual(len(invited), 3)
        for report_name, records in (
            ("coprod.report_agenda", self.next_meeting | self.past_meeting),
            ("coprod.report_agenda_large", self.past_meeting | self.next_meeting),
            ("coprod.report_meeting_summary", self.past_meeting | self.next_meeting),
            ("coprod.report_ballot_paper", self.election | self.values_ballot),
            ("coprod.report_ballot_result", self.values_ballot | self.election),
            ("coprod.report_invitation", invited[2] | invited[0] | invited[1]),
        ):
            with self.subTest(report=report_name):
                together = self._print(report_name, records)
                alone = [self._print(report_name, record) for record in records]
                self.assertEqual(_squash(self._text(together)),
                                 "".join(_squash(self._text(pdf)) for pdf in alone),
                                 "each record's paper, in the order selected")
                self.assertEqual(self._pages(together), sum(self._pages(pdf) for pdf in alone),
                                 "no page lost or added")
                self.assertFalse(any(self._has_marker(pdf) for pdf in alone),
                                 "one record prints as Odoo prints it")
        # the people invited, by name, in the order selected
        text = self._text(self._print("coprod.report_invitation", invited[2] | invited[0] | invited[1]))
        self.assertInOrder([f"Hello {row.partner_id.name}" for row in invited[2] | invited[0] | invited[1]], text)

    def test_posters_of_several_records_are_one_poster(self):
        """A poster is one paper of all the records selected: printed as Odoo prints
        it, every value (or action) on it."""
        values = self.env["coprod.value"].search([("group_id", "=", self.board.id)])
        actions = self.env["coprod.action"].search([("group_id", "=", self.board.id), ("state", "=", "done")])
        self.assertGreater(len(values), 1)
        self.assertGreater(len(actions), 1)
        for report_name, records, words in (
            ("coprod.report_values_poster", values, values.mapped("name")),
            ("coprod.report_you_said_we_did", actions, actions.mapped("you_said")[:3]),
        ):
            with self.subTest(report=report_name):
                pdf = self._print(report_name, records)
                text = self._text(pdf)
                for word in words:
                    self.assertIn(_squash(word), _squash(text))
                # Odoo's own printing makes one document of one article: the same poster
                with patch.object(report_module, "wkhtmltopdf_is_patched", return_value=True):
                    odoo_pdf = self._print(report_name, records)
                self.assertEqual(_squash(text), _squash(self._text(odoo_pdf)))
                self.assertEqual(self._pages(pdf), self._pages(odoo_pdf))

    # ------------------------------------------------------------
    # As the web client prints
    # ------------------------------------------------------------

    def test_print_menu_downloads_the_agendas_of_two_meetings(self):
        """Jo selects two meetings and uses Print > Agenda: the web client downloads
        /report/download, which answers with one PDF of both agendas."""
        # wkhtmltopdf must not ask this server for the papers' stylesheet while the
        # request that runs it holds the test's cursor (it would wait for ever): it
        # prints them unstyled, every word still there.
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:1")
        self.authenticate("facilitator", "facilitator")
        meetings = self.next_meeting | self.past_meeting
        url = "/report/pdf/coprod.report_agenda/%s" % ",".join(map(str, meetings.ids))
        response = self.url_open("/report/download?" + urlencode({
            "data": json.dumps([url, "qweb-pdf"]),
            # (Odoo's tests print HTML unless asked for a PDF)
            "context": json.dumps({"lang": "en_US", "force_report_rendering": True}),
        }), timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf",
                         response.content[:300])
        self.assertIn("Agenda.pdf", response.headers["Content-Disposition"])
        pdf = response.content
        self.assertGreaterEqual(self._pages(pdf), 2)
        self.assertInOrder([self._when(meeting) for meeting in meetings], self._text(pdf))

    # ------------------------------------------------------------
    # Odoo's behaviour kept
    # ------------------------------------------------------------

    def test_each_record_saved_as_attachment_when_the_report_says_so(self):
        """A paper set to save each record's PDF as an attachment (and reuse it) does so
        for every record printed together, as with a patched wkhtmltopdf."""
        agenda = self.env.ref("coprod.action_report_agenda")
        agenda.write({"attachment": "'Agenda %s.pdf' % object.id", "attachment_use": True})
        meetings = self.next_meeting | self.past_meeting
        pdf = self._print("coprod.report_agenda", meetings)
        self.assertInOrder([self._when(meeting) for meeting in meetings], self._text(pdf))
        for meeting in meetings:
            saved = self.env["ir.attachment"].search(
                [("res_model", "=", "coprod.meeting"), ("res_id", "=", meeting.id),
                 ("name", "=", f"Agenda {meeting.id}.pdf")])
            self.assertEqual(len(saved), 1, f"{meeting.name}'s agenda is saved")
            self.assertIn(_squash(self._when(meeting)), _squash(self._text(saved.raw)))
        # printed again after a change: the saved papers are given back, as they were
        self.next_meeting.location = "The new room upstairs"
        again = self._print("coprod.report_agenda", meetings)
        self.assertEqual(_squash(self._text(again)), _squash(self._text(pdf)))
        self.assertNotIn(_squash("The new room upstairs"), _squash(self._text(again)))
        self.assertEqual(self.env["ir.attachment"].search_count(
            [("res_model", "=", "coprod.meeting"), ("res_id", "in", meetings.ids),
             ("name", "like", "Agenda %")]), 2, "no paper saved twice")

    def test_several_documents_on_an_unpatched_wkhtmltopdf_say_why_in_plain_words(self):
        """Should a paper still come to wkhtmltopdf as several documents, the user is
        told in plain words, not given an empty file."""
        if wkhtmltopdf_is_patched():
            self.skipTest("this wkhtmltopdf prints several documents")
        Report = self.env["ir.actions.report"].with_user(self.facilitator)
        with self.assertRaises(UserError) as caught:
            Report._run_wkhtmltopdf(["<html><body>One</body></html>", "<html><body>Two</body></html>"],
                                    report_ref="coprod.report_agenda")
        self.assertIn('This server cannot print "Agenda" for several records at once.',
                      str(caught.exception))
        self.assertIn("Print them one at a time", str(caught.exception))
