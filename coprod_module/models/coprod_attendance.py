import base64
import io
import re
import struct
import zlib

import lxml.html

from odoo import _, api, fields, models
from odoo.tools import frozendict
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from .coprod_membership import PERSON_KINDS


def _white_png(width, height):
    """A white RGB PNG of width x height pixels."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = (b"\x00" + b"\xff" * 3 * width) * height
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# Marks where each record's pages start in a PDF of several records (see
# _render_papers_in_one_pass): a white picture of a size no picture on a paper has,
# drawn at that size on the white page. A picture with no words in an untagged PDF is
# not read out by screen readers, nor copied or found with the paper's text, as text
# would be.
PAPER_MARKER_SIZE = (7, 3)
PAPER_MARKER_SRC = "data:image/png;base64," + base64.b64encode(_white_png(*PAPER_MARKER_SIZE)).decode()
# an XObject drawn by a page's content stream: /Name Do
PDF_DRAWN_XOBJECT = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+Do\b")
# The context key giving the invitation template each person's paper, as a frozendict
# {attendance id: ir.attachment id} (see _process_attachments_for_template_post).
INVITATION_PAPERS_CONTEXT = "coprod_invitation_papers"


class CoprodAttendance(models.Model):
    """One row of a meeting's register: invitation, answer and attendance."""

    _name = "coprod.attendance"
    _inherit = ["coprod.meeting.part", "coprod.search.checked"]
    _description = "Meeting attendance"
    _meeting_part_field = "attendance_ids"
    _order = "meeting_id, partner_id"
    _rec_name = "partner_id"

    meeting_start = fields.Datetime(related="meeting_id.start")
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="restrict",
        check_company=True,
    )
    membership_id = fields.Many2one(
        "coprod.membership", index="btree_not_null", ondelete="set null", check_company=True,
    )
    role = fields.Selection(related="membership_id.role")
    person_kind = fields.Selection(
        PERSON_KINDS, string="Kind of person", compute="_compute_person_kind",
        store=True, precompute=True, index=True,
    )
    supporter_partner_id = fields.Many2one(related="membership_id.supporter_partner_id")
    supporter_consent = fields.Boolean(related="membership_id.supporter_consent")
    needs_flag = fields.Boolean(
        related="partner_id.coprod_needs_flag", string="Needs",
        groups="coprod.group_coprod_officer",
        help="This person has communication needs: see their contact form.",
    )
    document_format = fields.Selection(
        [("standard", "Standard print"), ("easy_read", "Easy read"), ("large_print", "Large print")],
        string="Papers in", readonly=True, groups="coprod.group_coprod_officer",
        help="The format of the invitation sent to this person, chosen from their needs.",
    )
    partner_email = fields.Char(related="partner_id.email")
    partner_phone = fields.Char(related="partner_id.phone")
    response = fields.Selection(
        [
            ("no_answer", "No answer yet"),
            ("accepted", "Coming"),
            ("declined", "Not coming"),
        ],
        default="no_answer",
        required=True,
        help="What the person said when invited.",
    )
    status = fields.Selection(
        [
            ("expected", "Expected"),
            ("attended", "Came"),
            ("apologies", "Sent apologies"),
            ("absent", "Did not come"),
        ],
        default="expected",
        required=True,
        help="Recorded on the day.",
    )
    needs_met = fields.Boolean(
        string="Needs met",
        help="Were this person's communication needs met at the meeting?",
    )
    invitation_sent = fields.Boolean(
        string="Invited", help="The invitation reached this person."
    )
    invitation_channel = fields.Selection(
        [("email", "Email"), ("other", "Another way")],
        string="Invited by",
        readonly=True,
    )
    date_invitation = fields.Datetime(string="Invited on", readonly=True)
    invitation_way = fields.Char(
        string="How to invite", compute="_compute_invitation_way",
        groups="coprod.group_coprod_officer",
        help="Email, or the way the person asked to be contacted (their communication "
        "needs): the facilitator invites them that way and ticks Invited.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "partner_meeting_uniq",
            "unique(meeting_id, partner_id)",
            "A person appears once on a meeting's register.",
        ),
    ]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_accept(self):
        self.write({"response": "accepted"})
        return True

    def action_decline(self):
        self.write({"response": "declined"})
        return True

    def action_attended(self):
        self.write({"status": "attended"})
        return True

    def action_apologies(self):
        self.write({"status": "apologies"})
        return True

    def action_absent(self):
        self.write({"status": "absent"})
        return True

    @api.depends("membership_id.person_kind")
    def _compute_person_kind(self):
        for attendance in self:
            attendance.person_kind = attendance.membership_id.person_kind or "other"

    # ------------------------------------------------------------
    # INVITATION PAPERS
    # ------------------------------------------------------------

    def _invitation_recipients(self):
        """Who gets this person's invitation by email: the person, unless they asked
        to be contacted another way (by letter, by phone), and their supporter where
        the person agreed; only those with an email address."""
        self.ensure_one()
        people = self.partner_id if self.partner_id._coprod_email_allowed() else self.partner_id.browse()
        # The supporter's address is checked on the supporter as read from the row, not
        # on a recordset joined to the person: there Odoo reads it for this row alone,
        # one query per row on a register of hundreds (here with everyone's at once).
        supporter = self.supporter_partner_id
        if self.supporter_consent and supporter and supporter._coprod_email_valid():
            people |= supporter
        return people

    def _invitation_other_way(self):
        """How the facilitator reaches this person when the email does not: the
        ways they asked to be contacted (their names), "No email address" (or "Email
        address not valid"), or "" when the email reaches them (theirs, or their
        supporter's for them)."""
        self.ensure_one()
        partner = self.partner_id
        recipients = self._invitation_recipients()
        if partner in recipients:
            return ""
        ways = partner._coprod_contact_methods().filtered(lambda n: n.code != "contact_email")
        if recipients:  # their supporter gets it for them
            ways = ways.filtered(lambda n: n.code != "contact_via_supporter")
            if not ways:
                return ""
        if ways:
            return ", ".join(ways.mapped("name"))
        if partner.email and not partner._coprod_email_valid():
            return _("Email address not valid")
        return _("No email address")

    @api.depends("partner_id.email", "partner_id.coprod_need_ids", "supporter_consent",
                 "supporter_partner_id.email")
    def _compute_invitation_way(self):
        for row in self:
            row.invitation_way = row._invitation_other_way() or _("Email")

    def _invitation_partner_to(self):
        """The mail template's recipients, as its partner_to field wants them."""
        return ",".join(str(partner.id) for partner in self._invitation_recipients())

    def _prepare_invitation_papers(self):
        """Choose each person's format from their needs, and render everyone's
        invitation PDF: one rendering pass per format, not one per person.

        Returns {attendance id: ir.attachment}.
        """
        formats = {}
        for row in self:
            document_format = row.partner_id._coprod_document_format(row.group_id)
            formats.setdefault(document_format, self.browse())
            formats[document_format] |= row
        attachments = {}
        for document_format, rows in formats.items():
            rows.write({"document_format": document_format})
            attachments.update(rows._render_invitation_papers(document_format))
        return attachments

    def _render_invitation_papers(self, document_format):
        """Render the invitations of these rows in one pass and keep each as an
        attachment of its register row. Returns {attendance id: ir.attachment}."""
        if not self:
            return {}
        papers = self._render_papers_in_one_pass(
            "coprod.action_report_invitation", {"coprod_format": document_format})
        attachments = self.env["ir.attachment"].sudo().create([
            {
                "name": _("Invitation for %(name)s.pdf", name=row.partner_id.name),
                "raw": papers[row.id],
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": row.id,
            }
            for row in self
        ])
        return dict(zip(self.ids, attachments))

    def _render_papers_in_one_pass(self, report_ref, data):
        """Everyone's paper from ONE QWeb rendering and ONE wkhtmltopdf run, split
        into one PDF per record. Returns {record id: PDF bytes}.

        Odoo renders several records as several input documents, which the
        wkhtmltopdf of Linux distributions (built on an unpatched Qt) refuses. Here
        the records' articles become one document, each starting on a new page with
        a tiny white picture in its heading; the pages are then split where the
        pictures are, in the articles' order.
        Should the pictures not be found, one per record, the papers are rendered
        one by one.
        """
        pdf, order = self._render_papers_as_one_pdf(report_ref, data)
        papers = self._split_papers(pdf, order) if pdf else {}
        if set(papers) != set(self.ids):
            Report = self.env["ir.actions.report"].with_context(debug=False)
            papers = {
                row.id: Report._render_qweb_pdf(report_ref, row.ids, data=dict(data))[0]
                for row in self
            }
        return papers

    def _render_papers_as_one_pdf(self, report_ref, data):
        """The papers of these records as one PDF, each starting on a new page with
        a marker picture: (PDF bytes, their record ids in order), or (None, []) if
        the rendering has no article per record."""
        Report = self.env["ir.actions.report"].with_context(debug=False)
        report = Report._get_report(report_ref)
        html = Report._render_qweb_html(report_ref, self.ids, data=dict(data, report_type="pdf"))[0]
        root = lxml.html.fromstring(html)
        articles = root.xpath(
            "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]")
        order = [int(node.get("data-oe-id") or 0) for node in articles]
        if not articles or not all(order) or len(set(order)) != len(order):
            return None, []
        combined = lxml.html.Element("div", {"class": "article", "data-oe-model": self._name})
        articles[0].addprevious(combined)
        for index, node in enumerate(articles):
            node.getparent().remove(node)
            classes = node.get("class", "").split()
            node.set("class", " ".join("o_coprod_paper" if c == "article" else c for c in classes))
            # in the heading: wkhtmltopdf leaves out what is placed before the page
            # at its own size (a wkhtmltopdf on patched Qt shrinks pictures drawn
            # smaller than their pixels), out of the heading's flow
            marker = lxml.html.Element("img", {
                "src": PAPER_MARKER_SRC, "alt": "",
                "style": "position: absolute; width: %dpx; height: %dpx; border: 0; "
                         "margin: 0; padding: 0;" % PAPER_MARKER_SIZE})
            (node.xpath(".//h1") or [node])[0].insert(0, marker)
            page = lxml.html.Element("div", style="page-break-before: always;" if index else "")
            page.append(node)
            combined.append(page)
        bodies, _ids, header, footer, args = report._prepare_html(
            lxml.html.tostring(root, encoding="unicode"), report_model=self._name)
        pdf = Report._run_wkhtmltopdf(
            bodies, report_ref=report_ref, header=header, footer=footer,
            specific_paperformat_args=args)
        return pdf, order

    @api.model
    def _split_papers(self, pdf, record_ids):
        """Split a PDF whose papers each start on a page with a marker picture:
        {record id: PDF bytes}, the papers being those of record_ids in order; {} if
        the markers are not one per record, the first on the first page."""
        reader = PdfFileReader(io.BytesIO(pdf))
        starts = [n for n, page in enumerate(reader.pages) if self._page_has_marker(page)]
        if len(starts) != len(record_ids) or starts[:1] != [0]:
            return {}
        papers = {}
        for record_id, start, end in zip(record_ids, starts, starts[1:] + [len(reader.pages)]):
            writer = PdfFileWriter()
            for page in reader.pages[start:end]:
                writer.add_page(page)
            stream = io.BytesIO()
            writer.write(stream)
            papers[record_id] = stream.getvalue()
        return papers

    @api.model
    def _page_has_marker(self, page):
        """Whether the page draws a picture of the marker's size."""
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        contents = page.get_contents()
        if xobjects is None or contents is None:
            return False
        xobjects = xobjects.get_object()
        for name in set(PDF_DRAWN_XOBJECT.findall(contents.get_data())):
            xobject = xobjects.get("/" + name.decode("latin-1"))
            xobject = xobject.get_object() if xobject is not None else None
            if (xobject is not None and xobject.get("/Subtype") == "/Image"
                    and (xobject.get("/Width"), xobject.get("/Height")) == PAPER_MARKER_SIZE):
                return True
        return False

    @api.model
    def _invitation_papers_context(self, papers):
        """The context that gives the invitation template each person's paper
        ({attendance id: ir.attachment}, as _prepare_invitation_papers returns)."""
        return {INVITATION_PAPERS_CONTEXT: frozendict(
            (row_id, paper.id) for row_id, paper in papers.items())}

    def _process_attachments_for_template_post(self, mail_template):
        """Odoo's hook for a template's attachments, record by record (see
        mail.template._generate_template_attachments): each person's invitation PDF,
        given in the context (see _invitation_papers_context) by
        coprod.meeting.action_send_invitations, goes with their email.

        The paper is then in the values the emails are created with, so Odoo links
        the emails it creates at once to their papers in one INSERT, not with one write
        (one query) per email. The paper stays an attachment of its register row (it
        is not moved to the email), the record the email is about.
        """
        papers = self.env.context.get(INVITATION_PAPERS_CONTEXT) or {}
        if not papers:
            return {}
        return {
            row_id: {"attachment_ids": [papers[row_id]]}
            for row_id in self.ids
            if row_id in papers
        }
