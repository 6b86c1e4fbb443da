from odoo import api, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coprod_seats(self):
        self.env["coprod.group.seat"]._unlink_except_seats(self, "department_id")
