from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoprodStaffVolunteer(models.Model):
    """An employee offers to join a staff shadow board, from their own profile.

    The facilitator accepts (the employee becomes a member) or declines, and the
    employee is told either way.
    """

    _name = "coprod.staff.volunteer"
    _description = "Volunteer for a staff board"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, id desc"
    _rec_name = "employee_id"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade", check_company=True,
        default=lambda self: self.env.user.employee_id,
    )
    partner_id = fields.Many2one(related="employee_id.work_contact_id", string="Contact")
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    work_location_id = fields.Many2one(related="employee_id.work_location_id", store=True)
    group_id = fields.Many2one(
        "coprod.group", string="Board", required=True, index=True, ondelete="restrict",
        domain="[('kind', '=', 'staff')]",
    )
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)
    statement = fields.Text(
        string="Why I would like to join", help="In your own words: what you would bring.",
    )
    state = fields.Selection(
        [("requested", "Waiting for an answer"), ("accepted", "Accepted"),
         ("declined", "Not this time"), ("withdrawn", "Withdrawn")],
        default="requested", required=True, tracking=True, copy=False,
    )
    answer = fields.Text(help="What the facilitator says back, for example why not this time.")
    membership_id = fields.Many2one("coprod.membership", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        volunteers = super().create(vals_list)
        for volunteer in volunteers:
            volunteer._check_can_volunteer()
            if volunteer.group_id.facilitator_user_id:
                volunteer.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=volunteer.group_id.facilitator_user_id.id,
                    summary=_("%(name)s volunteers for %(group)s",
                              name=volunteer.employee_id.name, group=volunteer.group_id.name),
                )
        return volunteers

    def write(self, vals):
        if not (self.env.su or self.env.user.has_group("coprod.group_coprod_officer")):
            allowed = {"statement", "state"}
            if set(vals) - allowed or vals.get("state", "withdrawn") != "withdrawn":
                raise UserError(_("The facilitator answers the offer; you can change what you "
                                  "wrote, or withdraw it."))
        return super().write(vals)

    def _check_can_volunteer(self):
        self.ensure_one()
        employee, group = self.employee_id, self.group_id
        if group.kind != "staff":
            raise UserError(_("Volunteers join staff boards; %(group)s is not one.", group=group.name))
        if not employee.active:
            raise UserError(_("%(name)s is archived.", name=employee.name))
        if not employee.work_contact_id:
            raise UserError(_(
                "%(name)s has no linked contact. Ask HR to set the work contact first.",
                name=employee.name))
        twice = self.sudo().search_count([
            ("id", "!=", self.id), ("employee_id", "=", employee.id),
            ("group_id", "=", group.id), ("state", "=", "requested"),
        ])
        if twice:
            raise UserError(_(
                "%(name)s has already volunteered for %(group)s: the facilitator will answer.",
                name=employee.name, group=group.name))
        member = group.sudo()._current_memberships().filtered(
            lambda m: m.partner_id == employee.work_contact_id)
        if member:
            raise UserError(_("%(name)s is already on %(group)s.", name=employee.name, group=group.name))

    def _check_officer(self):
        if not self.env.user.has_group("coprod.group_coprod_officer"):
            raise UserError(_("The board's facilitator answers volunteers."))

    def _tell_employee(self):
        """Tell each employee the answer to their offer, by email, in their language."""
        for volunteer in self:
            partner = volunteer.employee_id.work_contact_id
            # an employee without a work contact is told nothing by email: the
            # answer stays in the offer's history
            lang = partner._coprod_lang() if partner else self.env.lang
            volunteer.with_context(lang=lang)._post_answer(partner)

    def _post_answer(self, partner):
        self.ensure_one()
        if self.state == "accepted":
            body = _("Welcome to %(group)s! You are now a member.", group=self.group_id.name)
        else:
            body = _("Thank you for offering to join %(group)s. Not this time: %(answer)s",
                     group=self.group_id.name, answer=self.answer)
        self.message_post(
            body=Markup("<p>%s</p>") % body,
            subject=_("Your offer to join %(group)s", group=self.group_id.name),
            partner_ids=partner.ids, subtype_xmlid="mail.mt_comment",
        )

    def action_accept(self):
        """The employee joins the board, if a seat for their department or work
        location is free."""
        self._check_officer()
        for volunteer in self:
            if volunteer.state != "requested":
                raise UserError(_("This offer was already answered."))
            seat = volunteer.group_id._seat_for(volunteer.employee_id)
            if seat and not seat.empty:
                raise UserError(_(
                    "All %(seats)s seats for %(where)s are taken. Decline this offer "
                    "for now, or add a seat to the board.",
                    seats=seat.seats,
                    where=seat.department_id.name or seat.work_location_id.name))
            membership = self.env["coprod.membership"].create({
                "group_id": volunteer.group_id.id,
                "employee_id": volunteer.employee_id.id,
                "role": "member",
            })
            volunteer.write({"state": "accepted", "membership_id": membership.id})
            volunteer._tell_employee()
            volunteer.activity_ids.action_feedback(feedback=_("Accepted"))
        return True

    def action_decline(self):
        self._check_officer()
        for volunteer in self:
            if volunteer.state != "requested":
                raise UserError(_("This offer was already answered."))
            if not (volunteer.answer or "").strip():
                raise UserError(_("Say why not this time (fill in the answer): the employee will read it."))
        self.write({"state": "declined"})
        for volunteer in self:
            volunteer._tell_employee()
            volunteer.activity_ids.action_feedback(feedback=_("Declined"))
        return True

    def action_withdraw(self):
        for volunteer in self:
            if volunteer.state != "requested":
                raise UserError(_("This offer was already answered."))
        self.write({"state": "withdrawn"})
        self.activity_ids.unlink()
        return True
