"""The managers' reports: each figure checked against a small data set counted by
hand, with the pivot's own call (``read_group``); who sees which figures; the
report period wizard; and export.

The data set (company 1 unless said):

- *People's board* (people supported; facilitator ``user_officer``; quorum 2 people
  and 50%): Amy (member), Ben (co-chair), Cara (member, family), Sam (observer,
  staff, Care); Dan left last month; Fay joins in ten days.
- *Staff board* (staff; facilitator Olga, another officer): Sam and Tia (Care), Uma
  (co-chair, Kitchen), Vic (Garden, works at North house). Seats: Care 3, Kitchen 1,
  Night care 1, North house 1.
- *Second company's board* (company 2): Zed.

The demo data is in the database too: figures are read for these groups only.
"""
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user

from .common import CoprodCase

REPORTS = (
    "coprod.report.participation", "coprod.report.representation", "coprod.report.seat",
    "coprod.report.ballot", "coprod.report.action", "coprod.report.value",
)
PARTICIPATION = ["invited:sum", "accepted:sum", "declined:sum", "attended:sum",
                 "apologies:sum", "absent:sum", "needs_met:sum"]


class TestReports(CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.today = today = fields.Date.context_today(env["coprod.membership"])
        cls.user_officer_b = new_test_user(
            env, login="coprod_report_olga", groups="coprod.group_coprod_officer",
            name="Olga Officer", email="olga@example.com",
            company_id=cls.company.id, company_ids=[cls.company.id],
        )

        # People
        Partner = env["res.partner"]
        cls.amy, cls.ben, cls.cara, cls.dan, cls.fay = Partner.create([
            {"name": name} for name in ("Amy", "Ben", "Cara", "Dan", "Fay")])
        cls.zed = Partner.create({"name": "Zed", "company_id": cls.company_2.id})
        Department = env["hr.department"]
        cls.care, cls.kitchen, cls.garden = Department.create([
            {"name": name, "company_id": cls.company.id} for name in ("Care", "Kitchen", "Garden")])
        cls.night_care = Department.create({"name": "Night care", "parent_id": cls.care.id,
                                            "company_id": cls.company.id})
        cls.north = env["hr.work.location"].create({
            "name": "North house", "address_id": cls.company.partner_id.id,
            "company_id": cls.company.id})
        Employee = env["hr.employee"]
        cls.sam, cls.tia, cls.uma = Employee.create([
            {"name": "Sam", "department_id": cls.care.id},
            {"name": "Tia", "department_id": cls.care.id},
            {"name": "Uma", "department_id": cls.kitchen.id},
        ])
        cls.vic = Employee.create({"name": "Vic", "department_id": cls.garden.id,
                                   "work_location_id": cls.north.id})

        # Groups and memberships
        Group = env["coprod.group"]
        cls.g1 = Group.create({
            "name": "People's board", "kind": "people_supported", "company_id": cls.company.id,
            "facilitator_user_id": cls.user_officer.id, "quorum_min": 2, "quorum_percent": 50,
        })
        cls.g2 = Group.create({
            "name": "Staff board", "kind": "staff", "company_id": cls.company.id,
            "facilitator_user_id": cls.user_officer_b.id,
        })
        cls.g3 = Group.create({
            "name": "Second company's board", "kind": "people_supported",
            "company_id": cls.company_2.id, "facilitator_user_id": cls.user_officer_c2.id,
        })
        cls.groups = cls.g1 | cls.g2 | cls.g3
        year_ago = cls.start_date
        Membership = env["coprod.membership"]

        def member(group, who, role="member", **vals):
            key = "employee_id" if who._name == "hr.employee" else "partner_id"
            return Membership.create(dict(
                {"group_id": group.id, key: who.id, "role": role, "date_start": year_ago}, **vals))

        cls.ms_amy = member(cls.g1, cls.amy)
        cls.ms_ben = member(cls.g1, cls.ben, "co_chair")
        cls.ms_cara = member(cls.g1, cls.cara, person_kind="family")
        cls.ms_sam1 = member(cls.g1, cls.sam, "observer")
        member(cls.g1, cls.dan, date_end=today - timedelta(days=30))
        member(cls.g1, cls.fay, date_start=today + timedelta(days=10))
        cls.ms_sam2 = member(cls.g2, cls.sam)
        cls.ms_tia = member(cls.g2, cls.tia)
        cls.ms_uma = member(cls.g2, cls.uma, "co_chair")
        cls.ms_vic = member(cls.g2, cls.vic)
        cls.ms_zed = member(cls.g3, cls.zed)
        env["coprod.group.seat"].create([
            {"group_id": cls.g2.id, "department_id": cls.care.id, "seats": 3},
            {"group_id": cls.g2.id, "department_id": cls.kitchen.id, "seats": 1},
            {"group_id": cls.g2.id, "department_id": cls.night_care.id, "seats": 1},
            {"group_id": cls.g2.id, "work_location_id": cls.north.id, "seats": 1},
        ])

        # Meetings and their registers
        cls.m1 = cls._meeting(days=-30, group=cls.g1)
        cls.m2 = cls._meeting(days=-10, group=cls.g1)
        cls.m3 = cls._meeting(days=-5, group=cls.g1)   # cancelled: not counted
        cls.m4 = cls._meeting(days=-20, group=cls.g2)
        cls.m5 = cls._meeting(days=-20, group=cls.g3)

        def register(meeting, rows):
            env["coprod.attendance"].create([
                dict({"meeting_id": meeting.id, "partner_id": ms.partner_id.id,
                      "membership_id": ms.id}, **vals)
                for ms, vals in rows
            ])

        came = {"response": "accepted", "status": "attended"}
        sorry = {"response": "declined", "status": "apologies"}
        register(cls.m1, [
            (cls.ms_amy, dict(came, needs_met=True, invitation_sent=True)),
            (cls.ms_ben, dict(came, needs_met=False, invitation_sent=True)),
            (cls.ms_cara, dict(sorry, invitation_sent=True)),
            (cls.ms_sam1, {"status": "absent"}),
        ])
        register(cls.m2, [
            (cls.ms_amy, dict(came, needs_met=True)),
            (cls.ms_ben, sorry),
            (cls.ms_cara, dict(came, needs_met=True)),
        ])
        register(cls.m3, [(cls.ms_amy, came)])
        cls.m3.action_cancel()
        register(cls.m4, [
            (cls.ms_sam2, came), (cls.ms_tia, came),
            (cls.ms_uma, sorry), (cls.ms_vic, {"status": "absent"}),
        ])
        register(cls.m5, [(cls.ms_zed, came)])

        # Ballots: the register is Amy, Ben and Cara (Sam observes, so does not vote)
        cls.b1 = cls._ballot(group=cls.g1, secret=False, meeting_id=cls.m2.id)
        cls.b2 = cls._ballot(group=cls.g1, secret=True, name="Shall we meet at 11am?")
        cls.b3 = cls._ballot(group=cls.g1, name="Still a draft")
        cls.b4 = cls._ballot(group=cls.g3, name="Second company's question")
        for ballot, officer in ((cls.b1, cls.user_officer), (cls.b2, cls.user_officer),
                                (cls.b4, cls.user_officer_c2)):
            ballot.with_user(officer).action_open()
        cls._cast_all(cls.b1, [("yes",)], voters=cls.amy)
        cls.b1.with_user(cls.user_officer).cast_vote(
            cls.ben, cls._options(cls.b1, "yes"), assisted=True)
        cls._cast_all(cls.b2, [("no",)], voters=cls.amy)
        cls._cast_all(cls.b4, [("yes",)], voters=cls.zed, user=cls.user_officer_c2)
        for ballot, officer in ((cls.b1, cls.user_officer), (cls.b2, cls.user_officer),
                                (cls.b4, cls.user_officer_c2)):
            ballot.with_user(officer).action_close()

        # Actions ("you said, we did")
        def action(meeting, **vals):
            return env["coprod.action"].create(dict({
                "meeting_id": meeting.id, "you_said": "Something we asked",
                "owner_partner_id": cls.ben.id, "date_due": today + timedelta(days=3),
            }, **vals))

        cls.m1_day = cls.m1.start.date()
        cls.a1 = action(cls.m1, you_said="Ramp at the door")
        cls.a1.write({"state": "done", "we_did": "Ramp built",
                      "date_done": cls.m1_day + timedelta(days=5)})
        cls.a2 = action(cls.m1, you_said="Pictures on the menu")
        cls.a2.write({"state": "done", "we_did": "Menu with pictures",
                      "date_done": cls.m1_day + timedelta(days=15)})
        cls.a3 = action(cls.m1, you_said="Brighter lights")           # open, due in 3 days
        cls.a4 = action(cls.m2, you_said="New sofa",                  # open, 3 days late
                        date_due=today - timedelta(days=3))
        cls.a5 = action(cls.m2, you_said="Trip to the sea")
        cls.a5.action_cancel()
        cls.a6 = action(cls.m5, owner_partner_id=cls.zed.id, date_due=today - timedelta(days=1))

        # Values and stories of values lived
        Value = env["coprod.value"]
        cls.respect, cls.choice = Value.create([{"name": "Respect"}, {"name": "Choice"}])
        decision = env["coprod.decision"].create({"meeting_id": cls.m2.id,
                                                  "text": "We adopt these values"})
        values = (cls.respect | cls.choice).with_user(cls.user_officer)
        values.write({"adopted_decision_id": decision.id})
        values.action_adopt()
        cls.st1 = env.ref("coprod.quality_statement_cqc_learning_culture")
        cls.st2 = env.ref("coprod.quality_statement_cqc_safeguarding")
        Record = env["coprod.value.record"]
        cls.s1 = Record.create({
            "title": "Amy chose her own holiday", "group_id": cls.g1.id,
            "date": today - timedelta(days=20), "consent_to_share": True,
            "value_ids": [Command.set((cls.respect | cls.choice).ids)],
            "quality_statement_ids": [Command.set((cls.st1 | cls.st2).ids)],
        })
        cls.s2 = Record.create({
            "title": "Ben was asked first", "group_id": cls.g1.id,
            "date": today - timedelta(days=10),
            "value_ids": [Command.set(cls.respect.ids)],
            "quality_statement_ids": [Command.set(cls.st1.ids)],
        })
        cls.s3 = Record.create({
            "title": "Cara picked the menu", "group_id": cls.g1.id,
            "date": today - timedelta(days=5),
            "value_ids": [Command.set(cls.choice.ids)],
        })
        env.flush_all()

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _figures(self, model, groupby, aggregates, domain=None, user=None):
        """The pivot's figures: ``read_group`` as the web client calls it, turned into
        {group key: {field: value, "count": rows}}. A single groupby gives plain keys,
        several give tuples; relational keys are ids (False for none)."""
        Report = self.env[model]
        if user:
            Report = Report.with_user(user)
        domain = domain if domain is not None else [("group_id", "in", self.groups.ids)]
        rows = Report.read_group(domain, aggregates, groupby, lazy=False)
        figures = {}
        for row in rows:
            key = tuple(row[g][0] if isinstance(row[g], tuple) else row[g] for g in groupby)
            values = {spec.split(":")[0]: row[spec.split(":")[0]] for spec in aggregates}
            values["count"] = row["__count"]
            figures[key[0] if len(key) == 1 else key] = values
        return figures

    @staticmethod
    def _participation(invited=0, accepted=0, declined=0, attended=0, apologies=0, absent=0,
                       needs_met=0, count=0):
        return {"invited": invited, "accepted": accepted, "declined": declined,
                "attended": attended, "apologies": apologies, "absent": absent,
                "needs_met": needs_met, "count": count}

    # ------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------

    def test_participation(self):
        figures = self._figures("coprod.report.participation", ["group_id", "person_kind"],
                                PARTICIPATION)
        P = self._participation
        self.assertEqual(figures, {
            # 4 rows: Amy and Ben at meeting 1, Amy and Ben at meeting 2 (meeting 3 was
            # cancelled: Amy's row there is not counted)
            (self.g1.id, "person_supported"): P(
                invited=2,      # Amy, Ben at meeting 1
                accepted=3,     # Amy, Ben at meeting 1, Amy at meeting 2
                declined=1,     # Ben at meeting 2
                attended=3,     # 3 came: Amy, Ben at meeting 1, Amy at meeting 2
                apologies=1,    # Ben at meeting 2
                needs_met=2,    # Amy at meetings 1 and 2 (not Ben at meeting 1)
                count=4),
            # Cara, the family member: said no to meeting 1, came to meeting 2
            (self.g1.id, "family"): P(invited=1, accepted=1, declined=1, attended=1,
                                      apologies=1, needs_met=1, count=2),
            # Sam (staff, observer): did not come to meeting 1, not invited
            (self.g1.id, "staff"): P(absent=1, count=1),
            # staff board: Sam and Tia came, Uma sent apologies (said no), Vic did not come
            (self.g2.id, "staff"): P(accepted=2, declined=1, attended=2, apologies=1,
                                     absent=1, count=4),
            # second company: Zed came
            (self.g3.id, "person_supported"): P(accepted=1, attended=1, count=1),
        })

    def test_participation_by_meeting(self):
        figures = self._figures("coprod.report.participation", ["meeting_id"],
                                ["attended:sum"], domain=[("group_id", "=", self.g1.id)])
        self.assertEqual(figures, {
            self.m1.id: {"attended": 2, "count": 4},   # Amy, Ben came; Cara, Sam did not
            self.m2.id: {"attended": 2, "count": 3},   # Amy, Cara came; Ben did not
        })
        self.assertNotIn(self.m3.id, figures, "a cancelled meeting is not counted")

    def test_representation(self):
        """Who holds which role now: Dan (left) and Fay (not yet started) are not
        counted."""
        by_role = self._figures("coprod.report.representation", ["role", "person_kind"], [],
                                domain=[("group_id", "in", (self.g1 | self.g2).ids)])
        self.assertEqual({key: value["count"] for key, value in by_role.items()}, {
            ("member", "person_supported"): 1,   # Amy
            ("co_chair", "person_supported"): 1,  # Ben
            ("member", "family"): 1,             # Cara
            ("observer", "staff"): 1,            # Sam on the people's board
            ("member", "staff"): 3,              # Sam, Tia, Vic on the staff board
            ("co_chair", "staff"): 1,            # Uma
        })
        by_department = self._figures("coprod.report.representation", ["department_id"], [],
                                      domain=[("group_id", "in", (self.g1 | self.g2).ids)])
        self.assertEqual({key: value["count"] for key, value in by_department.items()}, {
            self.care.id: 3,      # Sam (on both boards), Tia
            self.kitchen.id: 1,   # Uma
            self.garden.id: 1,    # Vic
            False: 3,             # Amy, Ben, Cara are not employees
        })
        by_location = self._figures("coprod.report.representation", ["work_location_id"], [],
                                    domain=[("group_id", "=", self.g2.id)])
        self.assertEqual(by_location[self.north.id]["count"], 1)  # Vic

    def test_seats(self):
        figures = self._figures("coprod.report.seat", ["department_id"],
                                ["seats:sum", "filled:sum", "empty:sum"])
        self.assertEqual(figures, {
            self.care.id: {"seats": 3, "filled": 2, "empty": 1, "count": 1},        # Sam, Tia
            self.kitchen.id: {"seats": 1, "filled": 1, "empty": 0, "count": 1},     # Uma
            self.night_care.id: {"seats": 1, "filled": 0, "empty": 1, "count": 1},  # nobody
            False: {"seats": 1, "filled": 1, "empty": 0, "count": 1},  # North house: Vic
        })
        # the board's own count of empty seats says the same: Care 1 + Night care 1
        total = self._figures("coprod.report.seat", ["group_id"], ["empty:sum"])
        self.assertEqual(total, {self.g2.id: {"empty": 2, "count": 4}})
        self.assertEqual(self.g2.empty_seat_count, 2)

    def test_seats_each_member_fills_one_seat(self):
        """Uma works in the Kitchen at North house: she fills the Kitchen seat (her
        department's line comes first), not the North house seat too, which Vic
        fills. The report and the board's own figures say the same.
        """
        self.uma.work_location_id = self.north
        self.env.flush_all()
        figures = self._figures("coprod.report.seat", ["department_id"], ["filled:sum"],
                                domain=[("group_id", "=", self.g2.id)])
        self.assertEqual(figures[self.kitchen.id]["filled"], 1)   # Uma
        self.assertEqual(figures[False]["filled"], 1)             # North house: Vic
        north = self.g2.seat_ids.filtered("work_location_id")
        self.assertEqual(north.member_employee_ids, self.vic)
        self.assertEqual(self.g2.empty_seat_count, 2)              # Care 1, Night care 1

    def test_pivots_are_odoos_own(self):
        """The reports' pivots aggregate first and sort their groups after, and label
        each month once (coprod_report.py): the rows, their order, labels, date ranges
        and drill-down domains are those of Odoo's own read_group, whatever the
        grouping and time zone, with empty months filled in (graphs) or not. Groups
        come in their own order: the staff board, moved first, before the people's
        board."""
        self.g2.sequence = 1
        self.env.flush_all()
        cases = [
            ("coprod.report.participation", ["group_id", "date:month"], PARTICIPATION),
            ("coprod.report.participation", ["date:week", "person_kind"], PARTICIPATION),
            ("coprod.report.participation", ["partner_id"], ["attended:sum"]),
            ("coprod.report.representation", ["role", "group_id"], []),
            ("coprod.report.seat", ["group_id", "department_id"], ["empty:sum"]),
            ("coprod.report.ballot", ["result_state", "date:day"], ["voted:sum"]),
            ("coprod.report.action", ["group_id", "date:month"],
             ["open_count:sum", "days_to_done:avg"]),
            ("coprod.report.value", ["value_id", "key_question"], ["record_id:count_distinct"]),
        ]
        domain = [("group_id", "in", self.groups.ids)]
        # the graph view asks for empty months too (fill_temporal)
        contexts = [{"tz": "Europe/London"}, {"tz": "Pacific/Auckland"},
                    {"tz": "Europe/London", "fill_temporal": True}]
        for context in contexts:
            for model, groupby, measures in cases:
                for lazy in (False, True):
                    with self.subTest(context=context, model=model, groupby=groupby, lazy=lazy):
                        Report = self.env[model].with_context(**context)
                        ours = Report.read_group(domain, measures, groupby, lazy=lazy)
                        odoos = Report.with_context(coprod_report_plain_read_group=True).read_group(
                            domain, measures, groupby, lazy=lazy)
                        self.assertTrue(ours)
                        self.assertEqual(ours, odoos)
        rows = self.env["coprod.report.participation"].read_group(
            domain, PARTICIPATION, ["group_id", "date:month"], lazy=False)
        self.assertEqual(list(dict.fromkeys(row["group_id"][1] for row in rows)),
                         ["Staff board", "People's board", "Second company's board"])

    def test_ballots(self):
        figures = self._figures("coprod.report.ballot", ["group_id"], [
            "registered:sum", "voted:sum", "assisted:sum", "quorum_met:sum",
            "turnout_percent:avg"])
        self.assertEqual(set(figures), {self.g1.id, self.g3.id}, "the staff board has no ballot")
        g1 = figures[self.g1.id]
        # 2 closed ballots (the draft one is not counted)
        self.assertEqual(g1["count"], 2)
        self.assertEqual(g1["registered"], 6)   # Amy, Ben, Cara on each register
        self.assertEqual(g1["voted"], 3)        # Amy and Ben on ballot 1, Amy on ballot 2
        self.assertEqual(g1["assisted"], 1)     # Ben on ballot 1
        self.assertEqual(g1["quorum_met"], 1)   # ballot 1: 2 of 3 voted (quorum 2 and 50%)
        self.assertAlmostEqual(g1["turnout_percent"], 50.0, places=2)  # (2/3 + 1/3) / 2
        # Zed alone on the register; the group's quorum is 3 people
        self.assertEqual(figures[self.g3.id], {
            "registered": 1, "voted": 1, "assisted": 0, "quorum_met": 0,
            "turnout_percent": 100.0, "count": 1})

        by_result = self._figures("coprod.report.ballot", ["result_state"], ["voted:sum"],
                                  domain=[("group_id", "=", self.g1.id)])
        self.assertEqual(by_result, {
            "won": {"voted": 2, "count": 1},        # ballot 1: yes, yes
            "no_quorum": {"voted": 1, "count": 1},  # ballot 2: Amy alone
        })
        rows = self.env["coprod.report.ballot"].search([("group_id", "=", self.g1.id)])
        self.assertEqual(rows.ballot_id, self.b1 | self.b2)
        self.assertEqual(rows.filtered("secret").ballot_id, self.b2)

    def test_actions(self):
        figures = self._figures("coprod.report.action", ["group_id"], [
            "open_count:sum", "done_count:sum", "overdue_count:sum", "days_to_done:avg"])
        self.assertEqual(figures[self.g1.id], {
            "open_count": 2,      # brighter lights, new sofa
            "done_count": 2,      # ramp, menu
            "overdue_count": 1,   # new sofa, due 3 days ago
            "days_to_done": 10.0,  # ramp 5 days after meeting 1, menu 15 days: (5 + 15) / 2
            "count": 5,           # and the cancelled trip to the sea
        })
        self.assertEqual(figures[self.g3.id]["overdue_count"], 1)
        by_state = self._figures("coprod.report.action", ["state"], [],
                                 domain=[("group_id", "=", self.g1.id)])
        self.assertEqual({key: value["count"] for key, value in by_state.items()},
                         {"open": 2, "done": 2, "cancelled": 1})
        ramp = self.env["coprod.report.action"].search([("action_id", "=", self.a1.id)])
        self.assertEqual(ramp.date, self.m1_day, "asked on the day of the meeting")
        self.assertEqual(ramp.days_to_done, 5)

    def test_actions_not_done_have_no_days_to_done(self):
        """An action not done has no "days to done": empty in the list and the export,
        not 0; the list's footer (the average of the values it shows) then says what
        the pivot says."""
        Report = self.env["coprod.report.action"].with_user(self.user_manager)
        rows = Report.search([("group_id", "=", self.g1.id)])
        by_action = {row.action_id: row for row in rows}
        self.assertIs(by_action[self.a3].days_to_done, False, "open: empty")
        self.assertIs(by_action[self.a5].days_to_done, False, "cancelled: empty")
        self.assertEqual(by_action[self.a1].days_to_done, 5)
        # the list reads the rows as the web client does, and averages what is not empty
        values = [row["days_to_done"] for row in Report.web_search_read(
            [("group_id", "=", self.g1.id)], {"days_to_done": {}})["records"]]
        self.assertEqual(sorted(v for v in values if v is False), [False] * 3)
        shown = [v for v in values if v is not False]  # JS: v || v === 0
        pivot = self._figures("coprod.report.action", ["group_id"], ["days_to_done:avg"],
                              domain=[("group_id", "=", self.g1.id)], user=self.user_manager)
        self.assertEqual(sum(shown) / len(shown), pivot[self.g1.id]["days_to_done"])
        self.assertEqual(pivot[self.g1.id]["days_to_done"], 10.0)
        # the export leaves the cell empty
        self.user_manager.groups_id = [Command.link(self.env.ref("base.group_allow_export").id)]
        lines = rows.sorted("id").export_data(["you_said", "days_to_done"])["datas"]
        self.assertIn(["Brighter lights", ""], lines)
        self.assertIn(["Ramp at the door", 5.0], lines)

    def test_action_report_has_the_whole_you_said(self):
        """The report and its export give the whole "you said", not a name cut at 80
        characters."""
        long_text = ("Publish the rota 4 weeks ahead. Then staff can plan childcare and time "
                     "with their families, and people know who will support them.")
        self.a3.you_said = long_text
        self.env.flush_all()
        self.user_manager.groups_id = [Command.link(self.env.ref("base.group_allow_export").id)]
        row = self.env["coprod.report.action"].with_user(self.user_manager).search(
            [("action_id", "=", self.a3.id)])
        self.assertEqual(row.you_said, long_text)
        self.assertEqual(row.export_data(["you_said"])["datas"], [[long_text]])
        arch = self.env.ref("coprod.coprod_report_action_view_list").arch
        self.assertIn('name="you_said"', arch)

    def test_values(self):
        """One row per story, value and statement: "Stories" counts distinct stories."""
        stories = ["record_id:count_distinct"]
        by_value = self._figures("coprod.report.value", ["value_id"], stories)
        self.assertEqual(by_value, {
            # Respect: Amy's holiday (2 rows: one per statement) and Ben asked first
            self.respect.id: {"record_id": 2, "count": 3},
            # Choice: Amy's holiday (2 rows) and Cara's menu (no statement)
            self.choice.id: {"record_id": 2, "count": 3},
        })
        by_statement = self._figures("coprod.report.value", ["quality_statement_id"], stories)
        self.assertEqual(by_statement, {
            # Amy's holiday (for Respect and for Choice) and Ben asked first
            self.st1.id: {"record_id": 2, "count": 3},
            # Amy's holiday, for Respect and for Choice
            self.st2.id: {"record_id": 1, "count": 2},
            # Cara's menu names no statement
            False: {"record_id": 1, "count": 1},
        })
        total = self._figures("coprod.report.value", ["group_id"], stories)
        self.assertEqual(total, {self.g1.id: {"record_id": 3, "count": 6}})
        shared = self._figures("coprod.report.value", ["consent_to_share"], stories)
        self.assertEqual(shared[True]["record_id"], 1)   # Amy's holiday
        # each row opens on its own (the list view reads rows by id): six ids, and the
        # row read back by its id is the same story, value and statement
        Report = self.env["coprod.report.value"].with_user(self.user_manager)
        rows = Report.search_read([("group_id", "=", self.g1.id)],
                                  ["record_id", "value_id", "quality_statement_id"])
        self.assertEqual(len({row["id"] for row in rows}), 6)
        for row in rows:
            [again] = Report.browse(row["id"]).read(["record_id", "value_id", "quality_statement_id"])
            self.assertEqual(again, row)

    # ------------------------------------------------------------
    # Report period wizard
    # ------------------------------------------------------------

    def test_period_that_ends_before_it_starts(self):
        Period = self.env["coprod.report.period"].with_user(self.user_officer)
        with self.assertRaises(ValidationError):
            Period.create({"date_from": self.today, "date_to": self.today - timedelta(days=1)})

    def test_period_opens_the_report_for_dates_and_groups(self):
        date_from, date_to = self.today - timedelta(days=15), self.today
        period = self.env["coprod.report.period"].with_user(self.user_officer).create({
            "report": "participation", "date_from": date_from, "date_to": date_to,
            "group_ids": [Command.set(self.g1.ids)],
        })
        action = period.action_open()
        self.assertEqual(action["res_model"], "coprod.report.participation")
        self.assertEqual(action["domain"], [
            ("date", ">=", datetime.combine(date_from, time.min)),
            ("date", "<=", datetime.combine(date_to, time.max)),
            ("group_id", "in", self.g1.ids),
        ])
        # meeting 2 only: Amy and Cara came, Ben did not
        figures = self._figures("coprod.report.participation", ["group_id"], ["attended:sum"],
                                domain=action["domain"], user=self.user_officer)
        self.assertEqual(figures, {self.g1.id: {"attended": 2, "count": 3}})

    def test_period_of_a_report_without_dates(self):
        """The seats show today's picture: the period only chooses the groups."""
        period = self.env["coprod.report.period"].with_user(self.user_officer).create({
            "report": "seat", "date_from": self.today - timedelta(days=15),
            "group_ids": [Command.set(self.g2.ids)],
        })
        action = period.action_open()
        self.assertEqual(action["res_model"], "coprod.report.seat")
        self.assertEqual(action["domain"], [("group_id", "in", self.g2.ids)])

    def test_period_of_stories(self):
        period = self.env["coprod.report.period"].with_user(self.user_officer).create({
            "report": "value", "date_from": self.today - timedelta(days=12),
        })
        action = period.action_open()
        self.assertEqual(action["domain"], [("date", ">=", self.today - timedelta(days=12))])
        figures = self._figures("coprod.report.value", ["group_id"], ["record_id:count_distinct"],
                                domain=action["domain"] + [("group_id", "=", self.g1.id)])
        self.assertEqual(figures[self.g1.id]["record_id"], 2)   # Ben asked first, Cara's menu

    # ------------------------------------------------------------
    # Who sees what
    # ------------------------------------------------------------

    def test_manager_sees_their_company(self):
        """Every group of company 1, whoever facilitates it; nothing of company 2."""
        expected = {
            "coprod.report.participation": self.g1 | self.g2,
            "coprod.report.representation": self.g1 | self.g2,
            "coprod.report.seat": self.g2,
            "coprod.report.ballot": self.g1,
            "coprod.report.action": self.g1,
            "coprod.report.value": self.g1,
        }
        for model, groups in expected.items():
            with self.subTest(report=model):
                Report = self.env[model].with_user(self.user_manager)
                self.assertEqual(Report.search([("group_id", "in", self.groups.ids)]).group_id,
                                 groups)
                self.assertEqual(Report.search([]).company_id, self.company)
        # the manager's figures are everyone's for the group
        figures = self._figures("coprod.report.participation", ["group_id"], ["attended:sum"],
                                user=self.user_manager)
        self.assertEqual(figures, {
            self.g1.id: {"attended": 4, "count": 7},   # Amy, Ben, Amy, Cara
            self.g2.id: {"attended": 2, "count": 4},   # Sam, Tia
        })

    def test_officer_sees_the_groups_they_facilitate(self):
        for model in REPORTS:
            with self.subTest(report=model):
                seen = self.env[model].with_user(self.user_officer).search([])
                self.assertEqual(seen.facilitator_user_id | self.user_officer, self.user_officer)
                self.assertNotIn(self.g2, seen.group_id)
                self.assertNotIn(self.g3, seen.group_id)
                seen_b = self.env[model].with_user(self.user_officer_b).search([])
                self.assertNotIn(self.g1, seen_b.group_id)
        # the people's board's figures, as its facilitator reads them
        figures = self._figures("coprod.report.participation", ["group_id"], ["attended:sum"],
                                user=self.user_officer)
        self.assertEqual(figures, {self.g1.id: {"attended": 4, "count": 7}})
        seats = self._figures("coprod.report.seat", ["group_id"], ["empty:sum"],
                              user=self.user_officer_b)
        self.assertEqual(seats, {self.g2.id: {"empty": 2, "count": 4}})
        self.assertFalse(self._figures("coprod.report.seat", ["group_id"], ["empty:sum"],
                                       user=self.user_officer))

    def test_empty_reports_say_whose_groups_you_see(self):
        """An officer who facilitates no group sees empty reports: the help shown then
        (the action as the web client loads it) says they see the groups they
        facilitate; a manager is told they see all the groups."""
        officer = new_test_user(
            self.env, login="coprod_report_no_group", groups="coprod.group_coprod_officer",
            name="Owen No-group", company_id=self.company.id, company_ids=[self.company.id])
        for xmlid in ("participation", "representation", "seat", "ballot", "action", "value"):
            with self.subTest(report=xmlid):
                action = self.env.ref(f"coprod.coprod_report_{xmlid}_action")
                self.assertFalse(self.env[action.res_model].with_user(officer).search_count([]))
                seen = action.with_user(officer).sudo()._get_action_dict()["help"]
                self.assertIn("o_view_nocontent_empty_folder", seen, "the report's own help")
                self.assertIn("You see the groups you facilitate.", seen)
                seen = action.with_user(self.user_manager).sudo()._get_action_dict()["help"]
                self.assertIn("all the groups of your companies", seen)
                self.assertNotIn("groups you facilitate", seen)

    def test_member_cannot_read_reports(self):
        for model in REPORTS:
            with self.subTest(report=model):
                Report = self.env[model].with_user(self.user_coprod)
                with self.assertRaises(AccessError):
                    Report.search([])
                with self.assertRaises(AccessError):
                    Report.read_group([], [], ["group_id"])

    def test_export(self):
        """A manager with Odoo's export right downloads the figures (Odoo 18 asks for
        base.group_allow_export, which users get from the default user template)."""
        self.user_manager.groups_id = [Command.link(self.env.ref("base.group_allow_export").id)]
        rows = self.env["coprod.report.participation"].with_user(self.user_manager).search(
            [("group_id", "=", self.g1.id)], order="id")
        exported = rows.export_data(["group_id", "partner_id", "person_kind", "attended"])
        lines = exported["datas"]
        self.assertEqual(len(lines), 7)
        self.assertEqual({line[0] for line in lines}, {"People's board"})
        self.assertEqual(sum(int(line[3]) for line in lines), 4)
        self.assertIn(["People's board", "Cara", "Family or carer", 1], lines)
