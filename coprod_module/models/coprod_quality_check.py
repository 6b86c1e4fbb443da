from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .coprod_quality_statement import ladder_field

# What a closed check no longer lets anyone change: the record of what was found
# and what the company answered.
LOCKED_WHEN_CLOSED = frozenset({
    "name", "check_type", "group_id", "meeting_id", "date", "findings",
    "easy_read_findings", "recommendation_ids",
})
ANSWERS_NEEDING_NOTE = ("changed", "not_done")
ANSWERS_NEEDING_ACTION = ("accepted", "changed")


class CoprodQualityCheck(models.Model):
    """The board checks something of the company's (a policy, a leaflet, a service,
    a new value, an audit): what they found, what they recommend, and what the
    company did about each recommendation. Closing needs every answer, so every
    check closes the "you said, we did" loop."""

    _name = "coprod.quality.check"
    _description = "Quality check"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "coprod.easy.read.checked", "coprod.move.checked",
    ]
    _coprod_move_fields = ("group_id", "meeting_id")
    _check_company_auto = True
    _easy_read_fields = ("easy_read_findings",)
    _order = "date desc, id desc"

    name = fields.Char(string="What we checked", required=True, tracking=True)
    subject = fields.Char(
        related="name", readonly=False, string="Subject",
        help="What we checked (the same as its name).",
    )
    check_type = fields.Selection(
        [("policy", "A policy"), ("leaflet", "A leaflet or letter"), ("service", "A service"),
         ("value", "A value"), ("audit", "An audit"), ("other", "Something else")],
        string="Kind", required=True, default="policy",
    )
    description = fields.Text(help="What the group was asked to look at, and why.")
    group_id = fields.Many2one(
        "coprod.group", required=True, index=True, ondelete="restrict", tracking=True,
    )
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)
    meeting_id = fields.Many2one(
        "coprod.meeting", index="btree_not_null", ondelete="restrict", tracking=True,
        check_company=True, domain="[('group_id', '=', group_id)]",
    )
    date = fields.Date(
        compute="_compute_date", store=True, readonly=False, precompute=True,
        required=True, index=True,
    )
    value_id = fields.Many2one(
        "coprod.value", ondelete="set null", check_company=True,
        help="The value checked, for a check of a value.",
    )
    findings = fields.Text(string="What we found", tracking=True)
    easy_read_findings = fields.Text(string="Easy-read findings",
        help="What we found, in easy read.")
    recommendation_ids = fields.One2many(
        "coprod.quality.recommendation", "check_id", string="What we recommend", copy=True,
    )
    action_ids = fields.One2many("coprod.action", "quality_check_id", string="Actions")
    quality_statement_ids = fields.Many2many(
        "coprod.quality.statement", "coprod_quality_check_statement_rel", "check_id",
        "statement_id", string="Quality statements", check_company=True,
    )
    ladder_rung = ladder_field(tracking=True)
    state = fields.Selection(
        [("draft", "Planned"), ("reported", "Recommendations given"), ("closed", "Closed")],
        default="draft", required=True, tracking=True, copy=False,
        help="Planned: the group is checking. Recommendations given: the company "
        "answers each one. Closed: every recommendation has its answer.",
    )
    date_closed = fields.Date(string="Closed on", readonly=True, copy=False)
    recommendation_count = fields.Integer(string="Recommendations",
        compute="_compute_recommendation_counts")
    unanswered_count = fields.Integer(string="Not answered yet",
        compute="_compute_recommendation_counts")
    active = fields.Boolean(default=True)

    @api.depends("meeting_id")
    def _compute_date(self):
        for check in self:
            if check.meeting_id:
                check.date = check.meeting_id.start.date()
            elif not check.date:
                check.date = fields.Date.context_today(check)

    @api.depends("recommendation_ids.answer")
    def _compute_recommendation_counts(self):
        for check in self:
            check.recommendation_count = len(check.recommendation_ids)
            check.unanswered_count = len(check.recommendation_ids.filtered(
                lambda r: r.answer == "pending"))

    def write(self, vals):
        if LOCKED_WHEN_CLOSED & set(vals):
            self._check_not_closed()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reported(self):
        for check in self:
            if check.state != "draft":
                raise UserError(_(
                    "\"%(name)s\" has findings and answers on record, so it cannot be "
                    "deleted. Archive it instead.", name=check.name))

    @api.onchange("easy_read_findings")
    def _onchange_easy_read_findings(self):
        return self._easy_read_warning("easy_read_findings")

    def _check_not_closed(self):
        for check in self:
            if check.state == "closed":
                raise UserError(_(
                    "The check \"%(name)s\" is closed: what was found and answered "
                    "stays as it is.", name=check.name))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_report(self):
        """The group has given its findings and recommendations to the company."""
        for check in self:
            if check.state != "draft":
                raise UserError(_("\"%(name)s\" was reported already.", name=check.name))
            if not check.findings:
                raise UserError(_("Write what the group found in \"%(name)s\" first.",
                                  name=check.name))
        self.write({"state": "reported"})
        for check in self:
            if check.group_id.facilitator_user_id and check.recommendation_ids:
                check.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=check.group_id.facilitator_user_id.id,
                    summary=_("Answer the group's recommendations"),
                    date_deadline=fields.Date.context_today(check) + timedelta(days=28),
                )
        return True

    def action_close(self):
        """Close the check: every recommendation needs its answer first."""
        for check in self:
            if check.state != "reported":
                raise UserError(_(
                    "Only a check with recommendations given can be closed; \"%(name)s\" "
                    "is %(state)s.", name=check.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[check.state]))
            check.recommendation_ids._check_answered()
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})
        self.activity_ids.action_feedback(feedback=_("Every recommendation has its answer."))
        for check in self:
            check.message_post(body=Markup("<p>%s</p>") % _(
                "Closed: every recommendation has the company's answer."))
        return True

    def action_reset_to_reported(self):
        """Managers reopen a closed check, for example to correct an answer."""
        if not self.env.user.has_group("coprod.group_coprod_manager"):
            raise UserError(_("Only a manager can reopen a closed check."))
        self.filtered(lambda c: c.state == "closed").write({"state": "reported", "date_closed": False})
        return True


class CoprodQualityRecommendation(models.Model):
    """One thing the group recommends, and what the company did about it."""

    _name = "coprod.quality.recommendation"
    _description = "Recommendation"
    _inherit = ["coprod.easy.read.checked"]
    _easy_read_fields = ("easy_read_text",)
    _order = "check_id, sequence, id"
    _rec_name = "text"

    check_id = fields.Many2one(
        "coprod.quality.check", required=True, ondelete="cascade", index=True,
    )
    group_id = fields.Many2one(related="check_id.group_id", store=True, index=True)
    company_id = fields.Many2one(related="check_id.company_id", store=True)
    check_state = fields.Selection(related="check_id.state")
    sequence = fields.Integer(default=10)
    text = fields.Text(string="We recommend", required=True)
    easy_read_text = fields.Text(string="Easy-read text", help="The recommendation in easy read.")
    answer = fields.Selection(
        [("pending", "No answer yet"), ("accepted", "Accepted"),
         ("changed", "Accepted with changes"), ("not_done", "Not done")],
        default="pending", required=True,
        help="What the company did: accepted it, accepted it with changes (say what "
        "changed), or did not do it (say why).",
    )
    answer_note = fields.Text(
        string="What we did, or why not",
        help="Needed when the recommendation was changed or not done.",
    )
    answered_by_user_id = fields.Many2one("res.users", string="Answered by",
        readonly=True, copy=False)
    date_answered = fields.Date(string="Answered on", readonly=True, copy=False)
    action_ids = fields.One2many("coprod.action", "recommendation_id", string="Actions")

    @api.model_create_multi
    def create(self, vals_list):
        checks = self.env["coprod.quality.check"].browse(
            {vals["check_id"] for vals in vals_list if vals.get("check_id")})
        checks._check_not_closed()
        return super().create(vals_list)

    def write(self, vals):
        self.check_id._check_not_closed()
        if "answer" in vals:
            vals = dict(vals, answered_by_user_id=self.env.uid,
                        date_answered=fields.Date.context_today(self))
        result = super().write(vals)
        if "check_id" in vals:
            self.check_id._check_not_closed()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.check_id._check_not_closed()

    @api.onchange("easy_read_text")
    def _onchange_easy_read_text(self):
        return self._easy_read_warning("easy_read_text")

    def _check_answered(self):
        for recommendation in self:
            if recommendation.answer == "pending":
                raise UserError(_(
                    "The recommendation \"%(text)s\" has no answer yet. Say whether it was "
                    "accepted, changed or not done before you close the check.",
                    text=recommendation.text))
            if recommendation.answer in ANSWERS_NEEDING_NOTE and not recommendation.answer_note:
                raise UserError(_(
                    "Say what changed, or why it was not done, for \"%(text)s\".",
                    text=recommendation.text))
            if recommendation.answer in ANSWERS_NEEDING_ACTION and not recommendation.action_ids:
                raise UserError(_(
                    "\"%(text)s\" was accepted: add the action that carries it out, so the "
                    "group hears what was done.", text=recommendation.text))

    def action_add_action(self):
        """Create the "you said, we did" action that carries out this recommendation."""
        self.ensure_one()
        check = self.check_id
        action = self.env["coprod.action"].create({
            "you_said": self.text,
            "group_id": check.group_id.id,
            "meeting_id": check.meeting_id.id,
            "quality_check_id": check.id,
            "recommendation_id": self.id,
            "owner_user_id": (check.group_id.facilitator_user_id or self.env.user).id,
            "date_due": fields.Date.context_today(self) + timedelta(days=28),
            "quality_statement_ids": [fields.Command.set(check.quality_statement_ids.ids)],
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "coprod.action",
            "res_id": action.id,
            "view_mode": "form",
            "target": "current",
        }
