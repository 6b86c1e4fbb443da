from datetime import datetime

from odoo import _, api, fields, models
from odoo.tools.i18n import format_list

from ..easyread import check_text, readability, say_date, say_duration, say_time, say_when, to_local


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
    def _say_names(self, names):
        """Names as one list in words, in the language of the paper: "Amy Clarke and
        Helen Ward"."""
        return format_list(self.env, [name for name in names if name])

    @api.model
    def _say_duration(self, hours, partner=None):
        """A duration in hours (a float field) as words: "1 hour 30 minutes"."""
        return say_duration(round((hours or 0) * 60), self._person_locale(partner))


class CoprodEasyReadChecked(models.AbstractModel):
    """Records with easy-read fields: a readability badge, and advice while typing.

    The checker (coprod_module/easyread/checker.py) warns about long sentences,
    several ideas in one sentence, capitals, acronyms, hard words and numbers written
    as words. It only warns: nothing stops a record from being saved.
    """

    _name = "coprod.easy.read.checked"
    _description = "Has easy-read text"
    _easy_read_fields = ()

    easy_read_level = fields.Selection(
        [("good", "Easy to read"), ("fair", "Could be easier"), ("hard", "Hard to read")],
        string="Easy read check", compute="_compute_easy_read_level",
        help="How easy the easy-read words are to read, from coprod's easy-read checker.",
    )
    easy_read_advice = fields.Text(
        string="Easy read advice", compute="_compute_easy_read_level",
    )

    def _easy_read_text(self):
        return "\n".join(str(self[name] or "") for name in self._easy_read_fields)

    @api.depends(lambda self: list(self._easy_read_fields))
    def _compute_easy_read_level(self):
        for record in self:
            text = record._easy_read_text()
            if not text.strip():
                record.easy_read_level = False
                record.easy_read_advice = False
                continue
            record.easy_read_level = readability(text).level
            record.easy_read_advice = "\n".join(
                finding.message for finding in check_text(text)) or False

    def _easy_read_warning(self, field_name):
        """An onchange result that shows the checker's advice, without blocking."""
        findings = check_text(str(self[field_name] or ""))
        if not findings:
            return None
        lines = [finding.message for finding in findings[:5]]
        if len(findings) > 5:
            lines.append(_("... and %(count)s more.", count=len(findings) - 5))
        return {"warning": {
            "title": _("Easy read check"),
            "message": "\n".join(lines),
            "type": "notification",
        }}
