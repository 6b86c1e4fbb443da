from odoo import api, fields, models


class CoprodAgendaItem(models.Model):
    _name = "coprod.agenda.item"
    _inherit = ["coprod.meeting.part", "coprod.pictured", "coprod.easy.read.checked"]
    # nobody puts a proposal in someone else's name (the record rules again)
    _coprod_move_fields = ("meeting_id", "proposer_partner_id")
    _easy_read_fields = ("easy_read_text",)
    _picture_text_fields = ("title", "easy_read_text")
    _description = "Agenda item"
    _meeting_part_field = "agenda_item_ids"
    _order = "meeting_id, sequence, id"
    _rec_name = "title"

    # a proposal goes to a meeting still to come or being written up: approved minutes
    # take no more items (and a cancelled meeting will not talk about it)
    meeting_id = fields.Many2one(domain="[('state', 'in', ('draft', 'scheduled', 'held'))]")
    sequence = fields.Integer(default=10)
    title = fields.Char(required=True)
    easy_read_text = fields.Text(string="Easy-read text",
        help="The item in easy read: short sentences, one idea each.",
    )
    image = fields.Image(
        max_width=512, max_height=512,
        help="A picture that shows what the item is about.",
    )
    proposer_partner_id = fields.Many2one(
        "res.partner",
        string="Proposed by",
        compute="_compute_proposer_partner_id", store=True, readonly=False, precompute=True,
        check_company=True,
    )
    presenter_partner_id = fields.Many2one(
        "res.partner", string="Presented by", check_company=True,
    )
    duration = fields.Float(string="Time (hours)", default=0.25)
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("accepted", "On the agenda"),
            ("discussed", "Talked about"),
            ("deferred", "Next time"),
        ],
        default="proposed",
        required=True,
        help="Anyone in the group proposes; a co-chair or the facilitator puts it "
        "on the agenda or keeps it for next time.",
    )
    notes = fields.Html()
    quality_statement_ids = fields.Many2many(
        "coprod.quality.statement", "coprod_agenda_item_statement_rel", "agenda_item_id",
        "statement_id", string="Quality statements", check_company=True,
    )
    is_updates = fields.Boolean(
        string="Updates item",
        readonly=True,
        help="The 'you said, we did' item: it reports on earlier actions.",
    )
    action_ids = fields.Many2many(
        "coprod.action",
        "coprod_agenda_item_action_rel",
        "item_id",
        "action_id",
        string="Actions to report on",
        check_company=True,
    )
    can_decide_agenda = fields.Boolean(string="Can choose the agenda",
        compute="_compute_can_decide_agenda",
        help="The current user is an officer or a co-chair of the group: they put the "
        "item on the agenda or keep it for next time.")
    origin_item_id = fields.Many2one(
        "coprod.agenda.item",
        string="Carried over from",
        readonly=True,
        check_company=True,
        index="btree_not_null",
        ondelete="set null",
    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("meeting_id")
    def _compute_proposer_partner_id(self):
        """By default whoever adds the item, unless their contact is another company's
        than the meeting's (an administrator's, for example)."""
        partner = self.env.user.partner_id
        for item in self:
            if not item.proposer_partner_id and item.meeting_id:
                item.proposer_partner_id = partner.filtered_domain(
                    partner._check_company_domain(item.meeting_id.company_id))

    @api.depends_context("uid")
    @api.depends("meeting_id.can_decide_agenda")
    def _compute_can_decide_agenda(self):
        officer = self.env.su or self.env.user.has_group("coprod.group_coprod_officer")
        for item in self:
            item.can_decide_agenda = officer or item.meeting_id.can_decide_agenda

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self._meetings_of(vals_list)
        for vals in vals_list:
            if vals.get("state", "proposed") != "proposed":
                meetings.filtered(lambda m, v=vals: m.id == v["meeting_id"])._check_can_decide_agenda()
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            self.meeting_id._check_can_decide_agenda()
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_accept(self):
        self.write({"state": "accepted"})
        return True

    def action_defer(self):
        self.write({"state": "deferred"})
        return True

    def action_mark_discussed(self):
        self.write({"state": "discussed"})
        return True

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _carry_over_values(self, meeting):
        """Values to put this item on the agenda of a later meeting."""
        self.ensure_one()
        return {
            "meeting_id": meeting.id,
            "sequence": self.sequence,
            "title": self.title,
            "easy_read_text": self.easy_read_text,
            "image": self.image,
            "proposer_partner_id": self.proposer_partner_id.id,
            "presenter_partner_id": self.presenter_partner_id.id,
            "duration": self.duration,
            "notes": self.notes,
            "origin_item_id": self.id,
            "state": "proposed",
        }

    @api.onchange("easy_read_text")
    def _onchange_easy_read_text(self):
        return self._easy_read_warning("easy_read_text")
