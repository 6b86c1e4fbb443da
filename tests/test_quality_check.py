"""Quality: the shipped CQC statements and an organisation's own framework; the
statements and ladder rungs that meetings, agenda items, decisions, actions, value
records and checks carry; and a quality check from planned to closed, where every
recommendation needs the company's answer before the loop closes.
"""
from contextlib import contextmanager

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import mute_logger

from .common import CoprodCase

CQC_COUNTS = {"safe": 8, "effective": 6, "caring": 5, "responsive": 7, "well_led": 8}


class QualityCase(CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["coprod.quality.check"])
        cls.cqc = cls.env.ref("coprod.quality_framework_cqc")
        cls.listening = cls.env.ref("coprod.quality_statement_cqc_listening_to_and_involving_people")
        cls.safeguarding = cls.env.ref("coprod.quality_statement_cqc_safeguarding")
        cls.meeting = cls._meeting(days=10)
        cls.Check = cls.env["coprod.quality.check"]
        cls.Recommendation = cls.env["coprod.quality.recommendation"]

    @contextmanager
    def _refused(self, exception, pattern):
        """Expect ``exception`` (its message matching ``pattern``), and undo whatever
        the refused operation wrote before it was refused."""
        with self.assertRaisesRegex(exception, pattern), self.env.cr.savepoint():
            yield

    def _check(self, **vals):
        """A planned check of the board, made by its facilitator."""
        return self.Check.with_user(self.user_officer).create(dict({
            "name": "Easy-read complaints leaflet",
            "check_type": "leaflet",
            "group_id": self.board.id,
        }, **vals))

    def _reported(self, texts=("Use bigger pictures", "Add a phone number"), **vals):
        check = self._check(
            findings="The leaflet is hard to read.",
            recommendation_ids=[Command.create({"text": text, "sequence": n})
                                for n, text in enumerate(texts)],
            **vals,
        )
        check.action_report()
        return check


class TestQualityStatements(QualityCase):

    def test_cqc_framework_is_shipped(self):
        """34 statements under the 5 key questions, each with its reference and its
        "we statement"."""
        statements = self.env["coprod.quality.statement"].search([("framework_id", "=", self.cqc.id)])
        self.assertEqual(len(statements), 34)
        self.assertEqual(self.cqc.statement_ids, statements)
        by_question = {question: len(statements.filtered(lambda s, q=question: s.key_question == q))
                       for question in CQC_COUNTS}
        self.assertEqual(by_question, CQC_COUNTS)
        self.assertEqual(set(statements.mapped("key_question")), set(CQC_COUNTS))
        self.assertEqual(len(set(statements.mapped("code"))), 34, "each reference once")
        for statement in statements:
            with self.subTest(code=statement.code):
                self.assertTrue(statement.we_statement.startswith("We "))
                self.assertEqual(statement.framework, "CQC single assessment framework")
                self.assertFalse(statement.company_id, "shared by every company")
        self.assertEqual(
            statements.filtered(lambda s: s.key_question == "safe").sorted("sequence").mapped("code"),
            [f"S{n}" for n in range(1, 9)],
        )
        self.assertEqual((self.listening.code, self.listening.key_question), ("R4", "responsive"))
        self.assertEqual(self.listening.display_name, "R4 Listening to and involving people")
        # chosen on a form by typing what it shows: its reference, or its words
        Statement = self.env["coprod.quality.statement"].with_user(self.user_officer)
        for typed in ("R4", "Listening to"):
            with self.subTest(typed=typed):
                found = [row[0] for row in Statement.name_search(typed)]
                self.assertIn(self.listening.id, found)

    def test_organisation_adds_its_own_framework(self):
        ours = self.env["coprod.quality.framework"].with_user(self.user_manager).create({
            "name": "Our promises", "code": "OP", "company_id": self.company.id,
        })
        Statement = self.env["coprod.quality.statement"].with_user(self.user_manager)
        promise = Statement.create({
            "name": "Easy read first", "code": "S1", "framework_id": ours.id,
            "key_question": "caring", "we_statement": "We write everything in easy read first.",
        })
        self.assertEqual(promise.display_name, "S1 Easy read first", "the same reference as CQC's S1 is fine")
        self.assertEqual(promise.framework, "Our promises")
        self.assertEqual(promise.company_id, self.company)
        self.assertEqual(ours.statement_ids, promise)
        no_code = Statement.create({"name": "Kind words", "framework_id": ours.id,
                                    "key_question": "caring"})
        self.assertEqual(no_code.display_name, "Kind words")
        self.assertEqual(len(self.cqc.statement_ids), 34, "CQC's list is unchanged")

        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            Statement.create({"name": "Twice", "code": "S1", "framework_id": ours.id,
                              "key_question": "safe"})
            self.env.flush_all()

        # the new statement is used like CQC's
        check = self._check(quality_statement_ids=[Command.set((promise | self.listening).ids)])
        self.assertEqual(check.quality_statement_ids, promise | self.listening)

        # a statement named with its framework's name (as an import gives it) joins
        # that framework, or a new one of that name; renaming none
        named = Statement.create({"name": "Time to answer", "framework": "our promises",
                                  "key_question": "responsive"})
        self.assertEqual(named.framework_id, ours)
        charter = Statement.create({"name": "Nothing about us without us",
                                    "framework": "Kindness charter", "key_question": "well_led"})
        self.assertEqual(charter.framework, "Kindness charter")
        self.assertNotIn(charter.framework_id, ours | self.cqc, "a new framework")
        self.assertEqual(charter.framework_id.company_id, self.user_manager.company_id,
                         "of the company that named it, not shared with every company")
        wildcard = Statement.create({"name": "Plain words", "framework": "Our_promises",
                                     "key_question": "caring"})
        self.assertNotEqual(wildcard.framework_id, ours, "a name is matched as it is written")
        named.framework = "Kindness charter"
        self.assertEqual(named.framework_id, charter.framework_id, "moved to the other framework")
        self.assertEqual(ours.name, "Our promises", "and the first one keeps its name")

    def test_statements_carried_by_the_work(self):
        """Agenda items, decisions, actions, value records and checks name the
        statements they give evidence for; a decision takes its agenda item's, an
        action its decision's or its check's, unless told otherwise."""
        both = self.listening | self.safeguarding
        item = self.env["coprod.agenda.item"].create({
            "meeting_id": self.meeting.id, "title": "Our complaints leaflet",
            "quality_statement_ids": [Command.set(both.ids)],
        })
        self.assertEqual(item.quality_statement_ids, both)

        Decision = self.env["coprod.decision"]
        decision = Decision.create({"meeting_id": self.meeting.id, "agenda_item_id": item.id,
                                    "text": "We rewrite the leaflet together"})
        self.assertEqual(decision.quality_statement_ids, both)
        own = Decision.create({"meeting_id": self.meeting.id, "agenda_item_id": item.id,
                               "text": "We check it again in a year",
                               "quality_statement_ids": [Command.set(self.listening.ids)]})
        self.assertEqual(own.quality_statement_ids, self.listening)
        self.assertFalse(Decision.create({"meeting_id": self.meeting.id, "text": "Tea"})
                         .quality_statement_ids)

        action = self._action(self.meeting, decision_id=decision.id)
        self.assertEqual(action.quality_statement_ids, both)

        check = self._check(quality_statement_ids=[Command.set(self.safeguarding.ids)])
        from_check = self._action(quality_check_id=check.id)
        self.assertEqual(from_check.quality_statement_ids, self.safeguarding)
        told = self._action(quality_check_id=check.id,
                            quality_statement_ids=[Command.set(self.listening.ids)])
        self.assertEqual(told.quality_statement_ids, self.listening)

        value = self.env["coprod.value"].create({"name": "Respect",
                                                 "adopted_decision_id": decision.id})
        value.action_adopt()
        record = self.env["coprod.value.record"].create({
            "title": "Amy chaired the meeting", "value_ids": [Command.set(value.ids)],
            "quality_statement_ids": [Command.set(self.listening.ids)],
        })
        self.assertEqual(record.quality_statement_ids, self.listening)

        # what the evidence pack finds under "Listening to and involving people"
        for model, records in (("coprod.agenda.item", item), ("coprod.decision", decision | own),
                               ("coprod.action", action | told),
                               ("coprod.value.record", record)):
            with self.subTest(model=model):
                self.assertEqual(
                    self.env[model].search([("quality_statement_ids", "in", self.listening.ids),
                                            ("id", "in", records.ids)]), records)

    def test_ladder_rungs(self):
        """Meetings, decisions and checks say how much power was shared; a decision
        takes its meeting's rung unless told otherwise."""
        rungs = [key for key, _label in self.env["coprod.meeting"]._fields["ladder_rung"].selection]
        self.assertEqual(rungs, ["coercion", "educating", "informing", "consultation",
                                 "engagement", "co_design", "co_production"])
        self.meeting.ladder_rung = "co_production"
        Decision = self.env["coprod.decision"]
        decision = Decision.create({"meeting_id": self.meeting.id, "text": "We choose the menu"})
        self.assertEqual(decision.ladder_rung, "co_production")
        told = Decision.create({"meeting_id": self.meeting.id, "text": "We were told about fees",
                                "ladder_rung": "informing"})
        self.assertEqual(told.ladder_rung, "informing")
        unrated = Decision.create({"meeting_id": self._meeting(days=20).id, "text": "Later"})
        self.assertFalse(unrated.ladder_rung)

        check = self._check(ladder_rung="co_design")
        self.assertEqual(check.ladder_rung, "co_design")
        self.assertEqual(self.Check.search([("ladder_rung", "=", "co_design"),
                                            ("id", "=", check.id)]), check)


class TestQualityCheckFlow(QualityCase):

    def test_planned_check(self):
        check = self._check(meeting_id=self.meeting.id,
                            quality_statement_ids=[Command.set(self.listening.ids)])
        self.assertEqual(check.state, "draft")
        self.assertEqual(check.date, self.meeting.start.date(), "the date of the meeting")
        self.assertEqual(check.company_id, self.company)
        self.assertIn(check, self.board.quality_check_ids)
        self.assertIn(check, self.meeting.quality_check_ids)
        self.assertEqual(self._check().date, self.today, "without a meeting: today")
        self.assertEqual(check.subject, check.name, "its subject: what we checked")
        check.subject = "The easy-read complaints leaflet"
        self.assertEqual(check.name, "The easy-read complaints leaflet")

    def test_report_needs_findings(self):
        check = self._check(recommendation_ids=[Command.create({"text": "Use bigger pictures"})])
        with self._refused(UserError, "Write what the group found"):
            check.action_report()
        self.assertEqual(check.state, "draft")
        with self._refused(UserError, "Only a check with recommendations given"):
            check.action_close()

        check.findings = "The pictures are too small."
        check.action_report()
        self.assertEqual(check.state, "reported")
        self.assertEqual((check.recommendation_count, check.unanswered_count), (1, 1))
        [activity] = check.activity_ids
        self.assertEqual(activity.user_id, self.user_officer, "the facilitator answers")
        with self._refused(UserError, "reported already"):
            check.action_report()

    def test_close_needs_every_answer(self):
        check = self._reported(texts=("Use bigger pictures", "Add a phone number", "Print in colour"))
        pictures, phone, colour = check.recommendation_ids.sorted("sequence")

        def refused(pattern):
            with self._refused(UserError, pattern):
                check.action_close()
            self.assertEqual(check.state, "reported")

        refused("has no answer yet")

        pictures.answer = "accepted"
        self.assertEqual(pictures.answered_by_user_id, self.user_officer)
        self.assertEqual(pictures.date_answered, self.today)
        self.assertEqual(check.unanswered_count, 2)
        refused("add the action that carries it out")  # accepted, no action
        pictures.action_add_action()
        refused("has no answer yet")

        phone.answer = "not_done"
        refused("Say what changed, or why it was not done")  # not done, no reason
        phone.answer_note = "The office has no phone line for the public yet."
        refused("has no answer yet")

        colour.answer = "changed"
        self.assertEqual(check.unanswered_count, 0)
        refused("Say what changed, or why it was not done")  # changed, not said how
        colour.answer_note = "Colour on the front page only."
        refused("add the action that carries it out")  # changed, no action
        colour.action_add_action()

        check.action_close()
        self.assertEqual(check.state, "closed")
        self.assertEqual(check.date_closed, self.today)
        self.assertFalse(check.activity_ids, "the facilitator's to-do is done")
        self.assertIn("Closed", "\n".join(check.message_ids.mapped("body")))
        self.assertFalse(phone.action_ids, "nothing to do for what was not done")

    def test_recommendation_becomes_an_action(self):
        """"You said" is the recommendation; the action belongs to the check's group,
        meeting and statements, and the facilitator follows it."""
        check = self._reported(meeting_id=self.meeting.id,
                               quality_statement_ids=[Command.set(self.listening.ids)])
        pictures = check.recommendation_ids.sorted("sequence")[0]
        result = pictures.action_add_action()
        action = self.env["coprod.action"].browse(result["res_id"])
        self.assertEqual(result["res_model"], "coprod.action")
        self.assertEqual(action.you_said, "Use bigger pictures")
        self.assertEqual(action.group_id, self.board)
        self.assertEqual(action.meeting_id, self.meeting)
        self.assertEqual(action.quality_check_id, check)
        self.assertEqual(action.recommendation_id, pictures)
        self.assertEqual(action.quality_statement_ids, self.listening)
        self.assertEqual(action.owner_user_id, self.user_officer)
        self.assertEqual(action.state, "open")
        self.assertGreater(action.date_due, self.today)
        self.assertEqual(pictures.action_ids, action)
        self.assertEqual(check.action_ids, action)

    def _closed(self):
        check = self._reported(texts=("Use bigger pictures", "Add a phone number"))
        pictures, phone = check.recommendation_ids.sorted("sequence")
        pictures.answer = "accepted"
        pictures.action_add_action()
        phone.write({"answer": "not_done", "answer_note": "No public phone line yet."})
        check.action_close()
        return check

    def test_closed_check_is_read_only(self):
        check = self._closed()
        pictures = check.recommendation_ids.sorted("sequence")[0]
        attempts = {
            "findings": lambda: check.write({"findings": "Something else"}),
            "name": lambda: check.write({"name": "Another leaflet"}),
            "add a recommendation on the check": lambda: check.write(
                {"recommendation_ids": [Command.create({"text": "One more"})]}),
            "add a recommendation": lambda: self.Recommendation.with_user(self.user_officer)
            .create({"check_id": check.id, "text": "One more"}),
            "change an answer": lambda: pictures.write({"answer": "not_done"}),
            "change a recommendation": lambda: pictures.write({"text": "Other words"}),
            "delete a recommendation": lambda: pictures.unlink(),
        }
        for what, attempt in attempts.items():
            with self.subTest(attempt=what), self._refused(UserError, "is closed"):
                attempt()
        self.assertEqual(check.findings, "The leaflet is hard to read.")
        self.assertEqual(len(check.recommendation_ids), 2)
        self.assertEqual((pictures.text, pictures.answer), ("Use bigger pictures", "accepted"))

    @mute_logger("odoo.models.unlink")
    def test_reported_or_closed_check_is_not_deleted(self):
        draft = self._check()
        draft.unlink()
        self.assertFalse(draft.exists())

        reported = self._reported()
        closed = self._closed()
        for check in reported | closed:
            with self.subTest(state=check.state), self._refused(UserError, "Archive it instead"):
                check.with_user(self.user_manager).unlink()
            self.assertTrue(check.exists())
        closed.with_user(self.user_manager).action_archive()
        self.assertFalse(closed.active)

    def test_manager_reopens_a_closed_check(self):
        check = self._closed()
        with self._refused(UserError, "Only a manager can reopen"):
            check.with_user(self.user_officer).action_reset_to_reported()
        self.assertEqual(check.state, "closed")

        check.with_user(self.user_manager).action_reset_to_reported()
        self.assertEqual(check.state, "reported")
        self.assertFalse(check.date_closed)
        phone = check.recommendation_ids.sorted("sequence")[1]
        phone.with_user(self.user_officer).answer_note = "A phone line opens in May."
        check.with_user(self.user_officer).action_close()
        self.assertEqual(check.state, "closed")
