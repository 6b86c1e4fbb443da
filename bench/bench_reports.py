"""The six built-in reports' pivots, beside the same figures from one plain SQL GROUP BY.

Run it with bench/run reports (it makes a throwaway database). It loads, with SQL
INSERT ... SELECT (the ORM is too slow for this many rows), five groups of 200 members
with 100 meetings each (100,000 register rows), 20,000 places on ballot registers,
10,000 actions, 10,000 stories and a staff board with seats, then for each report
(coprod.report.*) measures in the same run:

  read_group   the pivot's call as the web client makes it: read_group(domain, fields,
               groupby, lazy=False) with the rows, columns and measures of the report's
               default pivot (views/coprod_report_views.xml; a note says if they have
               changed), and for participation and actions also by group and month
               (one cell per group and month, the largest pivot a manager opens), for
               representation also by group; for
               participation and values also filtered to one group and the last twelve
               months (1 group, year), as a manager narrows a report down; as the
               superuser and as a manager (record rules applied)
  plain SQL    the same aggregation written as one SELECT ... GROUP BY on the base
               tables (coprod_attendance, coprod_ballot_voter, ...), not on the view
  Odoo's       Odoo's own read_group on the same view, as the manager (context key
               coprod_report_plain_read_group): the reports aggregate first and sort
               their few groups after, and label each month once (coprod_report.py);
               this column shows what that saves

  view SQL     (to tell the view from the ORM) read_group's own SELECT on the view, as
               the manager, run alone: the rest of read_group's time is Python
  floor        the same pivot on the same report, as the manager, for a group that
               does not exist (group_id = -1): what any read_group costs before it
               reads a row (access and record rules, query building, planning the
               view, one round trip). Not a domain Odoo knows to be empty (id in []):
               that one returns before the rules and the query.

The figures of both must be equal (checked). Each call is warmed once, then the median
of 11 rounds is kept (--runs), each round calling all of them in turn so that a busy
machine slows them alike. A report passes when its slower read_group takes at most
twice the plain SQL's time. For a report that does not, the plans of both queries are
printed (EXPLAIN ANALYZE); --explain prints them for every report. Nothing is committed.

Besides reading the rows as the plain SQL does, a read_group pays costs that do not
grow with the data: its floor (record rules, query building, the view's planning) and,
when it groups by a record (a group, a value), one more query for the names of those
records (their order and labels). On the representation report's thousand memberships
and the staff board's 13 seat lines the plain SQL takes a millisecond or two, so these
fixed costs decide the ratio: the pivots of those two reports come within twice the
plain SQL only on a fast machine, or with more memberships (--groups 25 --meetings 20).
The columns say where the time goes.
"""
import argparse
import statistics
import time
from datetime import date, datetime, timedelta

import pytz
from lxml import etree

import odoo
from odoo import Command, api, sql_db
from odoo.tools import SQL, config

TZ = "Europe/London"
GROUP_KINDS = ["people_supported", "family", "mixed", "people_supported", "family"]
PERSON_KINDS = ["person_supported", "family", "staff", "other"]
METHODS = ["majority", "plurality", "approval", "ranked", "thumbs"]
LIMIT = 2.0
# No row: a group that does not exist. The query still runs (with the record rules and
# the view's planning); PostgreSQL finds it empty through the groups' index.
NO_ROW = [("group_id", "=", -1)]


# ------------------------------------------------------------
# LOADING
# ------------------------------------------------------------

def load(env, groups_n, meetings_n, register_n, ballots_n, voters_n, actions_n, stories_n):
    """Load the data set; returns the number of rows of the largest tables."""
    cr = env.cr
    uid = env.uid
    company = env.company
    facilitator = env["res.users"].create({
        "name": "Bench facilitator", "login": "bench_facilitator",
        "groups_id": [Command.link(env.ref("coprod.group_coprod_officer").id)],
    })
    groups = env["coprod.group"].create([
        {"name": f"Bench group {g}", "kind": GROUP_KINDS[g % len(GROUP_KINDS)],
         "facilitator_user_id": facilitator.id if g % 2 else False}
        for g in range(groups_n)
    ])
    partners = env["res.partner"].create([
        {"name": f"Bench person {n}", "email": f"bench{n}@example.com"}
        for n in range(groups_n * register_n)
    ])
    # Current members (the registers), and past members of an earlier term for a third
    # of them: the representation report keeps only the current ones.
    for g, group in enumerate(groups):
        people = partners[g * register_n:(g + 1) * register_n]
        env["coprod.membership"].create([
            {"group_id": group.id, "partner_id": p.id, "date_start": "2016-01-01",
             "date_end": "2018-12-31", "role": "member"}
            for p in people[::3]
        ] + [
            {"group_id": group.id, "partner_id": p.id, "date_start": "2019-01-01",
             "role": "co_chair" if n < 2 else ["member", "member", "member", "supporter", "observer"][n % 5],
             **({"person_kind": PERSON_KINDS[n % 4]} if group.kind == "mixed" else {})}
            for n, p in enumerate(people)
        ])
    env.flush_all()

    # Meetings, monthly back from last month: one in 25 cancelled, one in 50 archived
    # (the participation report leaves both out).
    now = datetime.now().replace(minute=0, second=0, microsecond=0)
    cr.execute("""
        INSERT INTO coprod_meeting (name, group_id, company_id, start, stop, state, active,
                                    location, ladder_rung, invitations_sent,
                                    create_uid, create_date, write_uid, write_date)
        SELECT g.name || ', meeting ' || s.n, g.id, g.company_id,
               %(now)s - make_interval(months => s.n) + make_interval(hours => g.id %% 7),
               %(now)s - make_interval(months => s.n) + make_interval(hours => g.id %% 7 + 2),
               CASE WHEN s.n %% 25 = 0 THEN 'cancelled' ELSE 'done' END,
               s.n %% 50 <> 7, 'Bench room',
               (ARRAY['informing', 'consultation', 'engagement', 'co_design', 'co_production'])[1 + s.n %% 5],
               true, %(uid)s, now(), %(uid)s, now()
          FROM coprod_group g, generate_series(1, %(meetings)s) AS s(n)
         WHERE g.id = ANY(%(groups)s)
    """, {"now": now, "uid": uid, "meetings": meetings_n, "groups": groups.ids})

    # One register row per current member and meeting, with answers, attendance and
    # needs spread over the rows.
    cr.execute("""
        INSERT INTO coprod_attendance (meeting_id, partner_id, membership_id, group_id, company_id,
                                       person_kind, response, status, needs_met, invitation_sent,
                                       invitation_channel, date_invitation,
                                       create_uid, create_date, write_uid, write_date)
        SELECT m.id, ms.partner_id, ms.id, m.group_id, m.company_id, ms.person_kind,
               (ARRAY['accepted', 'accepted', 'declined', 'no_answer'])[1 + (m.id + ms.id) %% 4],
               (ARRAY['attended', 'attended', 'attended', 'apologies', 'absent', 'expected'])
                   [1 + (m.id * 7 + ms.id) %% 6],
               (m.id + ms.id * 3) %% 5 <> 0,
               (m.id + ms.id) %% 17 <> 0,
               CASE WHEN (m.id + ms.id) %% 17 <> 0 THEN 'email' END,
               CASE WHEN (m.id + ms.id) %% 17 <> 0 THEN m.start - interval '14 days' END,
               %(uid)s, now(), %(uid)s, now()
          FROM coprod_meeting m
          JOIN coprod_membership ms ON ms.group_id = m.group_id AND ms.date_end IS NULL
         WHERE m.group_id = ANY(%(groups)s)
    """, {"uid": uid, "groups": groups.ids})

    # Ballots at the meetings, closed (one in 20 still open: left out of the report),
    # each with a register of voters_n current members.
    cr.execute("""
        INSERT INTO coprod_ballot (name, group_id, company_id, meeting_id, method, secret, threshold,
                                   quorum_percent, quorum_min, hide_results, state, turnout, quorum_met,
                                   result_state, date_closed, active, election_applied,
                                   create_uid, create_date, write_uid, write_date)
        SELECT 'Bench question ' || s.n, m.group_id, m.company_id, m.id,
               (%(methods)s::varchar[])[1 + s.n %% 5], s.n %% 2 = 0, 'simple', 50, 0, false,
               CASE WHEN s.n %% 20 = 0 THEN 'open' ELSE 'closed' END, 0, s.n %% 9 <> 0,
               CASE WHEN s.n %% 20 = 0 THEN NULL WHEN s.n %% 9 = 0 THEN 'no_quorum'
                    ELSE (ARRAY['won', 'won', 'won', 'tie', 'rejected'])[1 + s.n %% 5] END,
               CASE WHEN s.n %% 20 = 0 THEN NULL ELSE m.stop END, true, false,
               %(uid)s, now(), %(uid)s, now()
          FROM generate_series(1, %(ballots)s) AS s(n)
          JOIN LATERAL (
                SELECT * FROM coprod_meeting
                 WHERE group_id = ANY(%(groups)s) AND state = 'done'
                 ORDER BY id OFFSET s.n %% %(done)s LIMIT 1) m ON true
    """, {"methods": METHODS, "uid": uid, "ballots": ballots_n, "groups": groups.ids,
          "done": meetings_n * groups_n * 9 // 10})
    cr.execute("""
        INSERT INTO coprod_ballot_voter (ballot_id, partner_id, has_voted, assisted, recorded_by_user_id)
        SELECT b.id, ms.partner_id, (b.id + ms.id) %% 5 <> 0,
               (b.id + ms.id) %% 5 <> 0 AND (b.id * 3 + ms.id) %% 7 = 0,
               CASE WHEN (b.id * 3 + ms.id) %% 7 = 0 THEN %(uid)s END
          FROM coprod_ballot b
          JOIN LATERAL (
                SELECT id, partner_id FROM coprod_membership
                 WHERE group_id = b.group_id AND date_end IS NULL AND can_vote
                 ORDER BY id LIMIT %(voters)s) ms ON true
         WHERE b.group_id = ANY(%(groups)s)
    """, {"uid": uid, "voters": voters_n, "groups": groups.ids})
    cr.execute("UPDATE coprod_ballot b SET turnout = v.voted FROM ("
               " SELECT ballot_id, COUNT(*) FILTER (WHERE has_voted) AS voted"
               " FROM coprod_ballot_voter GROUP BY ballot_id) v WHERE v.ballot_id = b.id")

    # Actions: asked at the meetings (one in 10 without a meeting), open, done or
    # cancelled, due around today (the open ones due in the past are overdue).
    today = date.today()
    cr.execute("""
        WITH meetings AS (SELECT array_agg(id ORDER BY id) AS ids FROM coprod_meeting
                           WHERE group_id = ANY(%(groups)s))
        INSERT INTO coprod_action (name, meeting_id, group_id, company_id, you_said, owner_partner_id,
                                   date_due, state, we_did, date_done, needs_reassignment, active,
                                   create_uid, create_date, write_uid, write_date)
        SELECT 'Bench ask ' || s.n,
               CASE WHEN s.n %% 10 = 0 THEN NULL ELSE m.id END, m.group_id, m.company_id,
               'Bench ask ' || s.n || ': please do something about it.',
               (%(partners)s)[1 + s.n %% %(partners_n)s],
               %(today)s + (s.n %% 400 - 200),
               (ARRAY['open', 'done', 'done', 'cancelled', 'open', 'done'])[1 + s.n %% 6],
               CASE WHEN s.n %% 6 IN (1, 2, 5) THEN 'Done, and the group heard it.' END,
               CASE WHEN s.n %% 6 IN (1, 2, 5) THEN m.start::date + 7 + s.n %% 90 END,
               false, s.n %% 40 <> 3, %(uid)s, m.start - interval '1 hour', %(uid)s, now()
          FROM generate_series(1, %(actions)s) AS s(n)
         CROSS JOIN meetings
          JOIN coprod_meeting m ON m.id = meetings.ids[1 + s.n %% cardinality(meetings.ids)]
    """, {"today": today, "uid": uid, "actions": actions_n, "groups": groups.ids,
          "partners": partners.ids, "partners_n": len(partners)})

    # Values (adopted) and stories, each with one or two values and none, one or two
    # quality statements.
    # adopted as the data of a database that has them (no meeting, no ballot)
    values = env["coprod.value"].create([{"name": f"Bench value {n}", "state": "adopted"}
                                         for n in range(6)])
    env.flush_all()
    cr.execute("""
        INSERT INTO coprod_value_record (title, date, story, group_id, company_id, consent_to_share,
                                         active, create_uid, create_date, write_uid, write_date)
        SELECT 'Bench story ' || s.n, %(today)s - s.n %% 1000, 'What happened, and how it shows the value.',
               (%(groups)s)[1 + s.n %% %(groups_n)s], %(company)s, s.n %% 10 <> 0, s.n %% 60 <> 1,
               %(uid)s, now(), %(uid)s, now()
          FROM generate_series(1, %(stories)s) AS s(n)
        RETURNING id
    """, {"today": today, "groups": groups.ids, "groups_n": groups_n, "company": company.id,
          "uid": uid, "stories": stories_n})
    records = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO coprod_value_record_value_rel (record_id, value_id)
        SELECT r, (%(values)s)[1 + r %% 6] FROM unnest(%(records)s) AS r
        UNION
        SELECT r, (%(values)s)[1 + (r + 2) %% 6] FROM unnest(%(records)s) AS r WHERE r %% 3 = 0
    """, {"values": values.ids, "records": records})
    cr.execute("SELECT id FROM coprod_quality_statement ORDER BY id")
    statements = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO coprod_value_record_statement_rel (record_id, statement_id)
        SELECT r, (%(st)s)[1 + r %% %(n)s] FROM unnest(%(records)s) AS r WHERE r %% 10 <> 0
        UNION
        SELECT r, (%(st)s)[1 + (r * 7 + 3) %% %(n)s] FROM unnest(%(records)s) AS r WHERE r %% 4 = 0
    """, {"st": statements, "n": len(statements), "records": records})

    # A staff board: employees in departments and places, some on the board, and seats
    # per department (and per place for the two departments that have none).
    staff = env["coprod.group"].create({"name": "Bench staff board", "kind": "staff"})
    departments = env["hr.department"].create([{"name": f"Bench department {n}"} for n in range(12)])
    address = env["res.partner"].create({"name": "Bench site", "is_company": True})
    places = env["hr.work.location"].create([
        {"name": f"Bench place {n}", "address_id": address.id, "location_type": "office"}
        for n in range(3)
    ])
    employees = env["hr.employee"].create([
        {"name": f"Bench employee {n}", "department_id": departments[n % 12].id if n % 13 else False,
         "work_location_id": places[n % 3].id}
        for n in range(360)
    ])
    env["coprod.membership"].create([
        {"group_id": staff.id, "employee_id": e.id, "date_start": "2020-01-01"}
        for e in employees[::4]
    ])
    env["coprod.group.seat"].create(
        [{"group_id": staff.id, "department_id": d.id, "seats": 3 + n % 4}
         for n, d in enumerate(departments[:10])]
        + [{"group_id": staff.id, "work_location_id": p.id, "seats": 4} for p in places]
    )
    env.flush_all()
    env.invalidate_all()
    cr.execute("ANALYZE coprod_group, coprod_membership, coprod_meeting, coprod_attendance, coprod_ballot,"
               " coprod_ballot_voter, coprod_action, coprod_value_record, coprod_value_record_value_rel,"
               " coprod_value_record_statement_rel, coprod_group_seat, hr_employee, res_partner")
    counts = {}
    for table in ("coprod_attendance", "coprod_ballot_voter", "coprod_action", "coprod_value_record"):
        cr.execute(SQL("SELECT COUNT(*) FROM %s", SQL.identifier(table)))
        counts[table] = cr.fetchone()[0]
    return counts


# ------------------------------------------------------------
# THE REPORTS: the pivot's read_group, and the plain SQL on the base tables
# ------------------------------------------------------------

MONTH_LOCAL = "date_trunc('month', timezone(%(tz)s, timezone('UTC', {})))::date"
PARTICIPATION_FROM = """
              FROM coprod_attendance a
              JOIN coprod_meeting m ON m.id = a.meeting_id
             WHERE m.state != 'cancelled' AND m.active
"""
ACTION_FROM = """
              FROM coprod_action a
              LEFT JOIN coprod_meeting m ON m.id = a.meeting_id
             WHERE a.active
"""
PARTICIPATION_BY_MONTH = f"""
            SELECT m.group_id, {MONTH_LOCAL.format('m.start')},
                   COUNT(*) FILTER (WHERE a.invitation_sent),
                   COUNT(*) FILTER (WHERE a.response = 'accepted'),
                   COUNT(*) FILTER (WHERE a.status = 'attended'),
                   COUNT(*) FILTER (WHERE a.status = 'apologies'),
                   COUNT(*) FILTER (WHERE a.status = 'absent'),
                   COUNT(*) FILTER (WHERE a.needs_met),
                   COUNT(*)
              {PARTICIPATION_FROM}"""
PARTICIPATION_BY_MONTH_MEASURES = {"invited": "sum", "accepted": "sum", "attended": "sum",
                                   "apologies": "sum", "absent": "sum", "needs_met": "sum"}
CURRENT_MEMBERSHIPS_FROM = """
              FROM coprod_membership ms
              JOIN coprod_group g ON g.id = ms.group_id
             WHERE ms.date_start <= CURRENT_DATE AND (ms.date_end IS NULL OR ms.date_end >= CURRENT_DATE)
               AND g.active
"""
STORIES = """
            SELECT rv.value_id, st.key_question, COUNT(DISTINCT r.id), COUNT(*)
              FROM coprod_value_record r
              JOIN coprod_value_record_value_rel rv ON rv.record_id = r.id
              LEFT JOIN coprod_value_record_statement_rel rs ON rs.record_id = r.id
              LEFT JOIN coprod_quality_statement st ON st.id = rs.statement_id
             WHERE r.active"""

# Each report's default pivot (as views/coprod_report_views.xml draws it: rows, columns
# and measures; "default": True), and for the two reports over time the same by month,
# the largest pivot a manager opens (one cell per group and month); with "filter", the
# pivot of one group over the last twelve months (filtered on that date field).
REPORTS = [
    {
        "name": "participation",
        "model": "coprod.report.participation",
        "default": True,
        "groupby": ["group_id", "person_kind"],
        "measures": {"invited": "sum", "attended": "sum", "apologies": "sum", "needs_met": "sum"},
        "sql": f"""
            SELECT m.group_id, a.person_kind,
                   COUNT(*) FILTER (WHERE a.invitation_sent),
                   COUNT(*) FILTER (WHERE a.status = 'attended'),
                   COUNT(*) FILTER (WHERE a.status = 'apologies'),
                   COUNT(*) FILTER (WHERE a.needs_met),
                   COUNT(*)
              {PARTICIPATION_FROM}
             GROUP BY 1, 2
        """,
    },
    {
        "name": "  by month",
        "model": "coprod.report.participation",
        "groupby": ["group_id", "date:month"],
        "measures": PARTICIPATION_BY_MONTH_MEASURES,
        "sql": PARTICIPATION_BY_MONTH + """
             GROUP BY 1, 2
        """,
    },
    {
        "name": "  1 group, year",
        "model": "coprod.report.participation",
        "groupby": ["group_id", "date:month"],
        "filter": "date",
        "measures": PARTICIPATION_BY_MONTH_MEASURES,
        "sql": PARTICIPATION_BY_MONTH + """
               AND m.group_id = %(group)s AND m.start >= %(since)s
             GROUP BY 1, 2
        """,
    },
    {
        "name": "representation",
        "model": "coprod.report.representation",
        "default": True,
        "groupby": ["role", "person_kind"],
        "measures": {},
        "sql": f"""
            SELECT ms.role, ms.person_kind, COUNT(*)
              {CURRENT_MEMBERSHIPS_FROM}
             GROUP BY 1, 2
        """,
    },
    {
        "name": "  by group",
        "model": "coprod.report.representation",
        "groupby": ["group_id", "person_kind"],
        "measures": {},
        "sql": f"""
            SELECT ms.group_id, ms.person_kind, COUNT(*)
              {CURRENT_MEMBERSHIPS_FROM}
             GROUP BY 1, 2
        """,
    },
    {
        "name": "seat",
        "model": "coprod.report.seat",
        "default": True,
        "groupby": ["group_id"],
        "measures": {"seats": "sum", "filled": "sum", "empty": "sum"},
        "sql": """
            SELECT group_id, SUM(seats), SUM(filled), SUM(GREATEST(seats - filled, 0)), COUNT(*)
              FROM (SELECT s.group_id, s.seats, COUNT(e.id) AS filled
                      FROM coprod_group_seat s
                      LEFT JOIN coprod_membership ms ON ms.group_id = s.group_id
                           AND ms.date_start <= CURRENT_DATE
                           AND (ms.date_end IS NULL OR ms.date_end >= CURRENT_DATE)
                      LEFT JOIN hr_employee e ON e.id = ms.employee_id
                           AND (e.department_id = s.department_id
                                OR (s.department_id IS NULL AND e.work_location_id = s.work_location_id
                                    AND NOT EXISTS (SELECT 1 FROM coprod_group_seat d
                                                     WHERE d.group_id = s.group_id
                                                       AND d.department_id = e.department_id)))
                     GROUP BY s.id) per_seat
             GROUP BY 1
        """,
    },
    {
        "name": "ballot",
        "model": "coprod.report.ballot",
        "default": True,
        "groupby": ["group_id", "result_state"],
        "measures": {"registered": "sum", "voted": "sum", "assisted": "sum"},
        "sql": """
            SELECT b.group_id, b.result_state, COUNT(v.id), COUNT(v.id) FILTER (WHERE v.has_voted),
                   COUNT(v.id) FILTER (WHERE v.assisted), COUNT(DISTINCT b.id)
              FROM coprod_ballot b
              LEFT JOIN coprod_ballot_voter v ON v.ballot_id = b.id
             WHERE b.state = 'closed' AND b.active
             GROUP BY 1, 2
        """,
    },
    {
        "name": "action",
        "model": "coprod.report.action",
        "default": True,
        "groupby": ["group_id"],
        "measures": {"open_count": "sum", "overdue_count": "sum", "done_count": "sum",
                     "days_to_done": "avg"},
        "sql": f"""
            SELECT a.group_id,
                   COUNT(*) FILTER (WHERE a.state = 'open'),
                   COUNT(*) FILTER (WHERE a.state = 'open' AND a.date_due < CURRENT_DATE),
                   COUNT(*) FILTER (WHERE a.state = 'done'),
                   AVG(a.date_done - COALESCE(m.start, a.create_date)::date) FILTER (WHERE a.state = 'done'),
                   COUNT(*)
              {ACTION_FROM}
             GROUP BY 1
        """,
    },
    {
        "name": "  by month",
        "model": "coprod.report.action",
        "groupby": ["group_id", "date:month"],
        "measures": {"open_count": "sum", "overdue_count": "sum", "done_count": "sum",
                     "days_to_done": "avg"},
        "sql": f"""
            SELECT a.group_id, date_trunc('month', COALESCE(m.start, a.create_date)::date::timestamp)::date,
                   COUNT(*) FILTER (WHERE a.state = 'open'),
                   COUNT(*) FILTER (WHERE a.state = 'open' AND a.date_due < CURRENT_DATE),
                   COUNT(*) FILTER (WHERE a.state = 'done'),
                   AVG(a.date_done - COALESCE(m.start, a.create_date)::date) FILTER (WHERE a.state = 'done'),
                   COUNT(*)
              {ACTION_FROM}
             GROUP BY 1, 2
        """,
    },
    {
        "name": "value",
        "model": "coprod.report.value",
        "default": True,
        "groupby": ["value_id", "key_question"],
        "measures": {"record_id": "count_distinct"},
        "sql": STORIES + """
             GROUP BY 1, 2
        """,
    },
    {
        "name": "  1 group, year",
        "model": "coprod.report.value",
        "groupby": ["value_id", "key_question"],
        "filter": "date",
        "measures": {"record_id": "count_distinct"},
        "sql": STORIES + """
               AND r.group_id = %(group)s AND r.date >= %(since_date)s
             GROUP BY 1, 2
        """,
    },
]

# The filter of the reports marked "filter" (a manager's usual question: one group, the
# last twelve months), set once the data is loaded.
FILTER = {}


def report_domain(env, report):
    """The domain of the report's pivot: its filter's, or none."""
    if not report.get("filter"):
        return []
    since = FILTER["since"] if env[report["model"]]._fields[report["filter"]].type == "datetime" \
        else FILTER["since_date"]
    return [("group_id", "=", FILTER["group"]), (report["filter"], ">=", since)]


def installed_pivot(env, model):
    """Rows and columns, and measures, of the model's default pivot view (None if none)."""
    arch = env[model].get_views([(False, "pivot")])["views"]["pivot"]["arch"]
    tree = etree.fromstring(arch)
    groupby = [
        f"{node.get('name')}:{node.get('interval')}" if node.get("interval") else node.get("name")
        for node in tree.iter("field") if node.get("type") in ("row", "col")
    ]
    measures = {node.get("name") for node in tree.iter("field") if node.get("type") == "measure"}
    return (groupby, measures) if groupby or measures else None


def pivot_drift(env):
    """Notes on the default pivots whose shape is no longer the one measured here."""
    notes = []
    for report in REPORTS:
        if not report.get("default"):
            continue
        installed = installed_pivot(env, report["model"])
        if installed and installed != (report["groupby"], set(report["measures"])):
            notes.append(f"note: the default pivot of {report['model']} is now rows/columns {installed[0]}, "
                         f"measures {sorted(installed[1])}; this benchmark measures {report['groupby']}, "
                         f"{sorted(report['measures'])}")
    return notes


def pivot(env, report, domain=None):
    """The pivot's call, as the web client makes it."""
    fields = [f"{name}:{agg}" for name, agg in report["measures"].items()] + ["__count"]
    domain = report_domain(env, report) if domain is None else domain
    return env[report["model"]].read_group(list(domain), fields, report["groupby"], lazy=False)


def sql_params():
    return {"tz": TZ, **FILTER}


def plain_sql(env, report):
    env.cr.execute(report["sql"], sql_params())
    return env.cr.fetchall()


def _number(value):
    if value is None or value is False:
        return None
    return round(float(value), 6)


def pivot_figures(env, report, rows):
    """The pivot's rows as {group key: measures}, keys as plain ids, strings and dates."""
    Model = env[report["model"]]
    tz = pytz.timezone(TZ)
    figures = {}
    for row in rows:
        key = []
        for spec in report["groupby"]:
            fname = spec.split(":")[0]
            value = row[spec]
            field = Model._fields[fname]
            if field.type in ("date", "datetime"):
                bounds = row.get("__range", {}).get(spec)
                if not bounds:
                    value = None
                elif field.type == "datetime":
                    start = pytz.utc.localize(datetime.strptime(bounds["from"], "%Y-%m-%d %H:%M:%S"))
                    value = start.astimezone(tz).date()
                else:
                    value = datetime.strptime(bounds["from"], "%Y-%m-%d").date()
            elif isinstance(value, tuple):
                value = value[0]
            key.append(value or None)
        figures[tuple(key)] = tuple(_number(row[name]) for name in report["measures"]) + (row["__count"],)
    return figures


def sql_figures(report, rows):
    width = len(report["groupby"])
    return {
        tuple(value or None for value in row[:width]): tuple(_number(v) for v in row[width:-1]) + (row[-1],)
        for row in rows
    }


# ------------------------------------------------------------
# MEASURING
# ------------------------------------------------------------

def interleaved_medians(env, funcs, runs):
    """Median time of each function over `runs` rounds, after one warm-up call each.

    Each round calls every function once, in turn, with a cold ORM cache: a busy
    machine then slows them all alike. Also returns the SQL queries of one call each."""
    for func in funcs.values():
        func()
    times = {key: [] for key in funcs}
    queries = {}
    for _ in range(runs):
        for key, func in funcs.items():
            env.invalidate_all()
            count = sql_db.sql_counter
            started = time.perf_counter()
            func()
            times[key].append(time.perf_counter() - started)
            queries[key] = sql_db.sql_counter - count
    return {key: statistics.median(values) for key, values in times.items()}, queries


def captured_queries(env, func):
    """The SQL statements func executes (to explain the read_group's own query)."""
    seen = []
    Cursor = type(env.cr)
    execute = Cursor.execute

    def spy(self, query, params=None, log_exceptions=True):
        seen.append((query, params))
        return execute(self, query, params, log_exceptions)

    Cursor.execute = spy
    try:
        func()
    finally:
        Cursor.execute = execute
    return seen


def explain(env, query, params=None):
    cr = env.cr
    if isinstance(query, SQL):
        cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) %s", query))
    else:
        cr.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + query, params)
    return "\n".join(row[0] for row in cr.fetchall())


def view_query(env, report):
    """The read_group's own SELECT on the view (as env's user: with its record rules)."""
    table = env[report["model"]]._table
    queries = captured_queries(env, lambda: pivot(env, report))
    [(query, params)] = [(q, p) for q, p in queries if table in str(q.code if isinstance(q, SQL) else q)]
    return query, params


def explain_report(env, manager_env, report):
    query, params = view_query(manager_env, report)
    return "\n".join([
        f"\n--- {report['model']} by {', '.join(report['groupby'])}: read_group as manager, "
        "its query on the view ---",
        query.code if isinstance(query, SQL) else query,
        explain(env, query, params),
        f"\n--- {report['model']} by {', '.join(report['groupby'])}: plain SQL ---",
        report["sql"].strip(),
        explain(env, report["sql"], sql_params()),
    ])


def measure_report(env, manager_env, report, runs):
    """Check that the pivot's figures are the plain SQL's, then time them side by side."""
    figures = pivot_figures(env, report, pivot(env, report))
    expected = sql_figures(report, plain_sql(env, report))
    manager_figures = pivot_figures(env, report, pivot(manager_env, report))
    assert figures == expected, f"{report['name']}: the pivot's figures differ from the plain SQL's"
    assert manager_figures == expected, f"{report['name']}: the manager's figures differ"
    query, params = view_query(manager_env, report)

    def view_sql():
        env.cr.execute(query, params)
        env.cr.fetchall()

    odoo_env = manager_env(context=dict(manager_env.context, coprod_report_plain_read_group=True))
    assert pivot(odoo_env, report) == pivot(manager_env, report), f"{report['name']}: Odoo's own differs"
    assert not pivot(manager_env, report, NO_ROW), f"{report['name']}: the floor finds rows"
    medians, queries = interleaved_medians(env, {
        "admin": lambda: pivot(env, report),
        "manager": lambda: pivot(manager_env, report),
        "odoo": lambda: pivot(odoo_env, report),
        "view": view_sql,
        "sql": lambda: plain_sql(env, report),
        "floor": lambda: pivot(manager_env, report, NO_ROW),
    }, runs)
    slower = max(medians["admin"], medians["manager"])
    return {
        "name": report["name"], "rows": sum(value[-1] for value in expected.values()),
        "groups": len(expected), "queries": queries["manager"],
        "ratio": slower / medians["sql"],
        "odoo ratio": medians["odoo"] / medians["sql"],
        "view ratio": medians["view"] / medians["sql"], **medians,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--groups", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=100, help="meetings per group")
    parser.add_argument("--register", type=int, default=200, help="members (register rows) per group")
    parser.add_argument("--ballots", type=int, default=400)
    parser.add_argument("--voters", type=int, default=50, help="voters on each ballot's register")
    parser.add_argument("--actions", type=int, default=10000)
    parser.add_argument("--stories", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=11, help="timed runs (median kept)")
    parser.add_argument("--explain", action="store_true", help="print the plans of every report")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    results = []
    explained = []
    with registry.cursor() as cr:
        context = {"lang": "en_US", "tz": TZ}
        env = api.Environment(cr, odoo.SUPERUSER_ID, context)
        started = time.perf_counter()
        counts = load(env, args.groups, args.meetings, args.register, args.ballots, args.voters,
                      args.actions, args.stories)
        load_time = time.perf_counter() - started
        manager = env["res.users"].create({
            "name": "Bench manager", "login": "bench_manager", "tz": TZ,
            "groups_id": [Command.link(env.ref("coprod.group_coprod_manager").id)],
        })
        env.flush_all()
        manager_env = api.Environment(cr, manager.id, context)
        assert not manager_env.su
        since = datetime.now().replace(minute=0, second=0, microsecond=0) - timedelta(days=365)
        FILTER.update(group=env["coprod.group"].search([("name", "=", "Bench group 0")]).id,
                      since=since, since_date=since.date())
        for report in REPORTS:
            results.append(measure_report(env, manager_env, report, args.runs))
            if args.explain or results[-1]["ratio"] > LIMIT:
                explained.append(report)
        plans = [explain_report(env, manager_env, report) for report in explained]
        notes = pivot_drift(env)
        cr.rollback()

    print(f"\nLoaded in {load_time:.1f} s: {counts['coprod_attendance']} register rows, "
          f"{counts['coprod_ballot_voter']} ballot register rows, {counts['coprod_action']} actions, "
          f"{counts['coprod_value_record']} stories")
    print(f"Each report's pivot (read_group, lazy=False) beside one plain SQL GROUP BY on the base "
          f"tables, same figures (checked), median of {args.runs} runs, same run")
    header = (("report", "", "<15"), ("rows", "", ">7"), ("groups", "", ">6"),
              ("read_group s", "(admin)", ">12"), ("read_group s", "(manager)", ">12"),
              ("queries", "", ">7"), ("plain SQL s", "", ">11"), ("ratio", "", ">6"), ("", "", "<4"),
              ("view SQL s", "(manager)", ">10"), ("view/plain", "", ">10"), ("floor s", "(manager)", ">9"),
              ("ORM python s", "(manager)", ">12"), ("Odoo's s", "(manager)", ">10"),
              ("Odoo's/plain", "", ">12"))
    for line in (0, 1):
        print(" ".join(f"{column[line]:{align}}" for *column, align in header))
    for row in results:
        cells = (row["name"], row["rows"], row["groups"], f"{row['admin']:.4f}", f"{row['manager']:.4f}",
                 row["queries"], f"{row['sql']:.4f}", f"{row['ratio']:.2f}",
                 "PASS" if row["ratio"] <= LIMIT else "FAIL", f"{row['view']:.4f}",
                 f"{row['view ratio']:.2f}", f"{row['floor']:.4f}", f"{row['manager'] - row['view']:.4f}",
                 f"{row['odoo']:.4f}", f"{row['odoo ratio']:.2f}")
        print(" ".join(f"{cell:{align}}" for cell, (*_column, align) in zip(cells, header)))
    print("rows: the view's rows counted; groups: the pivot's cells; queries: those of the manager's "
          f"read_group. ratio: the slower read_group / plain SQL, PASS when at most {LIMIT:.1f}.")
    print("view SQL: read_group's own query on the view (manager's record rules included), run alone; "
          "floor: the same pivot for a group that does not exist (rules, query building, the view's planning, "
          "one round trip; no row); "
          "ORM python: the manager's read_group less its query on the view (the floor, the names of the "
          "groups, labels and domains). Odoo's: Odoo's own read_group on the view, as the manager.")
    for note in notes:
        print(note)
    for plan in plans:
        print(plan)


if __name__ == "__main__":
    main()
