"""One full co-production cycle for a group of N members, beside Odoo's calendar.event.

Run it with bench/run (it makes a throwaway database). It prints, per step, the time
and the number of SQL queries for coprod and for the same work done with Odoo's own
calendar.event with N attendees, measured in the same run. Nothing is committed.

Steps:
  schedule   coprod: action_schedule() (register + calendar event)
             peer:   create a calendar.event with N attendees
  invite     coprod: action_send_invitations() (one queued email per person)
             peer:   queue the calendar invitation email to every attendee
  register   coprod: record each person's answer and attendance from the form
             peer:   record each attendee's answer from the form
  approve    coprod: action_hold(), write minutes, action_approve_minutes()
             peer:   write the minutes into the event description
  plan next  coprod: action_plan_next()
             peer:   copy the event one month later
"""
import argparse
import time
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

import odoo
from odoo import Command, api, sql_db
from odoo.tools import config


class Meter:
    """Time and SQL queries of each step, with the ORM flushed at the end of the step."""

    def __init__(self, env):
        self.env = env
        self.rows = {}

    def run(self, label, func):
        self.env.invalidate_all()
        queries = sql_db.sql_counter
        started = time.perf_counter()
        result = func()
        self.env.flush_all()
        self.rows[label] = (time.perf_counter() - started, sql_db.sql_counter - queries)
        return result


def coprod_cycle(env, partners, start):
    group = env["coprod.group"].create({"name": "Bench board", "kind": "people_supported"})
    env["coprod.membership"].create([
        {"group_id": group.id, "partner_id": p.id, "date_start": "2020-01-01"} for p in partners
    ])
    meeting = env["coprod.meeting"].create({
        "group_id": group.id, "start": start, "stop": start + timedelta(hours=2),
    })
    env["coprod.agenda.item"].create([
        {"meeting_id": meeting.id, "title": f"Item {n}", "state": "accepted"} for n in range(5)
    ])
    env.flush_all()
    meter = Meter(env)
    meter.run("schedule", meeting.action_schedule)
    meter.run("invite", meeting.action_send_invitations)

    def register():
        rows = meeting.attendance_ids
        meeting.write({"attendance_ids": [
            Command.update(row.id, {
                "response": "accepted" if n % 4 else "declined",
                "status": "attended" if n % 4 else "apologies",
                "needs_met": True,
            })
            for n, row in enumerate(rows)
        ]})
    meter.run("register", register)

    def approve():
        meeting.action_hold()
        meeting.agenda_item_ids.action_mark_discussed()
        meeting.minutes = "<p>We talked about our values.</p>"
        meeting.action_approve_minutes()
    meter.run("approve", approve)
    meter.run("plan next", meeting.action_plan_next)
    return meter.rows


def calendar_cycle(env, partners, start):
    Event = env["calendar.event"].with_context(no_mail_to_attendees=True)
    meter = Meter(env)
    event = meter.run("schedule", lambda: Event.create({
        "name": "Bench meeting", "start": start, "stop": start + timedelta(hours=2),
        "partner_ids": [Command.set(partners.ids)],
    }))
    template = env.ref("calendar.calendar_template_meeting_invitation")
    attendees = event.attendee_ids.with_context(no_mail_to_attendees=False)
    meter.run("invite", lambda: attendees._send_mail_to_attendees(template))

    def register():
        event.write({"attendee_ids": [
            Command.update(att.id, {"state": "accepted" if n % 4 else "declined"})
            for n, att in enumerate(event.attendee_ids)
        ]})
    meter.run("register", register)
    meter.run("approve", lambda: event.write({"description": "<p>We talked about our values.</p>"}))
    meter.run("plan next", lambda: event.copy({
        "start": event.start + relativedelta(months=1),
        "stop": event.stop + relativedelta(months=1),
    }))
    return meter.rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--members", type=int, default=500)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        partners = env["res.partner"].create([
            {"name": f"Bench person {n}", "email": f"bench{n}@example.com"}
            for n in range(args.members)
        ])
        # today (a meeting is marked held on its day, not before)
        start = datetime.now().replace(microsecond=0, second=0, minute=0)
        coprod = coprod_cycle(env, partners, start)
        peer = calendar_cycle(env, partners, start)
        cr.rollback()

    print(f"One cycle for {args.members} members (coprod) beside calendar.event with "
          f"{args.members} attendees (peer), same run")
    print(f"{'step':<10} {'coprod s':>9} {'queries':>8} {'peer s':>9} {'queries':>8} {'time ratio':>10}")
    totals = [0.0, 0, 0.0, 0]
    for step, (c_time, c_queries) in coprod.items():
        p_time, p_queries = peer[step]
        totals = [totals[0] + c_time, totals[1] + c_queries, totals[2] + p_time, totals[3] + p_queries]
        print(f"{step:<10} {c_time:>9.3f} {c_queries:>8} {p_time:>9.3f} {p_queries:>8} "
              f"{c_time / p_time if p_time else float('inf'):>10.2f}")
    print(f"{'total':<10} {totals[0]:>9.3f} {totals[1]:>8} {totals[2]:>9.3f} {totals[3]:>8} "
          f"{totals[0] / totals[2]:>10.2f}")


if __name__ == "__main__":
    main()
