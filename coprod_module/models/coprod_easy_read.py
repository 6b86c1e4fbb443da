from datetime import datetime

from odoo import api, models

from ..easyread import say_date, say_duration, say_time, say_when, to_local


class CoprodEasyRead(models.AbstractModel):
    """Easy-read words for papers and emails: dates and times as people say them,
    in each person's language and time zone (the plain-Python core in
    coprod_module/easyread does the wording)."""

    _name = "coprod.easy.read"
    _description = "Easy-read wording"

    @api.model
    def _person_locale(self, partner=None):
        """The person's language (falling back to their company's), as a Babel locale."""
        lang = partner._coprod_lang() if partner else (self.env.lang or "en_US")
        return lang.replace("@", "_")

    @api.model
    def _person_tz(self, partner=None, group=None):
        return (
            (partner and partner.tz)
            or (group and group.facilitator_user_id.tz)
            or self.env.user.tz
            or "Europe/London"
        )

    @api.model
    def _local(self, value, partner=None, group=None):
        return to_local(value, self._person_tz(partner, group))

    @api.model
    def _say_date(self, value, partner=None, group=None):
        """A date or datetime (UTC) as people say it: "Tuesday 5 March 2027"."""
        if not value:
            return ""
        if isinstance(value, datetime):
            value = self._local(value, partner, group).date()
        return say_date(value, self._person_locale(partner))

    @api.model
    def _say_time(self, value, partner=None, group=None):
        """A datetime (UTC) as people say the time: "2pm", "2:30pm"."""
        if not value:
            return ""
        return say_time(self._local(value, partner, group).time(), self._person_locale(partner))

    @api.model
    def _say_when(self, start, stop, partner=None, group=None):
        """A meeting's time: "Tuesday 5 March 2027, 2pm to 4pm"."""
        if not start:
            return ""
        return say_when(self._local(start, partner, group),
                        self._local(stop or start, partner, group),
                        self._person_locale(partner))

    @api.model
    def _say_duration(self, hours, partner=None):
        """A duration in hours (a float field) as words: "1 hour 30 minutes"."""
        return say_duration(round((hours or 0) * 60), self._person_locale(partner))
