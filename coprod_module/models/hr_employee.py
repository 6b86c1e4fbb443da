from odoo import _, fields, models
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


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def action_view_coprod_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_membership_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id, "default_partner_id": self.work_contact_id.id}
        return action
