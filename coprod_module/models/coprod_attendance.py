from odoo import api, fields, models

from .coprod_membership import PERSON_KINDS


class CoprodAttendance(models.Model):
    """One row of a meeting's register: invitation, answer and attendance."""

    _name = "coprod.attendance"
    _inherit = ["coprod.meeting.part"]
    _description = "Meeting attendance"
    _meeting_part_field = "attendance_ids"
    _order = "meeting_id, partner_id"
    _rec_name = "partner_id"

    meeting_start = fields.Datetime(related="meeting_id.start")
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="restrict"
    )
    membership_id = fields.Many2one(
        "coprod.membership", index="btree_not_null", ondelete="set null"
    )
    role = fields.Selection(related="membership_id.role")
    person_kind = fields.Selection(
        PERSON_KINDS, string="Kind of person", compute="_compute_person_kind",
        store=True, precompute=True, index=True,
    )
    supporter_partner_id = fields.Many2one(related="membership_id.supporter_partner_id")
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
