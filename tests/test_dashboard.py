"""The Co-production dashboard (coprod.dashboard.get_dashboard_data and its screen).

The data is built in a company of its own ("Dashboard Care Ltd") so that the demo data
of the main company never changes the hand counts: its officer and manager see exactly
what is made here, officers of other companies see none of it.
"""
import re
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CoprodCase

TZ = "Europe/London"
# Queries of get_dashboard_data(), from a cold cache, measured for 2 and for 20
# meetings, actions and ballots: the same for both.
DASHBOARD_QUERIES = 14


def _utc(local_dt):
    """A Europe/London wall-clock time as the naive UTC datetime Odoo stores."""
    return pytz.timezone(TZ).localize(local_dt).astimezone(pytz.utc).replace(tzinfo=None)


class DashboardCase(CoprodCase):
    @classmethod
    def _company_with_staff(cls, name, login):
        company = cls.env["res.company"].create({"name": name})

        def user(suffix, group):
            return new_test_user(
                cls.env, login=f"coprod_dash_{login}_{suffix}", groups=group,
                name=f"{name} {suffix}", email=f"dash_{login}_{suffix}@example.com",
                company_id=company.id, company_ids=[company.id], tz=TZ,
            )

        return company, user("officer", "coprod.group_coprod_officer"), user(
            "manager", "coprod.group_coprod_manager")

    @classmethod
    def _board(cls, company, officer, name, people=4):
        """A board of people supported with ``people`` members; returns the board and
        its memberships."""
        board = cls.env["coprod.group"].create({
            "name": name,
            "kind": "people_supported",
            "facilitator_user_id": officer.id,
            "company_id": company.id,
        })
        partners = cls.env["res.partner"].create([
            {"name": f"{name} person {n}"} for n in range(1, people + 1)
        ])
        memberships = cls.env["coprod.membership"].create([
            {"group_id": board.id, "partner_id": p.id, "date_start": cls.start_date}
            for p in partners
        ])
        return board, memberships

    @classmethod
    def _data(cls, user):
        return cls.env["coprod.dashboard"].with_user(user).get_dashboard_data()

    @staticmethod
    def _ids(data, key):
        return [row["id"] for row in data[key]["rows"]]


class TestDashboard(DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_d, cls.officer_d, cls.manager_d = cls._company_with_staff(
            "Dashboard Care Ltd", "d")
        cls.board_d, members = cls._board(cls.company_d, cls.officer_d, "Dashboard board")
        cls.p1, cls.p2, cls.p3, cls.p4 = members
        # A family member of the board: on the registers, never in the figures of
        # people supported.
        cls.family = cls.env["coprod.membership"].create({
            "group_id": cls.board_d.id,
            "partner_id": cls.env["res.partner"].create({"name": "Fran Family"}).id,
            "date_start": cls.start_date,
            "person_kind": "family",
        })
        now = fields.Datetime.now()
        Meeting = cls.env["coprod.meeting"]

        def meeting(start, state="draft", **vals):
            return Meeting.create(dict({
                "group_id": cls.board_d.id, "start": start,
                "stop": start + timedelta(hours=2), "state": state,
            }, **vals))

        # (1) Meetings to invite.
        cls.to_invite = meeting(now + timedelta(days=10), name="Dashboard: not invited yet")
        cls.invited = meeting(now + timedelta(days=12), state="scheduled",
                              name="Dashboard: invitations sent", invitations_sent=True)
        cls.cancelled_future = meeting(now + timedelta(days=14), state="cancelled",
                                       name="Dashboard: cancelled")
        cls.past_draft = meeting(now - timedelta(days=1), name="Dashboard: in the past")

        # (2) Actions.
        today = fields.Date.context_today(cls.env["coprod.action"].with_user(cls.officer_d))
        Action = cls.env["coprod.action"]

        def action(you_said, days, **vals):
            return Action.create(dict({
                "group_id": cls.board_d.id, "you_said": you_said,
                "owner_partner_id": cls.p1.partner_id.id,
                "date_due": today + timedelta(days=days),
            }, **vals))

        cls.overdue = action("Fix the garden gate", -5)
        cls.done_late = action("Paint the hall", -20, state="done", we_did="Painted it")
        cls.cancelled_late = action("Buy a boat", -20, state="cancelled")
        cls.not_due = action("New chairs", 3)

        # (3) Ballots: one open, five on its register (the four people supported and
        # the family member), two have voted; one still a draft.
        cls.ballot_open = cls._ballot(group=cls.board_d, name="Green or blue?",
                                      date_close=now + timedelta(days=3))
        cls.ballot_open.action_open()
        cls._cast_all(cls.ballot_open, [("yes",), ("no",)], user=cls.officer_d)
        cls.ballot_draft = cls._ballot(group=cls.board_d, name="Still a draft")

        # (4) Participation of people supported, months in the officer's timezone.
        this_month = pytz.utc.localize(now).astimezone(pytz.timezone(TZ)).date().replace(day=1)
        cls.months = [this_month - relativedelta(months=n) for n in (2, 1, 0)]

        def held(month_start, state="held", day=3):
            start = _utc(datetime.combine(month_start + timedelta(days=day), time(10)))
            return meeting(start, name=f"Held {month_start} {state}", state=state)

        def register(mtg, rows):
            cls.env["coprod.attendance"].create([
                {"meeting_id": mtg.id, "partner_id": m.partner_id.id,
                 "membership_id": m.id, "status": status}
                for m, status in rows
            ])

        two_ago, one_ago, this = cls.months
        # Two months ago: p1 and p2 came, p3 sent apologies, p4 did not come; the
        # family member came (not a person supported: not counted).
        register(held(two_ago), [(cls.p1, "attended"), (cls.p2, "attended"),
                                 (cls.p3, "apologies"), (cls.p4, "absent"),
                                 (cls.family, "attended")])
        # Last month: p1 came, p2 sent apologies, p3 not recorded yet (p4 not on the
        # register); and a cancelled meeting where p1 "came": not counted.
        register(held(one_ago), [(cls.p1, "attended"), (cls.p2, "apologies"),
                                 (cls.p3, "expected")])
        register(held(one_ago, state="cancelled", day=10), [(cls.p1, "attended")])
        # This month, at the very start of it (always in the past): p1, p2, p3 came,
        # p4 did not come.
        register(meeting(_utc(datetime.combine(this, time(0))), state="held",
                         name="Held at the start of this month"),
                 [(cls.p1, "attended"), (cls.p2, "attended"), (cls.p3, "attended"),
                  (cls.p4, "absent")])
        # Three months ago: outside the chart.
        register(held(two_ago - relativedelta(months=1)), [(cls.p1, "attended")])

    def test_officer_sees_what_to_do_next(self):
        data = self._data(self.officer_d)

        # (1) The meeting not invited yet is listed; the one whose invitations are
        # sent, the cancelled one and the one in the past are not.
        self.assertEqual(self._ids(data, "meetings"), [self.to_invite.id])
        row = data["meetings"]["rows"][0]
        self.assertEqual(row["name"], "Dashboard: not invited yet")
        self.assertEqual(row["group"], "Dashboard board")
        start = pytz.utc.localize(self.to_invite.start).astimezone(pytz.timezone(TZ))
        for word in (start.strftime("%A"), start.strftime("%B"), str(start.day), str(start.year)):
            self.assertIn(word, row["when"], "said as people say it")
        self.assertNotIn("/", row["when"])

        # (2) The overdue open action is listed; done, cancelled and not yet due
        # ones are not.
        self.assertEqual(self._ids(data, "actions"), [self.overdue.id])
        row = data["actions"]["rows"][0]
        self.assertEqual(row["you_said"], "Fix the garden gate")
        self.assertEqual(row["owner"], "Dashboard board person 1")
        self.assertEqual(row["days_late"], 5)
        self.assertEqual(row["date_due"], fields.Date.to_string(self.overdue.date_due))
        self.assertEqual(row["group"], "Dashboard board")

        # (3) The open ballot, with its register: five people, two voted.
        self.assertEqual(self._ids(data, "ballots"), [self.ballot_open.id])
        row = data["ballots"]["rows"][0]
        self.assertEqual((row["voted"], row["registered"]), (2, 5))
        self.assertEqual(row["group"], "Dashboard board")
        self.assertTrue(row["closes"])

        # (4) People supported, per month (hand counts from setUpClass):
        #  two months ago: invited 4 (p1-p4; the family member is not a person
        #    supported), came 2 (p1, p2), apologies 1 (p3), did not come 1 (p4);
        #  last month: invited 3 (p1-p3; the cancelled meeting does not count), came 1
        #    (p1), apologies 1 (p2), did not come 0, not recorded 1 (p3);
        #  this month: invited 4, came 3 (p1-p3), did not come 1 (p4);
        #  three months ago is outside the chart.
        months = data["participation"]["months"]
        self.assertEqual([m["month"] for m in months],
                         [fields.Date.to_string(m) for m in self.months])
        self.assertEqual(
            [(m["invited"], m["came"], m["apologies"], m["absent"], m["not_recorded"])
             for m in months],
            [(4, 2, 1, 1, 0), (3, 1, 1, 0, 1), (4, 3, 0, 1, 0)],
        )
        self.assertTrue(all(m["label"] for m in months))
        self.assertEqual(data["participation"]["max"], 4)

        # The tiles count the lists; "came" is the three months' total: 2 + 1 + 3
        # times, by 3 different people (p1, p2, p3).
        self.assertEqual(data["tiles"], {"meetings": 1, "actions": 1, "ballots": 1, "came": 6})
        self.assertEqual(data["participation"]["people"], 3)
        self.assertEqual(data["scope"], "You see the groups you facilitate.")

    def test_tile_domains_open_what_they_count(self):
        """Each tile opens all it counts: its domain finds the same records."""
        data = self._data(self.officer_d)
        for key in ("meetings", "actions", "ballots"):
            model = self.env[data[key]["model"]].with_user(self.officer_d)
            self.assertEqual(set(model.search(data[key]["domain"]).ids),
                             set(self._ids(data, key)), key)
        # "came" opens the times people supported came, nothing else: no apologies,
        # no one who did not come or is not recorded yet
        part = data["participation"]
        rows = self.env[part["model"]].with_user(self.officer_d).search(part["domain"])
        self.assertEqual(len(rows), data["tiles"]["came"])
        self.assertEqual(set(rows.mapped("status")), {"attended"})
        self.assertEqual(len(rows.partner_id), part["people"])

    def test_manager_sees_all(self):
        """A manager of the company sees every list the officer sees, and the figures."""
        manager = self._data(self.manager_d)
        officer = self._data(self.officer_d)
        for key in ("meetings", "actions", "ballots"):
            self.assertEqual(self._ids(manager, key), self._ids(officer, key), key)
        self.assertEqual(manager["participation"]["months"], officer["participation"]["months"])
        self.assertEqual(manager["tiles"], {"meetings": 1, "actions": 1, "ballots": 1, "came": 6})

    def test_officer_sees_what_the_reports_show(self):
        """An officer who facilitates none of the company's groups sees nothing on the
        dashboard, as in the reports; the page says they see the groups they
        facilitate. Their manager sees all the groups, and is told so."""
        officer2 = new_test_user(
            self.env, login="coprod_dash_d_officer2", groups="coprod.group_coprod_officer",
            name="Second officer", company_id=self.company_d.id,
            company_ids=[self.company_d.id], tz=TZ)
        data = self._data(officer2)
        for key in ("meetings", "actions", "ballots"):
            self.assertEqual(data[key]["rows"], [], key)
        self.assertEqual(data["tiles"], {"meetings": 0, "actions": 0, "ballots": 0, "came": 0})
        self.assertEqual([m["invited"] for m in data["participation"]["months"]], [0, 0, 0])
        self.assertEqual(data["scope"], "You see the groups you facilitate.")
        report = self.env["coprod.report.participation"].with_user(officer2)
        self.assertFalse(report.search([]), "the reports agree")
        # given the board, they see it on both
        self.board_d.facilitator_user_id = officer2
        data = self._data(officer2)
        self.assertEqual(data["tiles"], {"meetings": 1, "actions": 1, "ballots": 1, "came": 6})
        self.assertEqual(report.search_count([("attended", "=", 1),
                                              ("person_kind", "=", "person_supported"),
                                              ("date", ">=", self.months[0])]), 6)
        self.assertEqual(self._data(self.manager_d)["scope"], "You see all the groups.")

    def test_officer_of_another_company_does_not_see_them(self):
        other = self._data(self.user_officer_c2)
        for key in ("meetings", "actions", "ballots"):
            self.assertEqual(other[key]["rows"], [], key)
        self.assertEqual(other["tiles"], {"meetings": 0, "actions": 0, "ballots": 0, "came": 0})
        self.assertEqual([m["invited"] for m in other["participation"]["months"]], [0, 0, 0])
        # The main company's officer sees its own (demo) records, never these.
        main = self._data(self.user_officer)
        self.assertNotIn(self.to_invite.id, self._ids(main, "meetings"))
        self.assertNotIn(self.overdue.id, self._ids(main, "actions"))
        self.assertNotIn(self.ballot_open.id, self._ids(main, "ballots"))

    def test_people_who_only_take_part_cannot_get_it(self):
        """Decided: the dashboard is for officers and managers; anyone else gets an
        AccessError (and has no menu to open it)."""
        for user in (self.user_coprod, self.user_employee):
            with self.assertRaises(AccessError, msg=user.login):
                self._data(user)
        menu = self.env.ref("coprod.coprod_dashboard_menu")
        self.assertEqual(menu.groups_id, self.env.ref("coprod.group_coprod_officer"))
        visible = self.env["ir.ui.menu"].with_user(self.user_coprod)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)

    def test_dashboard_styles_compile(self):
        """The backend's styles (the dashboard's among them) compile: a Sass error
        would leave every screen unstyled, and no tour notices it."""
        bundle = self.env["ir.qweb"]._get_asset_bundle("web.assets_web", js=False)
        self.assertIn("/coprod/static/src/dashboard/dashboard.scss",
                      [asset.url for asset in bundle.stylesheets])
        css = bundle.preprocess_css()
        self.assertEqual(bundle.css_errors, [])
        self.assertIn(".o_coprod_dashboard .o_cpd_tile", css)
        # both easy-read screens get the shared easy-read base, each at its text size
        self.assertRegex(css, r"\.o_coprod_dashboard\s*\{[^}]*font-size:\s*20px")
        self.assertRegex(css, r"\.o_coprod_voting_register\s*\{[^}]*font-size:\s*22px")
        self.assertRegex(css, r"\.o_coprod_voting_register\s*\{[^}]*line-height:\s*1\.5")
        # Text people read keeps a line height of 1.5 or more on both screens, buttons
        # included; only icons and the tiles' big numbers sit tighter.
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            if ".o_coprod_dashboard" not in selectors and ".o_coprod_voting_register" not in selectors:
                continue
            for line_height in re.findall(r"line-height:\s*([\d.]+)\s*[;}]?", body):
                if float(line_height) < 1.5:
                    for selector in selectors.split(","):
                        self.assertTrue(selector.strip().endswith((".fa", ".o_cpd_tile_number")),
                                        f"{selector.strip()}: line-height {line_height}")
        # The question keeps its lines; a message has its picture on the left of its words.
        self.assertRegex(css, r"\.o_cvr_question\s*\{[^}]*white-space:\s*pre-line")
        self.assertRegex(css, r"\.o_cvr_message\s*\{[^}]*flex-direction:\s*row")

    def test_dashboard_is_the_first_menu_of_the_app(self):
        root = self.env.ref("coprod.coprod_menu_root")
        self.assertFalse(root.action, "the app opens its first visible menu")
        menu = self.env.ref("coprod.coprod_dashboard_menu")
        self.assertEqual(root.child_id.sorted("sequence")[0], menu)
        self.assertEqual(menu.action, self.env.ref("coprod.coprod_dashboard_action"))


class TestDashboardQueryCount(DashboardCase):
    """The dashboard costs the same number of queries for 2 and for 20 records a list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sets = {n: cls._make_set(n) for n in (1, 2, 20)}

    @classmethod
    def _make_set(cls, n):
        company, officer, _manager = cls._company_with_staff(f"Care {n} Ltd", f"q{n}")
        board, members = cls._board(company, officer, f"Board {n}")
        now = fields.Datetime.now()
        today = fields.Date.context_today(cls.env["coprod.action"].with_user(officer))
        owners = cls.env["res.partner"].create([{"name": f"Owner {n}.{i}"} for i in range(n)])
        cls.env["coprod.meeting"].create([
            {"group_id": board.id, "start": now + timedelta(days=5 + i),
             "stop": now + timedelta(days=5 + i, hours=2)}
            for i in range(n)
        ])
        cls.env["coprod.action"].create([
            {"group_id": board.id, "you_said": f"Ask {i}", "owner_partner_id": owner.id,
             "date_due": today - timedelta(days=1 + i)}
            for i, owner in enumerate(owners)
        ])
        ballots = cls.env["coprod.ballot"]
        for i in range(n):
            ballots |= cls._ballot(group=board, name=f"Question {i}",
                                   date_close=now + timedelta(days=1 + i))
        ballots.action_open()
        held = cls.env["coprod.meeting"].create({
            "group_id": board.id, "start": now - timedelta(hours=3),
            "stop": now - timedelta(hours=1), "state": "held",
        })
        cls.env["coprod.attendance"].create([
            {"meeting_id": held.id, "partner_id": m.partner_id.id, "membership_id": m.id,
             "status": "attended"}
            for m in members
        ])
        return officer

    def _cold(self):
        self.env.flush_all()
        self.env.invalidate_all()

    def test_same_queries_for_2_and_20(self):
        for officer in self.sets.values():
            # Warm up each user's caches (record rules, groups) from a cold record cache.
            self._cold()
            self._data(officer)
        for n in (2, 20):
            officer = self.sets[n]
            self._cold()
            with self.assertQueryCount(DASHBOARD_QUERIES):
                data = self._data(officer)
            self.assertEqual(data["tiles"]["meetings"], n)
            self.assertEqual(data["tiles"]["actions"], n)
            self.assertEqual(data["tiles"]["ballots"], n)
            self.assertEqual(len(data["actions"]["rows"]), min(n, 10))
            self.assertTrue(all(row["owner"] for row in data["actions"]["rows"]))
            self.assertTrue(all(row["registered"] == 4 for row in data["ballots"]["rows"]))


@tagged("-at_install", "post_install")
class TestDashboardUi(HttpCase):
    """The demo facilitator opens the app, lands on the dashboard and opens a row."""

    def test_facilitator_lands_on_the_dashboard(self):
        facilitator = self.env["res.users"].search([("login", "=", "facilitator")])
        board = self.env.ref("coprod.coprod_group_quality_board_demo", raise_if_not_found=False)
        if not facilitator or not board:
            self.skipTest("needs the demo data (the demo facilitator and board)")
        today = fields.Date.context_today(self.env["coprod.action"].with_user(facilitator))
        self.env["coprod.action"].create({
            "group_id": board.id,
            "you_said": "Dashboard tour: mend the garden gate",
            "owner_user_id": facilitator.id,
            # The oldest overdue action: first in its list.
            "date_due": today - timedelta(days=400),
        })
        self.start_tour("/odoo", "coprod_dashboard_tour", login="facilitator")
