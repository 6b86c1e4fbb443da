from odoo import _, api, fields, models
from odoo.tools import frozendict

from .coprod_membership import PERSON_KINDS

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
    # The register's contact details and notes are the facilitators' (a note often says
    # why someone could not come: health, family); members see who comes, not these.
    partner_email = fields.Char(related="partner_id.email", groups="coprod.group_coprod_officer")
    partner_phone = fields.Char(related="partner_id.phone", groups="coprod.group_coprod_officer")
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
    note = fields.Char(
        groups="coprod.group_coprod_officer",
        help="For the facilitators only (for example why the person could not come).",
    )

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

    def _invitation_supporter_copy(self):
        """The supporter who gets this person's invitation email for them (the email
        then says, at the top, who it is for), or an empty recordset."""
        self.ensure_one()
        return self._invitation_recipients() - self.partner_id

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
        # one QWeb rendering and one wkhtmltopdf run for all of them, cut into one
        # PDF a person
        papers = self.env["ir.actions.report"]._coprod_render_papers(
            "coprod.action_report_invitation", self.ids, {"coprod_format": document_format})
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
