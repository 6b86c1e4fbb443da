from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrEmployeeBase(models.AbstractModel):
    """On hr.employee.base, so that the public profile (hr.employee.public, which
    users without HR rights read instead of hr.employee) has the fields too."""

    _inherit = "hr.employee.base"

    coprod_membership_ids = fields.One2many(
        "coprod.membership", "employee_id", string="Co-production memberships",
        groups="hr.group_hr_user,coprod.group_coprod_user",
    )
    coprod_membership_count = fields.Integer(
        compute="_compute_coprod_membership_count",
        string="Co-production",
        groups="hr.group_hr_user,coprod.group_coprod_user",
    )
    coprod_staff_board_member = fields.Boolean(
        compute="_compute_coprod_staff_board_member",
        search="_search_coprod_staff_board_member",
        string="On a staff shadow board",
        groups="hr.group_hr_user,coprod.group_coprod_user",
        help="The employee has a current membership of a staff group.",
    )

    def _compute_coprod_membership_count(self):
        data = self.env["coprod.membership"].sudo()._read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
        )
        counts = {employee.id: count for employee, count in data}
        for employee in self:
            employee.coprod_membership_count = counts.get(employee.id, 0)

    def _staff_board_domain(self):
        return [("is_current", "=", True), ("group_id.kind", "=", "staff")]

    def _compute_coprod_staff_board_member(self):
        members = self.env["coprod.membership"].sudo().search(
            [("employee_id", "in", self.ids)] + self._staff_board_domain()
        ).employee_id
        for employee in self:
            employee.coprod_staff_board_member = employee.id in members.ids

    def _search_coprod_staff_board_member(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search staff board members with = True or = False."))
        # searching by a computed field skips its groups: check them, as reading does
        self.check_field_access_rights("read", ["coprod_staff_board_member"])
        positive = (operator == "=") == value
        # as the computation: HR officers do not read co-production groups
        staff_members = self.env["coprod.membership"].sudo()._search(
            [("employee_id", "!=", False)] + self._staff_board_domain()
        )
        return [("id", "in" if positive else "not in", staff_members.subselect("employee_id"))]

    def action_coprod_volunteer(self):
        """Offer to join a staff shadow board (from the employee's own profile)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "coprod.staff.volunteer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_employee_id": self.id},
        }


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def action_view_coprod_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_membership_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id, "default_partner_id": self.work_contact_id.id}
        return action

    def action_view_coprod_actions(self):
        """The "you said, we did" actions the employee does (as their work contact or
        their user), open ones first shown."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_action_action")
        domain = [("owner_partner_id", "=", self.work_contact_id.id)] if self.work_contact_id else [(0, "=", 1)]
        if self.user_id:
            domain = ["|", ("owner_user_id", "=", self.user_id.id)] + domain
        action["domain"] = domain
        action["context"] = {"search_default_open": 1}
        return action

    def action_view_coprod_attendances(self):
        """The meetings the employee came to (their rows on meeting registers)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_attendance_action")
        action["domain"] = [("partner_id", "=", self.work_contact_id.id or 0)]
        action["context"] = {"search_default_attended": 1}
        return action

    def write(self, vals):
        leaving = self.browse()
        if vals.get("departure_date"):
            leaving = self  # archived or not: Odoo's departure wizard archives first
        elif vals.get("active") is False:
            leaving = self.filtered(lambda e: e.active)
        result = super().write(vals)
        if leaving:
            leaving._coprod_leave()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coprod_member(self):
        """A member of a co-production group (now or before) stays in its history:
        the database refuses to delete them; say why in plain words first."""
        members = self.env["coprod.membership"].sudo().search(
            [("employee_id", "in", self.ids)]).employee_id
        if members:
            raise UserError(_(
                "These employees have been on a co-production group (such as a staff "
                "board): %(names)s. They cannot be deleted, because they are part of the "
                "group's history. Archive them instead: their memberships end.",
                names=", ".join(members[:5].mapped("name")),
            ))

    def _coprod_leave(self):
        """An employee leaves (archived, or a departure date set): their memberships
        end on the departure date (today if none), and the open actions they own are
        flagged to be given to someone else, with a to-do for the facilitator."""
        today = fields.Date.context_today(self)
        leaving = self.sudo().with_context(active_test=False)
        day_of = {employee.id: employee.departure_date or today for employee in leaving}
        memberships = self.env["coprod.membership"].sudo().search([
            ("employee_id", "in", leaving.ids),
            "|", ("date_end", "=", False), ("date_end", ">", min(day_of.values())),
        ])
        ends = {}
        for membership in memberships:
            day = day_of[membership.employee_id.id]
            if not membership.date_end or membership.date_end > day:
                ends.setdefault(max(day, membership.date_start), []).append(membership.id)
        for date_end, ids in ends.items():  # one write per end date
            memberships.browse(ids).write({"date_end": date_end})
        partners = self.sudo().with_context(active_test=False).work_contact_id
        users = self.sudo().with_context(active_test=False).user_id
        actions = self.env["coprod.action"].sudo().search([
            ("state", "=", "open"), ("needs_reassignment", "=", False),
            "|", ("owner_partner_id", "in", partners.ids), ("owner_user_id", "in", users.ids),
        ])
        if not actions:
            return
        actions.write({"needs_reassignment": True})
        for action in actions:
            facilitator = action.group_id.facilitator_user_id
            if not facilitator:
                continue
            action.activity_schedule(
                "coprod.mail_activity_type_reassign_action",
                user_id=facilitator.id,
                summary=_("Give this action to someone else"),
                note=Markup("<p>%s</p>") % _(
                    "%(name)s has left. Choose who does this now, so the group still hears "
                    "what was done.", name=action.owner_partner_id.name or action.owner_user_id.name),
            )
