from odoo import api, fields, models


class CoprodMeetingPart(models.AbstractModel):
    """What belongs to one meeting: agenda items, register rows, decisions.

    Their group and company follow the meeting's; approved minutes lock them (the
    meeting's one2many named by ``_meeting_part_field``); and a part moved to another
    meeting is checked against the record rules where it lands, so that nobody moves
    it into a group or company they cannot use.
    """

    _name = "coprod.meeting.part"
    _description = "Part of a meeting"
    _inherit = ["coprod.move.checked"]
    _coprod_move_fields = ("meeting_id",)
    _check_company_auto = True
    _meeting_part_field = None

    meeting_id = fields.Many2one(
        "coprod.meeting", required=True, ondelete="cascade", index=True
    )
    group_id = fields.Many2one(related="meeting_id.group_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting status")

    @api.model_create_multi
    def create(self, vals_list):
        self._meetings_of(vals_list)._check_not_locked({self._meeting_part_field})
        return super().create(vals_list)

    def write(self, vals):
        # the meeting it belongs to, and the one it moves to
        meetings = self.meeting_id | self.meeting_id.browse(vals.get("meeting_id") or [])
        meetings._check_not_locked({self._meeting_part_field})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.meeting_id._check_not_locked({self._meeting_part_field})

    @api.model
    def _meetings_of(self, vals_list):
        return self.env["coprod.meeting"].browse(
            {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        )
