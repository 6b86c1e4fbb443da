from odoo import api, models


class HrWorkLocation(models.Model):
    _inherit = "hr.work.location"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coprod_seats(self):
        self.env["coprod.group.seat"]._unlink_except_seats(self, "work_location_id")
