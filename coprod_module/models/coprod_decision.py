from odoo import fields, models


class CoprodDecision(models.Model):
    _name = "coprod.decision"
    _inherit = ["coprod.meeting.part"]
    _description = "Meeting decision"
    _meeting_part_field = "decision_ids"
    _order = "meeting_id, sequence, id"
    _rec_name = "text"

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
