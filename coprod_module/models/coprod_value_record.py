from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoprodValueRecord(models.Model):
    """A story of a value lived: evidence, for the board and for inspectors, that
    the organisation's values apply to everyone."""

    _name = "coprod.value.record"
    _description = "Value record"
    _inherit = ["mail.thread", "mail.activity.mixin", "coprod.move.checked"]
    _coprod_move_fields = ("group_id", "company_id", "meeting_id")
    _check_company_auto = True
    _order = "date desc, id desc"
    _rec_name = "title"

    title = fields.Char(required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    story = fields.Text(help="What happened, and how it shows the value.")
    value_ids = fields.Many2many(
        "coprod.value", "coprod_value_record_value_rel", "record_id", "value_id",
        string="Values", domain="[('state', '=', 'adopted')]",
        context={"active_test": False}, check_company=True,
    )
    partner_ids = fields.Many2many(
        "res.partner", "coprod_value_record_partner_rel", "record_id", "partner_id",
        string="People", check_company=True,
    )
    employee_ids = fields.Many2many(
        "hr.employee", "coprod_value_record_employee_rel", "record_id", "employee_id",
        string="Staff", check_company=True,
    )
    department_id = fields.Many2one(
        "hr.department", string="Team", ondelete="set null", check_company=True,
        help="A whole team, when the story is about a team.",
    )
    quality_statement_ids = fields.Many2many(
        "coprod.quality.statement", "coprod_value_record_statement_rel", "record_id",
        "statement_id", string="Quality statements", check_company=True,
    )
    consent_to_share = fields.Boolean(string="Consent to share",
        tracking=True,
        help="The people (or the team) in this story agreed that it is shared (for example in an "
        "evidence pack for inspectors). Without it, the story stays inside the group.",
    )
    involves_people = fields.Boolean(string="Involves people", compute="_compute_involves_people")
    shareable = fields.Boolean(
        compute="_compute_shareable", search="_search_shareable",
        help="The story names nobody, or the people in it agreed to share it.",
    )
    group_id = fields.Many2one(
        "coprod.group", compute="_compute_group_id", store=True, readonly=False,
        precompute=True, index=True, ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, readonly=False,
        precompute=True, required=True, index=True,
    )
    # Where it came from
    meeting_id = fields.Many2one(
        "coprod.meeting", index="btree_not_null", ondelete="restrict", check_company=True,
    )
    decision_id = fields.Many2one(
        "coprod.decision", index="btree_not_null", ondelete="set null", check_company=True,
    )
    action_id = fields.Many2one(
        "coprod.action", index="btree_not_null", ondelete="set null", check_company=True,
    )
    nomination_id = fields.Many2one(
        "coprod.value.nomination", index="btree_not_null", ondelete="set null", readonly=True,
        check_company=True,
    )
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("partner_ids", "employee_ids", "department_id")
    def _compute_involves_people(self):
        for record in self:
            record.involves_people = bool(
                record.partner_ids or record.employee_ids or record.department_id)

    @api.depends("involves_people", "consent_to_share")
    def _compute_shareable(self):
        for record in self:
            record.shareable = record.consent_to_share or not record.involves_people

    def _search_shareable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Search shareable records with = True or = False."))
        domain = ["|", ("consent_to_share", "=", True),
                  "&", "&", ("partner_ids", "=", False), ("employee_ids", "=", False),
                  ("department_id", "=", False)]
        return domain if (operator == "=") == value else ["!"] + domain

    @api.depends("meeting_id", "decision_id", "action_id")
    def _compute_group_id(self):
        for record in self:
            source = record.meeting_id or record.decision_id or record.action_id
            if source:
                record.group_id = source.group_id

    @api.depends("group_id.company_id")
    def _compute_company_id(self):
        """A group's story is its company's, and follows the group to another company."""
        for record in self:
            record.company_id = record.group_id.company_id or record.company_id or self.env.company

    # ------------------------------------------------------------
    # CONSTRAINTS AND CRUD
    # ------------------------------------------------------------

    @api.constrains("value_ids", "title")
    def _check_values(self):
        # as the system: a value of another company is refused by the company check
        for record in self.sudo():
            if not record.value_ids:
                raise ValidationError(_("Say which value \"%(title)s\" shows.", title=record.title))
            proposed = record.value_ids.filtered(lambda v: v.state == "proposed")
            if proposed:
                raise ValidationError(_(
                    "\"%(value)s\" is only proposed: stories are recorded against adopted "
                    "values.", value=proposed[0].name,
                ))

    @api.constrains("group_id", "company_id", "meeting_id", "decision_id", "action_id")
    def _check_group(self):
        for record in self.sudo():  # the meeting may be another company's
            if record.group_id and record.company_id != record.group_id.company_id:
                raise ValidationError(_(
                    "The story \"%(title)s\" belongs to %(company)s, the company of its group.",
                    title=record.title, company=record.group_id.company_id.name,
                ))
            sources = record.meeting_id | record.decision_id.meeting_id
            if (any(meeting.group_id != record.group_id for meeting in sources)
                    or (record.action_id and record.action_id.group_id != record.group_id)):
                raise ValidationError(_(
                    "The story \"%(title)s\" must belong to the group of the meeting, decision "
                    "or action it comes from.",
                    title=record.title,
                ))
