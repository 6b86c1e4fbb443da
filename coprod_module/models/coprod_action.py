from datetime import timedelta
from textwrap import shorten

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

from .cron_batch import facilitator_or_admin

ACTION_STATES = [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")]

# What only officers change on an action; its owner says what was done.
OFFICER_FIELDS = frozenset({
    "meeting_id", "decision_id", "group_id", "owner_partner_id", "owner_user_id",
    "you_said", "date_due", "active", "needs_reassignment", "quality_check_id", "recommendation_id",
    "quality_statement_ids",
})


class CoprodAction(models.Model):
    """"You said, we did": what was asked, who does it, by when, and what was done."""

    _name = "coprod.action"
    _description = "Action (you said, we did)"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "coprod.pictured", "coprod.move.checked",
        "coprod.easy.read.checked",
    ]
    _coprod_move_fields = ("meeting_id", "group_id")
    _check_company_auto = True
    # printed as they are on the easy-read papers (summary, "you said, we did" poster)
    _easy_read_fields = ("you_said", "we_did")
    _picture_text_fields = ("you_said",)
    _order = "state, date_due, id"

    name = fields.Char(compute="_compute_name", store=True)
    meeting_id = fields.Many2one(
        "coprod.meeting", index=True, ondelete="restrict", tracking=True, check_company=True,
        help="The meeting where this was asked.",
    )
    decision_id = fields.Many2one(
        "coprod.decision",
        domain="[('meeting_id', '=', meeting_id)]",
        ondelete="set null",
        check_company=True,
    )
    group_id = fields.Many2one(
        "coprod.group", compute="_compute_group_id", store=True, readonly=False,
        precompute=True, required=True, index=True, ondelete="restrict",
    )
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)
    you_said = fields.Text(string="You said",
        required=True, tracking=True,
        help="What the group asked for, in their words.",
    )
    owner_partner_id = fields.Many2one(
        "res.partner",
        string="Who does it",
        compute="_compute_owner_partner_id", store=True, readonly=False,
        tracking=True, index=True, check_company=True,
    )
    owner_user_id = fields.Many2one(
        "res.users",
        string="Responsible user",
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="The member of staff who follows the action up in Odoo.",
    )
    date_due = fields.Date(string="By when", required=True, tracking=True)
    state = fields.Selection(
        ACTION_STATES,
        default="open",
        required=True,
        tracking=True,
    )
    we_did = fields.Text(string="We did",
        tracking=True,
        help="What was done. It is needed to mark the action done, and the next "
        "meeting hears it.",
    )
    date_done = fields.Date(string="Done on", readonly=True, copy=False)
    needs_reassignment = fields.Boolean(
        string="Give to someone else", copy=False, tracking=True,
        help="The person who does this has left: choose who does it now.",
    )
    quality_check_id = fields.Many2one(
        "coprod.quality.check", string="Quality check",
        index="btree_not_null", ondelete="set null", check_company=True,
        help="The quality check whose recommendation this action carries out.",
    )
    recommendation_id = fields.Many2one(
        "coprod.quality.recommendation", index="btree_not_null", ondelete="set null",
        domain="[('check_id', '=', quality_check_id)]", check_company=True,
    )
    quality_statement_ids = fields.Many2many(
        "coprod.quality.statement", "coprod_action_statement_rel", "action_id",
        "statement_id", string="Quality statements", check_company=True,
        compute="_compute_quality_statement_ids", store=True, readonly=False, precompute=True,
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("you_said")
    def _compute_name(self):
        for action in self:
            action.name = shorten(html2plaintext(action.you_said or ""), 80) or _("New action")

    @api.depends("meeting_id")
    def _compute_group_id(self):
        for action in self:
            if action.meeting_id:
                action.group_id = action.meeting_id.group_id

    @api.depends("decision_id", "quality_check_id")
    def _compute_quality_statement_ids(self):
        for action in self:
            if not action.quality_statement_ids:
                action.quality_statement_ids = (
                    action.decision_id.quality_statement_ids
                    or action.quality_check_id.quality_statement_ids
                )

    @api.depends("owner_user_id")
    def _compute_owner_partner_id(self):
        for action in self:
            if action.owner_user_id and not action.owner_partner_id:
                action.owner_partner_id = action.owner_user_id.partner_id

    @api.depends("state", "date_due")
    @api.depends_context("date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.state == "open" and action.date_due and action.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search overdue actions with = True or = False."))
        today = fields.Date.context_today(self)
        overdue = ["&", ("state", "=", "open"), ("date_due", "<", today)]
        if (operator == "=") == value:
            return overdue
        return ["!"] + overdue

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("state", "we_did")
    def _check_we_did(self):
        for action in self:
            if action.state == "done" and not (action.we_did or "").strip():
                raise ValidationError(_(
                    "Say what was done before marking \"%(name)s\" as done: the group "
                    "will hear the answer.",
                    name=action.name,
                ))

    @api.constrains("owner_partner_id", "owner_user_id")
    def _check_owner(self):
        for action in self:
            if not (action.owner_partner_id or action.owner_user_id):
                raise ValidationError(_(
                    "Say who will do \"%(name)s\".", name=action.name
                ))

    @api.constrains("meeting_id", "group_id")
    def _check_group(self):
        for action in self:
            if action.meeting_id and action.meeting_id.group_id != action.group_id:
                raise ValidationError(_(
                    "The action \"%(name)s\" must belong to the group of its meeting.",
                    name=action.name,
                ))

    @api.onchange("you_said")
    def _onchange_you_said(self):
        return self._easy_read_warning("you_said")

    @api.onchange("we_did")
    def _onchange_we_did(self):
        return self._easy_read_warning("we_did")

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        self._check_owner_may_write(vals)
        if "meeting_id" in vals:
            # approved minutes keep their actions, and take no new ones
            meetings = self.meeting_id | self.meeting_id.browse(vals["meeting_id"] or [])
            meetings._check_not_locked({"action_ids"})
        if vals.get("state") == "done":
            vals = dict(vals, date_done=vals.get("date_done") or fields.Date.context_today(self))
        elif vals.get("state") in ("open", "cancelled"):
            vals = dict(vals, date_done=False)
        reassigned = self.browse()
        if {"owner_partner_id", "owner_user_id"} & set(vals) and "needs_reassignment" not in vals:
            reassigned = self.filtered("needs_reassignment")
            vals = dict(vals, needs_reassignment=False)
        result = super().write(vals)
        if reassigned:
            reassign = self.env.ref("coprod.mail_activity_type_reassign_action")
            reassigned.activity_ids.filtered(
                lambda a: a.activity_type_id == reassign
            ).action_feedback(feedback=_("Given to someone else."))
        return result

    def _check_owner_may_write(self, vals):
        """Members who own an action say what was done and mark it done. What was
        asked, by when, who does it and where the action belongs, and cancelling or
        reopening it, are for the facilitator: the record rule lets owners write, so
        it is checked here."""
        if self.env.su or self.env.user.has_group("coprod.group_coprod_officer"):
            return
        if OFFICER_FIELDS.intersection(vals) or vals.get("state", "done") != "done":
            raise AccessError(_(
                "As the owner of an action you can say what was done and mark it "
                "done. Ask the facilitator to change what was asked, the date, who "
                "does it or its meeting, or to cancel or reopen it."
            ))

    @api.model_create_multi
    def create(self, vals_list):
        # approved minutes take no new action (as none is moved in)
        self.env["coprod.meeting"].browse(
            {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        )._check_not_locked({"action_ids"})
        for vals in vals_list:
            if vals.get("state") == "done" and not vals.get("date_done"):
                vals["date_done"] = fields.Date.context_today(self)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_has_history(self):
        for action in self:
            # done once (it has an answer, even if reopened since), or in approved minutes
            if (action.state != "open" or (action.we_did or "").strip()
                    or action.meeting_id.state == "done"):
                raise UserError(_(
                    "\"%(name)s\" is part of the group's history, so it cannot be "
                    "deleted. Cancel or archive it instead.",
                    name=action.name,
                ))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_done(self):
        for action in self:
            if not (action.we_did or "").strip():
                raise UserError(_(
                    "Say what was done before marking \"%(name)s\" as done: the group "
                    "will hear the answer.",
                    name=action.name,
                ))
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True

    # ------------------------------------------------------------
    # SCHEDULED ACTIONS
    # ------------------------------------------------------------

    @api.model
    def _cron_remind_overdue(self):
        """Put a to-do on the owner of every overdue action (once per action).

        "Overdue" is by the day where the group meets (its facilitator's time zone):
        the reminder does not come on the evening of the day it is due. Actions of
        archived groups are left alone. An owner who left (archived, or the action
        waits to be given to someone else) is not reminded: the facilitator is.
        """
        todo = self.env.ref("mail.mail_activity_data_todo")
        # every zone's today is at most the day after UTC's: check each in its own zone
        latest_today = fields.Date.context_today(self.with_context(tz="UTC")) + timedelta(days=1)
        candidates = self.search([
            ("state", "=", "open"), ("date_due", "<", latest_today),
            ("group_id.active", "=", True),
        ])
        overdue = candidates.filtered(lambda action: action.date_due < action._local_today())
        reminded = self.env["mail.activity"].search([
            ("res_model", "=", self._name),
            ("res_id", "in", overdue.ids),
            ("activity_type_id", "=", todo.id),
        ])
        reminded_ids = set(reminded.mapped("res_id"))
        for action in overdue:
            if action.id in reminded_ids:
                continue
            user = action._reminder_user()
            # in the words of the one reminded, on the day where the group meets
            action.with_company(action.company_id).with_context(
                lang=(user.partner_id._coprod_lang() if user else self.env.lang), tz=action._local_tz(),
            )._remind_overdue(user)
        return True

    def _remind_overdue(self, user):
        """The to-do for an overdue action, in its owner's language, the date said
        in full ("Friday 16 October 2026")."""
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.context_today(self),
            summary=_("Overdue: say what was done"),
            note=_(
                "This action was due on %(date)s. Do it, or write what was done "
                "and mark it done, so the group hears the answer.",
                date=self.env["coprod.easy.read"]._say_date(self.date_due, user.partner_id or None),
            ),
            user_id=user.id or self.env.user.id,
        )

    def _said_and_done_fit_together(self, paper_format=None):
        """Whether what was asked and what was done are short enough to be printed
        together on one page of a poster or summary (in that format), with room to
        spare: about 26 characters a line in large print, 36 otherwise, 12 lines at
        most, the labels included."""
        self.ensure_one()
        per_line = 26 if paper_format == "large_print" else 36
        # no answer yet: the sentences the paper says instead
        done = self.we_did or "We are still working on this.\nThis is late. We will tell you when it is done."
        lines = 2 + sum(
            -(-len(line.strip()) // per_line)
            for text in (self.you_said or "", done) for line in text.splitlines() if line.strip()
        )
        return lines <= 12

    def _local_tz(self):
        """The time zone of the action's group: its facilitator's (see coprod.easy.read)."""
        self.ensure_one()
        return self.env["coprod.easy.read"]._person_tz(group=self.group_id)

    def _local_today(self):
        self.ensure_one()
        return fields.Date.context_today(self.with_context(tz=self._local_tz()))

    def _reminder_user(self):
        """Who is reminded of an overdue action: its owner (their internal user), or
        the facilitator when the owner has left or has no internal user (or the
        administrator when the facilitator has left too)."""
        self.ensure_one()
        owner = self.env["res.users"]
        if not self.needs_reassignment:
            owner = (
                self.owner_user_id.filtered("active")
                or self.owner_partner_id.user_ids.filtered(lambda u: not u.share)[:1]
            )
        return owner or facilitator_or_admin(self.group_id)
