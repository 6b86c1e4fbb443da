"""The easy-read papers issue is done when, on the demo data, the facilitator sends
the invitations of the board's next meeting and every paper comes out right, as
printed: each person's invitation in the format their needs ask for, one PDF an
email, with their name, the date as people say it and the agenda, in big enough
letters; needs a paper cannot meet become "Support to arrange" activities; and the
other papers (agenda, meeting summary, ballot paper, ballot result, the values and
"you said, we did" posters) print their key words.

It runs as the demo facilitator, Jo Bennett (login ``facilitator``). It is an HttpCase
so that wkhtmltopdf fetches the report's CSS from the test server: without it the
papers are laid out in the browser's default small font. The PDFs are read back with
poppler's pdftotext, their words and, with ``-bbox``, the size of their letters.
"""
import html as html_lib
import os
import re
import shutil
import statistics
import subprocess
import tempfile

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged

# pdftotext -bbox gives each word's box: for DejaVu Sans (the papers' font) the box is
# ascent + descent = 0.928 + 0.236 = 1.164 em high.
DEJAVU_BOX_EM = 1.164
WORD_BOX = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
# Font Awesome's pictures are letters of the Private Use Area: not words.
PICTURE_LETTER = re.compile("[\ue000-\uf8ff]")


def _squash(text):
    """Text without any white space: a PDF breaks lines wherever a cell or the
    page ends, so words are compared with no spaces or line ends at all."""
    return re.sub(r"\s+", "", text)


def _has_class(name):
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


ROW_WORDS = f"//div[{_has_class('o_coprod_row')}]/div[{_has_class('o_coprod_words')}]"


class PrintedPdf:
    """Reading printed PDFs back (mixed into HttpCase classes): their words with
    poppler's pdftotext, their page count with pdfinfo."""

    def _warm_up_server(self):
        """One request for a static file first, on its own: the server reads every
        addon's manifest on its first request for a static file. wkhtmltopdf asks for
        several files at once, and on Python 3.11.7 parsing manifests in parallel
        threads can fail ("SystemError: AST constructor recursion depth mismatch"):
        the report's CSS is then missing, and the PDF is laid out without it."""
        self.url_open("/web/static/img/favicon.ico").raise_for_status()

    def _pdftotext(self, pdf, *args):
        self.assertTrue(pdf.startswith(b"%PDF"), "a real PDF")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "paper.pdf")
            with open(path, "wb") as file:
                file.write(pdf)
            return subprocess.run(["pdftotext", *args, path, "-"], capture_output=True,
                                  check=True, text=True).stdout

    def _text(self, pdf):
        # -raw: the words in the order they are printed, so that a row's lines stay
        # together instead of mixing with the picture's column.
        return self._pdftotext(pdf, "-raw")

    def _pages(self, pdf):
        info = self._pdfinfo(pdf)
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    def _pdfinfo(self, pdf):
        self.assertTrue(pdf.startswith(b"%PDF"), f"a real PDF, not {pdf[:40]!r}")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "paper.pdf")
            with open(path, "wb") as file:
                file.write(pdf)
            done = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
            return done.stdout


@tagged("-at_install", "post_install")
class TestEasyReadWalkthrough(PrintedPdf, HttpCase):
    """The facilitator sends the invitations of the demo board's next meeting, and
    prints the board's other easy-read papers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.board = ref("coprod.coprod_group_quality_board_demo", raise_if_not_found=False)
        cls.facilitator = ref("coprod.user_facilitator_demo", raise_if_not_found=False)
        cls.meeting = ref("coprod.meeting_quality_board_4_demo", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not (self.board and self.facilitator and self.meeting):
            self.skipTest("coprod was installed without demo data")
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _body_size(self, pdf):
        """The size, in points, of the body text of the first page as printed: the
        median height of its words' boxes, over DejaVu Sans's box height. Pictures
        (Font Awesome letters) are left out."""
        sizes = []
        boxes = self._pdftotext(pdf, "-bbox", "-f", "1", "-l", "1")
        for _x0, y0, _x1, y1, word in WORD_BOX.findall(boxes):
            if not word.strip() or PICTURE_LETTER.search(word):
                continue
            sizes.append((float(y1) - float(y0)) / DEJAVU_BOX_EM)
        self.assertGreater(len(sizes), 20, "the first page has words")
        return statistics.median(sizes)

    def _pdf(self, report_name, records, user=None):
        """A report rendered to PDF by wkhtmltopdf, as ``user`` (Jo by default)."""
        self._warm_up_server()
        pdf, kind = self.env["ir.actions.report"].with_user(user or self.facilitator).with_context(
            force_report_rendering=True)._render_qweb_pdf(report_name, records.ids)
        self.assertEqual(kind, "pdf")
        return pdf

    def assertPrinted(self, words, text, msg=None):  # noqa: N802 (unittest style)
        self.assertIn(_squash(words), _squash(text), msg or f"{words!r} is printed")

    def _send_invitations(self):
        """Jo opens the board's next meeting and sends its invitations."""
        jo = self.facilitator
        board = self.board.with_user(jo)
        meeting = board.next_meeting_id
        self.assertEqual(meeting, self.meeting, "the demo board's next meeting")
        self.assertEqual(meeting.state, "scheduled", "its agenda and register are fixed")
        self.assertFalse(meeting.invitations_sent)
        self._warm_up_server()
        meeting.action_send_invitations()
        self.assertTrue(meeting.invitations_sent)
        return meeting

    def _mails(self, rows):
        return self.env["mail.mail"].search([
            ("model", "=", "coprod.attendance"), ("res_id", "in", rows.ids)])

    # ------------------------------------------------------------
    # The invitations
    # ------------------------------------------------------------

    def test_facilitator_sends_the_invitations(self):
        ref = self.env.ref
        meeting = self._send_invitations()
        rows = self.meeting.attendance_ids
        self.assertTrue(rows)
        group = self.board
        accepted = self.meeting.agenda_item_ids.filtered(lambda i: i.state == "accepted")
        self.assertGreaterEqual(len(accepted), 4, "the demo agenda")

        # 1. Each row's papers are in the format the person's needs ask for: large
        #    print for Chloe; easy read for everyone else on this board of people
        #    supported, whether their needs ask for it or they have none.
        large_print_need = ref("coprod.coprod_need_large_print")
        formats = {row.partner_id.name: row.document_format for row in rows}
        expected = {
            row.partner_id.name: "large_print" if large_print_need in row.partner_id.coprod_need_ids
            else "easy_read"
            for row in rows
        }
        self.assertEqual(formats, expected)
        chloe, amy, fatima = (ref(f"coprod.partner_{name}_demo")
                              for name in ("chloe", "amy", "fatima"))
        self.assertEqual(formats[chloe.name], "large_print", "Chloe asked for large print")
        self.assertEqual(formats[amy.name], "easy_read", "Amy asked for easy read")
        self.assertEqual(formats[fatima.name], "easy_read", "Fatima has no need: easy read")

        # 2. Everyone with an email address, or a supporter who gets it for them (Daniel
        # agreed that Sam does), gets one email with one PDF: their paper.
        by_email = rows.filtered(lambda r: r.partner_id.email or (
            r.supporter_consent and r.supporter_partner_id.email))
        self.assertTrue(rows - by_email, "some demo people have no email address")
        mails = self._mails(rows)
        self.assertEqual(sorted(mails.mapped("res_id")), sorted(by_email.ids),
                         "one email a person with an email address or a supporter's")
        papers = {}
        for mail in mails:
            row = rows.browse(mail.res_id)
            with self.subTest(person=row.partner_id.name):
                self.assertIn(row.partner_id if row.partner_id.email else row.supporter_partner_id,
                              mail.recipient_ids)
                self.assertEqual(len(mail.attachment_ids), 1, "exactly one attachment")
                self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
                self.assertIn(row.partner_id.name, mail.attachment_ids.name)
                papers[row] = mail.attachment_ids.raw
        # People without an email address have their paper on their row, to print.
        for row in rows - by_email:
            attachment = self.env["ir.attachment"].search([
                ("res_model", "=", "coprod.attendance"), ("res_id", "=", row.id),
                ("mimetype", "=", "application/pdf")])
            self.assertEqual(len(attachment), 1, f"{row.partner_id.name}'s paper, to print")
            papers[row] = attachment.raw
        self.assertEqual(set(papers), set(rows))

        # 3. The papers say who, when and what: the person's name, the date as people
        #    say it, and every item on the agenda.
        owen, priya = ref("coprod.partner_owen_demo"), ref("coprod.partner_priya_demo")
        Words = self.env["coprod.easy.read"]
        read = {}
        for person in (amy, chloe, fatima, owen, priya):
            row = rows.filtered(lambda r, p=person: r.partner_id == p)
            text = read[person] = self._text(papers[row])
            with self.subTest(person=person.name):
                when = " ".join(Words._say_when(meeting.start, meeting.stop, person, group).split())
                self.assertTrue(when)
                self.assertPrinted(f"Hello {person.name}", text)
                self.assertPrinted(when, text, f"the date as people say it: {when!r}")
                for item in accepted:
                    self.assertPrinted(item.title, text)
                for other in (amy | chloe | fatima | owen | priya) - person:
                    self.assertNotIn(_squash(f"Hello {other.name}"), _squash(text),
                                     "each PDF holds one person's paper, theirs")
        self.assertPrinted("British Sign Language interpreter", read[owen])

        # 4. Big enough letters, as printed: easy read 16pt or more (18pt asked for),
        #    large print 24pt or more.
        chloe_row = rows.filtered(lambda r: r.partner_id == chloe)
        large = self._body_size(papers[chloe_row])
        easy = self._body_size(papers[rows.filtered(lambda r: r.partner_id == amy)])
        self.assertGreaterEqual(easy, 16, f"easy read body text is {easy:.1f}pt")
        self.assertGreaterEqual(large, 24, f"large print body text is {large:.1f}pt")
        self.assertGreater(large, easy + 4, "large print is larger")

        # 5. Needs a paper cannot meet become activities for Jo on the meeting.
        support = self.meeting.support_activity_ids
        to_arrange = rows.partner_id.filtered(lambda p: p._coprod_needs_to_arrange())
        daniel = ref("coprod.partner_daniel_demo")
        self.assertIn(owen, to_arrange)
        self.assertIn(daniel, to_arrange)
        self.assertEqual(len(support), len(to_arrange), "one activity a person")
        self.assertEqual(support.user_id, self.facilitator, "Jo arranges them")
        self.assertEqual(support.activity_type_id, ref("coprod.mail_activity_type_arrange_support"))
        self.assertEqual(self.meeting._fields["support_activity_ids"].string, "Support to arrange",
                         "listed on the meeting's Support tab")
        summaries = "\n".join(support.mapped("summary"))
        self.assertIn(owen.name, summaries)
        self.assertIn(daniel.name, summaries)
        self.assertNotIn("Sign Language", summaries,
                         "needs are personal: the activities name the person only")
        # Jo, an officer, sees what to arrange.
        to_do = self.meeting.with_user(self.facilitator).support_needs
        self.assertIn(f"{owen.name}: British Sign Language interpreter", to_do)
        self.assertIn("A named supporter at meetings", to_do)
        # Jo sees them as herself.
        self.assertEqual(self.meeting.with_user(self.facilitator).support_activity_ids, support)

    def test_supporter_with_consent_gets_a_copy(self):
        consented = self.meeting.attendance_ids.filtered(
            lambda r: r.supporter_consent and r.supporter_partner_id)
        if not consented:
            self.skipTest("no demo membership of the board has supporter_consent: "
                          "nobody's supporter gets a copy")
        self._send_invitations()
        for row in consented:
            mail = self._mails(row)
            self.assertEqual(len(mail), 1)
            self.assertIn(row.supporter_partner_id, mail.recipient_ids,
                          f"{row.supporter_partner_id.name} gets a copy")

    def test_one_pass_gives_each_person_their_own_paper(self):
        """The invitations of a meeting are printed in one pass and cut into one
        paper a person: each paper reads word for word as the same paper printed on
        its own, and what marks where papers start adds no word to them (a screen
        reader would read it out)."""
        self._warm_up_server()
        rows = self.meeting.attendance_ids.filtered(
            lambda r: r.partner_id._coprod_document_format(r.group_id) == "easy_read")
        self.assertGreaterEqual(len(rows), 3)
        # (Odoo's tests print HTML unless asked for a PDF)
        Report = self.env["ir.actions.report"].with_context(debug=False, force_report_rendering=True)
        data = {"coprod_format": "easy_read"}
        pdf, order = Report._coprod_render_as_one_pdf("coprod.action_report_invitation", rows.ids, data)
        self.assertEqual(sorted(order), sorted(rows.ids))
        papers = Report._coprod_split_papers(pdf, order)
        self.assertEqual(set(papers), set(rows.ids), "cut into one paper a person, not printed again one by one")
        alone_pages = 0
        for row in rows:
            with self.subTest(person=row.partner_id.name):
                alone = Report._render_qweb_pdf("coprod.action_report_invitation", row.ids, data=dict(data))[0]
                alone_pages += self._pages(alone)
                self.assertEqual(self._text(papers[row.id]), self._text(alone),
                                 "the same words as the paper printed alone")
                self.assertPrinted(f"Hello {row.partner_id.name}", self._text(papers[row.id]))
        self.assertEqual(self._pages(pdf), alone_pages, "no page lost or added")

    # ------------------------------------------------------------
    # The other papers
    # ------------------------------------------------------------

    def test_other_papers_print(self):
        ref = self.env.ref
        board = self.board

        # The agenda of the next meeting: every item on it.
        text = self._text(self._pdf("coprod.report_agenda", self.meeting))
        self.assertPrinted("Agenda", text)
        for item in self.meeting.agenda_item_ids.filtered(lambda i: i.state == "accepted"):
            self.assertPrinted(item.title, text)

        # The summary of the last meeting whose minutes were approved.
        past = self.env["coprod.meeting"].search(
            [("group_id", "=", board.id), ("state", "=", "done")], order="start desc", limit=1)
        self.assertTrue(past, "the demo has approved minutes")
        text = self._text(self._pdf("coprod.report_meeting_summary", past))
        self.assertPrinted("What happened at our meeting", text)
        for item in past.agenda_item_ids.filtered(lambda i: i.state == "discussed"):
            self.assertPrinted(item.title, text)
        for decision in past.decision_ids:
            self.assertPrinted(decision.easy_read_text or decision.text, text)

        # The co-chair election's ballot paper: the question and the candidates.
        election = ref("coprod.ballot_quality_board_co_chair_demo")
        text = self._text(self._pdf("coprod.report_ballot_paper", election))
        self.assertPrinted("Ballot paper", text)
        self.assertPrinted(election.easy_read_question, text, "the question")
        self.assertPrinted("Write 1 in the box by your first choice.", text)
        for option in election.option_ids:
            self.assertPrinted(option.display_name, text)

        # The values ballot's result: what we voted about, and the values adopted.
        values_ballot = ref("coprod.ballot_quality_board_values_demo")
        self.assertEqual(values_ballot.state, "closed")
        text = self._text(self._pdf("coprod.report_ballot_result", values_ballot))
        self.assertPrinted("We voted about:", text)
        self.assertPrinted(values_ballot.easy_read_question, text)
        self.assertPrinted(f"{values_ballot.turnout} people voted.", text)
        self.assertPrinted("The answer is: Yes", text)
        for value in values_ballot.value_ids:
            self.assertPrinted(f"{value.name} is now one of our values.", text)

        # The values poster of the adopted values.
        values = self.env["coprod.value"].search(
            [("group_id", "=", board.id), ("state", "=", "adopted")])
        self.assertEqual(len(values), 6, "the six demo values")
        text = self._text(self._pdf("coprod.report_values_poster", values))
        self.assertPrinted("Our values", text)
        for value in values:
            self.assertPrinted(value.name, text)

        # The "you said, we did" poster of the done actions.
        done = self.env["coprod.action"].search(
            [("group_id", "=", board.id), ("state", "=", "done")])
        self.assertTrue(done)
        pdf = self._pdf("coprod.report_you_said_we_did", done)
        text = self._text(pdf)
        self.assertPrinted("You said, we did", text)
        self.assertGreaterEqual(_squash(text).count(_squash("You said:")), min(len(done), 3),
                                "a row for each action")
        first = done.sorted(lambda a: a.id)[:1]
        self.assertPrinted(first.you_said, text)
        self.assertPrinted(first.we_did, text)
        # A poster is read from across a room: bigger than an easy-read paper.
        self.assertGreaterEqual(self._body_size(pdf), 18)

    # ------------------------------------------------------------
    # Rows stay whole
    # ------------------------------------------------------------

    def _printed_pages(self, pdf):
        """Each page's words in the order they are printed, with their top and
        height: [[(word, top, height), ...], ...] (no white space, no pictures)."""
        pages = []
        for number in range(1, self._pages(pdf) + 1):
            boxes = self._pdftotext(pdf, "-bbox", "-raw", "-f", str(number), "-l", str(number))
            words = []
            for _x0, y0, _x1, y1, word in WORD_BOX.findall(boxes):
                word = _squash(PICTURE_LETTER.sub("", html_lib.unescape(word)))
                if word:
                    words.append((word, float(y0), float(y1) - float(y0)))
            pages.append(words)
        return pages

    def _find_printed(self, pages, text):
        """The page number and the printed words of ``text`` when it is printed
        whole on one page, else (None, [])."""
        text = _squash(text)
        for number, words in enumerate(pages, 1):
            start = "".join(word for word, _top, _height in words).find(text)
            if start < 0:
                continue
            found, position = [], 0
            for word in words:
                if start <= position < start + len(text):
                    found.append(word)
                position += len(word[0])
            return number, found
        return None, []

    def _long_answer(self, sentences):
        """A done action of the board, asked and answered in that many sentences."""
        return self.env["coprod.action"].create({
            "group_id": self.board.id,
            "you_said": "\n".join(f"Point {n}: the garden gate is hard to open with one hand."
                                  for n in range(1, sentences + 1)),
            "owner_partner_id": self.facilitator.partner_id.id,
            "date_due": "2026-01-31", "state": "done", "date_done": "2026-01-10",
            "we_did": "\n".join(f"Step {n}: we asked the builder, and they fitted a new latch."
                                for n in range(1, sentences + 1)),
        })

    def test_rows_stay_whole_on_a_page(self):
        """As printed by wkhtmltopdf: no page break inside a row, no blank gap
        between the lines of a row, and every heading on the page of its first row.
        The papers: the board's "you said, we did" poster (every action) and a large
        print meeting summary, many pages each, with long rows."""
        actions = self.env["coprod.action"].search([("group_id", "=", self.board.id)])
        summary = self.env.ref("coprod.meeting_quality_board_3_demo")
        # A long answer on the large print poster: what was asked and what was done
        # take half a page each (one row for both was nearly a page tall, and split).
        long_answer = self._long_answer(4)
        for report_name, records in (("coprod.report_you_said_we_did", actions),
                                     ("coprod.report_meeting_summary_large", summary),
                                     ("coprod.report_you_said_we_did_large", long_answer | actions)):
            with self.subTest(report=report_name):
                pages = self._printed_pages(self._pdf(report_name, records))
                self.assertGreater(len(pages), 2, "a paper of several pages")
                html, _kind = self.env["ir.actions.report"].with_user(self.facilitator)._render_qweb_html(
                    report_name, records.ids)
                root = lxml_html.fromstring(html)
                rows = root.xpath(ROW_WORDS)
                self.assertGreater(len(rows), 8)
                for row in rows:
                    said = " ".join(row.text_content().split())
                    number, words = self._find_printed(pages, said)
                    self.assertTrue(number, f"a row split across pages: {said[:60]!r}")
                    # The lines of a row follow each other, 1.5 times the size of
                    # their letters apart: no blank gap.
                    size = statistics.median(height for _word, _top, height in words) / DEJAVU_BOX_EM
                    tops = sorted({round(top) for _word, top, _height in words})
                    widest = max((b - a for a, b in zip(tops, tops[1:])), default=0)
                    self.assertLess(widest, 2.2 * size, f"a gap inside a row: {said[:60]!r}")
                for heading in root.xpath("//h2"):
                    first_row = heading.xpath(f"following::div[{_has_class('o_coprod_row')}][1]"
                                              f"/div[{_has_class('o_coprod_words')}]")
                    self.assertTrue(first_row)
                    number, _words = self._find_printed(
                        pages, heading.text_content() + first_row[0].text_content())
                    self.assertTrue(number, f"the heading {heading.text_content()!r} is not on the "
                                            f"page of its first row")

    def test_what_belongs_together_is_printed_together(self):
        """As printed by wkhtmltopdf: Chloe's large print invitation says when and
        where on its first page, before what the group is; every invitation asks
        "Can you come?" on the page that says how to tell Jo; on the "you said, we
        did" posters, each short answer's "You said" is on the page of its "We did"."""
        rows = self.meeting.attendance_ids
        chloe = self.env.ref("coprod.partner_chloe_demo")
        jo = self.facilitator.partner_id
        self.assertTrue(jo.email)
        for row in rows:
            with self.subTest(person=row.partner_id.name):
                pages = self._printed_pages(self._pdf("coprod.report_invitation", row))
                asked, _words = self._find_printed(pages, "Can you come?")
                told, _words = self._find_printed(pages, f"Email {jo.name}:")
                self.assertTrue(asked and told)
                self.assertEqual(asked, told, "the question and who to tell are on one page")
                if row.partner_id == chloe:
                    self.assertEqual(row.partner_id._coprod_document_format(row.group_id), "large_print")
                    self.assertEqual(self._find_printed(pages, "When:")[0], 1, "when, on the first page")
                    self.assertEqual(self._find_printed(pages, "Where:")[0], 1, "where, on the first page")

        actions = self.env["coprod.action"].search([("group_id", "=", self.board.id)])
        for report_name, paper_format in (("coprod.report_you_said_we_did", None),
                                          ("coprod.report_you_said_we_did_large", "large_print")):
            pages = self._printed_pages(self._pdf(report_name, actions))
            short = actions.filtered(lambda a, f=paper_format: a._said_and_done_fit_together(f)
                                     and a.state != "cancelled")
            self.assertGreater(len(short), 3)
            for action in short:
                with self.subTest(report=report_name, action=action.name):
                    # what was asked, then the first line of what was done, on one page
                    said = " ".join(action.you_said.split())
                    done = (action.we_did or "We are still working on this.").strip().splitlines()[0]
                    number, _words = self._find_printed(pages, f"You said: {said} We did: {done}")
                    self.assertTrue(number, "'You said' and its 'We did' on one page")

    def test_a_row_taller_than_a_page_breaks_between_sentences(self):
        """What was asked, in large print, longer than a page: the page breaks between
        two sentences, never inside one, and "We did:" is on the page of the first
        thing done."""
        action = self._long_answer(11)
        pages = self._printed_pages(self._pdf("coprod.report_you_said_we_did_large", action))
        for first, second in (("Point 1", "Point 11"), ("Step 1", "Step 11")):
            start, _words = self._find_printed(pages, f"{first}:")
            end, _words = self._find_printed(pages, f"{second}:")
            self.assertLess(start, end, "each of the two rows is longer than a page")
        for n in range(1, 12):
            for sentence in (f"Point {n}: the garden gate is hard to open with one hand.",
                             f"Step {n}: we asked the builder, and they fitted a new latch."):
                number, _words = self._find_printed(pages, sentence)
                self.assertTrue(number, f"a sentence split across pages: {sentence!r}")
        number, _words = self._find_printed(pages, "We did: Step 1: we asked the builder")
        self.assertTrue(number, "'We did:' is alone at the foot of a page")
