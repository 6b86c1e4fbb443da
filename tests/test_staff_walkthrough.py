"""The staff shadow board's "done when", on the demo data: as an HR officer, add a
department to the demo staff board and see an empty seat; as a manager, open each
report and the dashboard."""
from odoo.tests import tagged

from .common import CoprodCase

# The pivots' calls (rows, columns and measures of each report's default pivot).
PIVOTS = {
    "coprod.report.participation": (["invited:sum", "attended:sum", "needs_met:sum"],
                                     ["group_id", "person_kind"]),
    "coprod.report.representation": (["__count"], ["role", "person_kind"]),
    "coprod.report.seat": (["seats:sum", "filled:sum", "empty:sum"], ["department_id"]),
    "coprod.report.ballot": (["registered:sum", "voted:sum", "turnout_percent:avg"], ["group_id"]),
    "coprod.report.action": (["open_count:sum", "done_count:sum", "overdue_count:sum"],
                             ["group_id"]),
    "coprod.report.value": (["record_id:count_distinct"], ["value_id"]),
}


@tagged("post_install", "-at_install")
class TestStaffWalkthrough(CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_board = cls.env.ref("coprod.coprod_group_staff_board_demo", raise_if_not_found=False)
        cls.director = cls.env.ref("coprod.user_quality_director_demo", raise_if_not_found=False)
        # the demo's HR officer (login hr): no co-production rights
        cls.hr_officer = cls.env.ref("coprod.user_hr_officer_demo", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not self.staff_board or not self.director or not self.hr_officer:
            self.skipTest("needs the demo data")

    def test_hr_officer_adds_a_department_and_sees_an_empty_seat(self):
        hr_officer = self.hr_officer
        self.assertFalse(hr_officer.has_group("coprod.group_coprod_user"))
        finance = self.env["hr.department"].create({"name": "Finance"})
        people = self.env["hr.employee"].create([
            {"name": "Fay Figures", "department_id": finance.id},
            {"name": "Fred Ledger", "department_id": finance.id},
        ])
        wizard = self.env["coprod.staff.board.add"].with_user(hr_officer).create({
            "group_id": self.staff_board.id, "department_id": finance.id,
        })
        self.assertEqual(wizard.employee_ids, people, "choosing the department lists its people")
        wizard.action_add()
        current = self.staff_board._current_memberships()
        self.assertEqual(current.filtered(lambda m: m.employee_id in people).employee_id, people)

        seat = self.env["coprod.group.seat"].with_user(hr_officer).create({
            "group_id": self.staff_board.id, "department_id": finance.id, "seats": 3,
        })
        self.assertEqual((seat.filled, seat.empty), (2, 1), "Finance: 3 seats, 2 filled, 1 empty")
        empty = self.env["coprod.report.seat"].with_user(hr_officer).search(
            [("group_id", "=", self.staff_board.id), ("department_id", "=", finance.id)])
        self.assertEqual(empty.empty, 1, "the seats report shows the empty seat too")
        self.assertGreaterEqual(self.staff_board.empty_seat_count, 1)

    def test_manager_opens_each_report_and_the_dashboard(self):
        for model, (measures, groupby) in PIVOTS.items():
            with self.subTest(report=model):
                rows = self.env[model].with_user(self.director).read_group(
                    [], measures, groupby, lazy=False)
                self.assertTrue(rows, "the demo data shows in the report")
        data = self.env["coprod.dashboard"].with_user(self.director).get_dashboard_data()
        self.assertTrue(data, "the dashboard opens for a manager")
