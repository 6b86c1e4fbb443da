"""The values issue is done when a newcomer, on the demo data, can do all of it:

adopt a value from a ballot, record a success against it, have the board check a
policy and answer its recommendations, and print an evidence pack for "Listening to
and involving people" (CQC R4) that holds all of it.

The walkthrough runs as the demo users: Jo Bennett (login ``facilitator``, an
officer, the facilitator of the demo shadow quality board) does the board's work,
and Helen Ward (login ``director``, a manager) prints the pack. It is an HttpCase so
that wkhtmltopdf can fetch the report's CSS from the test server. A tour then walks
the same screens in a browser as the facilitator.
"""
import os
import re
import shutil
import subprocess
import tempfile

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

DEMO_VALUES = (
    "Improving the quality of life", "Developing and building new skills",
    "Partnership working and co-production", "Exceeding expectations", "Empowerment",
    "Celebrating success",
)
TOUR_STORY = "Fatima ran the summer garden party"


def _squash(text):
    """Text without any white space: a PDF breaks lines wherever a cell or the
    page ends, so words are compared with no spaces or line ends at all."""
    return re.sub(r"\s+", "", text)


@tagged("-at_install", "post_install")
class TestValuesWalkthrough(HttpCase):
    """A newcomer's walkthrough of values, stories, checks and the evidence pack,
    on the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.board = cls.env.ref("coprod.coprod_group_quality_board_demo",
                                raise_if_not_found=False)
        cls.facilitator = cls.env.ref("coprod.user_facilitator_demo", raise_if_not_found=False)
        cls.director = cls.env.ref("coprod.user_quality_director_demo", raise_if_not_found=False)
        cls.r4 = cls.env.ref("coprod.quality_statement_cqc_listening_to_and_involving_people")

    def setUp(self):
        super().setUp()
        if not (self.board and self.facilitator and self.director):
            self.skipTest("coprod was installed without demo data")

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _warm_up_server(self):
        """One request for a static file first, on its own: the server reads every
        addon's manifest on its first request for a static file. wkhtmltopdf (and a
        browser) ask for several files at once, and on Python 3.11.7 parsing manifests
        in parallel threads can fail ("SystemError: AST constructor recursion depth
        mismatch"): the report's CSS is then missing, and the PDF is laid out without it."""
        self.url_open("/web/static/img/favicon.ico").raise_for_status()

    def _pdf_text(self, report_name, records, user):
        """The words of a report as printed: rendered to PDF by wkhtmltopdf as
        ``user``, then read back with pdftotext."""
        report = self.env["ir.actions.report"]
        self._warm_up_server()
        pdf, kind = report.with_user(user).with_context(
            force_report_rendering=True)._render_qweb_pdf(report_name, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "a real PDF comes out")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.pdf")
            with open(path, "wb") as file:
                file.write(pdf)
            # -raw: the words in the order they are printed, so that a table cell's
            # lines stay together instead of mixing with the next column's.
            text = subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True,
                                  check=True, text=True).stdout
        return text

    def assertPrinted(self, words, text, msg=None):  # noqa: N802 (unittest style)
        self.assertIn(_squash(words), _squash(text), msg or f"{words!r} is printed")

    def assertNotPrinted(self, words, text, msg=None):  # noqa: N802 (unittest style)
        self.assertNotIn(_squash(words), _squash(text), msg or f"{words!r} is not printed")

    # ------------------------------------------------------------
    # The walkthrough
    # ------------------------------------------------------------

    def test_newcomer_walkthrough_to_the_evidence_pack(self):
        report = self.env["ir.actions.report"]
        if report.get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        jo = self.facilitator
        board = self.board.with_user(jo)
        today = fields.Date.context_today(board)
        amy = self.env.ref("coprod.partner_amy_demo")

        # 1. Jo proposes a new value to the board, with easy-read words.
        value = self.env["coprod.value"].with_user(jo).create({
            "name": "Being kind",
            "easy_read_text": "We are kind to each other.\nWe help when someone is sad.",
            "icon": "fa-heart",
            "group_id": board.id,
            "contributor_partner_ids": [Command.set(amy.ids)],
        })
        self.assertEqual(value.state, "proposed", "a new value starts as a proposal")

        # 2. Jo puts it to the board's vote: a yes/no ballot that adopts it if won.
        ballot = self.env["coprod.ballot"].with_user(jo).create({
            "name": "Do we agree our new value, Being kind?",
            "easy_read_question": "Do you agree with our new value?\nBeing kind.",
            "group_id": board.id,
            "method": "majority",
            "value_ids": [Command.set(value.ids)],
        })
        self.assertEqual(sorted(ballot.option_ids.mapped("code")), ["abstain", "no", "yes"],
                         "a yes/no ballot comes with its standard answers")

        # 3. Jo opens the vote: the register is the board's current voting members.
        ballot.action_open()
        self.assertEqual(ballot.state, "open")
        voters = ballot.voter_ids.partner_id
        self.assertIn(amy, voters, "Amy, a member of the board, is on the register")
        self.assertNotIn(self.env.ref("coprod.partner_ruth_adams_demo"), voters,
                         "an observer does not vote")
        self.assertGreaterEqual(len(voters), 4)

        # 4. Jo records everyone's vote from the room: all but two say yes.
        yes, no, abstain = (ballot.option_ids.filtered(lambda o, c=code: o.code == c)
                            for code in ("yes", "no", "abstain"))
        papers = [no, abstain] + [yes] * (len(voters) - 2)
        for partner, option in zip(voters, papers):
            ballot.cast_vote(partner, option)
        self.assertEqual(ballot.voted_count, len(voters), "everyone on the register voted")
        self.assertTrue(all(ballot.voter_ids.mapped("has_voted")))
        self.assertEqual(ballot.voter_ids.recorded_by_user_id, jo, "Jo recorded the votes")

        # 5. Jo closes and counts: yes wins, and the value is adopted by this ballot.
        ballot.action_close()
        self.assertEqual(ballot.state, "closed")
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids, yes)
        self.assertEqual(ballot.turnout, len(voters))
        self.assertEqual(value.state, "adopted", "closing the won ballot adopts the value")
        self.assertEqual(value.adopted_ballot_id, ballot, "the value says where it came from")
        self.assertEqual(value.date_adopted, today)
        self.assertEqual(value.group_id, self.board)

        # 6. Jo records a success against the value: Amy agreed to share her story,
        #    and it shows that the board listens (R4).
        story = self.env["coprod.value.record"].with_user(jo).create({
            "title": "Amy welcomed a new member with a cup of tea",
            "story": "Amy saw that Ryan was nervous at his first meeting. She sat with him, "
                     "made him a cup of tea and explained how the meeting works.",
            "value_ids": [Command.set(value.ids)],
            "partner_ids": [Command.set(amy.ids)],
            "consent_to_share": True,
            "quality_statement_ids": [Command.set(self.r4.ids)],
            "group_id": board.id,
        })
        self.assertEqual(story.date, today)
        self.assertTrue(story.shareable, "Amy agreed, so the story can be shared")
        self.assertIn(story, value.record_ids)
        self.assertEqual(value.record_count, 1)

        # 7. The board checks a policy (for R4): what it found, two recommendations.
        check = self.env["coprod.quality.check"].with_user(jo).create({
            "name": "Visiting policy",
            "check_type": "policy",
            "description": "The board read the visiting policy before it is renewed.",
            "group_id": board.id,
            "ladder_rung": "co_design",
            "quality_statement_ids": [Command.set(self.r4.ids)],
            "findings": "The visiting policy has no easy read version.",
            "easy_read_findings": "The policy is hard to read.",
            "recommendation_ids": [
                Command.create({"sequence": 10, "text": "Make an easy read visiting policy."}),
                Command.create({"sequence": 20, "text": "Let visitors come after 8pm."}),
            ],
        })
        self.assertEqual(check.state, "draft", "the board is still checking")
        self.assertEqual(check.date, today)
        easy_read, late_visits = check.recommendation_ids.sorted("sequence")

        # 8. Jo gives the board's recommendations to the company.
        check.action_report()
        self.assertEqual(check.state, "reported")
        self.assertEqual(check.unanswered_count, 2, "both wait for an answer")
        self.assertTrue(check.activity_ids.filtered(lambda a: a.user_id == jo),
                        "Jo has a to-do to get the answers")

        # 9. The answers: the first is accepted, with the action that carries it out;
        #    the second is not done, and the reason is given.
        easy_read.write({"answer": "accepted",
                         "answer_note": "We are writing it with the board."})
        opened = easy_read.action_add_action()
        action = self.env["coprod.action"].browse(opened["res_id"])
        self.assertEqual(action.recommendation_id, easy_read)
        self.assertEqual(action.quality_check_id, check)
        self.assertEqual(action.you_said, "Make an easy read visiting policy.",
                         "you said: the recommendation")
        self.assertEqual(action.group_id, self.board)
        self.assertEqual(action.quality_statement_ids, self.r4, "the action counts for R4 too")
        self.assertEqual(action.state, "open")
        late_visits.write({
            "answer": "not_done",
            "answer_note": "Night staff cannot open the door safely after 8pm.",
        })
        self.assertEqual(late_visits.answered_by_user_id, jo)
        self.assertEqual(check.unanswered_count, 0)

        # 10. Every recommendation has its answer: Jo closes the check.
        check.action_close()
        self.assertEqual(check.state, "closed")
        self.assertEqual(check.date_closed, today)
        self.assertFalse(check.activity_ids, "Jo's to-do is done")

        # 11. Helen, the director, prints the evidence pack for R4 over the last year.
        helen = self.director
        pack = self.env["coprod.evidence.pack"].with_user(helen).create({
            "quality_statement_ids": [Command.set(self.r4.ids)],
        })
        self.assertEqual(pack.date_to, today, "the pack runs to today by default")
        self.assertEqual(pack.date_from, today - relativedelta(years=1), "over the last year")
        sections = pack._pack_data()["sections"]
        self.assertEqual([s["statement"] for s in sections], [self.r4], "one section: R4")
        self.assertIn(story, sections[0]["records"])
        self.assertIn(check, sections[0]["checks"])
        self.assertIn(action, sections[0]["actions"])

        text = self._pdf_text("coprod.report_evidence_pack", pack, helen)
        # What the newcomer did is all there: the statement, ...
        self.assertPrinted("R4 Listening to and involving people", text)
        # ... the story, with its value and who it is about (one row of the table), ...
        self.assertPrinted(f"{story.title} {story.story} Being kind Amy Clarke", text,
                           "the story, its value and Amy")
        # ... the check, what the board found, each recommendation with its answer ...
        self.assertPrinted("Visiting policy (A policy, Shadow quality board", text, "the check")
        self.assertPrinted("What they found: The visiting policy has no easy read version.", text)
        self.assertPrinted("Make an easy read visiting policy. Accepted "
                           "We are writing it with the board.", text, "the first recommendation")
        self.assertPrinted("Let visitors come after 8pm. Not done "
                           "Night staff cannot open the door safely after 8pm.", text,
                           "the second recommendation, and why it was not done")
        # ... and the action that carries out the first: printed under "You said, we did"
        # (a row of its table: a PDF's table text mixes the lines of a row's cells, so
        # the row is read from the page's HTML) as well as under the check.
        html = etree.fromstring(self.env["ir.actions.report"].with_user(helen)._render_qweb_html(
            "coprod.report_evidence_pack", pack.ids)[0], etree.HTMLParser())
        rows = [" ".join(row.xpath("string(./td[1])").split())
                for row in html.xpath("//tr[contains(@class, 'o_coprod_action')]")]
        self.assertIn(action.you_said, rows, "the action is a row of the section's you said, we did")
        self.assertLess(_squash(text).index(_squash("Make an easy read")),
                        _squash(text).index(_squash("Quality checks")),
                        "printed in the section's you said, we did, before the checks")
        # And so is the demo board's own R4 evidence of the year.
        self.assertPrinted("Complaints policy (A policy, Shadow quality board", text,
                           "the demo's policy check")
        self.assertPrinted("Give a full answer to every complaint within 5 working days. "
                           "Not done We cannot promise a full answer in 5 working days", text)
        self.assertPrinted("Amy chaired the board on her own", text, "a consented demo story")
        self.assertPrinted("Priya helped to rewrite our feedback survey", text)
        self.assertNotPrinted("Chloe planned her birthday her way", text,
                              "Chloe has not agreed to share her story")

        # 12. And the easy-read "what we did" summary for the board.
        summary = self._pdf_text("coprod.report_evidence_summary", pack, helen)
        self.assertPrinted("What we did", summary)
        self.assertPrinted("We agreed our value: Being kind.", summary)
        self.assertPrinted("We checked: Visiting policy.", summary)
        self.assertPrinted("We agreed our value: Celebrating success.", summary,
                           "the demo's values were agreed this year too")

    # ------------------------------------------------------------
    # The same screens in a browser
    # ------------------------------------------------------------

    def test_values_tour(self):
        """Jo finds the values, sees where one came from, records a story for it,
        opens the leaflet check waiting for answers, and opens the evidence pack."""
        celebrating = self.env.ref("coprod.value_celebrating_success_demo")
        self.assertEqual(
            self.env["coprod.value"].search([("state", "=", "adopted")]).mapped("name"),
            list(DEMO_VALUES), "the tour expects the six demo values, in order")
        self.assertFalse(self.env["coprod.value.record"].search([("title", "=", TOUR_STORY)]))

        self._warm_up_server()
        self.start_tour("/odoo", "coprod_values_tour", login="facilitator")

        self.env.invalidate_all()
        story = self.env["coprod.value.record"].search([("title", "=", TOUR_STORY)])
        self.assertEqual(len(story), 1, "the tour saved one story")
        self.assertEqual(story.value_ids, celebrating)
        self.assertEqual(story.group_id, self.board)
        self.assertEqual(story.create_uid, self.facilitator)
        self.assertEqual(story.date, fields.Date.context_today(story))
        self.assertIn("garden party", story.story or "")
        self.assertIn(story, celebrating.record_ids)
