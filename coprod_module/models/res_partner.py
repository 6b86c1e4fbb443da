from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize_all

from .cron_batch import facilitator_or_admin

# Document formats, from the most to the least accommodating: a person with needs
# met by several formats gets the first of these.
FORMAT_ORDER = ("large_print", "easy_read", "standard")


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "coprod.search.checked"]

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
    coprod_needs_recorded_by_id = fields.Many2one(
        "res.users", string="Needs recorded by", readonly=True,
        groups="coprod.group_coprod_officer",
    )
    coprod_needs_recorded_date = fields.Date(
        string="Needs recorded on", readonly=True, groups="coprod.group_coprod_officer",
    )
    coprod_needs_flag = fields.Boolean(
        compute="_compute_coprod_needs_flag",
        string="Has communication needs",
        groups="coprod.group_coprod_officer",
    )

    # What a contact's co-production history is held in (each keeps it: restrict).
    _coprod_history_models = (
        "coprod.membership", "coprod.attendance", "coprod.ballot.voter", "coprod.ballot.vote",
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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("coprod_need_ids"):
                vals.update(self._coprod_needs_recorded_values())
        return super().create(vals_list)

    def write(self, vals):
        if "coprod_need_ids" in vals:
            vals = dict(vals, **self._coprod_needs_recorded_values())
        return super().write(vals)

    def _coprod_needs_recorded_values(self):
        return {
            "coprod_needs_recorded_by_id": self.env.uid,
            "coprod_needs_recorded_date": fields.Date.context_today(self),
        }

    # ------------------------------------------------------------
    # ACCESSIBLE INFORMATION STANDARD: MEET AND REVIEW
    # ------------------------------------------------------------

    def _coprod_lang(self):
        """The person's language, or else their company's, or else the user's."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.lang or company.partner_id.lang or self.env.lang or "en_US"

    def _coprod_document_format(self, group=None):
        """The format of the papers this person gets: large print, easy read or
        standard. Their recorded needs decide; without one, a group of people
        supported gets easy read and any other group standard print."""
        self.ensure_one()
        formats = set(self.sudo().coprod_need_ids.mapped("easy_read_format"))
        for document_format in FORMAT_ORDER:
            if document_format in formats:
                return document_format
        if group is not None and group.kind in ("people_supported", "family", "mixed"):
            return "easy_read"
        return "standard"

    def _coprod_has_photo(self):
        """Whether the contact has a photo of their own (with no photo, Odoo draws an
        avatar: an SVG file). Papers and screens show it only with consent."""
        self.ensure_one()
        image = self.image_128
        return bool(image) and image[:1] not in (b"P", "P")

    def _coprod_contact_methods(self):
        """The ways this person asked to be contacted (their contact-method needs)."""
        self.ensure_one()
        return self.sudo().coprod_need_ids.filtered(lambda n: n.category == "contact_method")

    def _coprod_email_allowed(self):
        """Whether papers may be emailed to this person: they have a valid address
        and either recorded no way to be contacted, or email is one of them."""
        self.ensure_one()
        methods = self._coprod_contact_methods()
        return self._coprod_email_valid() and (
            not methods or "contact_email" in methods.mapped("code"))

    def _coprod_email_valid(self):
        """Whether the person's email address is one a mail can be sent to (a mail
        to "sam at home" would never arrive, and nobody would hear of it); a contact
        may have several ("mum@example.com, dad@example.com"), as Odoo's mail sends to
        each."""
        self.ensure_one()
        return bool(email_normalize_all(self.email))

    def _coprod_wants_plain_email(self):
        """Whether this person asked for plain text email: the words only, without
        pictures or layout (for screen readers)."""
        self.ensure_one()
        return "plain_email" in self.sudo().coprod_need_ids.mapped("code")

    def _coprod_needs_to_arrange(self):
        """Needs a document cannot meet: someone must arrange them (an interpreter,
        an advocate, braille, audio, a named supporter)."""
        self.ensure_one()
        return self.sudo().coprod_need_ids.filtered(lambda n: n.needs_arrangement)

    def _coprod_needs_in_the_room(self):
        """Needs met by how the meeting is run rather than by booking anything (lip
        reading, longer time): the people who run it keep them in mind."""
        self.ensure_one()
        return self.sudo().coprod_need_ids.filtered(
            lambda n: not n.needs_arrangement
            and n.category in ("communication_support", "professional_support"))

    @api.model
    def _cron_review_coprod_needs(self):
        """Put an activity on the facilitator for each person whose needs are due
        for review, once (an open reminder is not repeated)."""
        today = fields.Date.context_today(self)
        partners = self.sudo().search([
            ("coprod_need_review_date", "<=", today),
            ("coprod_need_ids", "!=", False),
        ])
        if not partners:
            return
        todo = self.env.ref("coprod.mail_activity_type_review_needs")
        open_reminders = self.env["mail.activity"].sudo().search([
            ("res_model", "=", "res.partner"), ("res_id", "in", partners.ids),
            ("activity_type_id", "=", todo.id),
        ])
        reminded = set(open_reminders.mapped("res_id"))
        # members of groups still running (an archived group's facilitator has moved
        # on), reminded by a facilitator who has not left
        memberships = self.env["coprod.membership"].sudo().search([
            ("partner_id", "in", partners.ids), ("is_current", "=", True),
            ("group_id.active", "=", True),
        ])
        facilitator = {}
        for membership in memberships:
            user = membership.group_id.facilitator_user_id.filtered("active")
            if not facilitator.get(membership.partner_id.id):
                facilitator[membership.partner_id.id] = user
        vals_list = []
        for partner in partners:
            if partner.id in reminded or partner.id not in facilitator:
                continue
            user = facilitator[partner.id] or facilitator_or_admin(self.env["coprod.group"])
            # in the facilitator's language
            vals_list.append(partner.with_context(lang=user.partner_id._coprod_lang())
                             ._coprod_review_reminder_values(user, todo, today))
        self.env["mail.activity"].sudo().create(vals_list)

    def _coprod_review_reminder_values(self, user, activity_type, today):
        self.ensure_one()
        return {
            "res_model_id": self.env["ir.model"]._get_id("res.partner"),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "summary": _("Review communication needs"),
            "note": Markup("<p>%s</p>") % _(
                "The communication needs of %(name)s were due for review on %(date)s. "
                "Check them with the person, then set the next review date.",
                # the date said in full, in the facilitator's language
                name=self.name, date=self.env["coprod.easy.read"]._say_date(
                    self.coprod_need_review_date, user.partner_id)),
            "date_deadline": today + timedelta(days=7),
            "user_id": user.id,
        }

    def action_view_coprod_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_membership_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coprod_history(self):
        """A person who took part in co-production keeps their place in its history:
        the database refuses to delete them; say why in plain words first."""
        taken_part = self.browse()
        for model in self._coprod_history_models:
            taken_part |= self.env[model].sudo().search([("partner_id", "in", self.ids)]).partner_id
        if taken_part:
            raise UserError(_(
                "%(names)s took part in co-production (a group, a meeting or a vote), so "
                "the contact cannot be deleted: they are part of the group's history. "
                "Archive the contact instead.",
                names=", ".join(taken_part[:5].mapped("display_name")),
            ))
