"""Built-in reports for managers: read-only views over coprod's tables.

Each model is a PostgreSQL view (``_auto = False``), so Odoo's pivot, graph, list,
export and download work on it as on any model, and its figures are always current.
Managers see the reports of their companies; officers the figures of the groups they
facilitate (record rules in security/coprod_staff_rules.xml).
"""
from odoo import fields, models, tools
from odoo.tools import SQL

from .coprod_action import ACTION_STATES
from .coprod_ballot import BALLOT_METHODS, RESULT_STATES
from .coprod_membership import PERSON_KINDS, ROLES
from .coprod_quality_statement import KEY_QUESTIONS

CURRENT_MEMBERSHIP = SQL(
    "ms.date_start <= CURRENT_DATE AND (ms.date_end IS NULL OR ms.date_end >= CURRENT_DATE)"
)


class CoprodReportMixin(models.AbstractModel):
    _name = "coprod.report.mixin"
    _description = "Co-production report"

    group_id = fields.Many2one("coprod.group", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    facilitator_user_id = fields.Many2one("res.users", string="Facilitator", readonly=True)

    def _view_query(self):
        raise NotImplementedError

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
    needs_met = fields.Integer(readonly=True)

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
              JOIN coprod_group g ON g.id = m.group_id
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
    work_location_id = fields.Many2one("hr.work.location", readonly=True)
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
    work_location_id = fields.Many2one("hr.work.location", readonly=True)
    seats = fields.Integer(readonly=True)
    filled = fields.Integer(readonly=True)
    empty = fields.Integer(readonly=True)

    def _view_query(self):
        return SQL("""
            SELECT s.id, s.group_id, g.company_id, g.facilitator_user_id, s.department_id,
                   s.work_location_id, s.seats, COUNT(e.id) AS filled,
                   GREATEST(s.seats - COUNT(e.id), 0) AS empty
              FROM coprod_group_seat s
              JOIN coprod_group g ON g.id = s.group_id
              LEFT JOIN coprod_membership ms ON ms.group_id = s.group_id AND %s
              LEFT JOIN hr_employee e ON e.id = ms.employee_id
                   AND (e.department_id = s.department_id
                        OR (s.department_id IS NULL AND e.work_location_id = s.work_location_id
                            -- each member fills one seat: their department's first
                            AND NOT EXISTS (SELECT 1 FROM coprod_group_seat d
                                             WHERE d.group_id = s.group_id
                                               AND d.department_id = e.department_id)))
             GROUP BY s.id, g.company_id, g.facilitator_user_id
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
              JOIN coprod_group g ON g.id = b.group_id
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
    meeting_id = fields.Many2one("coprod.meeting", readonly=True)
    owner_partner_id = fields.Many2one("res.partner", string="Who does it", readonly=True)
    owner_user_id = fields.Many2one("res.users", string="Responsible user", readonly=True)
    state = fields.Selection(ACTION_STATES, readonly=True)
    date_due = fields.Date(string="By when", readonly=True)
    date_done = fields.Date(readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    days_to_done = fields.Float(string="Days to done", readonly=True, aggregator="avg")

    def _view_query(self):
        return SQL("""
            SELECT a.id, a.id AS action_id, a.group_id, a.company_id, g.facilitator_user_id,
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
              JOIN coprod_group g ON g.id = a.group_id
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
    quality_statement_id = fields.Many2one("coprod.quality.statement", readonly=True)
    key_question = fields.Selection(KEY_QUESTIONS, readonly=True)
    consent_to_share = fields.Boolean(readonly=True)

    def _view_query(self):
        return SQL("""
            SELECT ROW_NUMBER() OVER (ORDER BY r.id, rv.value_id, rs.statement_id) AS id,
                   r.id AS record_id, r.date, r.group_id, r.company_id, g.facilitator_user_id,
                   rv.value_id, rs.statement_id AS quality_statement_id, st.key_question,
                   r.consent_to_share
              FROM coprod_value_record r
              JOIN coprod_value_record_value_rel rv ON rv.record_id = r.id
              LEFT JOIN coprod_value_record_statement_rel rs ON rs.record_id = r.id
              LEFT JOIN coprod_quality_statement st ON st.id = rs.statement_id
              LEFT JOIN coprod_group g ON g.id = r.group_id
             WHERE r.active
        """)
