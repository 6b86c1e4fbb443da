from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    coprod_membership_ids = fields.One2many(
        "coprod.membership", "partner_id", string="Co-production memberships",
        groups="coprod.group_coprod_user",
    )
    coprod_membership_count = fields.Integer(
        compute="_compute_coprod_membership_count", string="Co-production groups",
        groups="coprod.group_coprod_user",
    )
    coprod_need_ids = fields.Many2many(
        "coprod.communication.need",
        "coprod_partner_need_rel",
        "partner_id",
        "need_id",
        string="Communication needs",
        groups="coprod.group_coprod_officer",
        help="How this person needs information and support (Accessible Information "
        "Standard). Only co-production officers and managers see this.",
    )
    coprod_need_review_date = fields.Date(
        string="Review needs by",
        groups="coprod.group_coprod_officer",
        help="When to check these communication needs with the person again.",
    )
    coprod_needs_flag = fields.Boolean(
        compute="_compute_coprod_needs_flag",
        string="Has communication needs",
        groups="coprod.group_coprod_officer",
    )

    @api.depends("coprod_membership_ids")
    def _compute_coprod_membership_count(self):
        data = self.env["coprod.membership"]._read_group(
            [("partner_id", "in", self.ids), ("is_current", "=", True)],
            ["partner_id"], ["__count"],
        )
        counts = {partner.id: count for partner, count in data}
        for partner in self:
            partner.coprod_membership_count = counts.get(partner.id, 0)

    @api.depends("coprod_need_ids")
    def _compute_coprod_needs_flag(self):
        for partner in self:
            partner.coprod_needs_flag = bool(partner.coprod_need_ids)

    def action_view_coprod_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_membership_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
