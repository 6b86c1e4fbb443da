from odoo import api, fields, models


class CoprodDecision(models.Model):
    _name = "coprod.decision"
    _description = "Meeting decision"
    _order = "meeting_id, sequence, id"
    _rec_name = "text"

    meeting_id = fields.Many2one(
        "coprod.meeting", required=True, ondelete="cascade", index=True
    )
    group_id = fields.Many2one(related="meeting_id.group_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting status")
    sequence = fields.Integer(default=10)
    agenda_item_id = fields.Many2one(
        "coprod.agenda.item",
        domain="[('meeting_id', '=', meeting_id)]",
        ondelete="set null",
    )
    text = fields.Text(string="Decision", required=True)
    easy_read_text = fields.Text(
        help="The decision in easy read: what we decided, in a short sentence.",
    )
    action_ids = fields.One2many("coprod.action", "decision_id", string="Actions")
    ballot_id = fields.Many2one(
        "coprod.ballot", index="btree_not_null", ondelete="restrict",
        help="The vote this decision comes from.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["coprod.meeting"].browse(
            {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        )._check_not_locked({"decision_ids"})
        return super().create(vals_list)

    def write(self, vals):
        self.meeting_id._check_not_locked({"decision_ids"})
        result = super().write(vals)
        if "meeting_id" in vals:
            # The record rules were checked where the record was; check them where it
            # went too, so that nobody moves it into a group or company they cannot use.
            self.check_access("write")
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.meeting_id._check_not_locked({"decision_ids"})
