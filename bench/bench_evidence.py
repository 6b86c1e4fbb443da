"""The evidence pack for a year of three groups, beside Odoo's own export of the same records.

Run it with bench/run evidence (it makes a throwaway database). It loads a year of
three groups (36 meetings, 1,000 value records, 500 actions by default, and 10% of
that as the small size), then measures in the same run:

  pack data    coprod: the wizard's _pack_data() for 3 quality statements
  pack html    coprod: _pack_data() and the whole pack rendered to HTML (QWeb)
  pack pdf     coprod: the same rendered to PDF by wkhtmltopdf (full size only)
  peer export  Odoo: export_data() of the same meetings, decisions, actions, checks
               and value records (what a manager does without the pack)

Each with cold caches: time, and SQL queries. The queries of the pack must be the
same at both sizes (batched reads, no query per record). Nothing is committed.
"""
import argparse
import random
import time
from datetime import datetime, timedelta

import odoo
from odoo import Command, api, sql_db
from odoo.tools import config

STATEMENTS = [
    "coprod.quality_statement_cqc_listening_to_and_involving_people",
    "coprod.quality_statement_cqc_independence_choice_and_control",
    "coprod.quality_statement_cqc_shared_direction_and_culture",
]
RUNGS = ["informing", "consultation", "engagement", "co_design", "co_production"]


def measure(env, func):
    """Time and queries of func with a cold ORM cache (after one warm-up call, so that
    compiled templates and registry caches are not counted)."""
    func()
    env.invalidate_all()
    queries = sql_db.sql_counter
    started = time.perf_counter()
    func()
    return time.perf_counter() - started, sql_db.sql_counter - queries


def load_year(env, meetings_per_group, records, actions, members=12):
    """A year of three groups; returns the statements and what the peer exports."""
    rnd = random.Random(42)
    statements = env["coprod.quality.statement"].browse([env.ref(x).id for x in STATEMENTS])
    # adopted as the data of a database that has them (no meeting, no ballot)
    values = env["coprod.value"].create([{"name": f"Bench value {n}", "state": "adopted"}
                                         for n in range(6)])
    now = datetime.now().replace(microsecond=0, second=0, minute=0)
    groups = env["coprod.group"].create([
        {"name": f"Bench board {g}", "kind": kind}
        for g, kind in enumerate(["people_supported", "family", "staff"])
    ])
    partners = env["res.partner"].create([{"name": f"Bench person {n}"} for n in range(members * 3)])
    env["coprod.membership"].create([
        {"group_id": group.id, "partner_id": partners[g * members + n].id, "date_start": "2020-01-01"}
        for g, group in enumerate(groups) for n in range(members)
    ])
    meetings = env["coprod.meeting"].create([
        {"group_id": group.id, "start": now - timedelta(days=30 * m + 2),
         "stop": now - timedelta(days=30 * m + 2) + timedelta(hours=2),
         "ladder_rung": rnd.choice(RUNGS)}
        for group in groups for m in range(meetings_per_group)
    ])
    env["coprod.agenda.item"].create([
        {"meeting_id": meeting.id, "title": f"Item {n} of {meeting.name}", "state": "accepted",
         "quality_statement_ids": [Command.set([rnd.choice(statements).id])]}
        for meeting in meetings for n in range(3)
    ])
    meetings.action_schedule()
    env.flush_all()
    env.cr.execute("UPDATE coprod_attendance SET status = (ARRAY['attended', 'attended', 'apologies', 'absent'])[1 + mod(id, 4)]"
                   " WHERE meeting_id = ANY(%s)", [meetings.ids])
    decisions = env["coprod.decision"].create([
        {"meeting_id": meeting.id, "text": f"Decision {n} of {meeting.name}",
         "ladder_rung": rnd.choice(RUNGS),
         "quality_statement_ids": [Command.set([rnd.choice(statements).id])]}
        for meeting in meetings for n in range(2)
    ])
    env.flush_all()
    env.cr.execute("UPDATE coprod_meeting SET state = 'done' WHERE id = ANY(%s)", [meetings.ids])
    env.invalidate_all()
    action_records = env["coprod.action"].create([
        {"meeting_id": meetings[n % len(meetings)].id, "you_said": f"Bench ask {n}",
         "owner_partner_id": partners[n % len(partners)].id,
         "date_due": (now + timedelta(days=n % 60)).date(),
         "quality_statement_ids": [Command.set([rnd.choice(statements).id])]}
        for n in range(actions)
    ])
    done = action_records[: actions // 2]
    done.write({"we_did": "Done, and the group heard it."})
    done.write({"state": "done"})
    checks = env["coprod.quality.check"].create([
        {"name": f"Bench check {n}", "group_id": meeting.group_id.id, "meeting_id": meeting.id,
         "findings": "What the group found.", "ladder_rung": "co_design",
         "quality_statement_ids": [Command.set([rnd.choice(statements).id])],
         "recommendation_ids": [Command.create({"text": f"Recommendation {r}"}) for r in range(3)]}
        for n, meeting in enumerate(meetings[::3])
    ])
    value_records = env["coprod.value.record"].create([
        {"title": f"Bench story {n}", "date": (now - timedelta(days=n % 360)).date(),
         "story": "What happened, and how it shows the value.",
         "group_id": groups[n % 3].id,
         "value_ids": [Command.set([values[n % 6].id])],
         "partner_ids": [Command.set([partners[n % len(partners)].id])],
         "consent_to_share": n % 10 != 0,
         "quality_statement_ids": [Command.set([rnd.choice(statements).id])]}
        for n in range(records)
    ])
    env.flush_all()
    return statements, (meetings, decisions, action_records, checks, value_records)


def peer_export(exported):
    meetings, decisions, actions, checks, records = exported
    meetings.export_data(["name", "start", "group_id/name", "ladder_rung", "attendance_ids/partner_id/name",
                          "attendance_ids/status", "attendance_ids/person_kind"])
    decisions.export_data(["meeting_id/name", "text", "ladder_rung", "quality_statement_ids/name"])
    actions.export_data(["you_said", "we_did", "state", "date_due", "date_done", "owner_partner_id/name",
                         "quality_statement_ids/name"])
    checks.export_data(["name", "date", "findings", "state", "recommendation_ids/text",
                        "recommendation_ids/answer", "quality_statement_ids/name"])
    records.export_data(["title", "date", "story", "value_ids/name", "partner_ids/name",
                         "consent_to_share", "quality_statement_ids/name"])


def run_size(env, label, meetings_per_group, records, actions, pdf):
    statements, exported = load_year(env, meetings_per_group, records, actions)
    pack = env["coprod.evidence.pack"].create({
        "date_from": (datetime.now() - timedelta(days=365)).date(),
        "date_to": datetime.now().date(),
        "quality_statement_ids": [Command.set(statements.ids)],
        "group_ids": [Command.set(exported[0].group_id.ids)],
    })
    report = env["ir.actions.report"]
    rows = {
        "pack data": measure(env, pack._pack_data),
        "pack html": measure(env, lambda: report._render_qweb_html("coprod.report_evidence_pack", pack.ids)),
    }
    if pdf:
        rows["pack pdf"] = measure(env, lambda: report.with_context(force_report_rendering=True)
                                   ._render_qweb_pdf("coprod.report_evidence_pack", pack.ids))
    rows["peer export"] = measure(env, lambda: peer_export(exported))
    counts = (len(exported[0]), len(exported[4]), len(exported[2]))
    return label, counts, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--records", type=int, default=1000, help="value records (full size)")
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--meetings", type=int, default=12, help="meetings per group (3 groups)")
    parser.add_argument("--no-pdf", action="store_true", help="skip wkhtmltopdf")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    results = []
    for label, scale, pdf in (("small", 10, False), ("full", 1, not args.no_pdf)):
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
            results.append(run_size(env, label, max(1, args.meetings // scale),
                                    max(1, args.records // scale), max(1, args.actions // scale), pdf))
            cr.rollback()

    print("Evidence pack for 3 groups and 3 quality statements, beside Odoo's export_data of "
          "the same records (peer), same run")
    print(f"{'size':<6} {'meetings':>8} {'records':>8} {'actions':>8}  {'step':<12} {'seconds':>8} {'queries':>8}")
    for label, (meetings, records, actions), rows in results:
        for step, (seconds, queries) in rows.items():
            print(f"{label:<6} {meetings:>8} {records:>8} {actions:>8}  {step:<12} {seconds:>8.3f} {queries:>8}")
    small, full = results[0][2], results[1][2]
    for step in ("pack data", "pack html"):
        verdict = "grows with the records" if full[step][1] > small[step][1] else "does not grow"
        print(f"queries of {step}: {small[step][1]} (small) vs {full[step][1]} (full): {verdict}")
    ratio = full["pack html"][0] / full["peer export"][0]
    print(f"pack html / peer export time at full size: {ratio:.2f}")


if __name__ == "__main__":
    main()
