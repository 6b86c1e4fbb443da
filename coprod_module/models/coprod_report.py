"""Built-in reports for managers: read-only views over coprod's tables.

Each model is a PostgreSQL view (``_auto = False``), so Odoo's pivot, graph, list,
export and download work on it as on any model, and its figures are always current.
Managers see the reports of their companies; officers the figures of the groups they
facilitate (record rules in security/coprod_staff_rules.xml).

Groups are joined with LEFT JOIN even where every row has one: PostgreSQL then leaves
the join out of the pivots that do not need the facilitator (managers' and
administrators'). bench/run reports times each report's pivot beside plain SQL.
"""
from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.models import READ_GROUP_TIME_GRANULARITY
from odoo.osv import expression
from odoo.osv.expression import FALSE_DOMAIN, TRUE_DOMAIN
from odoo.tools import SQL
from odoo.tools.misc import get_lang

from .coprod_action import ACTION_STATES
from .coprod_ballot import BALLOT_METHODS, RESULT_STATES
from .coprod_membership import PERSON_KINDS, ROLES
from .coprod_quality_statement import KEY_QUESTIONS

# Set on a read_group that aggregates without ORDER BY and sorts its groups afterwards
# (CoprodReportMixin.read_group); with PLAIN_READ_GROUP, Odoo's own read_group runs
# unchanged (tests compare the two).
SORT_GROUPS_AFTER = "coprod_report_sort_groups_after"
PLAIN_READ_GROUP = "coprod_report_plain_read_group"
# Group values that sort alike in Python and in PostgreSQL (text only under a bytewise
# collation, which is what Odoo gives the databases it creates).
SORTABLE_TYPES = {"many2one", "date", "datetime", "selection", "char"}

EMPTY_LAST = (1, 0)
# Labels, bounds and domains of date groups, by report, group, language and time zone
_DATE_LABELS = {}
DATE_LABELS_KEPT = 5000

CURRENT_MEMBERSHIP = SQL(
    "ms.date_start <= CURRENT_DATE AND (ms.date_end IS NULL OR ms.date_end >= CURRENT_DATE)"
)


class EmptyFloat(fields.Float):
    """A float that stays empty where the database has none (NULL): Odoo's Float
    reads NULL as 0.0, so an action not done yet would show, export and be averaged
    (in a list's footer) as "0 days to done". Averages in SQL leave NULLs out, and
    the list's footer leaves empty values out: both then give the same figure."""

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return False
        return super().convert_to_cache(value, record, validate)

    def convert_to_record(self, value, record):
        return False if value is None else value

    def convert_to_export(self, value, record):
        return "" if value is False or value is None else value


def _and_normalized(domains):
    """expression.AND of domains that are normalized already."""
    result = []
    count = 0
    for domain in domains:
        if domain == TRUE_DOMAIN:
            continue
        if domain == FALSE_DOMAIN:
            return list(FALSE_DOMAIN)
        result += domain
        count += 1
    return [expression.AND_OPERATOR] * (count - 1) + result or list(TRUE_DOMAIN)


class CoprodReportMixin(models.AbstractModel):
    _name = "coprod.report.mixin"
    _description = "Co-production report"

    group_id = fields.Many2one("coprod.group", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    facilitator_user_id = fields.Many2one("res.users", string="Facilitator", readonly=True)

    def _view_query(self):
        raise NotImplementedError

    @api.model
    def get_empty_list_help(self, help_message):
        """The report's help (shown when it has no rows) says whose groups the user
        sees: an officer who facilitates no group sees an empty report, and is told
        why."""
        help_message = super().get_empty_list_help(help_message)
        # the web client reads actions as superuser: the user is still env.user. Only
        # the officers' record rule keeps to some groups (HR officers see the seats of
        # every staff board).
        user = self.env.user
        if (user.has_group("coprod.group_coprod_manager")
                or not user.has_group("coprod.group_coprod_officer")):
            scope = self.env._("You see the figures of all the groups of your companies.")
        else:
            scope = self.env._(
                "You see the groups you facilitate. The groups other people facilitate "
                "are not in this report.")
        return Markup("%s<p>%s</p>") % (Markup(help_message or ""), scope)

    # ------------------------------------------------------------
    # PIVOTS: Odoo's read_group, same answer, less work per group
    # ------------------------------------------------------------
    # A pivot by group and month asks for hundreds of groups over some 100,000 rows.
    # Odoo's read_group orders them in SQL by the group's name, which makes PostgreSQL
    # sort every row before it aggregates, and it labels each group on its own (a month
    # label costs a time zone conversion and a babel call). Here the rows are
    # aggregated first and the few groups sorted after, by the same order, and each
    # distinct value is labelled once. Anything else (an explicit order, offset or
    # limit, other kinds of groups) takes Odoo's own path.

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if self._coprod_can_sort_groups_after(groupby, orderby, offset, limit, lazy):
            self = self.with_context(**{SORT_GROUPS_AFTER: True})
        return super(CoprodReportMixin, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    def _coprod_can_sort_groups_after(self, groupby, orderby, offset, limit, lazy):
        context = self.env.context
        if orderby or offset or limit or context.get(PLAIN_READ_GROUP):
            return False
        groupby = [groupby] if isinstance(groupby, str) else list(groupby)
        for spec in (groupby[:1] if lazy else groupby):
            fname, _, granularity = spec.partition(":")
            field = self._fields.get(fname)
            if not field or field.type not in SORTABLE_TYPES or field.group_expand:
                return False
            if field.type in ("date", "datetime") and (granularity or "month") not in READ_GROUP_TIME_GRANULARITY:
                return False
            if field.type in ("selection", "char") and not self._coprod_text_sorts_bytewise():
                return False
        return True

    @tools.ormcache()
    def _coprod_text_sorts_bytewise(self):
        self.env.cr.execute("SELECT datcollate FROM pg_database WHERE datname = current_database()")
        return self.env.cr.fetchone()[0] in ("C", "POSIX")

    def _read_group_orderby(self, order, groupby_terms, query):
        if self.env.context.get(SORT_GROUPS_AFTER):
            return SQL()
        return super()._read_group_orderby(order, groupby_terms, query)

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        if self.env.context.get(PLAIN_READ_GROUP) or any(
                self._fields[group.split(":")[0].split(".")[0]].type == "properties" for group in lazy_groupby):
            return super()._read_group_format_result(rows_dict, lazy_groupby)
        # each row's domain: its own AND each value's, in groupby order (as Odoo's
        # expression.AND would give it, without normalizing the same domains again)
        parts = [[] for _row in rows_dict]
        for group in lazy_groupby:
            field = self._fields[group.split(":")[0].split(".")[0]]
            # Odoo's formatting, once per distinct value (on rows of their own)
            keys = ([row[group]._ids for row in rows_dict] if field.relational
                    else [row[group] for row in rows_dict])
            # date labels depend on nothing else than the language and time zone: they
            # are kept from one pivot to the next
            known = (_DATE_LABELS.setdefault((self._name, group, get_lang(self.env).code,
                                               self.env.context.get("tz")), {})
                     if field.type in ("date", "datetime") else {})
            formatted = {}
            for key, row in zip(keys, rows_dict):
                if key not in formatted:
                    formatted[key] = known.get(key) or {group: row[group], "__domain": []}
            new = [sample for key, sample in formatted.items() if key not in known]
            if new:
                super()._read_group_format_result(new, [group])
                for sample in new:
                    sample["__domain"] = expression.normalize_domain(sample["__domain"])
                if field.type in ("date", "datetime"):
                    if len(known) > DATE_LABELS_KEPT:
                        known.clear()
                    known.update((key, sample) for key, sample in formatted.items())
            for key, row, row_parts in zip(keys, rows_dict, parts):
                sample = formatted[key]
                row[group] = sample[group]
                if "__range" in sample:
                    bounds = sample["__range"][group]
                    row.setdefault("__range", {})[group] = dict(bounds) if bounds else bounds
                row_parts.append(sample["__domain"])
        if not lazy_groupby:
            return
        # the rows share their domain (read_group's): normalized once
        normalized = {}
        for row, row_parts in zip(rows_dict, parts):
            domain = row["__domain"]
            base = normalized.get(id(domain))
            if base is None:
                base = normalized[id(domain)] = expression.normalize_domain(domain)
            row["__domain"] = _and_normalized([base, *row_parts])

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        rows = super()._read_group(domain, groupby, aggregates, having=having, offset=offset,
                                   limit=limit, order=order)
        if self.env.context.get(SORT_GROUPS_AFTER) and groupby:
            # sorted before anything reads them in order (filling in empty months, labels)
            rows = self._coprod_sorted_groups(rows, groupby)
        return rows

    def _coprod_sorted_groups(self, rows, groupby):
        """Raw groups sorted as Odoo's read_group orders them in SQL: by each group value
        in turn, records by their model's order, empty values last."""
        keys = [[] for _row in rows]
        for position, spec in enumerate(groupby):
            field = self._fields[spec.split(":")[0]]
            values = [row[position] for row in rows]
            if field.type == "many2one":
                ids = [value.id for value in values]
                records = self.env[field.comodel_name].browse(set(filter(None, ids)))
                # one query: their order, and what their names need (read next)
                depends = self.pool.field_depends.get(records._fields["display_name"], ())
                names = [fname for fname in depends
                         if fname in records._fields and records._fields[fname].store]
                ordered = records.sudo().with_context(active_test=False).search_fetch(
                    [("id", "in", records.ids)], names)
                rank = {record_id: (0, n) for n, record_id in enumerate(ordered._ids)}
                column = [rank.get(record_id, EMPTY_LAST) for record_id in ids]
            else:
                column = [EMPTY_LAST if value is None or value is False else (0, value)
                          for value in values]
            for row_keys, part in zip(keys, column):
                row_keys.append(part)
        return [rows[n] for n in sorted(range(len(rows)), key=keys.__getitem__)]

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table),
                                self._view_query()))


class CoprodReportParticipation(models.Model):
    """Who is invited, who comes, and whether their needs were met: one row per
    person on a meeting's register."""

    _name = "coprod.report.participation"
    _inherit = ["coprod.report.mixin"]
    _description = "Participation"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(string="Meeting date", readonly=True)
    meeting_id = fields.Many2one("coprod.meeting", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    person_kind = fields.Selection(PERSON_KINDS, string="Kind of person", readonly=True)
    invited = fields.Integer(readonly=True)
    accepted = fields.Integer(string="Said yes", readonly=True)
    declined = fields.Integer(string="Said no", readonly=True)
    attended = fields.Integer(string="Came", readonly=True)
    apologies = fields.Integer(readonly=True)
    absent = fields.Integer(string="Did not come", readonly=True)
    needs_met = fields.Integer(string="Needs met", readonly=True)

    def _view_query(self):
        return SQL("""
            SELECT a.id, m.start AS date, a.meeting_id, m.group_id, m.company_id,
                   g.facilitator_user_id, a.partner_id, a.person_kind,
                   CASE WHEN a.invitation_sent THEN 1 ELSE 0 END AS invited,
                   CASE WHEN a.response = 'accepted' THEN 1 ELSE 0 END AS accepted,
                   CASE WHEN a.response = 'declined' THEN 1 ELSE 0 END AS declined,
                   CASE WHEN a.status = 'attended' THEN 1 ELSE 0 END AS attended,
                   CASE WHEN a.status = 'apologies' THEN 1 ELSE 0 END AS apologies,
                   CASE WHEN a.status = 'absent' THEN 1 ELSE 0 END AS absent,
                   CASE WHEN a.needs_met THEN 1 ELSE 0 END AS needs_met
              FROM coprod_attendance a
              JOIN coprod_meeting m ON m.id = a.meeting_id
              LEFT JOIN coprod_group g ON g.id = m.group_id
             WHERE m.state != 'cancelled' AND m.active
        """)


class CoprodReportRepresentation(models.Model):
    """Who holds which role now, by kind of person, department and work location:
    one row per current membership."""

    _name = "coprod.report.representation"
    _inherit = ["coprod.report.mixin"]
    _description = "Representation"
    _auto = False

    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    role = fields.Selection(ROLES, readonly=True)
    person_kind = fields.Selection(PERSON_KINDS, string="Kind of person", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    work_location_id = fields.Many2one("hr.work.location", string="Work location", readonly=True)
    date_start = fields.Date(string="Member since", readonly=True)

    def _view_query(self):
        return SQL("""
            SELECT ms.id, ms.group_id, ms.company_id, g.facilitator_user_id, ms.partner_id,
                   ms.role, ms.person_kind, e.department_id, e.work_location_id, ms.date_start
              FROM coprod_membership ms
              JOIN coprod_group g ON g.id = ms.group_id
              LEFT JOIN hr_employee e ON e.id = ms.employee_id
             WHERE %s AND g.active
        """, CURRENT_MEMBERSHIP)


class CoprodReportSeat(models.Model):
    """A staff board's seats per department or work location, against the employees
    who fill them now."""

    _name = "coprod.report.seat"
    _inherit = ["coprod.report.mixin"]
    _description = "Seats on staff boards"
    _auto = False

    department_id = fields.Many2one("hr.department", readonly=True)
    work_location_id = fields.Many2one("hr.work.location", string="Work location", readonly=True)
    seats = fields.Integer(readonly=True)
    filled = fields.Integer(readonly=True)
    empty = fields.Integer(readonly=True)
    over = fields.Integer(string="Too many", readonly=True)

    def _view_query(self):
        return SQL("""
            SELECT s.id, s.group_id, g.company_id, g.facilitator_user_id, s.department_id,
                   s.work_location_id, s.seats, COALESCE(f.filled, 0) AS filled,
                   GREATEST(s.seats - COALESCE(f.filled, 0), 0) AS empty,
                   GREATEST(COALESCE(f.filled, 0) - s.seats, 0) AS over
              FROM coprod_group_seat s
              JOIN coprod_group g ON g.id = s.group_id
              LEFT JOIN (
                    -- each current member fills one seat, as coprod.group._seat_for says:
                    -- their department's first line, else their work location's
                    SELECT COALESCE(
                               (SELECT MIN(d.id) FROM coprod_group_seat d
                                 WHERE d.group_id = ms.group_id AND d.department_id = e.department_id),
                               (SELECT MIN(p.id) FROM coprod_group_seat p
                                 WHERE p.group_id = ms.group_id AND p.department_id IS NULL
                                   AND p.work_location_id = e.work_location_id)
                           ) AS seat_id,
                           COUNT(*) AS filled
                      FROM coprod_membership ms
                      JOIN hr_employee e ON e.id = ms.employee_id
                     WHERE %s
                     GROUP BY 1
                   ) f ON f.seat_id = s.id
        """, CURRENT_MEMBERSHIP)


class CoprodReportBallot(models.Model):
    """Closed ballots: turnout, quorum, assisted votes and results."""

    _name = "coprod.report.ballot"
    _inherit = ["coprod.report.mixin"]
    _description = "Ballots"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(string="Closed on", readonly=True)
    ballot_id = fields.Many2one("coprod.ballot", readonly=True)
    meeting_id = fields.Many2one("coprod.meeting", readonly=True)
    method = fields.Selection(BALLOT_METHODS, readonly=True)
    secret = fields.Boolean(readonly=True)
    result_state = fields.Selection(RESULT_STATES, string="Result", readonly=True)
    registered = fields.Integer(string="On the register", readonly=True)
    voted = fields.Integer(readonly=True)
    assisted = fields.Integer(string="Helped to vote", readonly=True)
    quorum_met = fields.Integer(string="Quorum met", readonly=True)
    turnout_percent = fields.Float(string="Turnout (%)", readonly=True, aggregator="avg")

    def _view_query(self):
        return SQL("""
            SELECT b.id, b.id AS ballot_id, b.group_id, b.company_id, g.facilitator_user_id,
                   b.meeting_id, b.method, b.secret, b.result_state,
                   COALESCE(b.date_closed, b.write_date) AS date,
                   COALESCE(r.registered, 0) AS registered, COALESCE(r.voted, 0) AS voted,
                   COALESCE(r.assisted, 0) AS assisted,
                   CASE WHEN b.quorum_met THEN 1 ELSE 0 END AS quorum_met,
                   CASE WHEN r.registered > 0 THEN 100.0 * r.voted / r.registered ELSE 0 END
                       AS turnout_percent
              FROM coprod_ballot b
              LEFT JOIN coprod_group g ON g.id = b.group_id
              LEFT JOIN (
                    SELECT ballot_id, COUNT(*) AS registered,
                           COUNT(*) FILTER (WHERE has_voted) AS voted,
                           COUNT(*) FILTER (WHERE assisted) AS assisted
                      FROM coprod_ballot_voter GROUP BY ballot_id
                   ) r ON r.ballot_id = b.id
             WHERE b.state = 'closed' AND b.active
        """)


class CoprodReportAction(models.Model):
    """"You said, we did": open, done and overdue actions, and days to done."""

    _name = "coprod.report.action"
    _inherit = ["coprod.report.mixin"]
    _description = "You said, we did"
    _auto = False
    _order = "date desc"

    date = fields.Date(string="Asked on", readonly=True)
    action_id = fields.Many2one("coprod.action", readonly=True)
    you_said = fields.Text(string="You said", readonly=True)
    we_did = fields.Text(string="We did", readonly=True)
    meeting_id = fields.Many2one("coprod.meeting", readonly=True)
    owner_partner_id = fields.Many2one("res.partner", string="Who does it", readonly=True)
    owner_user_id = fields.Many2one("res.users", string="Responsible user", readonly=True)
    state = fields.Selection(ACTION_STATES, readonly=True)
    date_due = fields.Date(string="By when", readonly=True)
    date_done = fields.Date(string="Done on", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    # empty (not 0) for actions not done
    days_to_done = EmptyFloat(string="Days to done", readonly=True, aggregator="avg")

    def _view_query(self):
        return SQL("""
            SELECT a.id, a.id AS action_id, a.you_said, a.we_did, a.group_id, a.company_id, g.facilitator_user_id,
                   a.meeting_id, a.owner_partner_id, a.owner_user_id, a.state, a.date_due,
                   a.date_done,
                   COALESCE(m.start, a.create_date)::date AS date,
                   CASE WHEN a.state = 'open' THEN 1 ELSE 0 END AS open_count,
                   CASE WHEN a.state = 'done' THEN 1 ELSE 0 END AS done_count,
                   CASE WHEN a.state = 'open' AND a.date_due < CURRENT_DATE THEN 1 ELSE 0 END
                       AS overdue_count,
                   CASE WHEN a.state = 'done'
                        THEN a.date_done - COALESCE(m.start, a.create_date)::date END AS days_to_done
              FROM coprod_action a
              LEFT JOIN coprod_group g ON g.id = a.group_id
              LEFT JOIN coprod_meeting m ON m.id = a.meeting_id
             WHERE a.active
        """)


class CoprodReportValue(models.Model):
    """Where values are lived: stories per value and per quality statement, by month.
    One row per story, value and statement; count stories with "Stories" (distinct)."""

    _name = "coprod.report.value"
    _inherit = ["coprod.report.mixin"]
    _description = "Values lived"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    record_id = fields.Many2one(
        "coprod.value.record", string="Stories", readonly=True, aggregator="count_distinct")
    value_id = fields.Many2one("coprod.value", readonly=True)
    quality_statement_id = fields.Many2one("coprod.quality.statement", string="Quality statement",
        readonly=True)
    key_question = fields.Selection(KEY_QUESTIONS, string="Key question", readonly=True)
    consent_to_share = fields.Boolean(string="Consent to share", readonly=True)

    def _view_query(self):
        return SQL("""
            -- one id per story, value and statement, in mixed radix (the radixes
            -- above every value's and statement's id): no window over every row, so
            -- filters on dates, groups and facilitators reach the stories' table
            SELECT (r.id::bigint * (mv.top + 1) + rv.value_id) * (ms.top + 1)
                       + COALESCE(rs.statement_id, 0) AS id,
                   r.id AS record_id, r.date, r.group_id, r.company_id, g.facilitator_user_id,
                   rv.value_id, rs.statement_id AS quality_statement_id, st.key_question,
                   r.consent_to_share
              FROM coprod_value_record r
              JOIN coprod_value_record_value_rel rv ON rv.record_id = r.id
              LEFT JOIN coprod_value_record_statement_rel rs ON rs.record_id = r.id
              LEFT JOIN coprod_quality_statement st ON st.id = rs.statement_id
              LEFT JOIN coprod_group g ON g.id = r.group_id
             CROSS JOIN (SELECT COALESCE(MAX(id), 0) AS top FROM coprod_value) mv
             CROSS JOIN (SELECT COALESCE(MAX(id), 0) AS top FROM coprod_quality_statement) ms
             WHERE r.active
        """)
