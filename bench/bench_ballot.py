"""Ballots at scale: a register of N voters, N cast_vote() calls, then the count.

Run it with bench/run_ballot (a throwaway database with coprod and survey). For
`majority` and for `ranked` with 10 options it prints the time and queries of opening,
per vote, and of closing (the count), beside the same N answers recorded through
Odoo's own survey (survey.user_input and its answer lines) and summarised with a
read_group, in the same run, with the ratio. Nothing is committed.
"""
import argparse
import random
import time

import odoo
from odoo import Command, api, sql_db
from odoo.tools import config


def measure(env, func):
    env.invalidate_all()
    queries = sql_db.sql_counter
    started = time.perf_counter()
    result = func()
    env.flush_all()
    return time.perf_counter() - started, sql_db.sql_counter - queries, result


def coprod_run(env, partners, method, n_options, rng):
    group = env["coprod.group"].create({"name": f"Bench {method}", "quorum_min": 1})
    env["coprod.membership"].create([
        {"group_id": group.id, "partner_id": p.id, "date_start": "2020-01-01"} for p in partners
    ])
    vals = {"name": f"Bench {method}", "group_id": group.id, "method": method}
    if method == "ranked":
        vals["option_ids"] = [Command.create({"name": f"Option {n}"}) for n in range(n_options)]
    ballot = env["coprod.ballot"].create(vals)
    env.flush_all()
    rows = {"open": measure(env, ballot.action_open)[:2]}
    options = list(ballot.option_ids)
    papers = [
        rng.sample(options, rng.randint(1, len(options))) if method == "ranked"
        else [rng.choice(options)]
        for _ in partners
    ]

    def cast_all():
        for partner, paper in zip(partners, papers):
            ballot.cast_vote(partner, paper)
    seconds, queries, _result = measure(env, cast_all)
    rows["vote"] = (seconds / len(partners), queries / len(partners))
    rows["count"] = measure(env, ballot.action_close)[:2]
    return rows, ballot


def survey_run(env, partners, method, n_options, rng):
    if method == "ranked":
        question = {
            "title": "Put the options in order", "question_type": "matrix",
            "matrix_subtype": "simple",
            "suggested_answer_ids": [Command.create({"value": f"Rank {n + 1}"}) for n in range(n_options)],
            "matrix_row_ids": [Command.create({"value": f"Option {n}"}) for n in range(n_options)],
        }
    else:
        question = {
            "title": "Yes or no", "question_type": "simple_choice",
            "suggested_answer_ids": [Command.create({"value": v}) for v in ("Yes", "No", "Abstain")],
        }
    survey = env["survey.survey"].create({
        "title": f"Bench {method}", "access_mode": "public", "questions_layout": "one_page",
    })
    question = env["survey.question"].create(dict(question, survey_id=survey.id))
    env.flush_all()
    answers = question.suggested_answer_ids
    rows_ = question.matrix_row_ids
    rows = {"open": measure(env, lambda: None)[:2]}  # a survey has no register to fix

    def answer_all():
        for partner in partners:
            user_input = survey._create_answer(partner=partner, check_attempts=False)
            if method == "ranked":
                ranking = rng.sample(list(rows_), rng.randint(1, len(rows_)))
                value = {row.id: [answers[rank].id] for rank, row in enumerate(ranking)}
                user_input._save_lines(question, {str(k): v for k, v in value.items()})
            else:
                user_input._save_lines(question, rng.choice(answers).id)
            user_input._mark_done()
    seconds, queries, _result = measure(env, answer_all)
    rows["vote"] = (seconds / len(partners), queries / len(partners))
    rows["count"] = measure(env, lambda: env["survey.user_input.line"]._read_group(
        [("question_id", "=", question.id)], ["suggested_answer_id", "matrix_row_id"], ["__count"],
    ))[:2]
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--voters", type=int, default=5000)
    parser.add_argument("--options", type=int, default=10)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        partners = env["res.partner"].create([
            {"name": f"Voter {n}", "email": f"voter{n}@example.com"} for n in range(args.voters)
        ])
        print(f"{args.voters} voters; coprod cast_vote() beside survey answers (peer), same run")
        print(f"{'method':<9} {'step':<6} {'coprod s':>10} {'queries':>8} {'peer s':>10} {'queries':>8} {'ratio':>7}")
        for method in ("majority", "ranked"):
            rng = random.Random(7)
            coprod, ballot = coprod_run(env, partners, method, args.options, rng)
            peer = survey_run(env, partners, method, args.options, random.Random(7))
            for step in ("open", "vote", "count"):
                (c_s, c_q), (p_s, p_q) = coprod[step], peer[step]
                print(f"{method:<9} {step:<6} {c_s:>10.4f} {c_q:>8.1f} {p_s:>10.4f} {p_q:>8.1f} "
                      f"{(c_s / p_s if p_s else float('inf')):>7.2f}")
            print(f"{'':<9} result: {ballot.result_state}, turnout {ballot.turnout}, "
                  f"{len(ballot.round_ids)} round(s)")
        cr.rollback()


if __name__ == "__main__":
    main()
