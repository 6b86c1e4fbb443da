from collections import Counter, defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..easyread import day_bounds_utc
from ..models.coprod_membership import PERSON_KINDS
from ..models.coprod_quality_statement import LADDER_RUNGS

RUNG_ORDER = {rung: index for index, (rung, _label) in enumerate(LADDER_RUNGS)}


class CoprodEvidencePack(models.TransientModel):
    """Print the evidence that co-production shapes the service, for a period.

    For each chosen quality statement: the meetings held and who took part, the
    decisions, the actions and what was done, the checks and their outcomes, the
    value records that may be shared, and the ladder rungs reached. The pack reads
    everything in a fixed number of queries, whatever the number of records.
    """

    _name = "coprod.evidence.pack"
    _description = "Evidence pack"

    date_from = fields.Date(string="From",
        required=True, default=lambda self: fields.Date.context_today(self) - relativedelta(years=1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    quality_statement_ids = fields.Many2many(
        "coprod.quality.statement", string="Quality statements",
        help="Leave empty for every statement that has evidence in the period.",
    )
    group_ids = fields.Many2many(
        "coprod.group", string="Groups", help="Leave empty for every group of the company.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company,
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for pack in self:
            if pack.date_to < pack.date_from:
                raise ValidationError(_(
                    "The period ends (%(end)s) before it starts (%(start)s). Check the dates.",
                    end=pack.date_to, start=pack.date_from))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_print_pack(self):
        self.ensure_one()
        return self.env.ref("coprod.action_report_evidence_pack").report_action(self)

    def action_print_summary(self):
        self.ensure_one()
        return self.env.ref("coprod.action_report_evidence_summary").report_action(self)

    # ------------------------------------------------------------
    # WHAT THE PACK HOLDS
    # ------------------------------------------------------------

    def _period_bounds(self):
        """The period as UTC datetimes: from the first day's midnight to the last
        day's end, in the user's time zone."""
        return day_bounds_utc(self.date_from, self.date_to,
                              self.env.user.tz or self.env.context.get("tz"))

    def _groups(self):
        if self.group_ids:
            return self.group_ids
        return self.env["coprod.group"].search([("company_id", "=", self.company_id.id)])

    def _pack_data(self):
        """Everything the pack prints, read in batches (a fixed number of queries)."""
        self.ensure_one()
        start, stop = self._period_bounds()
        groups = self._groups()
        in_groups = [("group_id", "in", groups.ids)]
        chosen = self.quality_statement_ids
        statement_filter = (
            [("quality_statement_ids", "in", chosen.ids)] if chosen
            else [("quality_statement_ids", "!=", False)]
        )
        env = self.env

        meetings = env["coprod.meeting"].search_fetch(
            in_groups + [("state", "in", ("held", "done")), ("start", ">=", start),
                         ("start", "<=", stop)],
            ["name", "start", "group_id", "ladder_rung", "state"], order="start, id",
        )
        taking_part = defaultdict(Counter)
        for meeting, kind, count in env["coprod.attendance"]._read_group(
            [("meeting_id", "in", meetings.ids), ("status", "=", "attended")],
            ["meeting_id", "person_kind"], ["__count"],
        ):
            taking_part[meeting.id][kind] += count
        items = env["coprod.agenda.item"].search_fetch(
            [("meeting_id", "in", meetings.ids)] + statement_filter,
            ["title", "meeting_id", "quality_statement_ids"],
        )
        decisions = env["coprod.decision"].search_fetch(
            [("meeting_id", "in", meetings.ids)] + statement_filter,
            ["text", "easy_read_text", "meeting_id", "ladder_rung", "quality_statement_ids",
             "ballot_id"],
        )
        actions = env["coprod.action"].search_fetch(
            in_groups + statement_filter + [
                "|", "|",
                "&", ("date_done", ">=", self.date_from), ("date_done", "<=", self.date_to),
                ("meeting_id", "in", meetings.ids),
                "&", "&", ("meeting_id", "=", False),
                ("create_date", ">=", start), ("create_date", "<=", stop),
            ],
            ["name", "you_said", "we_did", "state", "date_due", "date_done", "meeting_id",
             "owner_partner_id", "quality_statement_ids"],
            order="date_due, id",
        )
        actions.owner_partner_id.fetch(["name"])
        checks = env["coprod.quality.check"].search_fetch(
            in_groups + statement_filter + [
                ("date", ">=", self.date_from), ("date", "<=", self.date_to)],
            ["name", "check_type", "date", "findings", "state", "ladder_rung", "meeting_id",
             "group_id", "quality_statement_ids", "recommendation_ids"],
            order="date, id",
        )
        checks.recommendation_ids.fetch(["text", "answer", "answer_note", "action_ids"])
        record_domain = statement_filter + [
            ("company_id", "=", self.company_id.id),
            ("date", ">=", self.date_from), ("date", "<=", self.date_to),
        ]
        if self.group_ids:
            record_domain += in_groups
        all_records = env["coprod.value.record"].search_fetch(
            record_domain,
            ["title", "date", "story", "value_ids", "partner_ids", "employee_ids",
             "department_id", "consent_to_share", "meeting_id", "quality_statement_ids"],
            order="date, id",
        )
        records = all_records.filtered("shareable")
        left_out = all_records - records
        records.value_ids.fetch(["name"])
        records.partner_ids.fetch(["name"])
        records.employee_ids.fetch(["name"])
        (meetings.group_id | checks.group_id).fetch(["name"])

        statements = chosen or (
            items.quality_statement_ids | decisions.quality_statement_ids
            | actions.quality_statement_ids | checks.quality_statement_ids
            | all_records.quality_statement_ids
        )
        statements = statements.sorted(lambda s: (s.sequence, s.id))
        statements.fetch(["name", "code", "key_question", "we_statement"])
        meeting_by_id = {meeting.id: meeting for meeting in meetings}

        sections = []
        for statement in statements:
            def linked(recs, statement=statement):
                return recs.filtered(lambda r: statement in r.quality_statement_ids)

            s_items, s_decisions = linked(items), linked(decisions)
            s_actions, s_checks, s_records = linked(actions), linked(checks), linked(records)
            meeting_ids = set(
                (s_items.meeting_id | s_decisions.meeting_id | s_actions.meeting_id
                 | s_checks.meeting_id | s_records.meeting_id).ids
            ) & set(meeting_by_id)
            s_meetings = meetings.browse(sorted(meeting_ids, key=lambda i: meeting_by_id[i].start))
            rungs = Counter(
                rung for rung in (s_meetings.mapped("ladder_rung")
                                  + s_decisions.mapped("ladder_rung")
                                  + s_checks.mapped("ladder_rung")) if rung
            )
            sections.append({
                "statement": statement,
                "meetings": [
                    {"meeting": meeting, "taking_part": self._taking_part(taking_part[meeting.id])}
                    for meeting in s_meetings
                ],
                "decisions": s_decisions,
                "actions": s_actions,
                "checks": s_checks,
                "records": s_records,
                "left_out": len(linked(left_out)),
                "rungs": [(label, rungs[rung]) for rung, label in self._rung_labels() if rungs[rung]],
                "top_rung": self._top_rung(rungs),
            })
        return {
            "sections": sections,
            "groups": groups,
            "meeting_count": len(meetings),
            "left_out": len(left_out),
            "taking_part": self._taking_part(sum(taking_part.values(), Counter())),
        }

    def _rung_labels(self):
        return self.env["coprod.meeting"]._fields["ladder_rung"]._description_selection(self.env)

    def _top_rung(self, rungs):
        reached = [rung for rung in rungs if rungs[rung]]
        if not reached:
            return False
        top = max(reached, key=RUNG_ORDER.get)
        return dict(self._rung_labels())[top]

    def _taking_part(self, counter):
        labels = dict(self.env["coprod.attendance"]._fields["person_kind"]._description_selection(self.env))
        return [(labels[kind], counter[kind]) for kind, _label in PERSON_KINDS if counter[kind]]

    def _summary_data(self):
        """The figures of the easy-read "what we did this year" summary."""
        self.ensure_one()
        start, stop = self._period_bounds()
        groups = self._groups()
        env = self.env
        meetings = env["coprod.meeting"].search(
            [("group_id", "in", groups.ids), ("state", "in", ("held", "done")),
             ("start", ">=", start), ("start", "<=", stop)])
        people = env["coprod.attendance"]._read_group(
            [("meeting_id", "in", meetings.ids), ("status", "=", "attended")],
            [], ["partner_id:count_distinct"])[0][0]
        decisions = env["coprod.decision"].search_count([("meeting_id", "in", meetings.ids)])
        ballots = env["coprod.ballot"].search_count(
            [("group_id", "in", groups.ids), ("state", "=", "closed"),
             ("date_closed", ">=", start), ("date_closed", "<=", stop)])
        actions_done = env["coprod.action"].search_fetch(
            [("group_id", "in", groups.ids), ("state", "=", "done"),
             ("date_done", ">=", self.date_from), ("date_done", "<=", self.date_to)],
            ["you_said", "we_did"], order="date_done desc, id desc")
        checks = env["coprod.quality.check"].search_fetch(
            [("group_id", "in", groups.ids), ("date", ">=", self.date_from),
             ("date", "<=", self.date_to)], ["name"], order="date, id")
        values = env["coprod.value"].search_fetch(
            [("company_id", "=", self.company_id.id), ("state", "=", "adopted"),
             ("date_adopted", ">=", self.date_from), ("date_adopted", "<=", self.date_to)],
            ["name", "icon", "image"])
        records = env["coprod.value.record"].search_count(
            [("company_id", "=", self.company_id.id), ("shareable", "=", True),
             ("date", ">=", self.date_from), ("date", "<=", self.date_to)]
            + ([("group_id", "in", self.group_ids.ids)] if self.group_ids else []))
        return {
            "groups": groups,
            "meetings": len(meetings),
            "people": people,
            "decisions": decisions,
            "ballots": ballots,
            "actions_done": actions_done,
            "checks": checks,
            "values": values,
            "records": records,
        }

    def _easy_date(self, day):
        """A date as people say it: "5 March 2027"."""
        return format_date(self.env, day, date_format="d MMMM y")
