from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .trusted import is_trusted, trusted

# The words of an adopted value: they change only through a new proposal.
WORDING_FIELDS = frozenset({"name", "easy_read_text"})
# Where a value was adopted and what replaced it: written by the buttons, then part of
# its history. (The days may be corrected, e.g. to the day of the meeting; the
# chatter keeps each change.)
ADOPTION_FIELDS = frozenset({
    "adopted_ballot_id", "adopted_decision_id", "adopted_meeting_id", "replaced_by_value_id",
})
# The guard that the buttons lift (coprod's code only: see trusted.py).
STAGE = "coprod_value_state"


class CoprodValue(models.Model):
    """One of the organisation's co-produced values.

    A value is proposed, then adopted by a decision or a ballot of a group (which is
    kept as where it came from), and later retired. The words of an adopted value
    do not change: a new wording is a new proposal, and adopting it retires the old
    one, which stays as the value's history.
    """

    _name = "coprod.value"
    _description = "Co-produced value"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "coprod.pictured", "coprod.easy.read.checked",
        "coprod.move.checked",
    ]
    _coprod_move_fields = ("company_id", "group_id")
    _check_company_auto = True
    _easy_read_fields = ("easy_read_text",)
    _picture_text_fields = ("name", "easy_read_text")
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    easy_read_text = fields.Text(string="Easy-read text",
        translate=True, tracking=True,
        help="What the value means, in easy read: short sentences, one idea a line.",
    )
    description = fields.Html(help="The longer story of the value, for staff.")
    image = fields.Image(max_width=512, max_height=512, help="A picture for the value.")
    icon = fields.Char(
        string="Icon name", default="fa-heart",
        help="A picture from the icon font, shown where the value has no image "
        "(for example fa-star).",
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    state = fields.Selection(
        [("proposed", "Proposed"), ("adopted", "Adopted"), ("retired", "Retired")],
        default="proposed", required=True, tracking=True, copy=False, index=True,
    )
    group_id = fields.Many2one(
        "coprod.group", string="Proposed to", index=True, ondelete="restrict", check_company=True,
        help="The group that decides whether to adopt the value.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company,
    )
    contributor_partner_ids = fields.Many2many(
        "res.partner", "coprod_value_contributor_rel", "value_id", "partner_id",
        string="Contributors", check_company=True, help="Who helped to write this value.",
    )
    adopted_ballot_id = fields.Many2one(
        "coprod.ballot", string="Adopted by ballot", copy=False, ondelete="restrict",
        index="btree_not_null", tracking=True, check_company=True,
    )
    adopted_decision_id = fields.Many2one(
        "coprod.decision", string="Adopted by decision", copy=False, ondelete="restrict",
        index="btree_not_null", tracking=True, check_company=True,
    )
    adopted_meeting_id = fields.Many2one(
        "coprod.meeting", string="Adopted at", copy=False, ondelete="restrict",
        index="btree_not_null", tracking=True, check_company=True,
    )
    date_adopted = fields.Date(string="Adopted on", copy=False, readonly=True, tracking=True)
    date_retired = fields.Date(string="Retired on", copy=False, readonly=True, tracking=True)
    retired_reason = fields.Text(string="Why it was retired", copy=False, tracking=True)
    replaces_value_id = fields.Many2one(
        "coprod.value", string="New wording of", copy=False, ondelete="restrict",
        index="btree_not_null", check_company=True,
        help="The adopted value this proposal rewords.",
    )
    replaced_by_value_id = fields.Many2one(
        "coprod.value", string="Reworded as", copy=False, readonly=True,
        ondelete="set null", check_company=True,
    )
    history_ids = fields.Many2many(
        "coprod.value", compute="_compute_history_ids", string="Earlier wordings",
    )
    record_ids = fields.Many2many(
        "coprod.value.record", "coprod_value_record_value_rel", "value_id", "record_id",
        string="Value records", copy=False, check_company=True,
    )
    record_count = fields.Integer(compute="_compute_record_count", string="Records")
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("replaces_value_id")
    def _compute_history_ids(self):
        for value in self:
            history = self.browse()
            earlier = value.replaces_value_id
            while earlier and earlier not in history:
                history |= earlier
                earlier = earlier.replaces_value_id
            value.history_ids = history

    @api.depends("record_ids")
    def _compute_record_count(self):
        counts = dict(self.env["coprod.value.record"]._read_group(
            [("value_ids", "in", self.ids)], ["value_ids"], ["__count"],
        )) if self.ids else {}
        for value in self:
            value.record_count = counts.get(value._origin, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        by_buttons = is_trusted(self, STAGE)
        if "state" in vals and not by_buttons:
            raise UserError(_("Use the buttons (Adopt, Retire, Propose new wording) to change "
                              "what stage a value is at."))
        if ADOPTION_FIELDS & set(vals) and not by_buttons:
            for value in self.filtered(lambda v: v.state != "proposed"):
                if value._changes(vals, ADOPTION_FIELDS):
                    raise UserError(_(
                        "How \"%(name)s\" was adopted or retired is part of its history, "
                        "so it stays as it is. Nothing was changed.", name=value.name,
                    ))
        if WORDING_FIELDS & set(vals):
            for value in self.filtered(lambda v: v.state != "proposed"):
                if value._changes(vals, WORDING_FIELDS):
                    value._raise_words_agreed()
        return super().write(vals)

    def _changes(self, vals, names):
        """Whether writing ``vals`` would change any of the fields ``names`` (an
        import that writes the same values back changes nothing)."""
        self.ensure_one()
        for name in names & set(vals):
            field = self._fields[name]
            if field.translate is True:
                # words in a language they are not agreed in yet: a new translation
                stored = field._get_stored_translations(self) or {}
                if (self.env.lang or "en_US") not in stored:
                    continue
            if self[name] != field.convert_to_record(field.convert_to_cache(vals[name], self), self):
                return True
        return False

    def _raise_words_agreed(self):
        raise UserError(_(
            "The words of \"%(name)s\" were agreed, so they stay as they are. "
            "To change them, press Propose new wording. The group agrees the "
            "new words. The old words stay in the history.",
            name=self.name,
        ))

    def update_field_translations(self, field_name, translations, source_lang=None):
        """Agreed words stay as they are in every language they were agreed in; a
        translation into a language they do not have yet may still be added."""
        if field_name in WORDING_FIELDS and self._fields[field_name].translate is True:
            for value in self.filtered(lambda v: v.state != "proposed"):
                stored = value._fields[field_name]._get_stored_translations(value) or {}
                if any(lang in stored and stored[lang] != text for lang, text in translations.items()):
                    value._raise_words_agreed()
        return super().update_field_translations(field_name, translations, source_lang=source_lang)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        for value in self:
            if value.state != "proposed" or value.record_ids or value.replaced_by_value_id:
                raise UserError(_(
                    "\"%(name)s\" has a history (it was adopted, or people's stories are "
                    "recorded against it), so it cannot be deleted. Archive it instead.",
                    name=value.name,
                ))

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_adopt(self):
        """Adopt the values: each needs the decision or the ballot that adopted it."""
        for value in self:
            if value.state != "proposed":
                raise UserError(_("Only a proposed value can be adopted; \"%(name)s\" is %(state)s.",
                                  name=value.name, state=value._state_label()))
            ballot, decision = value.adopted_ballot_id, value.adopted_decision_id
            if not ballot and not decision:
                raise UserError(_(
                    "A group adopts a value, so \"%(name)s\" needs the decision or the "
                    "ballot that adopted it. Fill in \"Adopted by decision\" or \"Adopted "
                    "by ballot\" first.", name=value.name,
                ))
            if ballot and value not in ballot._values_won():
                raise UserError(_(
                    "The ballot \"%(ballot)s\" did not adopt \"%(name)s\": it is not closed, "
                    "or the value did not win.", ballot=ballot.name, name=value.name,
                ))
        today = fields.Date.context_today(self)
        for value in trusted(self, STAGE):
            meeting = (value.adopted_meeting_id or value.adopted_decision_id.meeting_id
                       or value.adopted_ballot_id.meeting_id)
            value.write({
                "state": "adopted",
                "date_adopted": today,
                "adopted_meeting_id": meeting.id,
                "group_id": value.group_id.id or value.adopted_ballot_id.group_id.id
                or value.adopted_decision_id.group_id.id,
            })
            old = value.replaces_value_id
            if old and old.state == "adopted":
                old.write({
                    "state": "retired",
                    "date_retired": today,
                    "replaced_by_value_id": value.id,
                    "retired_reason": _("Reworded as \"%(name)s\".", name=value.name),
                })
                old.message_post(body=Markup("<p>%s</p>") % _(
                    "This wording was replaced by \"%(name)s\".", name=value.name))
        return True

    def action_retire(self):
        for value in self:
            if value.state != "adopted":
                raise UserError(_("Only an adopted value can be retired; \"%(name)s\" is %(state)s.",
                                  name=value.name, state=value._state_label()))
        trusted(self, STAGE).write(
            {"state": "retired", "date_retired": fields.Date.context_today(self)})
        return True

    def action_propose_rewording(self):
        """Start a new wording of an adopted value, as a proposal for the group."""
        self.ensure_one()
        if self.state != "adopted":
            raise UserError(_("Only an adopted value is reworded; a proposal can simply be edited."))
        if self.search_count([("replaces_value_id", "=", self.id), ("state", "=", "proposed")]):
            raise UserError(_("A new wording of \"%(name)s\" is already proposed.", name=self.name))
        proposal = self.copy({
            "replaces_value_id": self.id,
            "name": self.name,
            "contributor_partner_ids": [fields.Command.set(self.contributor_partner_ids.ids)],
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "coprod.value",
            "res_id": proposal.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_value_record_action")
        action["domain"] = [("value_ids", "in", self.ids)]
        action["context"] = {"default_value_ids": self.ids}
        return action

    @api.onchange("easy_read_text")
    def _onchange_easy_read_text(self):
        return self._easy_read_warning("easy_read_text")
