from odoo import api, fields, models


class CoprodAttendance(models.Model):
    """One row of a meeting's register: invitation, answer and attendance."""

    _name = "coprod.attendance"
    _description = "Meeting attendance"
    _order = "meeting_id, partner_id"
    _rec_name = "partner_id"

    meeting_id = fields.Many2one(
        "coprod.meeting", required=True, ondelete="cascade", index=True
    )
    group_id = fields.Many2one(related="meeting_id.group_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting status")
    meeting_start = fields.Datetime(related="meeting_id.start")
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="restrict"
    )
    membership_id = fields.Many2one(
        "coprod.membership", index="btree_not_null", ondelete="set null"
    )
    role = fields.Selection(related="membership_id.role")
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
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.env["coprod.meeting"].browse(
            {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        )._check_not_locked({"attendance_ids"})
        return super().create(vals_list)

    def write(self, vals):
        self.meeting_id._check_not_locked({"attendance_ids"})
        result = super().write(vals)
        if "meeting_id" in vals:
            # The record rules were checked where the record was; check them where it
            # went too, so that nobody moves it into a group or company they cannot use.
            self.check_access("write")
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.meeting_id._check_not_locked({"attendance_ids"})

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
