"""The evidence pack: what a manager prints for an inspector, by quality statement.

The data set is made by hand (not the demo data, which may change), in its own group
of the first company, so that every figure below is known: meetings in and out of the
period, held and only planned; agenda items, decisions, actions, checks and value
records linked to R4 (Listening to and involving people), to S3 (Safeguarding), to
nothing, or in another group; value records with consent, without it, and with nobody
in them.
"""
import os
import re
import shutil
import subprocess
import tempfile
from datetime import datetime, timedelta

from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase

from .common import CoprodCase
from .test_easy_read_reports import SCSS_PATH, Styles, easy_read_problems

# Queries made by _pack_data() and the HTML rendering of the pack, as the manager,
# from a cold cache: the same for 3 records of each kind as for 30.
PACK_QUERIES = 56  # +1: the report checks read access on the pack


def _text(html):
    """The words of a rendered report, as one line with single spaces."""
    if isinstance(html, bytes):
        html = html.decode()
    return " ".join(lxml_html.fromstring(html).text_content().split())


class EvidenceData:
    """Builds the hand-made evidence of one period (mixed into the test classes)."""

    @classmethod
    def _build_evidence(cls):
        env = cls.env
        cls.today = fields.Date.context_today(env["coprod.meeting"])
        cls.date_from = cls.today - timedelta(days=90)
        cls.date_to = cls.today
        cls.r4 = env.ref("coprod.quality_statement_cqc_listening_to_and_involving_people")
        cls.s3 = env.ref("coprod.quality_statement_cqc_safeguarding")
        R4, S3 = [Command.set(cls.r4.ids)], [Command.set(cls.s3.ids)]

        cls.group = cls._group("Evidence board", kind="people_supported")
        cls.group_other = cls._group("Other evidence board", kind="people_supported")

        Partner = env["res.partner"]
        (cls.amira, cls.carl, cls.dee, cls.fay, cls.gus, cls.sam, cls.olive,
         cls.bernard, cls.oscar) = Partner.create([
            {"name": name} for name in (
                "Amira Supported", "Carl Supported", "Dee Supported", "Fay Family",
                "Gus Family", "Sam Staff", "Olive Visitor", "Bernard Private-Person",
                "Oscar Other-Group",
            )
        ])
        cls.employee_private = env["hr.employee"].create({"name": "Petra Private-Employee"})
        cls.employee_shared = env["hr.employee"].create({"name": "Stella Shared-Employee"})
        Membership = env["coprod.membership"]
        start = {"date_start": cls.today - timedelta(days=400)}
        cls.membership = {
            partner: Membership.create(dict(start, group_id=cls.group.id,
                                            partner_id=partner.id, **extra))
            for partner, extra in (
                (cls.amira, {}), (cls.carl, {}), (cls.dee, {}),
                (cls.fay, {"person_kind": "family"}), (cls.gus, {"person_kind": "family"}),
                (cls.sam, {"person_kind": "staff"}),
            )
        }
        Membership.create(dict(start, group_id=cls.group_other.id, partner_id=cls.oscar.id))

        def meeting(days, state, rung, group=None):
            return cls._meeting(days=days, group=group or cls.group, state=state,
                                ladder_rung=rung, minutes="<p>Minutes</p>")

        # Held (or done) in the period, each linked to R4 in one way only.
        cls.m_item = meeting(-50, "held", "co_design")           # by an agenda item
        cls.m_decision = meeting(-40, "held", "consultation")    # by a decision
        cls.m_action = meeting(-35, "held", "informing")         # by an action
        cls.m_check = meeting(-30, "held", "engagement")         # by a check
        cls.m_record = meeting(-25, "held", "consultation")      # by a value record
        # In the period but not R4's, or not held.
        cls.m_s3 = meeting(-20, "held", "co_production")
        cls.m_none = meeting(-15, "held", "co_production")
        cls.m_draft = meeting(-10, "draft", "co_production")
        # Out of the period, and in another group.
        cls.m_old = meeting(-200, "held", "co_production")
        cls.m_other = meeting(-12, "held", "co_production", group=cls.group_other)

        # Who came: only "attended" counts.
        rows = [
            (cls.m_item, cls.amira, "attended"), (cls.m_item, cls.carl, "attended"),
            (cls.m_item, cls.dee, "absent"), (cls.m_item, cls.fay, "attended"),
            (cls.m_item, cls.gus, "apologies"), (cls.m_item, cls.sam, "attended"),
            (cls.m_item, cls.olive, "attended"),  # no membership: someone else
            (cls.m_decision, cls.amira, "attended"), (cls.m_decision, cls.dee, "attended"),
            (cls.m_decision, cls.sam, "absent"),
            (cls.m_s3, cls.carl, "attended"),
            (cls.m_draft, cls.gus, "attended"),
            (cls.m_old, cls.fay, "attended"),
        ]
        env["coprod.attendance"].create([{
            "meeting_id": m.id, "partner_id": p.id, "status": status,
            "membership_id": cls.membership[p].id if p in cls.membership else False,
        } for m, p, status in rows])
        env["coprod.attendance"].create({
            "meeting_id": cls.m_other.id, "partner_id": cls.oscar.id, "status": "attended",
            "membership_id": cls.group_other.membership_ids.id,
        })

        Item = env["coprod.agenda.item"]
        cls.item_r4 = Item.create({"meeting_id": cls.m_item.id, "title": "Item: the complaints leaflet",
                                   "quality_statement_ids": R4})
        Item.create([
            {"meeting_id": cls.m_s3.id, "title": "Item: night safety", "quality_statement_ids": S3},
            {"meeting_id": cls.m_none.id, "title": "Item: biscuits"},
            {"meeting_id": cls.m_draft.id, "title": "Item: planned feedback talk",
             "quality_statement_ids": R4},
            {"meeting_id": cls.m_old.id, "title": "Item: last year's leaflet",
             "quality_statement_ids": R4},
            {"meeting_id": cls.m_other.id, "title": "Item: other group's bus",
             "quality_statement_ids": R4},
        ])

        Decision = env["coprod.decision"]
        cls.dec_r4 = Decision.create({
            "meeting_id": cls.m_decision.id, "text": "Decision: menus will have pictures",
            "quality_statement_ids": R4, "ladder_rung": "engagement",
        })
        # Linked to R4 through its agenda item; its rung comes from the meeting.
        cls.dec_r4_item = Decision.create({
            "meeting_id": cls.m_item.id, "agenda_item_id": cls.item_r4.id,
            "text": "Decision: we rewrite the leaflet together",
        })
        cls.dec_s3 = Decision.create({"meeting_id": cls.m_s3.id, "quality_statement_ids": S3,
                                      "text": "Decision: staff check the gate at night"})
        cls.excluded_decisions = Decision.create([
            {"meeting_id": cls.m_none.id, "text": "Decision: biscuits on Fridays"},
            {"meeting_id": cls.m_draft.id, "text": "Decision: draft meeting idea",
             "quality_statement_ids": R4},
            {"meeting_id": cls.m_old.id, "text": "Decision: old decision from last year",
             "quality_statement_ids": R4},
            {"meeting_id": cls.m_other.id, "text": "Decision: other group chooses a bus",
             "quality_statement_ids": R4},
        ])

        Action = env["coprod.action"]
        due = cls.today + timedelta(days=7)

        def action(m, you_said, **vals):
            return Action.create(dict({
                "meeting_id": m.id, "you_said": you_said, "date_due": due,
                "owner_partner_id": cls.sam.id,
            }, **vals))

        cls.act_r4_done = action(cls.m_action, "You said: put menus in pictures",
                                 quality_statement_ids=R4, state="done",
                                 we_did="We did: picture menus in every house",
                                 date_done=cls.today - timedelta(days=10))
        cls.act_r4_open = action(cls.m_decision, "You said: ask us before changing rotas",
                                 decision_id=cls.dec_r4.id)  # R4 through its decision
        # Asked last year, done in the period: what was done counts.
        cls.act_r4_late = action(cls.m_old, "You said: fix the hearing loop",
                                 quality_statement_ids=R4, state="done",
                                 we_did="We did: new hearing loop fitted",
                                 date_done=cls.today - timedelta(days=30))
        cls.act_s3 = action(cls.m_s3, "You said: lock the back gate", quality_statement_ids=S3)
        cls.act_none = action(cls.m_none, "You said: more biscuits", state="done",
                              we_did="We did: bought more biscuits",
                              date_done=cls.today - timedelta(days=5))
        cls.act_old = action(cls.m_old, "You said: old request about parking",
                             quality_statement_ids=R4, state="done",
                             we_did="We did: old parking answer",
                             date_done=cls.today - timedelta(days=150))
        cls.act_other = action(cls.m_other, "You said: other group asks for a bus",
                               quality_statement_ids=R4, owner_partner_id=cls.oscar.id)

        Check = env["coprod.quality.check"]
        cls.check_r4 = Check.create({
            "name": "Check: the complaints leaflet", "group_id": cls.group.id,
            "meeting_id": cls.m_check.id, "quality_statement_ids": R4,
            "ladder_rung": "consultation", "state": "reported",
            "findings": "Findings: the leaflet uses long words",
            "recommendation_ids": [Command.create({
                "text": "Recommend: add pictures to the leaflet", "answer": "changed",
                "answer_note": "Answer: pictures added and words made shorter",
            })],
        })
        cls.check_s3 = Check.create({
            "name": "Check: the night safety policy", "group_id": cls.group.id,
            "date": cls.today - timedelta(days=20), "quality_statement_ids": S3,
        })
        cls.check_none = Check.create({
            "name": "Check: the canteen menu", "group_id": cls.group.id,
            "date": cls.today - timedelta(days=20),
        })
        cls.check_old = Check.create({
            "name": "Check: the old fire leaflet", "group_id": cls.group.id,
            "date": cls.today - timedelta(days=200), "quality_statement_ids": R4,
            "ladder_rung": "co_production",
        })
        cls.check_other = Check.create({
            "name": "Check: the other group's website", "group_id": cls.group_other.id,
            "date": cls.today - timedelta(days=12), "quality_statement_ids": R4,
        })

        Value = env["coprod.value"]
        cls.value_new = Value.create({
            "name": "We listen to everyone", "state": "adopted",
            "date_adopted": cls.today - timedelta(days=60), "group_id": cls.group.id,
        })
        cls.value_old = Value.create({
            "name": "Old value agreed long ago", "state": "adopted",
            "date_adopted": cls.today - timedelta(days=400), "group_id": cls.group.id,
        })
        Value.create({"name": "Proposed value not agreed yet", "group_id": cls.group.id})

        Record = env["coprod.value.record"]

        def record(title, days, statements=(), **vals):
            return Record.create(dict({
                "title": title, "date": cls.today - timedelta(days=days),
                "story": f"The story of {title}",
                "value_ids": [Command.set(cls.value_new.ids)],
                "quality_statement_ids": [Command.set([s.id for s in statements])],
            }, **vals))

        g = cls.group.id
        cls.rec_r4_consent = record("Story: Amira chose the menu", 25, [cls.r4],
                                    meeting_id=cls.m_record.id, consent_to_share=True,
                                    partner_ids=[Command.set(cls.amira.ids)])
        cls.rec_r4_nobody = record("Story: the garden open day", 20, [cls.r4], group_id=g,
                                   value_ids=[Command.set((cls.value_new | cls.value_old).ids)])
        cls.rec_r4_private = record("Story: Bernard's private story", 18, [cls.r4], group_id=g,
                                    partner_ids=[Command.set(cls.bernard.ids)])
        cls.rec_r4_private_staff = record(
            "Story: Petra's private story", 17, [cls.r4], group_id=g,
            employee_ids=[Command.set(cls.employee_private.ids)])
        cls.rec_s3 = record("Story: safe at night", 16, [cls.s3], group_id=g,
                            consent_to_share=True,
                            employee_ids=[Command.set(cls.employee_shared.ids)])
        cls.rec_s3_private = record("Story: Dee's private safeguarding story", 15, [cls.s3],
                                    group_id=g, partner_ids=[Command.set(cls.dee.ids)])
        cls.rec_none = record("Story: linked to no statement", 14, group_id=g,
                              consent_to_share=True)
        cls.rec_none_private = record("Story: private and linked to nothing", 14, group_id=g,
                                      partner_ids=[Command.set(cls.carl.ids)])
        cls.rec_old = record("Story: last year's story", 200, [cls.r4], group_id=g,
                             consent_to_share=True)
        cls.rec_other = record("Story: the other group's story", 12, [cls.r4],
                               group_id=cls.group_other.id, consent_to_share=True)

        # Minutes approved for the first meeting and last year's: "done" counts as held.
        (cls.m_item | cls.m_old).write({"state": "done"})

    def _pack(self, user=None, **vals):
        """A pack of the period for the evidence board and R4, made by ``user``
        (the manager unless said otherwise)."""
        Pack = self.env["coprod.evidence.pack"].with_user(user or self.user_manager)
        return Pack.create(dict({
            "date_from": self.date_from, "date_to": self.date_to,
            "quality_statement_ids": [Command.set(self.r4.ids)],
            "group_ids": [Command.set(self.group.ids)],
        }, **vals))

    def _html(self, pack, report="coprod.report_evidence_pack"):
        html, _kind = self.env["ir.actions.report"].with_user(pack.env.user)._render_qweb_html(
            report, pack.ids)
        return html


class TestEvidencePack(EvidenceData, CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_evidence()

    def _section(self, data, statement):
        sections = [s for s in data["sections"] if s["statement"] == statement]
        self.assertEqual(len(sections), 1, f"one section for {statement.display_name}")
        return sections[0]

    # ------------------------------------------------------------
    # What the pack holds
    # ------------------------------------------------------------

    def test_pack_holds_r4_evidence_and_nothing_else(self):
        """For R4 and the period, the pack holds each item linked to R4 in the board,
        held, and in the period; nothing of S3, of no statement, of another group, of
        a planned meeting or of last year."""
        data = self._pack()._pack_data()
        self.assertEqual([s["statement"] for s in data["sections"]], [self.r4],
                         "only the statement chosen")
        self.assertEqual(data["groups"], self.group)
        section = self._section(data, self.r4)

        # Meetings held and linked to R4 by an agenda item, a decision, an action, a
        # check or a value record; in date order.
        meetings = [row["meeting"] for row in section["meetings"]]
        self.assertEqual(meetings, [self.m_item, self.m_decision, self.m_action,
                                    self.m_check, self.m_record])
        for excluded in (self.m_s3, self.m_none, self.m_draft, self.m_old, self.m_other):
            self.assertNotIn(excluded, meetings)

        self.assertEqual(section["decisions"], self.dec_r4 | self.dec_r4_item,
                         "R4's decisions, set on the decision or through its agenda item")
        self.assertEqual(section["actions"], self.act_r4_done | self.act_r4_open | self.act_r4_late,
                         "R4's actions of the period, and last year's asks done in the period")
        self.assertEqual(
            set(section["actions"].filtered(lambda a: a.state == "done").mapped("we_did")),
            {"We did: new hearing loop fitted", "We did: picture menus in every house"},
            "what was done")
        self.assertEqual(section["checks"], self.check_r4)
        self.assertEqual(section["checks"].recommendation_ids.mapped("answer_note"),
                         ["Answer: pictures added and words made shorter"])
        self.assertEqual(section["records"], self.rec_r4_consent | self.rec_r4_nobody,
                         "stories with consent, and stories that name nobody")

    def test_who_took_part_by_kind(self):
        """Only people who came count, by kind: people supported, family, staff and
        someone else (a visitor with no membership); per meeting and overall."""
        data = self._pack()._pack_data()
        section = self._section(data, self.r4)
        by_meeting = {row["meeting"]: row["taking_part"] for row in section["meetings"]}
        self.assertEqual(by_meeting[self.m_item], [
            ("Person supported", 2), ("Family or carer", 1), ("Staff", 1), ("Someone else", 1),
        ])
        self.assertEqual(by_meeting[self.m_decision], [("Person supported", 2)],
                         "Sam did not come: no staff line")
        self.assertEqual(by_meeting[self.m_action], [], "no register recorded")
        # Overall: every meeting held in the period by the board (m_s3 too), but not
        # the planned meeting, last year's or the other group's.
        self.assertEqual(data["meeting_count"], 7)
        self.assertEqual(data["taking_part"], [
            ("Person supported", 5), ("Family or carer", 1), ("Staff", 1), ("Someone else", 1),
        ])

    def test_ladder_rungs_counted_and_highest(self):
        """The rungs of R4's meetings, decisions and checks are counted; the highest is
        co-design (the co-production of S3, a planned meeting and last year's check
        does not count for R4)."""
        section = self._section(self._pack()._pack_data(), self.r4)
        self.assertEqual(section["rungs"], [
            ("Informing", 1), ("Consultation", 3), ("Engagement", 2), ("Co-design", 2),
        ])
        self.assertEqual(section["top_rung"], "Co-design")
        s3 = self._section(self._pack(quality_statement_ids=[Command.set(self.s3.ids)])._pack_data(),
                           self.s3)
        self.assertEqual(s3["top_rung"], "Co-production")

    def test_action_of_a_meeting_not_held_is_not_evidence(self):
        """An open action recorded against a meeting that is only planned is not
        evidence yet: the pack leaves out planned meetings and all they hold."""
        asked = self.env["coprod.action"].create({
            "meeting_id": self.m_draft.id, "you_said": "You said: asked at a planned meeting",
            "quality_statement_ids": [Command.set(self.r4.ids)],
            "owner_partner_id": self.sam.id, "date_due": self.today + timedelta(days=7),
        })
        section = self._section(self._pack()._pack_data(), self.r4)
        self.assertNotIn(asked, section["actions"])
        self.assertEqual(section["actions"], self.act_r4_done | self.act_r4_open | self.act_r4_late)

    def test_groups_filter(self):
        """With no group chosen, every group of the company counts: the other
        group's R4 evidence comes in too."""
        data = self._pack(group_ids=[Command.clear()])._pack_data()
        self.assertIn(self.group_other, data["groups"])
        section = self._section(data, self.r4)
        self.assertIn(self.m_other, [row["meeting"] for row in section["meetings"]])
        self.assertIn(self.excluded_decisions[3], section["decisions"])
        self.assertIn(self.act_other, section["actions"])
        self.assertIn(self.check_other, section["checks"])
        self.assertIn(self.rec_other, section["records"])
        # Still nothing planned, of last year, or private.
        self.assertNotIn(self.m_draft, [row["meeting"] for row in section["meetings"]])
        self.assertNotIn(self.excluded_decisions[2], section["decisions"])
        self.assertNotIn(self.rec_r4_private, section["records"])

    # ------------------------------------------------------------
    # Consent
    # ------------------------------------------------------------

    def test_records_without_consent_are_left_out_and_counted(self):
        """A story about people who did not agree to share it is not in the pack; the
        pack says how many were left out, overall and for each statement."""
        data = self._pack()._pack_data()
        section = self._section(data, self.r4)
        for private in (self.rec_r4_private, self.rec_r4_private_staff):
            self.assertNotIn(private, section["records"])
        self.assertEqual(section["left_out"], 2, "Bernard's and Petra's stories")
        self.assertEqual(data["left_out"], 2,
                         "S3's and unlinked private stories are not R4's to count")

        data = self._pack(quality_statement_ids=[Command.clear()])._pack_data()
        self.assertEqual(data["left_out"], 3)
        self.assertEqual(self._section(data, self.r4)["left_out"], 2)
        self.assertEqual(self._section(data, self.s3)["left_out"], 1)
        self.assertEqual(self._section(data, self.s3)["records"], self.rec_s3)

    def test_empty_statement_choice_uses_every_statement_with_evidence(self):
        """No statement chosen: one section for each statement with evidence in the
        period, in the framework's order (S3 before R4), and none for the others."""
        data = self._pack(quality_statement_ids=[Command.clear()])._pack_data()
        self.assertEqual([s["statement"] for s in data["sections"]], [self.s3, self.r4])
        s3 = self._section(data, self.s3)
        self.assertEqual([row["meeting"] for row in s3["meetings"]], [self.m_s3])
        self.assertEqual(s3["decisions"], self.dec_s3)
        self.assertEqual(s3["actions"], self.act_s3)
        self.assertEqual(s3["checks"], self.check_s3)
        # R4's section is the same as when R4 is chosen.
        r4 = self._section(data, self.r4)
        self.assertEqual(r4["records"], self.rec_r4_consent | self.rec_r4_nobody)
        self.assertEqual(r4["decisions"], self.dec_r4 | self.dec_r4_item)

    def test_period_that_ends_before_it_starts(self):
        """A period that ends before it starts is refused when the pack is made."""
        with self.assertRaises(ValidationError):
            self._pack(date_from=self.today, date_to=self.today - timedelta(days=1))

    # ------------------------------------------------------------
    # The printed pack
    # ------------------------------------------------------------

    def test_pack_html(self):
        """The printed pack says which statement, its "we" statement, each piece of
        evidence, and how many stories were left out; and prints nothing excluded."""
        text = _text(self._html(self._pack()))
        self.assertIn("R4 Listening to and involving people", text)
        self.assertIn("We make it easy for people to share feedback and ideas", text)
        self.assertIn("Highest rung of the co-production ladder reached: Co-design", text)
        expected = [
            self.m_item.name, self.m_decision.name, self.m_action.name, self.m_check.name,
            self.m_record.name,
            "Decision: menus will have pictures", "Decision: we rewrite the leaflet together",
            "You said: put menus in pictures", "We did: picture menus in every house",
            "You said: ask us before changing rotas",
            "You said: fix the hearing loop", "We did: new hearing loop fitted",
            "Check: the complaints leaflet", "Findings: the leaflet uses long words",
            "Recommend: add pictures to the leaflet",
            "Answer: pictures added and words made shorter",
            "Story: Amira chose the menu", "The story of Story: Amira chose the menu",
            "Amira Supported", "We listen to everyone",
            "Story: the garden open day",
            "Person supported: 2", "Family or carer: 1", "Staff: 1", "Someone else: 1",
            "2 value record(s) were left out because the people in them have not agreed "
            "to share them.",
            "2 value record(s) for this statement were left out",
        ]
        for words in expected:
            self.assertIn(words, text)
        excluded = [
            "Safeguarding", "Item: night safety",
            "Decision: staff check the gate at night", "Decision: biscuits on Fridays",
            "Decision: draft meeting idea", "Decision: old decision from last year",
            "Decision: other group chooses a bus",
            "You said: lock the back gate", "You said: more biscuits",
            "You said: old request about parking", "We did: old parking answer",
            "You said: other group asks for a bus",
            "Check: the night safety policy", "Check: the canteen menu",
            "Check: the old fire leaflet", "Check: the other group's website",
            "Story: Bernard's private story", "Bernard Private-Person",
            "Story: Petra's private story", "Petra Private-Employee",
            "Story: safe at night", "Story: Dee's private safeguarding story",
            "Story: linked to no statement", "Story: last year's story",
            "Story: the other group's story", "Oscar Other-Group",
            "Other evidence board", self.m_s3.name, self.m_none.name, self.m_draft.name,
            self.m_old.name,
        ]
        for words in excluded:
            self.assertNotIn(words, text)

    def test_pack_html_with_staff_story(self):
        """A shared story about a member of staff prints their name (the manager
        reads it without HR rights)."""
        pack = self._pack(quality_statement_ids=[Command.set(self.s3.ids)])
        text = _text(self._html(pack))
        self.assertIn("S3 Safeguarding", text)
        self.assertIn("Story: safe at night", text)
        self.assertIn("Stella Shared-Employee", text)
        self.assertIn("1 value record(s) for this statement were left out", text)
        self.assertNotIn("Story: Dee's private safeguarding story", text)

    def test_summary_html(self):
        """The easy-read summary: how many times we met, the values agreed in the
        period, and "you said, we did" for what was done; in easy read, its heading
        kept with its first row."""
        html = self._html(self._pack(), "coprod.report_evidence_summary")
        problems = easy_read_problems(html, Styles(SCSS_PATH.read_text(encoding="utf-8")))
        self.assertFalse(problems, "\n".join(problems[:20]))
        text = _text(html)
        self.assertIn("What we did", text)
        self.assertIn("We met 7 times.", text)
        self.assertIn("6 people came to our meetings.", text)
        self.assertIn("We agreed our value: We listen to everyone.", text)
        self.assertNotIn("Old value agreed long ago", text)
        self.assertNotIn("Proposed value not agreed yet", text)
        for said, did in (
            ("You said: put menus in pictures", "We did: picture menus in every house"),
            ("You said: fix the hearing loop", "We did: new hearing loop fitted"),
            ("You said: more biscuits", "We did: bought more biscuits"),
        ):
            self.assertIn(f"You said: {said} We did: {did}", text)
        self.assertNotIn("old request about parking", text)
        self.assertNotIn("ask us before changing rotas", text, "still open: nothing done yet")
        self.assertIn("We checked: Check: the complaints leaflet.", text)
        self.assertNotIn("Check: the old fire leaflet", text)
        self.assertNotIn("Check: the other group's website", text)

    # ------------------------------------------------------------
    # Query budget
    # ------------------------------------------------------------

    def _bulk(self, n):
        """A group with ``n`` of each kind of R4 evidence in the period."""
        env = self.env
        R4 = [Command.set(self.r4.ids)]
        group = self._group(f"Bulk board {n}", members=2)
        member = group.membership_ids[0]
        start = datetime.now().replace(microsecond=0, second=0, minute=0)
        meetings = env["coprod.meeting"].create([{
            "group_id": group.id, "state": "held", "ladder_rung": "co_design",
            "start": start - timedelta(days=10 + i), "stop": start - timedelta(days=10 + i, hours=-2),
        } for i in range(n)])
        env["coprod.attendance"].create([{
            "meeting_id": m.id, "partner_id": ms.partner_id.id, "membership_id": ms.id,
            "status": "attended",
        } for m in meetings for ms in group.membership_ids])
        items = env["coprod.agenda.item"].create([
            {"meeting_id": m.id, "title": f"Bulk item {i}", "quality_statement_ids": R4}
            for i, m in enumerate(meetings)])
        decisions = env["coprod.decision"].create([
            {"meeting_id": m.id, "agenda_item_id": item.id, "text": f"Bulk decision {i}"}
            for i, (m, item) in enumerate(zip(meetings, items))])
        env["coprod.action"].create([{
            "meeting_id": m.id, "decision_id": d.id, "you_said": f"Bulk ask {i}",
            "we_did": f"Bulk answer {i}", "state": "done", "owner_partner_id": member.partner_id.id,
            "date_due": self.today, "date_done": self.today - timedelta(days=1),
        } for i, (m, d) in enumerate(zip(meetings, decisions))])
        env["coprod.quality.check"].create([{
            "name": f"Bulk check {i}", "group_id": group.id, "meeting_id": m.id,
            "quality_statement_ids": R4, "findings": "Found", "state": "reported",
            "ladder_rung": "engagement",
            "recommendation_ids": [Command.create({"text": f"Bulk recommendation {i}",
                                                   "answer": "not_done", "answer_note": "No"})],
        } for i, m in enumerate(meetings)])
        partner = member.partner_id
        env["coprod.value.record"].create([{
            "title": f"Bulk story {i}", "date": self.today - timedelta(days=5),
            "meeting_id": m.id, "quality_statement_ids": R4,
            "value_ids": [Command.set(self.value_new.ids)],
            "partner_ids": [Command.set(partner.ids)], "consent_to_share": i % 2 == 0,
        } for i, m in enumerate(meetings)])
        return group

    def _measure(self, group, budget=None):
        pack = self._pack(group_ids=[Command.set(group.ids)])
        # Start cold: nothing pending (not even what waits for the commit), nothing
        # in the record cache.
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        if budget is None:
            pack._pack_data()
            html = self._html(pack)
        else:
            with self.assertQueryCount(budget):
                pack._pack_data()
                html = self._html(pack)
        return self.cr.sql_log_count - start, html

    def test_query_count_does_not_grow(self):
        """Printing the pack of 30 meetings (with their items, decisions, actions,
        checks and stories) costs the database as many queries as printing 3."""
        warm, small, large = self._bulk(2), self._bulk(3), self._bulk(30)
        self._measure(warm)  # fill the registry's caches (rules, templates, ...)
        small_count, small_html = self._measure(small, PACK_QUERIES)
        large_count, large_html = self._measure(large, PACK_QUERIES)
        self.assertEqual(small_count, large_count)
        # The work was done, for all of them.
        self.assertEqual(_text(large_html).count("Bulk recommendation"), 30)
        self.assertEqual(_text(large_html).count("Bulk story"), 15, "half have consent")
        self.assertIn("15 value record(s) were left out", _text(large_html))
        self.assertEqual(_text(small_html).count("Bulk ask"), 3)


class TestEvidencePackPdf(EvidenceData, CoprodCase, HttpCase):
    """The pack as a real PDF, rendered by wkhtmltopdf (which fetches the report's
    assets from the test server, hence an HttpCase)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_evidence()

    def test_pack_pdf(self):
        report = self.env["ir.actions.report"]
        if report.get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        # One request first: the test server loads its modules' manifests on the first
        # request, which Python 3.11.7 can get wrong when wkhtmltopdf's requests come
        # at once (an AST recursion error); then the report's styles load as usual.
        self.url_open("/web/static/img/favicon.ico").raise_for_status()
        pack = self._pack()
        pdf, kind = report.with_user(self.user_manager).with_context(
            force_report_rendering=True)._render_qweb_pdf("coprod.report_evidence_pack", pack.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "pack.pdf")
            with open(path, "wb") as file:
                file.write(pdf)
            text = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True,
                                  text=True).stdout
        text = re.sub(r"\s+", " ", text)
        self.assertIn("Listening to and involving people", text)
        self.assertIn("Story: Amira chose the menu", text)
        self.assertNotIn("Story: Bernard's private story", text)
