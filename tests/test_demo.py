import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import TransactionCase

# Number words that easy read writes as digits.
NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.IGNORECASE)
DEMO_VALUES = (
    "value_quality_of_life_demo", "value_new_skills_demo", "value_partnership_demo",
    "value_exceeding_expectations_demo", "value_empowerment_demo",
    "value_celebrating_success_demo",
)


class TestDemo(TransactionCase):
    """What a newcomer checks first: the demo boards look like real ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.board = cls.env.ref("coprod.coprod_group_quality_board_demo", raise_if_not_found=False)
        cls.staff_board = cls.env.ref("coprod.coprod_group_staff_board_demo", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not self.board:
            self.skipTest("coprod was installed without demo data")

    def test_board_members_and_roles(self):
        board = self.board
        director = self.env.ref("coprod.user_quality_director_demo")
        facilitator = self.env.ref("coprod.user_facilitator_demo")
        self.assertEqual(board.kind, "people_supported")
        current = board._current_memberships()
        people_supported = current.filtered(
            lambda m: m.can_vote and not m.partner_id.user_ids and not m.employee_id
        )
        self.assertEqual(len(people_supported), 8, "eight people supported")
        self.assertTrue(people_supported.partner_id.filtered("email"))
        self.assertTrue(people_supported.partner_id.filtered(lambda p: not p.email))
        self.assertTrue(people_supported.partner_id.filtered("coprod_need_ids"))
        self.assertTrue(people_supported.filtered("supporter_partner_id"))

        co_chairs = board.co_chair_partner_ids
        self.assertEqual(len(co_chairs), 2)
        self.assertIn(director.partner_id, co_chairs)
        self.assertTrue(director.has_group("coprod.group_coprod_manager"))
        self.assertTrue(co_chairs & people_supported.partner_id, "one co-chair is a person supported")
        kinds = {m.partner_id: m.person_kind for m in current if m.role == "co_chair"}
        self.assertEqual(kinds[director.partner_id], "staff", "the director is counted as staff")
        self.assertFalse(board.co_chair_notice, "two co-chairs, one a person supported: nothing lacks")

        self.assertEqual(board.facilitator_user_id, facilitator)
        self.assertTrue(facilitator.has_group("coprod.group_coprod_officer"))
        self.assertFalse(facilitator.share)

    def test_past_meetings(self):
        past = self.board.meeting_ids.filtered(lambda m: m.start < fields.Datetime.now())
        self.assertEqual(len(past), 4, "the values meeting and three monthly meetings")
        self.assertEqual(set(past.mapped("state")), {"done"}, "minutes approved")
        for meeting in past:
            self.assertTrue(meeting.minutes)
            self.assertTrue(meeting.easy_read_minutes)
            self.assertTrue(meeting.minutes_approved_date)
            self.assertTrue(meeting.decision_ids)
            self.assertTrue(meeting.action_ids)
            self.assertEqual(len(meeting.attendance_ids), 11)
            self.assertFalse(meeting.attendance_ids.filtered(lambda a: a.status == "expected"))
            self.assertTrue(meeting.attendance_ids.filtered(lambda a: a.status == "attended"))
            self.assertTrue(meeting.calendar_event_id)
        statuses = set(past.attendance_ids.mapped("status"))
        self.assertEqual(statuses, {"attended", "apologies", "absent"})
        # each later monthly meeting follows on from the one before, with its updates item
        _values_meeting, first, second, third = past.sorted("start")
        self.assertEqual(second.previous_meeting_id, first)
        self.assertEqual(third.previous_meeting_id, second)
        for meeting in (second, third):
            updates = meeting.agenda_item_ids.filtered("is_updates")
            self.assertEqual(len(updates), 1)
            self.assertTrue(updates.action_ids)

    def test_you_said_we_did(self):
        actions = self.board.meeting_ids.action_ids
        done = actions.filtered(lambda a: a.state == "done")
        self.assertTrue(done)
        for action in done:
            self.assertTrue(action.we_did and action.date_done)
        overdue = self.env["coprod.action"].search(
            [("group_id", "=", self.board.id), ("is_overdue", "=", True)]
        )
        self.assertTrue(overdue, "some actions are overdue")
        not_due = actions.filtered(
            lambda a: a.state == "open" and a.date_due >= fields.Date.today()
        )
        self.assertTrue(not_due, "some actions are open and not due yet")

    def test_upcoming_meeting(self):
        upcoming = self.board.meeting_ids.filtered(
            lambda m: m.start > fields.Datetime.now() and m.state in ("draft", "scheduled")
        )
        self.assertEqual(len(upcoming), 1)
        self.assertEqual(self.board.next_meeting_id, upcoming)
        self.assertEqual(upcoming.state, "scheduled")
        self.assertTrue(upcoming.calendar_event_id)
        self.assertEqual(
            upcoming.attendance_ids.partner_id, self.board.member_partner_ids,
            "one register row per current member",
        )
        self.assertTrue(upcoming.agenda_item_ids.filtered("is_updates").action_ids)
        self.assertTrue(upcoming.agenda_item_ids.filtered(lambda i: i.state == "proposed"))
        self.assertEqual(upcoming.chair_partner_ids, self.board.co_chair_partner_ids)

    def test_staff_board(self):
        board = self.staff_board
        self.assertEqual(board.kind, "staff")
        current = board._current_memberships()
        self.assertEqual(len(current), 5)
        self.assertEqual(len(current.employee_id), 5)
        self.assertEqual(current.partner_id, current.employee_id.work_contact_id)
        self.assertEqual(len(board.co_chair_partner_ids), 1)
        self.assertTrue(all(current.employee_id.mapped("coprod_staff_board_member")))

    def test_co_chair_election_ready_to_run(self):
        """A newcomer can run the demo co-chair election: three people stand."""
        ballot = self.env.ref("coprod.ballot_quality_board_co_chair_demo")
        amy = self.env.ref("coprod.partner_amy_demo")
        self.assertEqual((ballot.state, ballot.method, ballot.election_role), ("draft", "ranked", "co_chair"))
        self.assertTrue(ballot.secret)
        self.assertEqual(len(ballot.option_ids), 3)
        self.assertEqual(ballot.outgoing_membership_id.partner_id, amy)
        self.assertEqual(ballot.meeting_id, ballot.agenda_item_id.meeting_id)

        ballot.action_open()
        voters = ballot.voter_ids.partner_id
        self.assertEqual(len(voters), 9, "eight people supported and the director vote")
        first, second, third = ballot.option_ids
        for partner in voters[:5]:
            ballot.cast_vote(partner, [second, first])
        for partner in voters[5:]:
            ballot.cast_vote(partner, [third, second], assisted=True)
        ballot.action_close()
        self.assertEqual(ballot.result_state, "won")
        self.assertEqual(ballot.winner_option_ids, second)
        ballot.action_apply_election()
        self.assertIn(second.candidate_partner_id, self.board.co_chair_partner_ids)
        self.assertNotIn(amy, self.board.co_chair_partner_ids, "Amy's year as co-chair ended")
        self.assertIn(amy, self.board.member_partner_ids, "Amy stays a member")
        self.assertTrue(ballot.decision_ids, "the result is a decision of the meeting")

    # ------------------------------------------------------------
    # Values, stories, nominations and quality checks (coprod_value_demo.xml)
    # ------------------------------------------------------------

    def _ref(self, xmlid):
        return self.env.ref(f"coprod.{xmlid}")

    def _values(self):
        return self.env["coprod.value"].browse([self._ref(xmlid).id for xmlid in DEMO_VALUES])

    def test_values_adopted_by_the_demo_ballot(self):
        """The six co-produced values were adopted by the board's yes/no ballot at the
        values meeting, whose minutes are approved."""
        values = self._values()
        ballot = self._ref("ballot_quality_board_values_demo")
        meeting = self._ref("meeting_quality_board_values_demo")
        self.assertEqual(values.mapped("sequence"), [10, 20, 30, 40, 50, 60])
        self.assertEqual(set(values.mapped("state")), {"adopted"})
        self.assertEqual(values.adopted_ballot_id, ballot)
        self.assertEqual(values.adopted_meeting_id, meeting)
        self.assertEqual(values.group_id, self.board)
        self.assertEqual(set(values.mapped("date_adopted")), {meeting.start.date()})

        self.assertEqual(ballot.value_ids, values)
        self.assertEqual(ballot.meeting_id, meeting)
        self.assertEqual((ballot.state, ballot.method, ballot.result_state),
                         ("closed", "majority", "won"))
        self.assertEqual(ballot.winner_option_ids.mapped("code"), ["yes"])
        self.assertEqual((ballot.register_count, ballot.voted_count, ballot.turnout), (9, 8, 8))
        self.assertTrue(ballot.voter_ids.filtered("assisted"), "Sam helped Daniel to vote")

        self.assertEqual(meeting.group_id, self.board)
        self.assertEqual((meeting.state, meeting.ladder_rung), ("done", "co_production"))
        self.assertLess(meeting.start, fields.Datetime.now())
        self.assertEqual(meeting.adopted_value_ids, values)
        statements = (self._ref("quality_statement_cqc_listening_to_and_involving_people")
                      | self._ref("quality_statement_cqc_shared_direction_and_culture"))
        decision = ballot.decision_ids
        self.assertEqual(len(decision), 1)
        self.assertEqual(values.adopted_decision_id, decision)
        self.assertEqual(decision.meeting_id, meeting)
        self.assertEqual(decision.ladder_rung, "co_production")
        self.assertEqual(decision.quality_statement_ids, statements)
        self.assertEqual(ballot.agenda_item_id.quality_statement_ids, statements)
        self.assertEqual(decision.agenda_item_id, ballot.agenda_item_id)

    def test_values_in_easy_read(self):
        """Each value has an icon and 2 or 3 short easy-read sentences, digits not words."""
        facilitator = self._ref("user_facilitator_demo")
        values = self._values().with_user(facilitator)
        members = self.board.membership_ids.partner_id
        for value in values:
            self.assertTrue(value.icon.startswith("fa-"), value.name)
            self.assertTrue(value.contributor_partner_ids, value.name)
            self.assertLessEqual(value.contributor_partner_ids, members, value.name)
            lines = value.easy_read_text.splitlines()
            self.assertIn(len(lines), (2, 3), value.name)
            for line in lines:
                self.assertLessEqual(len(line.split()), 15, line)
                self.assertFalse(NUMBER_WORDS.search(line), line)
        self.assertEqual(values.mapped("icon"), [
            "fa-smile-o", "fa-graduation-cap", "fa-handshake-o", "fa-rocket",
            "fa-hand-paper-o", "fa-trophy"])

    def test_value_records(self):
        """Stories of the values lived in the last year, some about "Listening to and
        involving people", one whose person has not agreed to share it."""
        r4 = self._ref("quality_statement_cqc_listening_to_and_involving_people")
        facilitator = self._ref("user_facilitator_demo")
        records = self.env["coprod.value.record"].with_user(facilitator).search(
            [("group_id", "=", self.board.id)])
        self.assertGreaterEqual(len(records), 4)
        today = fields.Date.today()
        for record in records:
            self.assertTrue(today - relativedelta(years=1) <= record.date <= today, record.title)
            self.assertEqual(set(record.value_ids.mapped("state")), {"adopted"}, record.title)
            self.assertTrue(record.story, record.title)
        self.assertGreaterEqual(len(records.filtered(lambda r: r4 in r.quality_statement_ids)), 2)
        private = records.filtered(lambda r: not r.shareable)
        self.assertIn(self._ref("value_record_chloe_birthday_demo"), private)
        self.assertTrue(all(r.partner_ids and not r.consent_to_share for r in private))
        self.assertTrue(records.filtered("shareable"))

    def test_value_nominations(self):
        """One nomination waits for the next meeting; one was acknowledged and is a story."""
        waiting = self._ref("value_nomination_ben_demo")
        self.assertEqual(waiting.state, "proposed")
        self.assertEqual(waiting.meeting_id, self.board.next_meeting_id)
        done = self._ref("value_nomination_kwame_demo")
        self.assertEqual(done.state, "acknowledged")
        self.assertEqual(done.meeting_id.state, "done")
        self.assertEqual(done.record_id.nomination_id, done)
        self.assertEqual(done.record_id.meeting_id, done.meeting_id)
        self.assertEqual(done.record_id.value_ids, done.value_ids)

    def test_quality_checks(self):
        """The complaints policy check is closed, every recommendation answered; the
        leaflet check waits for the company's answers."""
        r4 = self._ref("quality_statement_cqc_listening_to_and_involving_people")
        check = self._ref("quality_check_complaints_policy_demo")
        self.assertEqual((check.name, check.check_type, check.state, check.ladder_rung),
                         ("Complaints policy", "policy", "closed", "co_design"))
        self.assertIn(r4, check.quality_statement_ids)
        self.assertTrue(check.findings)
        self.assertEqual(check.group_id, self.board)
        self.assertEqual(check.meeting_id.state, "done")
        recommendations = check.recommendation_ids
        self.assertEqual(len(recommendations), 2)
        self.assertFalse(recommendations.filtered(lambda r: r.answer == "pending"))
        self.assertEqual(check.unanswered_count, 0)
        accepted = recommendations.filtered(lambda r: r.answer == "accepted")
        self.assertEqual(len(accepted), 1)
        self.assertEqual(accepted.action_ids.mapped("state"), ["done"])
        self.assertTrue(accepted.action_ids.we_did)
        self.assertEqual(accepted.action_ids.quality_check_id, check)
        not_done = recommendations.filtered(lambda r: r.answer == "not_done")
        self.assertEqual(len(not_done), 1)
        self.assertTrue(not_done.answer_note, "the company says why not")
        self.assertTrue(all(recommendations.mapped("answered_by_user_id")))

        leaflet = self._ref("quality_check_support_plan_leaflet_demo")
        self.assertEqual((leaflet.check_type, leaflet.state), ("leaflet", "reported"))
        self.assertTrue(leaflet.recommendation_ids)
        self.assertEqual(leaflet.unanswered_count, len(leaflet.recommendation_ids))
        with self.assertRaises(UserError):
            leaflet.action_close()

    def test_ladder_rungs_and_statements_on_past_meetings(self):
        past = self.board.meeting_ids.filtered(lambda m: m.start < fields.Datetime.now())
        self.assertTrue(all(past.mapped("ladder_rung")), "every past meeting has its rung")
        self.assertGreater(len(set(past.mapped("ladder_rung"))), 1)
        self.assertTrue(past.action_ids.filtered("quality_statement_ids"))

    def test_evidence_pack_for_listening_to_and_involving_people(self):
        """The director's evidence pack for R4 holds the complaints policy check and the
        stories people agreed to share, and counts the one left out."""
        r4 = self._ref("quality_statement_cqc_listening_to_and_involving_people")
        director = self._ref("user_quality_director_demo")
        pack = self.env["coprod.evidence.pack"].with_user(director).create(
            {"quality_statement_ids": [Command.set(r4.ids)]})
        data = pack._pack_data()
        section, = data["sections"]
        self.assertEqual(section["statement"], r4)
        self.assertIn(self._ref("quality_check_complaints_policy_demo"), section["checks"])
        for xmlid in ("value_record_amy_chair_demo", "value_record_priya_survey_demo"):
            self.assertIn(self._ref(xmlid), section["records"])
        self.assertTrue(all(section["records"].mapped("shareable")))
        private = self._ref("value_record_chloe_birthday_demo")
        self.assertNotIn(private, section["records"])
        left_out = self.env["coprod.value.record"].search([
            ("quality_statement_ids", "in", r4.ids), ("shareable", "=", False),
            ("date", ">=", pack.date_from), ("date", "<=", pack.date_to),
        ])
        self.assertIn(private, left_out)
        self.assertEqual(section["left_out"], len(left_out))
        self.assertGreaterEqual(data["left_out"], 1)
        meetings = [row["meeting"] for row in section["meetings"]]
        self.assertIn(self._ref("meeting_quality_board_values_demo"), meetings)
        self.assertIn(self._ref("decision_quality_board_values_complaints_demo"), section["decisions"])
        self.assertEqual(section["top_rung"], "Co-production")

    # ------------------------------------------------------------
    # The staff shadow board in HR (coprod_staff_demo.xml) and the reports
    # ------------------------------------------------------------

    def test_staff_board_shows_an_empty_seat(self):
        """The demo staff board has seats per department and work location; Day services
        has an empty one, which Grace's offer would fill."""
        board = self.staff_board
        day_services = self._ref("seat_staff_board_day_services_demo")
        supported_living = self._ref("seat_staff_board_supported_living_demo")
        self.assertEqual(board.seat_ids.group_id, board)
        self.assertGreaterEqual(len(board.seat_ids), 3)
        self.assertTrue(board.seat_ids.filtered("work_location_id"), "a seat for a work location")
        self.assertEqual((day_services.seats, day_services.filled, day_services.empty), (2, 1, 1))
        self.assertEqual(day_services.member_employee_ids, self._ref("hr_employee_ben_demo"))
        self.assertEqual(supported_living.empty, 0, "Supported living is full")
        self.assertEqual(board.empty_seat_count, sum(board.seat_ids.mapped("empty")))
        self.assertGreater(board.empty_seat_count, 0)
        seat_report = self.env["coprod.report.seat"].search([("group_id", "=", board.id)])
        self.assertEqual(sum(seat_report.mapped("empty")), board.empty_seat_count)

    def test_volunteer_waits_for_an_answer(self):
        """Grace volunteered; the facilitator has a to-do to answer, and accepting her
        fills the empty seat for her department."""
        volunteer = self._ref("staff_volunteer_grace_demo")
        facilitator = self._ref("user_facilitator_demo")
        self.assertEqual(volunteer.state, "requested")
        self.assertEqual(volunteer.group_id, self.staff_board)
        self.assertTrue(volunteer.statement)
        self.assertEqual(volunteer.activity_ids.user_id, facilitator)
        waiting = self.env["coprod.staff.volunteer"].with_user(facilitator).search(
            [("state", "=", "requested"), ("group_id", "=", self.staff_board.id)])
        self.assertIn(volunteer, waiting)
        seat = self._ref("seat_staff_board_day_services_demo")
        volunteer.with_user(facilitator).action_accept()
        self.assertEqual(volunteer.state, "accepted")
        self.assertTrue(volunteer.membership_id.is_current)
        self.env.invalidate_all()
        self.assertEqual(seat.empty, 0)

    def test_leaver_action_needs_reassignment(self):
        """Tom left: his open action of the staff board waits to be given to someone
        else, and the "Give to someone else" filter finds it."""
        tom = self._ref("hr_employee_tom_demo")
        action = self._ref("action_staff_board_rota_demo")
        self.assertFalse(tom.active)
        self.assertTrue(tom.departure_date)
        self.assertEqual(action.state, "open")
        self.assertTrue(action.needs_reassignment)
        self.assertTrue(action.activity_ids.filtered(
            lambda a: a.user_id == self.staff_board.facilitator_user_id))
        arch = self.env["coprod.action"].get_view(
            self.env.ref("coprod.coprod_action_view_search").id, "search")["arch"]
        self.assertIn('name="needs_reassignment"', arch)
        flagged = self.env["coprod.action"].search(
            [("needs_reassignment", "=", True), ("state", "=", "open")])
        self.assertIn(action, flagged)

    def test_reports_show_the_demo(self):
        """The director (a manager) finds rows in every report on the demo data."""
        director = self._ref("user_quality_director_demo")
        for model in ("participation", "representation", "seat", "ballot", "action", "value"):
            with self.subTest(report=model):
                self.assertGreater(
                    self.env[f"coprod.report.{model}"].with_user(director).search_count([]), 0)
        period = self.env["coprod.report.period"].with_user(director).create({
            "report": "participation",
            "date_from": fields.Date.today() - relativedelta(years=1),
            "date_to": fields.Date.today(),
            "group_ids": [Command.set(self.board.ids)],
        })
        action = period.action_open()
        self.assertEqual(action["res_model"], "coprod.report.participation")
        self.assertGreater(
            self.env["coprod.report.participation"].with_user(director).search_count(action["domain"]), 0)

    def test_demo_easy_read_words_pass_the_easy_read_check(self):
        """The demo's own easy-read words (group summaries, values, agenda items,
        minutes, ...) get the app's "Easy to read" badge: the demo shows what good
        looks like."""
        data = self.env["ir.model.data"].search([("module", "=", "coprod"), ("model", "like", "coprod.%")])
        checked = 0
        for model_name in set(data.mapped("model")):
            Model = self.env[model_name]
            if not getattr(Model, "_easy_read_fields", None) or "easy_read_level" not in Model._fields:
                continue
            records = Model.browse(data.filtered(lambda d, m=model_name: d.model == m).mapped("res_id")).exists()
            for record in records.filtered(lambda r: r._easy_read_text().strip()):
                checked += 1
                with self.subTest(record=record.display_name, model=model_name):
                    self.assertEqual(record.easy_read_level, "good", record.easy_read_advice)
        self.assertGreater(checked, 10)
