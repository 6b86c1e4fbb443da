from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.misc import format_date

VOTING_ROLES = ("member", "co_chair")
# a group's co-chairs at any one time
MAX_CO_CHAIRS = 2


ROLES = [
    ("member", "Member"),
    ("co_chair", "Co-chair"),
    ("supporter", "Supporter"),
    ("observer", "Observer"),
]
PERSON_KINDS = [
    ("person_supported", "Person supported"),
    ("family", "Family or carer"),
    ("staff", "Staff"),
    ("other", "Someone else"),
]
# The fields that name a person, checked against the group's company.
PEOPLE_FIELDS = frozenset({"group_id", "company_id", "partner_id", "employee_id",
                           "supporter_partner_id"})
# The kind of person a group's members are, unless said otherwise.
GROUP_KIND_PERSON = {"people_supported": "person_supported", "family": "family", "staff": "staff"}


class CoprodMembership(models.Model):
    _name = "coprod.membership"
    _description = "Membership of a co-production group"
    _inherit = ["coprod.move.checked", "coprod.search.checked"]
    _coprod_move_fields = ("group_id", "employee_id", "partner_id")
    _check_company_auto = True
    _order = "group_id, role, partner_id"
    _rec_names_search = ["partner_id.name", "group_id.name"]

    group_id = fields.Many2one(
        "coprod.group", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        help="The person. For staff, choose the employee: their contact is used.",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="For staff: the employee record. Their work contact becomes the person.",
    )
    role = fields.Selection(
        ROLES,
        required=True,
        default="member",
        help="A supporter helps a member take part and does not vote. "
        "An observer watches and does not vote.",
    )
    person_kind = fields.Selection(
        PERSON_KINDS,
        string="Kind of person",
        compute="_compute_person_kind", store=True, readonly=False, precompute=True,
        required=True,
        help="Who this person is in co-production, for the reports on who takes part: "
        "by default staff for employees, otherwise what the group is for.",
    )
    can_vote = fields.Boolean(string="Can vote",
        compute="_compute_can_vote",
        store=True,
        readonly=False,
        help="Members and co-chairs vote; supporters and observers do not.",
    )
    date_start = fields.Date(
        string="From", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="Until", help="Leave empty while the membership goes on.")
    is_current = fields.Boolean(
        compute="_compute_is_current",
        search="_search_is_current",
        string="Current",
    )
    supporter_partner_id = fields.Many2one(
        "res.partner",
        string="Supporter",
        check_company=True,
        help="Who helps this person take part (read papers, get there, vote).",
    )
    supporter_consent = fields.Boolean(
        string="Tell the supporter",
        help="The person agreed that their supporter gets a copy of their invitations "
        "and papers.",
    )
    needs_flag = fields.Boolean(
        related="partner_id.coprod_needs_flag", string="Needs",
        groups="coprod.group_coprod_officer",
    )
    consent_photo = fields.Boolean(
        string="Photo consent",
        help="The person agreed that their photo appears on papers and screens.",
    )
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)
    group_kind = fields.Selection(related="group_id.kind")
    partner_image = fields.Image(related="partner_id.avatar_128")
    notes = fields.Text()

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("partner_id", "group_id", "role")
    def _compute_display_name(self):
        """The person, their group and role: "Amy Clarke (Shadow quality board, Co-chair)"."""
        roles = dict(self._fields["role"]._description_selection(self.env))
        for membership in self:
            if not membership.partner_id:
                membership.display_name = membership.group_id.display_name or ""
                continue
            membership.display_name = self.env._(
                "%(person)s (%(group)s, %(role)s)",
                person=membership.partner_id.display_name,
                group=membership.group_id.display_name,
                role=roles.get(membership.role, ""),
            )

    @api.depends("employee_id", "group_id.kind")
    def _compute_person_kind(self):
        for membership in self:
            if membership.employee_id:
                membership.person_kind = "staff"
            elif not membership.person_kind:
                membership.person_kind = GROUP_KIND_PERSON.get(membership.group_id.kind, "other")

    @api.depends("role")
    def _compute_can_vote(self):
        for membership in self:
            membership.can_vote = membership.role in VOTING_ROLES

    @api.depends("date_start", "date_end")
    @api.depends_context("date")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for membership in self:
            membership.is_current = membership._is_current_on(today)

    def _is_current_on(self, day):
        self.ensure_one()
        return (
            bool(self.date_start)
            and self.date_start <= day
            and (not self.date_end or self.date_end >= day)
        )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search current memberships with = True or = False."))
        today = fields.Date.context_today(self)
        domain = [
            ("date_start", "<=", today),
            "|", ("date_end", "=", False), ("date_end", ">=", today),
        ]
        if (operator == "=") != value:
            domain = ["!"] + expression.normalize_domain(domain)
        return domain

    # ------------------------------------------------------------
    # CONSTRAINTS AND ONCHANGES
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for membership in self:
            if membership.date_end and membership.date_end < membership.date_start:
                raise ValidationError(_(
                    "The membership of %(name)s ends (%(end)s) before it starts "
                    "(%(start)s). Check the dates.",
                    name=membership.partner_id.display_name,
                    end=membership.date_end,
                    start=membership.date_start,
                ))

    @api.constrains("group_id", "partner_id", "date_start", "date_end")
    def _check_one_current_membership(self):
        """A person has at most one membership of a group at any date."""
        others = self.search([
            ("group_id", "in", self.group_id.ids),
            ("partner_id", "in", self.partner_id.ids),
            ("id", "not in", self.ids),
        ])
        candidates = others | self
        for membership in self:
            same = candidates.filtered(
                lambda m, ms=membership: m != ms
                and m.group_id == ms.group_id
                and m.partner_id == ms.partner_id
            )
            for other in same:
                overlaps = (
                    (not other.date_end or other.date_end >= membership.date_start)
                    and (not membership.date_end or membership.date_end >= other.date_start)
                )
                if overlaps:
                    raise ValidationError(_(
                        "%(name)s is already a member of %(group)s at that time. "
                        "End the other membership first, or change its dates.",
                        name=membership.partner_id.display_name,
                        group=membership.group_id.display_name,
                    ))

    @api.constrains("group_id", "role", "date_start", "date_end")
    def _check_two_co_chairs(self):
        """A group has two co-chairs at most at any date."""
        co_chairs = self.filtered(lambda m: m.role == "co_chair")
        if not co_chairs:
            return
        terms = self.sudo().search([
            ("group_id", "in", co_chairs.group_id.ids), ("role", "=", "co_chair"),
        ])
        for group in co_chairs.group_id:
            group_terms = terms.filtered(lambda m, g=group: m.group_id == g)
            # the most co-chairs at once is reached on the day a term starts
            day, at_once = self._co_chairs_crowded(group_terms, group_terms.mapped("date_start"))
            if day:
                raise ValidationError(_(
                    "%(group)s would have %(count)s co-chairs from %(date)s: %(names)s. "
                    "A group has two co-chairs at most. End one co-chair's term first "
                    "(give them another role from that day).",
                    group=group.display_name, count=len(at_once),
                    date=format_date(self.env, day),
                    names=", ".join(at_once.partner_id.mapped("display_name")),
                ))

    @api.model
    def _co_chairs_crowded(self, terms, days, room=MAX_CO_CHAIRS):
        """The first of `days` on which more than `room` of these co-chair terms run
        at once, and those terms; (False, no term) if there is none."""
        for day in sorted(set(days)):
            at_once = terms.filtered(lambda t, d=day: t._is_current_on(d))
            if len(at_once) > room:
                return day, at_once
        return False, terms.browse()

    @api.constrains("supporter_partner_id", "partner_id")
    def _check_supporter(self):
        for membership in self:
            if membership.supporter_partner_id and membership.supporter_partner_id == membership.partner_id:
                raise ValidationError(_(
                    "%(name)s cannot be their own supporter.",
                    name=membership.partner_id.display_name,
                ))

    def _check_company(self, fnames=None):
        """Odoo's company check, after one that says in plain words which person
        belongs to which company: an employee, a person or a supporter of another
        company than the group's (Odoo's own message names fields and records)."""
        if fnames is None or PEOPLE_FIELDS.intersection(fnames):
            self._check_people_company()
        return super()._check_company(fnames)

    def _check_people_company(self):
        """The same rule as Odoo's check_company: a person, employee or supporter
        belongs to the group's company, or to no company (shared by all)."""
        def fits(record, company):
            domain = record._check_company_domain(company)
            return record == record.with_context(active_test=False).filtered_domain(domain)

        for membership in self.sudo():
            company, group = membership.company_id, membership.group_id
            employee, partner = membership.employee_id, membership.partner_id
            supporter = membership.supporter_partner_id
            if employee and not fits(employee, company):
                raise UserError(_(
                    "%(name)s works for %(other)s, and %(group)s is a group of %(company)s. "
                    "Only staff of %(company)s can join it. Choose an employee of %(company)s.",
                    name=employee.name, other=employee.company_id.name,
                    group=group.name, company=company.name,
                ))
            if partner and not fits(partner, company):
                raise UserError(_(
                    "%(name)s is a contact of %(other)s, and %(group)s is a group of "
                    "%(company)s. Choose a contact of %(company)s, or a contact that every "
                    "company shares (a contact with no company).",
                    name=partner.name, other=partner.company_id.name,
                    group=group.name, company=company.name,
                ))
            if supporter and not fits(supporter, company):
                raise UserError(_(
                    "%(supporter)s is a contact of %(other)s, so they cannot be the supporter "
                    "of %(name)s in %(group)s, a group of %(company)s. Choose a supporter of "
                    "%(company)s, or a contact that every company shares (a contact with no "
                    "company).",
                    supporter=supporter.name, other=supporter.company_id.name,
                    name=partner.name, group=group.name, company=company.name,
                ))

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        if self.employee_id.work_contact_id:
            self.partner_id = self.employee_id.work_contact_id

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._fill_partner_from_employee(vals_list)
        self._fill_employee_from_partner(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("employee_id"):
            [vals] = self._fill_partner_from_employee([dict(vals)])
        return super().write(vals)

    @api.model
    def _fill_partner_from_employee(self, vals_list):
        """An employee's membership belongs to their work contact."""
        employee_ids = {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
        employees = self.env["hr.employee"].browse(employee_ids).with_context(active_test=False)
        contacts = {employee.id: employee for employee in employees}
        for vals in vals_list:
            employee = contacts.get(vals.get("employee_id"))
            if not employee:
                continue
            if not employee.active:
                raise UserError(_(
                    "%(name)s is archived: only current employees can join a group.",
                    name=employee.name,
                ))
            if not employee.work_contact_id:
                raise UserError(_(
                    "%(name)s has no linked contact. Open the employee and set "
                    "their work contact first.",
                    name=employee.name,
                ))
            vals["partner_id"] = employee.work_contact_id.id
        return vals_list

    @api.model
    def _fill_employee_from_partner(self, vals_list):
        """On a staff board, a member added by their contact is linked to the employee
        whose work contact it is (one current employee of the group's company), so
        HR sees the membership on the employee."""
        todo = [vals for vals in vals_list
                if vals.get("partner_id") and not vals.get("employee_id") and vals.get("group_id")]
        if not todo:
            return vals_list
        groups = self.env["coprod.group"].browse({vals["group_id"] for vals in todo})
        staff = {group.id: group for group in groups.sudo() if group.kind == "staff"}
        todo = [vals for vals in todo if vals["group_id"] in staff]
        if not todo:
            return vals_list
        employees = self.env["hr.employee"].sudo().search(
            [("work_contact_id", "in", [vals["partner_id"] for vals in todo])])
        for vals in todo:
            company = staff[vals["group_id"]].company_id
            found = employees.filtered(lambda e, v=vals: e.work_contact_id.id == v["partner_id"]
                                       and (not company or e.company_id == company))
            if len(found) == 1:
                vals["employee_id"] = found.id
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_except_has_history(self):
        attended = self.env["coprod.attendance"].search_count(
            [("membership_id", "in", self.ids)], limit=1
        )
        if attended:
            raise UserError(_(
                "This membership has meeting history, so it cannot be deleted. "
                "Set an end date instead: the history stays."
            ))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _change_role(self, role, day):
        """Give this person another role from `day`. The old membership ends the day
        before, so its history stays; a new one starts on `day`."""
        self.ensure_one()
        if self.date_start >= day:
            self.role = role
            return self
        date_end = self.date_end
        self.date_end = day - relativedelta(days=1)
        return self.copy({
            "role": role,
            "can_vote": role in VOTING_ROLES,
            "date_start": day,
            "date_end": date_end,
        })

    def action_end_today(self):
        """End these memberships today (yesterday for those that start today)."""
        today = fields.Date.context_today(self)
        for membership in self:
            if membership.date_end and membership.date_end <= today:
                continue
            membership.date_end = max(today, membership.date_start)
        return True
