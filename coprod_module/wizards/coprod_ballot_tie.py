from odoo import _, api, fields, models
from odoo.exceptions import UserError

HOW = [
    ("lots", "We drew lots"),
    ("casting_vote", "The chair's casting vote"),
    ("second_vote", "A second vote"),
    ("other", "Another way"),
]


class CoprodBallotTie(models.TransientModel):
    """Decide the tie: the chair (a co-chair of the group) or the facilitator records
    how a tie was decided in the room; the count then goes on. A tie is never broken
    by chance behind anyone's back."""

    _name = "coprod.ballot.tie"
    _description = "Decide a tie"

    ballot_id = fields.Many2one("coprod.ballot", required=True, ondelete="cascade", readonly=True)
    tie_kind = fields.Selection(related="ballot_id.tie_kind")
    tie_option_ids = fields.Many2many(related="ballot_id.tie_option_ids", string="Tied")
    option_id = fields.Many2one(
        "coprod.ballot.option", string="Chosen", required=True,
        domain="[('id', 'in', tie_option_ids)]",
        help="Who wins, or, in a ranked count, who goes out.",
    )
    how = fields.Selection(HOW, string="How it was decided", required=True, default="lots")
    note = fields.Text(
        string="What happened",
        help="For example: Amy drew the names from a hat, with everyone watching.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ballot = self.env["coprod.ballot"].browse(values.get("ballot_id"))
        if ballot and len(ballot.tie_option_ids) == 1:
            values.setdefault("option_id", ballot.tie_option_ids.id)
        return values

    def action_decide(self):
        self.ensure_one()
        ballot = self.ballot_id
        if not ballot._can_decide_tie():
            raise UserError(_("Only the chair (a co-chair of %(group)s) or its facilitator "
                              "decides a tie.", group=ballot.group_id.display_name))
        note = (self.note or "").strip()
        if self.how == "other" and not note:
            raise UserError(_("Say how the tie was decided (What happened)."))
        how = dict(self._fields["how"]._description_selection(self.env))[self.how]
        reason = f"{how}. {note}" if note else how
        # the rights were checked above: a co-chair who takes part decides for the room
        ballot.sudo().action_resolve_tie(self.option_id, reason)
        return {"type": "ir.actions.act_window_close"}
