from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..easyread import day_bounds_utc

REPORTS = [
    ("participation", "Participation"),
    ("representation", "Representation"),
    ("seat", "Seats on staff boards"),
    ("ballot", "Ballots"),
    ("action", "You said, we did"),
    ("value", "Values lived"),
]
# Each report's action, and its date field (None: the report shows today's picture).
REPORT_ACTIONS = {
    "participation": ("coprod.coprod_report_participation_action", "date"),
    "representation": ("coprod.coprod_report_representation_action", None),
    "seat": ("coprod.coprod_report_seat_action", None),
    "ballot": ("coprod.coprod_report_ballot_action", "date"),
    "action": ("coprod.coprod_report_action_action", "date"),
    "value": ("coprod.coprod_report_value_action", "date"),
}


class CoprodReportPeriod(models.TransientModel):
    """Open a report for a period and some groups."""

    _name = "coprod.report.period"
    _description = "Report period"

    report = fields.Selection(REPORTS, required=True, default="participation")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    group_ids = fields.Many2many("coprod.group", string="Groups", help="Leave empty for all.")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_from and period.date_to and period.date_to < period.date_from:
                raise ValidationError(_(
                    "The period ends (%(end)s) before it starts (%(start)s). Check the dates.",
                    end=period.date_to, start=period.date_from))

    def action_open(self):
        self.ensure_one()
        xmlid, date_field = REPORT_ACTIONS[self.report]
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        domain = []
        if date_field:
            is_datetime = self.env[action["res_model"]]._fields[date_field].type == "datetime"
            tz = self.env.user.tz or self.env.context.get("tz")
            start, stop = self.date_from, self.date_to
            if is_datetime and start:  # the days as the user lives them, in their time zone
                start = day_bounds_utc(start, start, tz)[0]
            if is_datetime and stop:
                stop = day_bounds_utc(stop, stop, tz)[1]
            if self.date_from:
                domain.append((date_field, ">=", start))
            if self.date_to:
                domain.append((date_field, "<=", stop))
        if self.group_ids:
            domain.append(("group_id", "in", self.group_ids.ids))
        action["domain"] = domain
        return action
