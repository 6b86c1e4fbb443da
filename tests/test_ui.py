from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("-at_install", "post_install")
class TestCoprodUi(HttpCase):
    """A facilitator runs the first step of the cycle in a real browser."""

    def test_facilitator_schedules_a_meeting(self):
        officer = new_test_user(
            self.env, login="coprod_tour_officer", groups="coprod.group_coprod_officer",
            name="Tour Facilitator",
        )
        partners = self.env["res.partner"].create([
            {"name": "Tess Co-chair", "email": "tess@example.com"},
            {"name": "Rory Member"},
        ])
        board = self.env["coprod.group"].create({
            "name": "Tour board",
            "facilitator_user_id": officer.id,
            "membership_ids": [
                (0, 0, {"partner_id": partners[0].id, "role": "co_chair"}),
                (0, 0, {"partner_id": partners[1].id}),
            ],
        })
        start = datetime.now().replace(microsecond=0) + timedelta(days=14)
        meeting = self.env["coprod.meeting"].create({
            "name": "Tour meeting", "group_id": board.id, "start": start,
        })

        self.start_tour("/odoo", "coprod_meeting_tour", login="coprod_tour_officer")

        self.assertEqual(meeting.state, "scheduled")
        self.assertEqual(meeting.attendance_ids.partner_id, partners)


@tagged("-at_install", "post_install")
class TestReportsUi(HttpCase):
    """The demo manager opens the reports in a real browser: pivots and a graph draw
    from the reports' read_group (coprod_report.py)."""

    def test_manager_opens_the_reports(self):
        director = self.env["res.users"].search([("login", "=", "director")])
        if not director or not self.env.ref("coprod.coprod_group_quality_board_demo",
                                             raise_if_not_found=False):
            self.skipTest("needs the demo data (the demo manager and boards)")
        self.start_tour("/odoo", "coprod_reports_tour", login="director")
