"""The Co-production dashboard: what a facilitator has to do next, on one screen.

``coprod.dashboard.get_dashboard_data()`` feeds the ``coprod_dashboard`` client action
(static/src/dashboard/), the first screen of the Co-production app for officers and
managers. It gives four lists and their counts:

- meetings to invite: planned or scheduled meetings still to come whose invitations
  are not sent;
- overdue actions: open actions whose date is before today (in the user's timezone);
- open votes: open ballots, with how many on the register have voted;
- people supported who came: for this month and the two before it, the register rows
  of people supported (``person_kind = 'person_supported'``) at meetings that have
  started by now and were not cancelled: invited (every row of the register), came,
  sent apologies, did not come (and not recorded yet, the rest). The tile counts the
  times people supported came (the "came" rows, which it opens), and says how many
  different people that was.

What the dashboard shows is what the reports show (Reporting): an officer sees the
groups they facilitate, a manager every group of their companies. Everything is read
with the user's own rights on top of that: their record rules decide what they see
(never the records of a company they do not work in). The cost is a fixed number of queries, whatever the number of records: each
list is one search, one count and one read of its names; the participation figures are
one grouped count.

Who may call it: officers and managers. Anyone else (a member who only takes part, an
employee without co-production rights) gets an AccessError, and the menu that opens
the dashboard is only shown to officers; members land on their usual first menu.
"""
import datetime
import textwrap

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date

from ..easyread import say_date, say_when, to_local

# How many rows each list shows; its tile counts them all, and opens them all.
LIST_LIMIT = 10
# How long "you said" may be on the dashboard (the action's form has it all).
YOU_SAID_WIDTH = 100
# The participation chart: this month and the months before it.
MONTHS = 3
# What the chart counts, per month (status of a register row).
PARTICIPATION_STATUSES = ("attended", "apologies", "absent", "expected")


class CoprodDashboard(models.AbstractModel):
    _name = "coprod.dashboard"
    _description = "Co-production dashboard"

    @api.model
    def get_dashboard_data(self):
        """Everything the dashboard shows, as JSON-able data (see the module docstring).

        Raises AccessError for users who are not co-production officers or managers.
        """
        self._check_dashboard_access()
        tz = self._dashboard_tz()
        dashboard = self.with_context(tz=tz)
        locale = self.env.lang or self.env.user.lang
        now = fields.Datetime.now()
        today = fields.Date.context_today(dashboard)
        meetings = dashboard._dashboard_meetings(now, tz, locale)
        actions = dashboard._dashboard_actions(today, locale)
        ballots = dashboard._dashboard_ballots(tz, locale)
        participation = dashboard._dashboard_participation(now, tz)
        return {
            "scope": self._dashboard_scope_text(),
            "tiles": {
                "meetings": meetings["count"],
                "actions": actions["count"],
                "ballots": ballots["count"],
                "came": participation["came"],
            },
            "meetings": meetings,
            "actions": actions,
            "ballots": ballots,
            "participation": participation,
            "today": say_date(today, locale),
        }

    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    @api.model
    def _check_dashboard_access(self):
        if self.env.su or self.env.user.has_group("coprod.group_coprod_officer"):
            return
        raise AccessError(_(
            "The co-production dashboard is for facilitators and managers. "
            "Ask a manager if you need it."
        ))

    @api.model
    def _dashboard_sees_all_groups(self):
        """Managers (and the superuser) see every group of their companies; officers
        the groups they facilitate, as in the reports (security/coprod_staff_rules.xml)."""
        return self.env.su or self.env.user.has_group("coprod.group_coprod_manager")

    @api.model
    def _dashboard_scope(self, path="group_id"):
        """The domain that keeps an officer to the groups they facilitate (``path``:
        the group's field on the model read), empty for managers."""
        if self._dashboard_sees_all_groups():
            return []
        return [(f"{path}.facilitator_user_id", "=", self.env.uid)]

    @api.model
    def _dashboard_scope_text(self):
        if self._dashboard_sees_all_groups():
            return _("You see all the groups.")
        return _("You see the groups you facilitate.")

    @api.model
    def _dashboard_tz(self):
        """The user's timezone (the web client's, else their preference), else UTC."""
        for tz in (self.env.context.get("tz"), self.env.user.tz):
            if tz and tz in pytz.all_timezones_set:
                return tz
        return "UTC"

    # ------------------------------------------------------------
    # LISTS
    # ------------------------------------------------------------

    @api.model
    def _dashboard_list(self, model, domain, fnames, order):
        """The first rows of ``model`` matching ``domain`` (read with the user's rights),
        the number of all of them, and the domain that opens them all."""
        Model = self.env[model]
        records = Model.search_fetch(domain, fnames, limit=LIST_LIMIT, order=order)
        # Always counted, even when the list is short: the same queries for 2 rows or 200.
        count = Model.search_count(domain)
        return records, {"count": count, "model": model, "domain": domain, "rows": []}

    @api.model
    def _dashboard_meetings(self, now, tz, locale):
        domain = [
            ("state", "in", ("draft", "scheduled")),
            ("start", ">", fields.Datetime.to_string(now)),
            ("invitations_sent", "=", False),
            *self._dashboard_scope(),
        ]
        meetings, data = self._dashboard_list(
            "coprod.meeting", domain, ["name", "group_id", "start", "stop", "state"], "start, id",
        )
        states = dict(meetings._fields["state"]._description_selection(self.env))
        for meeting in meetings:
            data["rows"].append({
                "id": meeting.id,
                "name": meeting.name,
                "group": meeting.group_id.display_name,
                "when": self._say_when(meeting.start, meeting.stop, tz, locale),
                "start": fields.Datetime.to_string(meeting.start),
                "state": meeting.state,
                "state_label": states.get(meeting.state, ""),
            })
        return data

    @api.model
    def _dashboard_actions(self, today, locale):
        domain = [("state", "=", "open"), ("date_due", "<", fields.Date.to_string(today)),
                  *self._dashboard_scope()]
        actions, data = self._dashboard_list(
            "coprod.action", domain,
            ["you_said", "owner_partner_id", "owner_user_id", "date_due", "group_id"],
            "date_due, id",
        )
        for action in actions:
            # The owner's name as read() shows it: whoever may see the action may see
            # who does it, even a person of a company they do not work in.
            owner = action.owner_partner_id.sudo() or action.owner_user_id.sudo()
            data["rows"].append({
                "id": action.id,
                "you_said": textwrap.shorten(
                    action.you_said or "", YOU_SAID_WIDTH, placeholder="..."),
                "owner": owner.display_name or "",
                "date_due": fields.Date.to_string(action.date_due),
                "due": say_date(action.date_due, locale),
                "days_late": (today - action.date_due).days,
                "group": action.group_id.display_name,
            })
        return data

    @api.model
    def _dashboard_ballots(self, tz, locale):
        domain = [("state", "=", "open"), *self._dashboard_scope()]
        ballots, data = self._dashboard_list(
            "coprod.ballot", domain, ["name", "easy_read_question", "group_id", "date_close"],
            "date_close asc nulls last, id desc",
        )
        for ballot in ballots:
            # register_count and voted_count are computed for all the rows at once.
            data["rows"].append({
                "id": ballot.id,
                "name": ballot.name,
                "group": ballot.group_id.display_name,
                "voted": ballot.voted_count,
                "registered": ballot.register_count,
                "date_close": ballot.date_close and fields.Datetime.to_string(ballot.date_close),
                "closes": self._say_when(ballot.date_close, None, tz, locale),
            })
        return data

    # ------------------------------------------------------------
    # PARTICIPATION
    # ------------------------------------------------------------

    @api.model
    def _dashboard_participation(self, now, tz):
        """People supported at the meetings of this month and the two months before it
        that have started by now (not cancelled): per month, how many were invited (on
        the register), came, sent apologies, did not come, and are not recorded yet.
        ``came``: how many times people supported came (the rows ``domain`` opens);
        ``people``: how many different people that was.

        Months are the user's (``tz``): a meeting at 11pm on 31 March in London is a
        March meeting. One grouped count, with the user's record rules.
        """
        this_month = to_local(now, tz).date().replace(day=1)
        months = [this_month - relativedelta(months=n) for n in range(MONTHS - 1, -1, -1)]
        since = self._utc(months[0], tz)
        domain = [
            ("person_kind", "=", "person_supported"),
            ("meeting_id.state", "!=", "cancelled"),
            ("meeting_id.start", ">=", fields.Datetime.to_string(since)),
            ("meeting_id.start", "<=", fields.Datetime.to_string(now)),
            *self._dashboard_scope("meeting_id.group_id"),
        ]
        counts = {month: dict.fromkeys(PARTICIPATION_STATUSES, 0) for month in months}
        # with the people of each group (still one query): how many different people came
        groups = self.env["coprod.attendance"].with_context(tz=tz)._read_group(
            domain, ["meeting_start:month", "status"], ["__count", "partner_id:array_agg"],
        )
        came_people = set()
        for month, status, number, partner_ids in groups:
            if isinstance(month, datetime.datetime):
                month = month.date()
            if month in counts and status in counts[month]:
                counts[month][status] += number
                if status == "attended":
                    came_people.update(partner_ids)
        rows = []
        for month in months:
            row = counts[month]
            rows.append({
                "month": fields.Date.to_string(month),
                "label": format_date(self.env, month, date_format="MMMM y"),
                "invited": sum(row.values()),
                "came": row["attended"],
                "apologies": row["apologies"],
                "absent": row["absent"],
                "not_recorded": row["expected"],
            })
        return {
            "months": rows,
            "came": sum(row["came"] for row in rows),
            "people": len(came_people),
            "invited": sum(row["invited"] for row in rows),
            "max": max([row["invited"] for row in rows] + [0]),
            "model": "coprod.attendance",
            # the tile opens what it counts: the times people supported came
            "domain": [*domain, ("status", "=", "attended")],
        }

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    @staticmethod
    def _utc(day, tz):
        """Midnight at the start of ``day`` in ``tz``, as a naive UTC datetime."""
        midnight = datetime.datetime.combine(day, datetime.time.min)
        return pytz.timezone(tz).localize(midnight).astimezone(pytz.utc).replace(tzinfo=None)

    @staticmethod
    def _say_when(start, stop, tz, locale):
        """'Tuesday 2 March 2027, 2pm to 4pm' in the user's language and timezone."""
        if not start:
            return ""
        local_stop = to_local(stop, tz) if stop else None
        local_start = to_local(start, tz)
        if local_stop is not None and local_stop < local_start:
            local_stop = None
        return say_when(local_start, local_stop, locale)
