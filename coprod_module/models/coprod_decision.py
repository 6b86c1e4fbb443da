from odoo import api, fields, models

from .coprod_quality_statement import ladder_field


class CoprodDecision(models.Model):
    _name = "coprod.decision"
    _inherit = ["coprod.meeting.part", "coprod.easy.read.checked"]
    _easy_read_fields = ("easy_read_text",)
    _description = "Meeting decision"
    _meeting_part_field = "decision_ids"
    _order = "meeting_id, sequence, id"
    _rec_name = "text"

    sequence = fields.Integer(default=10)
    agenda_item_id = fields.Many2one(
        "coprod.agenda.item", string="Agenda item",
        domain="[('meeting_id', '=', meeting_id)]",
        ondelete="set null",
        check_company=True,
    )
    text = fields.Text(string="Decision", required=True)
    easy_read_text = fields.Text(string="Easy-read text",
        help="The decision in easy read: what we decided, in a short sentence.",
    )
    action_ids = fields.One2many("coprod.action", "decision_id", string="Actions")
    ballot_id = fields.Many2one(
        "coprod.ballot", index="btree_not_null", ondelete="restrict", check_company=True,
        help="The vote this decision comes from.",
    )
    quality_statement_ids = fields.Many2many(
        "coprod.quality.statement", "coprod_decision_statement_rel", "decision_id",
        "statement_id", string="Quality statements", check_company=True,
        compute="_compute_quality_statement_ids", store=True, readonly=False, precompute=True,
    )
    ladder_rung = ladder_field(
        compute="_compute_ladder_rung", store=True, readonly=False, precompute=True,
    )

    @api.depends("agenda_item_id")
    def _compute_quality_statement_ids(self):
        for decision in self:
            if decision.agenda_item_id and not decision.quality_statement_ids:
                decision.quality_statement_ids = decision.agenda_item_id.quality_statement_ids

    @api.depends("meeting_id")
    def _compute_ladder_rung(self):
        for decision in self:
            if not decision.ladder_rung:
                decision.ladder_rung = decision.meeting_id.ladder_rung

    @api.onchange("easy_read_text")
    def _onchange_easy_read_text(self):
        return self._easy_read_warning("easy_read_text")
