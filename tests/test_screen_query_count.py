"""The screens cost the database the same number of round trips for 10 rows as for 80:
each reads what its view shows the way the web client does (``web_search_read`` for a
list, ``web_read`` for a form and its sub-lists, with the view's field specification),
as the facilitator, so that record rules count.

- The meetings list counts each meeting's register and agenda with two grouped counts,
  not by reading every register row (one query per thousand rows: 80 meetings of a
  board of 200 are 16,000 rows).
- "How to invite" on a register reads the supporters' email addresses for all the rows
  at once, not one row at a time (where the supporter gets the papers for the person).
- The groups list and kanban count today's members in the database, without reading
  the groups' past memberships.
"""
from datetime import datetime, timedelta

from lxml import etree

from .common import CoprodCase

# Queries measured for 10 and for 80 rows (a register of 10 and of 40, the rows a form's
# sub-list shows): the same for both.
MEETING_LIST_QUERIES = 6
REGISTER_LIST_QUERIES = 10
MEETING_FORM_QUERIES = 23
GROUPS_VIEW_QUERIES = {"list": 5, "kanban": 10}

X2MANY_TAGS = {"many2many_tags", "many2many_tags_avatar", "many2many_avatar_user",
               "many2many_avatar_employee", "many2many_checkboxes"}


def _field_nodes(node):
    """The <field> nodes of a view, not those of a sub-view inside a field."""
    for child in node.iterchildren(tag=etree.Element):
        if child.tag == "field":
            yield child
        else:
            yield from _field_nodes(child)


def view_spec(env, model, view_type, view=None):
    """The field specification the web client sends for this view (as
    web/static/src/model/relational_model/utils.js getFieldsSpec builds it): a
    many2one's name, a sub-list's own fields (40 rows), tags' names."""
    views = env[model].get_views([(env.ref(view).id if view else False, view_type)])
    fields_info = {name: info["fields"] for name, info in views["models"].items()}

    def spec_of(model_name, node):
        spec = {}
        for field_node in _field_nodes(node):
            name = field_node.get("name")
            info = fields_info.get(model_name, {}).get(name)
            if not info:
                continue
            always_invisible = field_node.get("invisible") in ("1", "True")
            entry = spec.setdefault(name, {})
            if info["type"] in ("many2one", "reference"):
                entry["fields"] = {} if always_invisible else {"display_name": {}}
            elif info["type"] in ("one2many", "many2many") and not always_invisible:
                sub_view = next(iter(field_node.iterchildren("list", "kanban")), None)
                if sub_view is not None:
                    entry["fields"] = spec_of(info["relation"], sub_view)
                    entry["limit"] = int(sub_view.get("limit") or 40)
                elif field_node.get("widget") in X2MANY_TAGS or info["type"] == "many2many":
                    entry["fields"] = {"display_name": {}}
        return spec

    spec = spec_of(model, etree.fromstring(views["views"][view_type]["arch"]))
    if view_type == "form":
        spec["display_name"] = {}
    return spec


class TestScreenQueryCount(CoprodCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Boards whose members all have a supporter who gets their papers by email.
        cls.small = cls._supported_board("Small board", 10)
        cls.large = cls._supported_board("Large board", 80)
        cls.warm = cls._supported_board("Warm-up board", 3)

    @classmethod
    def _supported_board(cls, name, members):
        group = cls._group(name, members=members)
        supporters = cls.env["res.partner"].create([
            {"name": f"{name} supporter {n}", "email": f"supporter{n}@example.com"}
            for n in range(members)
        ])
        for membership, supporter in zip(group.membership_ids, supporters):
            membership.write({"supporter_partner_id": supporter.id, "supporter_consent": True})
        return group

    @classmethod
    def _meetings_with_registers(cls, group, count):
        """``count`` past meetings of ``group``, each with a register of every member
        (some came)."""
        start = datetime.now().replace(microsecond=0, second=0, minute=0)
        start -= timedelta(days=count + 1)
        meetings = cls.env["coprod.meeting"].create([
            {"group_id": group.id, "start": start + timedelta(days=n),
             "stop": start + timedelta(days=n, hours=2)}
            for n in range(count)
        ])
        cls.env["coprod.attendance"].create([
            {"meeting_id": meeting.id, "partner_id": membership.partner_id.id,
             "membership_id": membership.id,
             "status": "attended" if n % 2 else "expected"}
            for meeting in meetings
            for n, membership in enumerate(group.membership_ids)
        ])
        return meetings

    def _cold(self):
        """Start each measure from the same place: nothing pending, nothing cached."""
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()

    def _measured(self, budget, read):
        """Run ``read`` within ``assertQueryCount(budget)`` and return the number of
        queries it made (assertQueryCount fails only above the budget: the callers
        compare the numbers too). Warms up first, from a cold cache: the first read
        fills the registry's caches (record rules, views, ...)."""
        self._cold()
        read()
        self._cold()
        with self.assertQueryCount(budget):
            start = self.cr.sql_log_count
            result = read()
        self.assertTrue(result)
        return self.cr.sql_log_count - start

    def test_meetings_list_does_not_grow_with_the_registers(self):
        """The meetings list of 80 meetings with their registers costs what 10 cost."""
        few = self._meetings_with_registers(self.small, 10)
        many = self._meetings_with_registers(self.large, 80)
        Meeting = self.env["coprod.meeting"].with_user(self.user_officer)
        spec = view_spec(Meeting.env, "coprod.meeting", "list", "coprod.coprod_meeting_view_list")
        self.assertIn("attended_count", spec)

        def read(meetings):
            # a page as full as the list asks for: both pages count the rest
            return Meeting.web_search_read([("id", "in", meetings.ids)], spec, limit=len(meetings))

        counts = [self._measured(MEETING_LIST_QUERIES, lambda m=meetings: read(m))
                  for meetings in (few, many)]
        self.assertEqual(counts[1], counts[0], "80 meetings cost what 10 cost")
        self.assertEqual(counts[0], MEETING_LIST_QUERIES)

        # The same counts as the registers hold.
        rows = read(many)["records"]
        self.assertEqual(len(rows), 80)
        self.assertEqual({row["attendee_count"] for row in rows}, {80})
        self.assertEqual({row["attended_count"] for row in rows}, {40})
        meeting = many[0].with_user(self.user_officer)
        self.assertEqual((meeting.attendee_count, meeting.attended_count), (80, 40))
        self.assertEqual(len(many.with_user(self.user_officer).filtered(
            lambda m: m.attendee_count == len(m.attendance_ids))), 80)

    def test_register_does_not_grow_with_supporters(self):
        """The register list (How to invite) of 80 people with supporters costs what 10
        cost; so does a meeting's form with its register tab (10 rows, or 40 of 80)."""
        few = self._meetings_with_registers(self.small, 1)
        many = self._meetings_with_registers(self.large, 1)
        Attendance = self.env["coprod.attendance"].with_user(self.user_officer)
        spec = view_spec(Attendance.env, "coprod.attendance", "list",
                         "coprod.coprod_attendance_view_list")
        self.assertIn("invitation_way", spec)

        def read_list(meeting):
            return Attendance.web_search_read([("meeting_id", "=", meeting.id)], spec,
                                              limit=len(meeting.attendance_ids))

        counts = [self._measured(REGISTER_LIST_QUERIES, lambda m=meeting: read_list(m))
                  for meeting in (few, many)]
        self.assertEqual(counts[1], counts[0], "a register of 80 costs what 10 cost")
        self.assertEqual(counts[0], REGISTER_LIST_QUERIES)
        rows = read_list(many)["records"]
        self.assertEqual(len(rows), 80)
        # everyone is reached by email: their own address (the supporter gets a copy)
        self.assertEqual({row["invitation_way"] for row in rows}, {"Email"})
        recipients = many.attendance_ids[0]._invitation_recipients()
        self.assertEqual(recipients, many.attendance_ids[0].partner_id
                         | many.attendance_ids[0].supporter_partner_id)

        Meeting = self.env["coprod.meeting"].with_user(self.user_officer)
        form_spec = view_spec(Meeting.env, "coprod.meeting", "form")
        self.assertIn("invitation_way", form_spec["attendance_ids"]["fields"])
        counts = [self._measured(MEETING_FORM_QUERIES,
                                 lambda m=meeting: Meeting.browse(m.ids).web_read(form_spec))
                  for meeting in (few, many)]
        self.assertEqual(counts[1], counts[0], "a register tab of 40 rows costs what 10 cost")
        self.assertEqual(counts[0], MEETING_FORM_QUERIES)
        [form] = Meeting.browse(many.ids).web_read(form_spec)
        self.assertEqual(len(form["attendance_ids"]), 80)
        self.assertEqual(form["attended_count"], 40)

    def test_groups_list_does_not_read_past_members(self):
        """The groups list and kanban count each group's current members in the
        database: a group with 1,200 past memberships costs what a new group costs, and
        the counts are those of today's members."""
        Group = self.env["coprod.group"]
        fresh = self._group("Fresh group", members=10)
        old = self._group("Old group", members=10)
        past = self.env["res.partner"].create([{"name": f"Past member {n}"} for n in range(1200)])
        self.env["coprod.membership"].create([
            {"group_id": old.id, "partner_id": partner.id, "date_start": "2015-01-01",
             "date_end": "2019-12-31", "role": "co_chair" if n < 2 else "member"}
            for n, partner in enumerate(past)
        ])
        # each with one co-chair today
        co_chair = old.membership_ids.filtered(lambda m: m.partner_id.name == "Old group member 0")
        (co_chair | fresh.membership_ids[0]).role = "co_chair"
        Group = Group.with_user(self.user_officer)
        for view_type, view in (("list", "coprod.coprod_group_view_list"),
                                ("kanban", "coprod.coprod_group_view_kanban")):
            spec = view_spec(Group.env, "coprod.group", view_type, view)
            self.assertIn("member_count", spec)

            def read(group, spec):
                return Group.web_search_read([("id", "=", group.id)], spec)

            counts = [self._measured(GROUPS_VIEW_QUERIES[view_type], lambda g=group, s=spec: read(g, s))
                      for group in (fresh, old)]
            self.assertEqual(counts[1], counts[0], f"{view_type}: 1,200 past members cost nothing")
            self.assertEqual(counts[0], GROUPS_VIEW_QUERIES[view_type])
            [row] = read(old, spec)["records"]
            self.assertEqual(row["member_count"], 10, "today's members, not the past ones")
            if "co_chair_partner_ids" in spec:
                self.assertEqual([tag["id"] for tag in row["co_chair_partner_ids"]],
                                 co_chair.partner_id.ids, "today's co-chair only")
        old = old.with_user(self.user_officer)
        self.assertEqual(len(old.member_partner_ids), 10)
        self.assertEqual(old.co_chair_partner_ids, co_chair.partner_id)
        self.assertIn("one co-chair", old.co_chair_notice)
