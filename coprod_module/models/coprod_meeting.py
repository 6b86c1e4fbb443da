import re
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, html2plaintext
from odoo.tools.translate import LazyTranslate

from .coprod_quality_statement import ladder_field
from .cron_batch import (
    ask_to_put_right, in_own_settings, put_right, run_in_batch, waiting_to_be_put_right,
)

_lt = LazyTranslate(__name__)

# What stays linked to a meeting (the database refuses to delete a meeting that has
# any of them): model, field, and the words a message uses.
MEETING_LINKS = (
    ("coprod.action", "meeting_id", _lt("actions")),
    ("coprod.ballot", "meeting_id", _lt("ballots")),
    ("coprod.quality.check", "meeting_id", _lt("quality checks")),
    ("coprod.value.record", "meeting_id", _lt("stories")),
    ("coprod.value.nomination", "meeting_id", _lt("value nominations")),
    ("coprod.value", "adopted_meeting_id", _lt("values adopted there")),
)
# What approved minutes lock: the record of what happened at the meeting, who
# approved it and when, and its state (approved minutes stay approved).
LOCKED_WHEN_DONE = frozenset({
    "name", "group_id", "start", "stop", "location", "minutes", "easy_read_minutes",
    "chair_partner_ids", "agenda_item_ids", "attendance_ids", "decision_ids",
    "action_ids", "followup_action_ids", "state", "minutes_approved_date",
    "minutes_approved_user_id",
})
# Meetings whose invitations one run of the scheduled action sends (each renders its
# papers); the scheduler runs it again at once while some are left.
INVITATION_BATCH_SIZE = 10


class CoprodMeeting(models.Model):
    _name = "coprod.meeting"
    _description = "Co-production meeting"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "coprod.easy.read.checked", "coprod.move.checked",
        "coprod.search.checked",
    ]
    _coprod_move_fields = ("group_id",)
    _check_company_auto = True
    _easy_read_fields = ("easy_read_minutes",)
    _order = "start desc, id desc"

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True,
        precompute=True, tracking=True,
    )
    group_id = fields.Many2one(
        "coprod.group", required=True, index=True, tracking=True, ondelete="restrict",
    )
    start = fields.Datetime(required=True, tracking=True)
    stop = fields.Datetime(
        string="End", compute="_compute_stop", store=True, readonly=False,
        required=True, precompute=True, tracking=True,
    )
    location = fields.Char(compute="_compute_location", store=True, readonly=False)
    state = fields.Selection(
        [
            ("draft", "Planned"),
            ("scheduled", "Scheduled"),
            ("held", "Held"),
            ("done", "Minutes approved"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        help="Planned: the agenda is being set. Scheduled: the agenda is fixed and "
        "the register made. Held: the meeting took place; write the minutes. "
        "Minutes approved: everything is read-only.",
    )
    agenda_item_ids = fields.One2many(
        "coprod.agenda.item", "meeting_id", string="Agenda", copy=False
    )
    attendance_ids = fields.One2many(
        "coprod.attendance", "meeting_id", string="Register", copy=False
    )
    decision_ids = fields.One2many(
        "coprod.decision", "meeting_id", string="Decisions", copy=False
    )
    action_ids = fields.One2many(
        "coprod.action", "meeting_id", string="Actions", copy=False
    )
    followup_action_ids = fields.Many2many(
        "coprod.action",
        "coprod_meeting_followup_action_rel",
        "meeting_id",
        "action_id",
        string="You said, we did",
        copy=False,
        check_company=True,
        help="Actions from earlier meetings to report on at this one: what was "
        "asked and what was done.",
    )
    ballot_ids = fields.One2many("coprod.ballot", "meeting_id", string="Ballots", copy=False)
    ballot_count = fields.Integer(compute="_compute_ballot_count", string="Ballot count")
    minutes = fields.Html(copy=False)
    easy_read_minutes = fields.Text(string="Easy-read minutes",
        copy=False,
        help="A short summary in easy read: one idea a line, sentences of 15 words "
        "or fewer.",
    )
    chair_partner_ids = fields.Many2many(
        "res.partner",
        "coprod_meeting_chair_rel",
        "meeting_id",
        "partner_id",
        string="Chairs",
        check_company=True,
        compute="_compute_chair_partner_ids",
        store=True,
        readonly=False,
        help="Who chairs this meeting: by default the group's current co-chairs.",
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar event", copy=False, readonly=True,
        ondelete="set null",
    )
    invitations_sent = fields.Boolean(string="Invitations sent",
        copy=False, readonly=True, tracking=True)
    date_invitations_sent = fields.Datetime(string="Invitations sent on", copy=False, readonly=True)
    minutes_approved_date = fields.Datetime(string="Minutes approved on", copy=False, readonly=True)
    minutes_approved_user_id = fields.Many2one(
        "res.users", string="Minutes approved by", copy=False, readonly=True)
    can_approve_minutes = fields.Boolean(string="Can approve minutes",
        compute="_compute_can_approve_minutes",
        help="The current user is the group's facilitator or a co-chair: they approve the minutes.")
    can_decide_agenda = fields.Boolean(string="Can choose the agenda",
        compute="_compute_can_decide_agenda",
        help="The current user is an officer or a co-chair of the group: they choose "
        "what goes on the agenda.")
    still_on_agenda_count = fields.Integer(string="Items still on the agenda",
        compute="_compute_still_on_agenda_count",
        help="Items still 'On the agenda': each is marked talked about or kept for "
        "next time before the minutes are approved.")
    has_people_to_invite = fields.Boolean(string="Has people to invite",
        compute="_compute_has_people_to_invite",
        help="Someone on the register has not been invited yet, and is not on the "
        "facilitator's list to invite another way.")
    previous_meeting_id = fields.Many2one(
        "coprod.meeting", string="Previous meeting",
        copy=False, readonly=True, index="btree_not_null",
        help="The meeting this one was planned from.",
    )
    facilitator_user_id = fields.Many2one(related="group_id.facilitator_user_id")
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)
    attendee_count = fields.Integer(compute="_compute_attendance_counts", string="Invited")
    attended_count = fields.Integer(compute="_compute_attendance_counts", string="Came")
    agenda_count = fields.Integer(compute="_compute_attendance_counts", string="Agenda items")
    ladder_rung = ladder_field(tracking=True)
    quality_check_ids = fields.One2many(
        "coprod.quality.check", "meeting_id", string="Quality checks", copy=False,
    )
    value_record_ids = fields.One2many(
        "coprod.value.record", "meeting_id", string="Value records", copy=False,
    )
    value_nomination_ids = fields.One2many(
        "coprod.value.nomination", "meeting_id", string="Nominations", copy=False,
    )
    adopted_value_ids = fields.One2many(
        "coprod.value", "adopted_meeting_id", string="Values adopted", copy=False,
    )
    quality_check_count = fields.Integer(compute="_compute_quality_counts", string="Checks")
    value_record_count = fields.Integer(compute="_compute_quality_counts", string="Stories")
    support_needs = fields.Text(
        string="What to arrange", compute="_compute_support_needs",
        groups="coprod.group_coprod_officer",
        help="The needs of the people on the register that a paper cannot meet.",
    )
    room_needs = fields.Text(
        string="In the meeting", compute="_compute_support_needs",
        groups="coprod.group_coprod_officer",
        help="What the people who run the meeting keep in mind for the people on the "
        "register (lip reading, more time): nothing to book, something to do.",
    )
    support_activity_ids = fields.One2many(
        "mail.activity", compute="_compute_support_activity_ids", string="Support to arrange",
        help="Needs a paper cannot meet (interpreters, advocates, ...): arrange each one "
        "and mark it done.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("group_id", "start")
    def _compute_name(self):
        """The group's name and the meeting's day: "Shadow quality board, 5 March 2027".

        A name someone typed stays as it is. A name made here follows the group and
        the start: a meeting planned before its start was known is named after its
        group only, and gets its day once it has a start (otherwise it could not be
        told apart from the group, or from the group's other meetings).
        """
        for meeting in self:
            if not meeting.group_id:
                continue
            if meeting.name and not meeting._has_automatic_name():
                continue
            meeting.name = meeting._automatic_name(meeting.group_id, meeting.start)

    def _automatic_name(self, group, start):
        """The name a meeting of ``group`` starting at ``start`` gets: the group's, and
        the day in the user's language and timezone."""
        if not start:
            return group.name
        day = fields.Datetime.context_timestamp(self, start).date()
        return _("%(group)s, %(date)s", group=group.name,
                 date=format_date(self.env, day, date_format="d MMMM y"))

    def _has_automatic_name(self):
        """Whether the meeting's name is one _compute_name made (for its group, or
        the group it had): the group's name, or the group's name and any day (on a
        form not saved yet, the start it had a moment ago is not known)."""
        self.ensure_one()
        for group in self.group_id | self._origin.group_id:
            if self.name == group.name:
                return True
            before, _mark, after = _("%(group)s, %(date)s", group=group.name,
                                     date="\x00").partition("\x00")
            pattern = re.escape(before) + r"\d{1,2}\.? .+ \d{4}" + re.escape(after)
            if re.fullmatch(pattern, self.name):
                return True
        return False

    @api.depends("start")
    def _compute_stop(self):
        for meeting in self:
            if meeting.start and (not meeting.stop or meeting.stop <= meeting.start):
                meeting.stop = meeting.start + timedelta(hours=2)

    @api.depends("group_id")
    def _compute_location(self):
        for meeting in self:
            if not meeting.location:
                meeting.location = meeting.group_id.default_location

    @api.depends("group_id")
    def _compute_chair_partner_ids(self):
        for meeting in self:
            if not meeting.chair_partner_ids:
                # The co-chairs on the meeting's date (as _check_chairs_are_members
                # checks), not today's: a term may end or begin in between.
                day = (meeting.start or fields.Datetime.now()).date()
                meeting.chair_partner_ids = meeting.group_id.membership_ids.filtered(
                    lambda m, d=day: m.role == "co_chair" and m._is_current_on(d)
                ).partner_id

    @api.depends("attendance_ids.partner_id")
    def _compute_support_needs(self):
        for meeting in self:
            to_arrange, in_the_room = [], []
            for partner in meeting.attendance_ids.partner_id:
                needs = partner._coprod_needs_to_arrange()
                if needs:
                    to_arrange.append(f"{partner.name}: {', '.join(needs.mapped('name'))}")
                for need in partner._coprod_needs_in_the_room():
                    in_the_room.append(f"{partner.name}, {need.name}: {need.description or ''}".rstrip(": "))
            meeting.support_needs = "\n".join(to_arrange) or False
            meeting.room_needs = "\n".join(in_the_room) or False

    @api.depends("activity_ids")
    def _compute_support_activity_ids(self):
        activity_type = self.env.ref("coprod.mail_activity_type_arrange_support",
                                     raise_if_not_found=False)
        for meeting in self:
            meeting.support_activity_ids = meeting.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type)

    def _compute_quality_counts(self):
        checks = dict(self.env["coprod.quality.check"]._read_group(
            [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]))
        records = dict(self.env["coprod.value.record"]._read_group(
            [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]))
        for meeting in self:
            meeting.quality_check_count = checks.get(meeting._origin, 0)
            meeting.value_record_count = records.get(meeting._origin, 0)

    @api.depends("ballot_ids")
    def _compute_ballot_count(self):
        for meeting in self:
            meeting.ballot_count = len(meeting.ballot_ids)

    @api.depends_context("uid")
    @api.depends("group_id.co_chair_partner_ids")
    def _compute_can_decide_agenda(self):
        officer = self.env.su or self.env.user.has_group("coprod.group_coprod_officer")
        partner = self.env.user.partner_id
        for meeting in self:
            meeting.can_decide_agenda = officer or partner in meeting.group_id.co_chair_partner_ids

    @api.depends("agenda_item_ids.state")
    def _compute_still_on_agenda_count(self):
        for meeting in self:
            meeting.still_on_agenda_count = len(
                meeting.agenda_item_ids.filtered(lambda i: i.state == "accepted"))

    @api.depends("attendance_ids.invitation_sent", "attendance_ids.invitation_channel")
    def _compute_has_people_to_invite(self):
        for meeting in self:
            meeting.has_people_to_invite = bool(meeting._attendance_to_invite())

    @api.depends("attendance_ids.status", "agenda_item_ids")
    def _compute_attendance_counts(self):
        # A list of saved meetings: counted by the database, two grouped counts for the
        # whole list (reading every register row of 80 meetings of 200 people fetched
        # 16,000 rows, one query per thousand). One meeting (its form reads its register
        # and agenda anyway) and meetings being edited: counted from what they hold.
        saved = self.filtered(lambda meeting: meeting.id) if len(self) > 1 else self.browse()
        counts, agenda = {}, {}
        if saved:
            rows = self.env["coprod.attendance"]._read_group(
                [("meeting_id", "in", saved.ids)], ["meeting_id", "status"], ["__count"])
            for meeting, status, number in rows:
                invited, came = counts.get(meeting.id, (0, 0))
                counts[meeting.id] = (invited + number,
                                      came + (number if status == "attended" else 0))
            items = self.env["coprod.agenda.item"]._read_group(
                [("meeting_id", "in", saved.ids)], ["meeting_id"], ["__count"])
            agenda = {meeting.id: number for meeting, number in items}
        for meeting in self:
            if meeting in saved:
                meeting.attendee_count, meeting.attended_count = counts.get(meeting.id, (0, 0))
                meeting.agenda_count = agenda.get(meeting.id, 0)
                continue
            meeting.attendee_count = len(meeting.attendance_ids)
            meeting.attended_count = len(
                meeting.attendance_ids.filtered(lambda a: a.status == "attended")
            )
            meeting.agenda_count = len(meeting.agenda_item_ids)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("start", "stop")
    def _check_dates(self):
        for meeting in self:
            if meeting.start and meeting.stop and meeting.stop <= meeting.start:
                raise ValidationError(_(
                    "The meeting %(name)s ends before it starts. Check the start "
                    "and end times.",
                    name=meeting.name,
                ))

    @api.constrains("chair_partner_ids", "group_id", "start")
    def _check_chairs_are_members(self):
        for meeting in self:
            if not meeting.chair_partner_ids:
                continue
            day = (meeting.start or fields.Datetime.now()).date()
            members = meeting.group_id.membership_ids.filtered(
                lambda m, d=day: m._is_current_on(d)
            ).partner_id
            outsiders = meeting.chair_partner_ids - members
            if outsiders:
                raise ValidationError(_(
                    "%(names)s cannot chair %(meeting)s: a chair must be a current "
                    "member of %(group)s.",
                    names=", ".join(outsiders.mapped("display_name")),
                    meeting=meeting.name,
                    group=meeting.group_id.name,
                ))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        self._check_not_locked(vals)
        return super().write(vals)

    def _check_not_locked(self, vals):
        locked = LOCKED_WHEN_DONE.intersection(vals)
        if not locked:
            return
        for meeting in self:
            if meeting.state == "done":
                raise UserError(_(
                    "The minutes of %(name)s are approved, so the meeting is "
                    "read-only. Nothing was changed.",
                    name=meeting.name,
                ))

    def _check_can_decide_agenda(self):
        """Only a co-chair of the group or an officer decides what is on the agenda."""
        for meeting in self:
            if not meeting.can_decide_agenda:
                raise UserError(_(
                    "Only a co-chair of %(group)s or its facilitator can choose "
                    "what goes on the agenda.",
                    group=meeting.group_id.name,
                ))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_has_history(self):
        for meeting in self:
            if meeting.minutes or meeting.state in ("held", "done") or meeting.decision_ids:
                raise UserError(_(
                    "%(name)s has minutes or decisions, so it cannot be deleted. "
                    "Archive it instead: its history stays.",
                    name=meeting.name,
                ))
        for model, field, words in MEETING_LINKS:
            linked = self.env[model].sudo().with_context(active_test=False).search(
                [(field, "in", self.ids)])[field]
            if linked:
                raise UserError(_(
                    "%(name)s has %(what)s linked to it, so it cannot be deleted. "
                    "Cancel the meeting instead: what is linked to it stays.",
                    name=linked[0].name, what=str(words),
                ))

    def unlink(self):
        events = self.calendar_event_id
        result = super().unlink()
        events.sudo().unlink()
        return result

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_schedule(self):
        """Fix the agenda, make the register and put the meeting in calendars.

        Proposals that nobody accepted are deferred (they come back at the next
        meeting). One attendance row is made for each current member. Works on
        many meetings at once with a fixed number of queries.
        """
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(_(
                    "%(name)s is already scheduled. Only a planned meeting can be "
                    "scheduled.",
                    name=meeting.name,
                ))
        memberships = self.group_id._current_memberships()
        by_group = memberships.grouped("group_id")
        for meeting in self:
            if not by_group.get(meeting.group_id):
                raise UserError(_(
                    "%(group)s has no current members, so %(name)s cannot be "
                    "scheduled. Add members first.",
                    group=meeting.group_id.name,
                    name=meeting.name,
                ))

        self.agenda_item_ids.filtered(lambda i: i.state == "proposed").write(
            {"state": "deferred"}
        )

        self._make_registers()

        event_vals = [
            meeting._calendar_event_values(by_group[meeting.group_id])
            for meeting in self if not meeting.calendar_event_id
        ]
        meetings_without_event = self.filtered(lambda m: not m.calendar_event_id)
        events = self.env["calendar.event"].with_context(
            no_mail_to_attendees=True, dont_notify=True, mail_create_nolog=True,
            mail_create_nosubscribe=True, mail_notrack=True,
        ).sudo().create(event_vals)
        for meeting, event in zip(meetings_without_event, events):
            meeting.calendar_event_id = event
        self.write({"state": "scheduled"})
        return True

    def _make_registers(self):
        """Add one attendance row per current member of the group, in one query.

        A board of 500 gets its register as fast as a board of 10: the rows are
        made by a single INSERT ... SELECT (people already on the register are
        left as they are).
        """
        self.check_access("write")
        self.env["coprod.attendance"].check_access("create")
        self.env.flush_all()
        now = fields.Datetime.now()
        self.env.cr.execute(SQL(
            """
            INSERT INTO coprod_attendance (
                meeting_id, group_id, company_id, partner_id, membership_id, person_kind,
                response, status, invitation_sent, needs_met,
                create_uid, create_date, write_uid, write_date)
            SELECT DISTINCT ON (meeting.id, membership.partner_id)
                   meeting.id, meeting.group_id, meeting.company_id,
                   membership.partner_id, membership.id, membership.person_kind,
                   'no_answer', 'expected', FALSE, FALSE,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM coprod_meeting meeting
              JOIN coprod_membership membership
                ON membership.group_id = meeting.group_id
             WHERE meeting.id IN %(ids)s
               AND membership.date_start <= %(today)s
               AND (membership.date_end IS NULL OR membership.date_end >= %(today)s)
             ORDER BY meeting.id, membership.partner_id, membership.date_start DESC
               ON CONFLICT (meeting_id, partner_id) DO NOTHING
            """,
            uid=self.env.uid, now=now, ids=tuple(self.ids),
            today=fields.Date.context_today(self),
        ))
        self.env["coprod.attendance"].invalidate_model()
        self.invalidate_recordset(["attendance_ids"])

    def _calendar_event_values(self, memberships):
        """The calendar event: staff see the meeting in their own calendar.

        Its attendees are the facilitator and the members who are internal users;
        the people supported get coprod's own invitations instead.
        """
        self.ensure_one()
        staff = memberships.partner_id.filtered(
            lambda p: any(not user.share for user in p.user_ids)
        )
        partners = staff | self.facilitator_user_id.partner_id
        return {
            "name": self.name,
            "start": self.start,
            "stop": self.stop,
            "location": self.location,
            "user_id": self.facilitator_user_id.id or self.env.user.id,
            "partner_ids": [fields.Command.set(partners.ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "privacy": "private",
            "description": self.group_id.easy_read_summary or False,
        }

    def action_send_invitations(self):
        """Invite everyone on the register who has not been invited yet.

        People with an email address get the invitation email, unless they asked to
        be contacted another way (by letter, by phone): those, and people without an
        address, are listed in an activity for the facilitator, who reaches them the
        way they asked for (the register's "How to invite" says which). A supporter
        who gets a copy for the person gets it by email either way. The chatter
        records who was invited and how.
        """
        template = self.env.ref("coprod.coprod_mail_template_invitation")
        for meeting in self:
            if meeting.state != "scheduled":
                raise UserError(_(
                    "Schedule %(name)s before sending invitations: the agenda and "
                    "the register must be fixed first.",
                    name=meeting.name,
                ))
            rows = meeting._attendance_to_invite()
            if not rows:
                raise UserError(_(
                    "Everyone on the register of %(name)s has been invited already, "
                    "or is on the facilitator's list to invite another way.",
                    name=meeting.name,
                ))
            papers = rows._prepare_invitation_papers()
            # emails: to people who take email, and supporters who get it for them
            with_email = rows.filtered(lambda a: a._invitation_recipients())
            # a reader who asked for plain text email (a screen reader) gets the
            # words only: no logo around them; the others get the logo and the words
            # (coprod's layout: no header, footer or "Powered by" around easy read)
            # (their needs read for everyone at once, people and supporters)
            readers = with_email.partner_id | with_email.supporter_partner_id
            plain_readers = readers.filtered(lambda partner: partner._coprod_wants_plain_email())
            plain = with_email.filtered(lambda a: a._invitation_recipients() & plain_readers)
            # each email is created with its person's paper attached: Odoo links the
            # papers of all the emails it creates at once (up to mail.batch_size, 50)
            # in one INSERT (see coprod.attendance's _process_attachments_for_template_post)
            sending = template.with_context(**rows._invitation_papers_context(papers))
            if with_email - plain:
                sending.send_mail_batch(
                    (with_email - plain).ids, email_layout_xmlid="coprod.mail_layout_easy_read"
                )
            if plain:
                sending.send_mail_batch(plain.ids)
            other_way = rows.filtered(lambda a: a._invitation_other_way())
            by_email = rows - other_way
            now = fields.Datetime.now()
            by_email.write({
                "invitation_sent": True, "invitation_channel": "email",
                "date_invitation": now,
            })
            other_way.write({"invitation_channel": "other"})
            meeting.write({"invitations_sent": True, "date_invitations_sent": now})
            meeting._post_invitation_summary(by_email, other_way)
            if other_way:
                # names only: how each person asked to be contacted is personal (the
                # register shows it to officers)
                meeting.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Date.context_today(meeting),
                    summary=_("Invite %(count)s people another way", count=len(other_way)),
                    note=Markup("<p>%s</p><ul>%s</ul>") % (
                        _("These people are not reached by email: they have no email "
                          "address, or asked to be contacted another way (the register's "
                          "'How to invite' says how). Print their invitations (the Print "
                          "invitations button on the meeting), give, post or read them "
                          "to them, then tick 'Invited' on the register:"),
                        Markup().join(Markup("<li>%s</li>") % p.display_name
                                      for p in other_way.partner_id),
                    ),
                    user_id=meeting.facilitator_user_id.id or self.env.user.id,
                )
            meeting._schedule_support_to_arrange(rows)
        put_right(self)
        return True

    def action_print_invitations(self):
        """Print the invitations of the people to invite another way (by letter, by
        hand, read out): those on the facilitator's list not ticked 'Invited' yet.
        When nobody is waiting, everyone's invitation (a paper copy for the day)."""
        self.ensure_one()
        if not self.attendance_ids:
            raise UserError(_(
                "%(name)s has nobody on its register yet, so there are no invitations to "
                "print. Schedule the meeting first: that makes the register.", name=self.name))
        waiting = self.attendance_ids.filtered(
            lambda a: a.invitation_channel == "other" and not a.invitation_sent)
        return self.env.ref("coprod.action_report_invitation").report_action(
            waiting or self.attendance_ids)

    def _schedule_support_to_arrange(self, rows):
        """A need a document cannot meet (an interpreter, an advocate, braille, audio,
        a named supporter) becomes an activity for the facilitator, one per person,
        listed on the meeting until it is done."""
        self.ensure_one()
        activity_type = self.env.ref("coprod.mail_activity_type_arrange_support")
        to_arrange = rows.filtered(lambda row: row.partner_id._coprod_needs_to_arrange())
        if not to_arrange or self.env.context.get("mail_activity_automation_skip"):
            return
        deadline = max(fields.Date.context_today(self), self.start.date() - timedelta(days=2))
        day = format_date(self.env, self.start)
        user = self.facilitator_user_id or self.env.user
        # Needs are personal: the activity (which everyone who reads the meeting sees)
        # names the person only; officers see what to arrange in support_needs and on
        # the person's contact. All of them are created at once, not one create a
        # person; the facilitator follows the meeting first, as an activity makes
        # them (Odoo's batch would add them as a follower once an activity, twice
        # over for one meeting).
        self.message_subscribe(partner_ids=user.sudo().partner_id.ids)
        self.env["mail.activity"].create([
            {
                "activity_type_id": activity_type.id,
                "automated": True,
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": self.id,
                "summary": _("Arrange support for %(name)s", name=row.partner_id.name),
                "note": Markup("<p>%s</p>") % _(
                    "%(name)s needs support to take part in the meeting (see Support to "
                    "arrange). Arrange it before %(date)s, then mark this activity done.",
                    name=row.partner_id.name, date=day),
                "date_deadline": deadline,
                "user_id": user.id,
            }
            for row in to_arrange
        ])

    def _attendance_to_invite(self):
        """Rows not invited yet, leaving out people already on a to-do to reach
        another way (so sending again does not repeat that to-do)."""
        return self.attendance_ids.filtered(
            lambda a: not a.invitation_sent and a.invitation_channel != "other"
        )

    def _post_invitation_summary(self, by_email, other_way):
        self.ensure_one()
        parts = []
        if by_email:
            # a person whose email goes to their supporter only is named with them
            names = []
            for row in by_email:
                supporter = row._invitation_supporter_copy()
                if supporter and row.partner_id not in row._invitation_recipients():
                    names.append(_("%(name)s (to their supporter %(supporter)s)",
                                   name=row.partner_id.display_name, supporter=supporter.display_name))
                else:
                    names.append(row.partner_id.display_name)
            parts.append(Markup("<p>%s</p>") % _(
                "Invitation emailed to %(names)s.", names=", ".join(names),
            ))
        if other_way:
            parts.append(Markup("<p>%s</p>") % _(
                "Not by email for %(names)s (no email address, or they asked for "
                "another way): an activity asks the facilitator to invite them the "
                "way they asked for.",
                names=", ".join(other_way.partner_id.mapped("display_name")),
            ))
        self.message_post(body=Markup().join(parts), subtype_xmlid="mail.mt_note")

    def action_hold(self):
        """The meeting took place: now record attendance, minutes and decisions.

        Not before its day: attendance counted for a meeting still to come would
        go into the participation report and the evidence pack. It may be marked
        held earlier on its day (a morning meeting planned for the afternoon).
        """
        today = fields.Date.context_today(self)
        for meeting in self:
            if meeting.state != "scheduled":
                raise UserError(_(
                    "Only a scheduled meeting can be marked as held; %(name)s is "
                    "%(state)s.",
                    name=meeting.name,
                    state=dict(meeting._fields["state"]._description_selection(self.env))[meeting.state],
                ))
            day = fields.Datetime.context_timestamp(meeting, meeting.start).date()
            if day > today:
                raise UserError(_(
                    "%(name)s is on %(date)s, so it has not happened yet. Mark it as "
                    "held on the day of the meeting or later. If the meeting moved to an "
                    "earlier day, change its start first.",
                    name=meeting.name, date=format_date(self.env, day),
                ))
        self.write({"state": "held"})
        return True

    def _check_can_approve_minutes(self):
        """Only a co-chair or an officer (a facilitator) approves the minutes: one of
        the group's co-chairs now, or one who chaired the meeting (the minutes are
        often approved at the next meeting, perhaps after an election). Returns True
        when the user approves as a co-chair (who may only read meetings)."""
        if self.env.su or self.env.user.has_group("coprod.group_coprod_officer"):
            return False
        self.check_access("read")
        for meeting in self:
            if not meeting._is_co_chair_for_minutes(self.env.user.partner_id):
                raise UserError(_(
                    "Only a co-chair of %(group)s or a facilitator can approve the "
                    "minutes of %(name)s.",
                    group=meeting.group_id.name, name=meeting.name,
                ))
        return True

    def _is_co_chair_for_minutes(self, partner):
        self.ensure_one()
        return partner in (self.group_id.co_chair_partner_ids | self.chair_partner_ids)

    @api.depends_context("uid")
    @api.depends("group_id.co_chair_partner_ids", "chair_partner_ids")
    def _compute_can_approve_minutes(self):
        officer = self.env.su or self.env.user.has_group("coprod.group_coprod_officer")
        partner = self.env.user.partner_id
        for meeting in self:
            meeting.can_approve_minutes = officer or meeting._is_co_chair_for_minutes(partner)

    def action_approve_minutes(self):
        """Approve the minutes: the meeting, its register and decisions become
        read-only. The facilitator or a co-chair of the group approves them."""
        as_co_chair = self._check_can_approve_minutes()
        for meeting in self:
            if meeting.state == "done":
                raise UserError(_(
                    "The minutes of %(name)s are already approved.", name=meeting.name
                ))
            if meeting.state != "held":
                raise UserError(_(
                    "Mark %(name)s as held before approving its minutes.", name=meeting.name
                ))
            if not html2plaintext(meeting.minutes or "").strip():
                raise UserError(_(
                    "Write the minutes of %(name)s before approving them.", name=meeting.name
                ))
            if meeting.still_on_agenda_count:
                on_agenda = meeting.agenda_item_ids.filtered(lambda i: i.state == "accepted")
                # approved, they would be missing from the meeting summary paper and
                # come back on the next agenda as not talked about
                raise UserError(_(
                    "Some items of %(name)s are still 'On the agenda': %(items)s. On the "
                    "Agenda tab, press 'Talked about' for each one the group talked "
                    "about, or 'Next time' to keep it for the next meeting. Then "
                    "approve the minutes.",
                    name=meeting.name, items=", ".join(on_agenda.mapped("title")),
                ))
            unrecorded = meeting.attendance_ids.filtered(lambda a: a.status == "expected")
            if unrecorded:
                raise UserError(_(
                    "Say who came to %(name)s before approving the minutes. No "
                    "attendance is recorded yet for: %(names)s.",
                    name=meeting.name,
                    names=", ".join(unrecorded.partner_id.mapped("display_name")),
                ))
        # a co-chair may only read the meeting: the approval is written for them
        (self.sudo() if as_co_chair else self).write({
            "state": "done",
            "minutes_approved_date": fields.Datetime.now(),
            "minutes_approved_user_id": self.env.user.id,
        })
        for meeting in self.sudo() if as_co_chair else self:
            meeting.message_post(
                body=_("Minutes approved by %(name)s.", name=self.env.user.name),
                author_id=self.env.user.partner_id.id, subtype_xmlid="mail.mt_note")
        return True

    def action_cancel(self):
        for meeting in self:
            if meeting.state in ("held", "done"):
                raise UserError(_(
                    "%(name)s has been held, so it cannot be cancelled.", name=meeting.name
                ))
        self.calendar_event_id.sudo().action_archive()
        self.write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        for meeting in self:
            if meeting.state != "cancelled":
                raise UserError(_(
                    "Only a cancelled meeting can be planned again; %(name)s is not "
                    "cancelled.",
                    name=meeting.name,
                ))
        self.write({"state": "draft"})
        return True

    def action_plan_next(self):
        """Plan the group's next meeting, one interval after this one (on the same
        weekday of the month for groups that meet monthly or less often: see the
        group's _next_meeting_start), at the same time and for as long.

        It carries over what this meeting did not finish: deferred items, and
        accepted items that were not discussed; and it adds an "Updates: you said,
        we did" item with the group's open actions and those done since this
        meeting started, so the next meeting hears the answers.
        """
        self.ensure_one()
        if self.state == "cancelled":
            raise UserError(_("%(name)s was cancelled: plan the next meeting from "
                              "another one.", name=self.name))
        already = self.search([("previous_meeting_id", "=", self.id)], limit=1)
        if already:
            raise UserError(_(
                "The meeting after %(name)s is already planned: %(next)s.",
                name=self.name, next=already.name,
            ))
        start = self.group_id._next_meeting_start(self.start)
        next_meeting = self.create({
            "group_id": self.group_id.id,
            "start": start,
            "stop": start + (self.stop - self.start),
            "location": self.location,
            "previous_meeting_id": self.id,
        })

        unfinished = self.agenda_item_ids.filtered(
            lambda i: not i.is_updates and (
                i.state in ("deferred", "proposed")
                or (i.state == "accepted" and self.state in ("held", "done"))
            )
        )
        item_vals = [item._carry_over_values(next_meeting) for item in unfinished]

        actions = self.env["coprod.action"].search([
            ("group_id", "=", self.group_id.id),
            "|", ("state", "=", "open"),
            "&", ("state", "=", "done"), ("date_done", ">=", self.start.date()),
        ])
        if actions:
            item_vals.insert(0, {
                "meeting_id": next_meeting.id,
                "sequence": 1,
                "title": _("Updates: you said, we did"),
                "easy_read_text": _("What happened to the things you asked for."),
                "state": "accepted",
                "is_updates": True,
                "action_ids": [fields.Command.set(actions.ids)],
            })
            next_meeting.followup_action_ids = actions
        self.env["coprod.agenda.item"].create(item_vals)
        self.message_post(
            body=_("Next meeting planned: %(name)s.", name=next_meeting.name),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": next_meeting.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_view_ballots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_ballot_action")
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {"default_group_id": self.group_id.id, "default_meeting_id": self.id}
        return action

    def action_view_quality_checks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_quality_check_action")
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {"default_group_id": self.group_id.id, "default_meeting_id": self.id}
        return action

    def action_view_value_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coprod.coprod_value_record_action")
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {"default_group_id": self.group_id.id, "default_meeting_id": self.id}
        return action

    def action_acknowledge_nominations(self):
        """The group acknowledged the nominations brought to this meeting."""
        self.ensure_one()
        nominations = self.value_nomination_ids.filtered(lambda n: n.state == "proposed")
        if not nominations:
            raise UserError(_("No nominations are waiting at this meeting."))
        nominations.action_acknowledge()
        return True

    def action_view_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # SCHEDULED ACTIONS
    # ------------------------------------------------------------

    @api.model
    def _cron_send_due_invitations(self):
        """Send invitations that are due: each group says how many days before.

        Meetings of archived groups are left alone. Each meeting is sent in its own
        company's settings; one that cannot be sent is reported to its facilitator
        and not tried again until that is put right (see cron_batch).
        """
        now = fields.Datetime.now()
        meetings = self.search([
            ("state", "=", "scheduled"),
            ("invitations_sent", "=", False),
            ("start", ">", now),
            ("group_id.active", "=", True),
        ])
        due = meetings.filtered(
            lambda m: m.start - timedelta(days=m.group_id.invitation_days) <= now
            # A register already invited by hand has nobody left to invite: skip it
            # rather than fail the whole run (and every other meeting's invitations).
            and m._attendance_to_invite()
        )
        due = (due - waiting_to_be_put_right(due)).sorted("start")
        run_in_batch(
            due,
            lambda meeting: in_own_settings(meeting).action_send_invitations(),
            lambda meeting, error: in_own_settings(meeting)._report_invitations_failed(error),
            batch_size=INVITATION_BATCH_SIZE,
        )
        return True

    def _report_invitations_failed(self, error):
        self.ensure_one()
        ask_to_put_right(
            self,
            _("Invitations not sent"),
            _("The invitations to %(name)s could not be sent automatically, so nobody "
              "was invited. Put this right, then press Send invitations (or mark this "
              "activity done: they are tried again within the hour).", name=self.name),
            error,
        )

    @api.onchange("easy_read_minutes")
    def _onchange_easy_read_minutes(self):
        return self._easy_read_warning("easy_read_minutes")
