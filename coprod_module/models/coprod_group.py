import calendar
from datetime import datetime

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# How far apart a group's meetings are; action_plan_next() uses it.
MEETING_INTERVALS = {
    "weekly": relativedelta(weeks=1),
    "fortnightly": relativedelta(weeks=2),
    "monthly": relativedelta(months=1),
    "bimonthly": relativedelta(months=2),
    "quarterly": relativedelta(months=3),
}
# What else keeps a group's history (the database refuses to delete a group that
# has any of them), in the words a message uses.
GROUP_HISTORY = (
    ("coprod.ballot", _lt("ballots")),
    ("coprod.action", _lt("actions")),
    ("coprod.value", _lt("values proposed to it")),
    ("coprod.value.nomination", _lt("value nominations")),
    ("coprod.value.record", _lt("stories")),
    ("coprod.quality.check", _lt("quality checks")),
    ("coprod.staff.volunteer", _lt("offers to join")),
)


class CoprodGroup(models.Model):
    _name = "coprod.group"
    _description = "Co-production group"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "coprod.easy.read.checked", "coprod.move.checked",
    ]
    _coprod_move_fields = ("company_id",)
    _check_company_auto = True
    _easy_read_fields = ("easy_read_summary",)
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("people_supported", "People supported"),
            ("staff", "Staff"),
            ("family", "Family and friends"),
            ("mixed", "Mixed"),
        ],
        required=True,
        default="people_supported",
        tracking=True,
        help="Who the group is for. A shadow quality board is a group of people "
        "supported; a staff shadow board is a staff group.",
    )
    description = fields.Html()
    easy_read_summary = fields.Text(string="Easy-read summary",
        help="What the group is, in short sentences that people who read little "
        "can follow. It is printed on invitations.",
    )
    membership_ids = fields.One2many("coprod.membership", "group_id", string="Memberships")
    member_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_current_partners",
        string="Current members",
        help="Everyone with a current membership, whatever their role.",
    )
    co_chair_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_current_partners",
        string="Current co-chairs",
    )
    member_count = fields.Integer(compute="_compute_member_count", string="Members")
    co_chair_notice = fields.Char(string="Co-chair notice",
        compute="_compute_co_chair_notice",
        help="What the group's co-chairs lack: a group has two co-chairs, and in a group of "
        "people supported one of them is a person who receives support.",
    )
    meeting_ids = fields.One2many("coprod.meeting", "group_id", string="Meetings")
    ballot_ids = fields.One2many("coprod.ballot", "group_id", string="Ballots")
    ballot_count = fields.Integer(compute="_compute_ballot_count", string="Ballot count")
    meeting_count = fields.Integer(string="Number of meetings", compute="_compute_meeting_count")
    next_meeting_id = fields.Many2one("coprod.meeting", string="Next meeting",
        compute="_compute_meeting_count")
    action_count = fields.Integer(compute="_compute_action_count", string="Open actions")
    quality_check_ids = fields.One2many("coprod.quality.check", "group_id", string="Quality checks")
    seat_ids = fields.One2many(
        "coprod.group.seat", "group_id", string="Seats",
        help="For a staff board: how many seats each department or work location has.",
    )
    empty_seat_count = fields.Integer(compute="_compute_empty_seat_count", string="Empty seats")
    volunteer_ids = fields.One2many("coprod.staff.volunteer", "group_id", string="Volunteers")
    quality_check_count = fields.Integer(compute="_compute_quality_counts", string="Checks")
    value_record_count = fields.Integer(compute="_compute_quality_counts", string="Stories")
    facilitator_user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="The member of staff who runs the group's cycle: plans meetings, "
        "sends invitations, records attendance and minutes.",
    )
    quorum_percent = fields.Float(
        string="Quorum (%)",
        default=50.0,
        help="Share of the voting members who must take part for a vote to count.",
    )
    quorum_min = fields.Integer(
        string="Quorum (people)",
        default=3,
        help="Fewest voting members who must take part for a vote to count.",
    )
    meeting_interval = fields.Selection(
        [
            ("weekly", "Every week"),
            ("fortnightly", "Every two weeks"),
            ("monthly", "Every month"),
            ("bimonthly", "Every two months"),
            ("quarterly", "Every three months"),
        ], string="Meeting interval",
        required=True,
        default="monthly",
    )
    invitation_days = fields.Integer(
        string="Send invitations (days before)",
        default=7,
        help="Invitations not yet sent go out automatically this many days before "
        "a scheduled meeting.",
    )
    default_location = fields.Char(string="Default location", help="Where meetings usually happen.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    color = fields.Integer()
    active = fields.Boolean(default=True, tracking=True)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    def _current_memberships_by_group(self, domain=()):
        """{group: its current memberships (matching domain)}. Saved groups read only
        those from the database, not every past membership; a group being edited (a
        form's unsaved lines) is read from memory."""
        Membership = self.env["coprod.membership"]
        today = fields.Date.context_today(self)
        saved = self.filtered(lambda group: isinstance(group.id, int))
        result = {group: Membership for group in self}
        if saved:
            fetched = Membership.search_fetch(
                [("group_id", "in", saved.ids), ("is_current", "=", True), *domain],
                ["group_id", "partner_id", "role", "person_kind"])
            for membership in fetched:
                result[membership.group_id] |= membership
        for group in self - saved:
            result[group] = group.membership_ids.filtered(
                lambda m: m._is_current_on(today)).filtered_domain(list(domain))
        return result

    @api.depends("membership_ids.partner_id", "membership_ids.role",
                 "membership_ids.date_start", "membership_ids.date_end")
    def _compute_current_partners(self):
        for group, current in self._current_memberships_by_group().items():
            group.member_partner_ids = current.partner_id
            group.co_chair_partner_ids = current.filtered(
                lambda m: m.role == "co_chair"
            ).partner_id

    @api.depends("membership_ids.partner_id", "membership_ids.date_start",
                 "membership_ids.date_end")
    def _compute_member_count(self):
        """Counted in the database: a list of groups does not read their members."""
        saved = self.filtered(lambda group: isinstance(group.id, int))
        counts = dict(self.env["coprod.membership"]._read_group(
            [("group_id", "in", saved.ids), ("is_current", "=", True)],
            ["group_id"], ["partner_id:count_distinct"])) if saved else {}
        for group in saved:
            group.member_count = counts.get(group, 0)
        for group in self - saved:
            group.member_count = len(group._current_memberships_by_group()[group].partner_id)

    @api.depends("kind", "membership_ids.role", "membership_ids.person_kind",
                 "membership_ids.date_start", "membership_ids.date_end")
    def _compute_co_chair_notice(self):
        co_chairs_of = self._current_memberships_by_group([("role", "=", "co_chair")])
        for group in self:
            co_chairs = co_chairs_of[group]
            if not co_chairs:
                notice = _("This group has no co-chair yet. The members can choose one "
                           "in an election (a ballot).")
            elif (group.kind in ("people_supported", "mixed")
                  and "person_supported" not in co_chairs.mapped("person_kind")):
                notice = _("One of the co-chairs should be a person who receives support.")
            elif len(co_chairs) == 1:
                notice = _("This group has one co-chair. The members can choose a second "
                           "one in an election (a ballot), to share the work.")
            else:
                notice = False
            group.co_chair_notice = notice

    @api.depends("meeting_ids.state", "meeting_ids.start")
    def _compute_meeting_count(self):
        data = self.env["coprod.meeting"]._read_group(
            [("group_id", "in", self.ids)], ["group_id"], ["__count"]
        )
        counts = {group.id: count for group, count in data}
        upcoming = self.env["coprod.meeting"].search_fetch(
            [("group_id", "in", self.ids), ("state", "in", ("draft", "scheduled")),
             ("start", ">=", fields.Datetime.now())],
            ["group_id"], order="start desc, id desc",
        )
        # the earliest last: it is the one kept
        next_meeting = {meeting.group_id.id: meeting for meeting in upcoming}
        for group in self:
            group.meeting_count = counts.get(group.id, 0)
            group.next_meeting_id = next_meeting.get(group.id, False)

    def _compute_ballot_count(self):
        data = self.env["coprod.ballot"]._read_group(
            [("group_id", "in", self.ids)], ["group_id"], ["__count"]
        )
        counts = {group.id: count for group, count in data}
        for group in self:
            group.ballot_count = counts.get(group.id, 0)

    @api.depends("seat_ids.empty")
    def _compute_empty_seat_count(self):
        for group in self:
            group.empty_seat_count = sum(group.seat_ids.mapped("empty"))

    def _seat_for(self, employee):
        """The seat line that stands for this employee: their department's, else
        their work location's (or none)."""
        self.ensure_one()
        return (self.seat_ids.filtered(lambda s: s.department_id and s._holds(employee))[:1]
                or self.seat_ids.filtered(lambda s: s.work_location_id and s._holds(employee))[:1])

    def _compute_quality_counts(self):
        checks = dict(self.env["coprod.quality.check"]._read_group(
            [("group_id", "in", self.ids)], ["group_id"], ["__count"]))
        records = dict(self.env["coprod.value.record"]._read_group(
            [("group_id", "in", self.ids)], ["group_id"], ["__count"]))
        for group in self:
            group.quality_check_count = checks.get(group._origin, 0)
            group.value_record_count = records.get(group._origin, 0)

    def _compute_action_count(self):
        data = self.env["coprod.action"]._read_group(
            [("group_id", "in", self.ids), ("state", "=", "open")], ["group_id"], ["__count"]
        )
        counts = {group.id: count for group, count in data}
        for group in self:
            group.action_count = counts.get(group.id, 0)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("quorum_percent", "quorum_min", "invitation_days")
    def _check_numbers(self):
        """The group's quorum is copied to its ballots, which refuse a quorum out of
        range: refuse it here, where it is typed."""
        for group in self:
            if not 0 <= group.quorum_percent <= 100 or group.quorum_min < 0:
                raise ValidationError(_(
                    "The quorum of %(name)s is between 0 and 100 percent, and 0 people "
                    "or more.", name=group.name,
                ))
            if group.invitation_days < 0:
                raise ValidationError(_(
                    "Invitations for %(name)s go out 0 days or more before a meeting.",
                    name=group.name,
                ))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self.filtered("active")._check_nothing_to_come()
        return super().write(vals)

    def _check_nothing_to_come(self):
        """A group is archived once nothing is to come: no meeting still planned or
        scheduled (its invitations would still go out), no ballot still open."""
        if not self:
            return
        all_meetings = self.env["coprod.meeting"].search(
            [("group_id", "in", self.ids), ("state", "in", ("draft", "scheduled"))])
        all_ballots = self.env["coprod.ballot"].search(
            [("group_id", "in", self.ids), ("state", "=", "open")])
        for group in self:
            meetings = all_meetings.filtered(lambda m, g=group: m.group_id == g)
            ballots = all_ballots.filtered(lambda b, g=group: b.group_id == g)
            if meetings or ballots:
                raise UserError(_(
                    "%(name)s still has things to come: %(items)s. Cancel or finish "
                    "them first, then archive the group. Nothing was changed.",
                    name=group.name,
                    items=", ".join((meetings.mapped("name") + ballots.mapped("name"))[:5]),
                ))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_has_meetings(self):
        for group in self:
            if group.with_context(active_test=False).meeting_ids:
                raise UserError(_(
                    "The group %(name)s has meetings, so it cannot be deleted. "
                    "Archive it instead: its history stays.",
                    name=group.name,
                ))
        for model, words in GROUP_HISTORY:
            used = self.env[model].sudo().with_context(active_test=False).search(
                [("group_id", "in", self.ids)]).group_id
            if used:
                raise UserError(_(
                    "The group %(name)s has %(what)s, so it cannot be deleted. "
                    "Archive it instead: its history stays.",
                    name=used[0].name, what=str(words),
                ))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_meeting_action")
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"default_group_id": self.id}
        return action

    def action_view_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_membership_action")
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"default_group_id": self.id, "search_default_current": 1}
        return action

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_action_action")
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"search_default_open": 1}
        return action

    def action_view_quality_checks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_quality_check_action")
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"default_group_id": self.id}
        return action

    def action_view_value_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_value_record_action")
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"default_group_id": self.id}
        return action

    def action_view_ballots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_ballot_action")
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"default_group_id": self.id}
        return action

    def action_new_meeting(self):
        """Open a new meeting form for this group, after its last meeting.

        The start proposed is one interval after the group's last meeting (cancelled
        ones left out), at the same time and for as long; when that day has passed,
        the first such day from today. A group with no meeting yet gets no proposal.
        """
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_meeting_action")
        context = {"default_group_id": self.id}
        last = self.env["coprod.meeting"].search(
            [("group_id", "=", self.id), ("state", "!=", "cancelled")],
            order="start desc, id desc", limit=1)
        if last:
            start, now = last.start, fields.Datetime.now()
            # interval by interval until a day to come (each step moves on)
            start = self._next_meeting_start(start)
            while start < now:
                start = self._next_meeting_start(start)
            context.update(default_start=start, default_stop=start + (last.stop - last.start))
        action.update(views=[(False, "form")], view_mode="form", context=context)
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _current_memberships(self):
        """Current memberships of these groups, in one query."""
        return self.env["coprod.membership"].search(
            [("group_id", "in", self.ids), ("is_current", "=", True)]
        )

    def _interval_delta(self):
        self.ensure_one()
        return MEETING_INTERVALS[self.meeting_interval]

    def _next_meeting_start(self, start):
        """When the meeting after one starting at ``start`` (UTC) starts: one interval later.

        Weekly and fortnightly groups meet on the same weekday anyway. Groups that
        meet every one, two or three months say when they meet by the weekday ("the
        third Tuesday of the month"): people with learning disabilities plan their
        week around it (transport, support workers, day services), so the next
        meeting keeps the weekday and its place in the month: third Tuesday ->
        third Tuesday. A fifth weekday, which most months do not have, becomes the
        last such weekday of the month. Same time on the clock, in the user's
        group's timezone (a meeting at 2pm stays at 2pm across a clock change).
        """
        self.ensure_one()
        delta = self._interval_delta()
        if not delta.months:
            return start + delta
        # the group's clock (its facilitator's), as the papers say the time
        tz = pytz.timezone(self.env["coprod.easy.read"]._person_tz(group=self))
        local = pytz.utc.localize(start).astimezone(tz)
        week = (local.day - 1) // 7  # 0: first, ..., 4: fifth
        month = local.date().replace(day=1) + delta
        first = (local.weekday() - month.weekday()) % 7 + 1  # its first such day
        days_in_month = calendar.monthrange(month.year, month.month)[1]
        day = first + 7 * week
        if week == 4 or day > days_in_month:
            day = first + 7 * ((days_in_month - first) // 7)  # the last such weekday
        naive = datetime.combine(month.replace(day=day), local.time().replace(tzinfo=None))
        return tz.localize(naive).astimezone(pytz.utc).replace(tzinfo=None)

    @api.onchange("easy_read_summary")
    def _onchange_easy_read_summary(self):
        return self._easy_read_warning("easy_read_summary")
