from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoprodValueNomination(models.Model):
    """Someone nominates a person or a team for living a value ("celebrating success").

    Anyone who takes part in co-production can nominate. The group acknowledges the
    nomination at a meeting, which turns it into a value record.
    """

    _name = "coprod.value.nomination"
    _description = "Value nomination"
    _inherit = ["mail.thread", "mail.activity.mixin", "coprod.move.checked"]
    _coprod_move_fields = ("group_id", "meeting_id")
    _check_company_auto = True
    _order = "state, id desc"
    _rec_name = "title"

    title = fields.Char(
        compute="_compute_title", store=True, readonly=False, precompute=True,
    )
    value_ids = fields.Many2many(
        "coprod.value", "coprod_value_nomination_value_rel", "nomination_id", "value_id",
        string="Values", domain="[('state', '=', 'adopted')]",
        context={"active_test": False}, check_company=True,
    )
    partner_ids = fields.Many2many(
        "res.partner", "coprod_value_nomination_partner_rel", "nomination_id", "partner_id",
        string="People", check_company=True,
    )
    employee_ids = fields.Many2many(
        "hr.employee", "coprod_value_nomination_employee_rel", "nomination_id", "employee_id",
        string="Staff", check_company=True,
    )
    department_id = fields.Many2one(
        "hr.department", string="Team", ondelete="set null", check_company=True,
    )
    reason = fields.Text(string="Why", required=True, help="What they did that shows the value.")
    # who nominated (the user's own contact, whatever its company): not a link to
    # check against the group's company
    nominated_by_partner_id = fields.Many2one(
        "res.partner", string="Nominated by", required=True,
        default=lambda self: self.env.user.partner_id,
    )
    consent_to_share = fields.Boolean(string="Consent to share",
        help="The people nominated agreed that their story is shared outside the group.",
    )
    group_id = fields.Many2one(
        "coprod.group", required=True, index=True, ondelete="restrict",
        help="The group that acknowledges the nomination.",
    )
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)
    meeting_id = fields.Many2one(
        "coprod.meeting", compute="_compute_meeting_id", store=True, readonly=False,
        precompute=True, index="btree_not_null", ondelete="restrict", check_company=True,
        domain="[('group_id', '=', group_id), ('state', 'not in', ('done', 'cancelled'))]",
        help="The meeting where the group acknowledges it: by default the group's next one.",
    )
    state = fields.Selection(
        [("proposed", "Waiting for the group"), ("acknowledged", "Thanked, now a story"),
         ("declined", "Not taken forward")],
        default="proposed", required=True, tracking=True, copy=False,
    )
    record_id = fields.Many2one("coprod.value.record", readonly=True, copy=False, ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su or self.env.user.has_group("coprod.group_coprod_officer")):
            for vals in vals_list:  # people nominate in their own name
                vals["nominated_by_partner_id"] = self.env.user.partner_id.id
        return super().create(vals_list)

    @api.depends("partner_ids", "employee_ids", "department_id", "value_ids")
    def _compute_title(self):
        for nomination in self:
            if nomination.title:
                continue
            who = (nomination.partner_ids.mapped("name") + nomination.employee_ids.mapped("name")
                   + nomination.department_id.mapped("name"))
            if who and nomination.value_ids:
                nomination.title = _("%(who)s: %(values)s", who=", ".join(who),
                                     values=", ".join(nomination.value_ids.mapped("name")))

    @api.depends("group_id")
    def _compute_meeting_id(self):
        today = fields.Datetime.now()
        for nomination in self:
            if nomination.meeting_id.group_id == nomination.group_id or not nomination.group_id:
                continue
            nomination.meeting_id = self.env["coprod.meeting"].search([
                ("group_id", "=", nomination.group_id.id),
                ("state", "in", ("draft", "scheduled")),
                ("start", ">=", today),
            ], order="start", limit=1)

    @api.constrains("value_ids", "reason")
    def _check_values(self):
        for nomination in self:
            if not nomination.value_ids:
                raise ValidationError(_("Say which value the nomination is for."))
            proposed = nomination.value_ids.filtered(lambda v: v.state != "adopted")
            if proposed and nomination.state == "proposed":
                raise ValidationError(_(
                    "\"%(value)s\" is not agreed yet. Choose a value the group has agreed.",
                    value=proposed[0].name))

    @api.constrains("partner_ids", "employee_ids", "department_id", "reason")
    def _check_nominee(self):
        for nomination in self:
            if not (nomination.partner_ids or nomination.employee_ids or nomination.department_id):
                raise ValidationError(_("Say who you nominate: a person, a member of staff or a team."))

    def action_acknowledge(self):
        """The group acknowledges the nominations at their meeting: each becomes a record."""
        if not self.env.user.has_group("coprod.group_coprod_officer"):
            raise UserError(_("The facilitator records what the group acknowledged."))
        for nomination in self:
            if nomination.state != "proposed":
                raise UserError(_("\"%(title)s\" was already dealt with.", title=nomination.title))
            if not nomination.meeting_id:
                raise UserError(_(
                    "Say at which meeting the group acknowledged \"%(title)s\".",
                    title=nomination.title))
            if nomination.meeting_id.group_id != nomination.group_id:
                raise UserError(_(
                    "\"%(title)s\" is for %(group)s: choose one of that group's meetings.",
                    title=nomination.title, group=nomination.group_id.name))
        records = self.env["coprod.value.record"].create([{
            "title": nomination.title,
            "date": nomination.meeting_id.start.date(),
            "story": nomination.reason,
            "value_ids": [fields.Command.set(nomination.value_ids.ids)],
            "partner_ids": [fields.Command.set(nomination.partner_ids.ids)],
            "employee_ids": [fields.Command.set(nomination.employee_ids.ids)],
            "department_id": nomination.department_id.id,
            "consent_to_share": nomination.consent_to_share,
            "meeting_id": nomination.meeting_id.id,
            "group_id": nomination.group_id.id,
            "nomination_id": nomination.id,
        } for nomination in self])
        for nomination, record in zip(self, records):
            nomination.write({"state": "acknowledged", "record_id": record.id})
            nomination.message_post(body=Markup("<p>%s</p>") % _(
                "The group acknowledged this nomination at %(meeting)s.",
                meeting=nomination.meeting_id.display_name))
        return True

    def action_decline(self):
        if not self.env.user.has_group("coprod.group_coprod_officer"):
            raise UserError(_("The facilitator records what the group decided."))
        for nomination in self:
            if nomination.state != "proposed":
                raise UserError(_("\"%(title)s\" was already dealt with.", title=nomination.title))
        self.write({"state": "declined"})
        return True
