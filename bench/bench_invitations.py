"""Invitation papers for a meeting of N attendees: rendered together, beside one by one.

Run it with bench/run invitations (it makes a throwaway database). It builds a group of
N members (half with an easy-read need, a quarter large print, the rest standard),
schedules a meeting with 5 agenda items, then, in the same run:

  together    coprod: _prepare_invitation_papers() on the whole register: one
              rendering pass (QWeb + wkhtmltopdf) per format, split per person
  one by one  the same papers with one pass (QWeb + wkhtmltopdf) per person, as a
              mail template's report attachment would do

and prints the time, the SQL queries and the ratio. Nothing is committed.
"""
import argparse
import time
from datetime import datetime, timedelta

import odoo
import odoo.http
from odoo import api, sql_db
from odoo.service import server
from odoo.tools import config


def measure(env, func):
    env.invalidate_all()
    queries = sql_db.sql_counter
    started = time.perf_counter()
    result = func()
    env.flush_all()
    return time.perf_counter() - started, sql_db.sql_counter - queries, result


def build(env, members):
    needs = env["coprod.communication.need"]
    easy_read = needs.search([("code", "=", "easy_read")])
    large_print = needs.search([("code", "=", "large_print")])
    partners = env["res.partner"].create([
        {"name": f"Bench person {n}", "email": f"bench{n}@example.com", "lang": "en_US",
         "coprod_need_ids": [(6, 0, (easy_read if n % 4 < 2 else large_print if n % 4 == 2
                                     else needs.browse()).ids)]}
        for n in range(members)
    ])
    group = env["coprod.group"].create({"name": "Bench board", "kind": "mixed"})
    env["coprod.membership"].create([
        {"group_id": group.id, "partner_id": partner.id, "date_start": "2020-01-01"}
        for partner in partners
    ])
    start = datetime.now().replace(microsecond=0, second=0, minute=0) + timedelta(days=14)
    meeting = env["coprod.meeting"].create({
        "group_id": group.id, "start": start, "stop": start + timedelta(hours=2),
        "location": "The community room",
    })
    env["coprod.agenda.item"].create([
        {"meeting_id": meeting.id, "title": title, "state": "accepted"}
        for title in ("Welcome", "Our values", "Money for our holiday", "You said, we did",
                      "Any other business")
    ])
    meeting.action_schedule()
    env.flush_all()
    return meeting


def one_by_one(rows):
    """One QWeb rendering and one wkhtmltopdf run per person."""
    report = rows.env["ir.actions.report"].sudo()
    return {
        row.id: report._render_qweb_pdf(
            "coprod.action_report_invitation", row.ids,
            data={"coprod_format": row.partner_id._coprod_document_format(row.group_id)})[0]
        for row in rows
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--members", type=int, default=200)
    parser.add_argument("--dev", default="",
                        help="Odoo's developer modes, e.g. xml as tools/serve runs Odoo: "
                             "templates are then read again at each use (no cache)")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"]
                        + ([f"--dev={args.dev}"] if args.dev else []))
    registry = odoo.modules.registry.Registry(args.database)
    # wkhtmltopdf fetches the papers' styles over HTTP, as it does in production.
    server.ThreadedServer(odoo.http.root).http_spawn()
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        env["ir.config_parameter"].set_param(
            "report.url", f"http://127.0.0.1:{config['http_port']}")
        rows = build(env, args.members).attendance_ids
        together = measure(env, rows._prepare_invitation_papers)
        single = measure(env, lambda: one_by_one(rows))
        formats = sorted(set(rows.mapped("document_format")))
        cr.rollback()
    print(f"Invitation papers for {args.members} attendees ({', '.join(formats)}), same run")
    print(f"{'how':<12} {'seconds':>9} {'queries':>8} {'papers':>7}")
    print(f"{'together':<12} {together[0]:>9.2f} {together[1]:>8} {len(together[2]):>7}")
    print(f"{'one by one':<12} {single[0]:>9.2f} {single[1]:>8} {len(single[2]):>7}")
    print(f"together / one by one: {together[0] / single[0]:.2f} "
          f"(one by one takes {single[0] / together[0]:.1f} times as long)")


if __name__ == "__main__":
    main()
