from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoprodStaffBoardAdd(models.TransientModel):
    """HR adds several employees (for example a whole department) to a staff board."""

    _name = "coprod.staff.board.add"
    _description = "Add employees to a staff board"

    group_id = fields.Many2one(
        "coprod.group", string="Board", required=True, domain="[('kind', '=', 'staff')]",
        default=lambda self: self.env.context.get("default_group_id"),
    )
    department_id = fields.Many2one(
        "hr.department",
        help="Choose a department to add everyone in it to the list of employees.",
    )
    employee_ids = fields.Many2many(
        "hr.employee", string="Employees",
        compute="_compute_employee_ids", store=True, readonly=False,
    )
    role = fields.Selection(
        [("member", "Member"), ("co_chair", "Co-chair"), ("observer", "Observer")],
        default="member", required=True,
    )
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    seat_warning = fields.Text(string="Seat warning", compute="_compute_seat_warning")

    @api.depends("department_id")
    def _compute_employee_ids(self):
        # the department's employees join those already chosen (in the employees' list)
        for wizard in self:
            if wizard.department_id:
                wizard.employee_ids |= self.env["hr.employee"].search(
                    [("department_id", "child_of", wizard.department_id.id)])

    @api.depends("group_id", "employee_ids")
    def _compute_seat_warning(self):
        for wizard in self:
            wizard.seat_warning = "\n".join(wizard._seat_problems())

    def _seat_problems(self):
        """One sentence per line of seats that the chosen employees would overfill:
        how many seats it has, how many are free, how many were chosen for it."""
        self.ensure_one()
        board = self.group_id.sudo()
        if not board.seat_ids or not self.employee_ids:
            return []
        already = board._current_memberships().employee_id
        joining = defaultdict(lambda: self.env["hr.employee"])
        for employee in self.employee_ids.sudo():
            if employee._origin not in already:
                seat = board._seat_for(employee)
                if seat:
                    joining[seat] |= employee
        problems = []
        for seat, employees in joining.items():
            free = seat.empty
            if len(employees) <= free:
                continue
            where = seat.department_id.name or seat.work_location_id.name
            problems.append(_(
                "%(where)s has %(seats)s on the board and %(free)s. You chose "
                "%(chosen)s for %(where)s: %(names)s. Take %(over)s off the list, or give "
                "%(where)s more seats (the board's Seats tab).",
                where=where,
                seats=_("1 seat") if seat.seats == 1 else _("%s seats", seat.seats),
                free=(_("none is free") if not free else _("1 is free") if free == 1
                      else _("%s are free", free)),
                chosen=(_("1 person") if len(employees) == 1
                        else _("%s people", len(employees))),
                names=", ".join(employees.mapped("name")),
                over=len(employees) - free,
            ))
        return problems

    def action_add(self):
        """Add the employees; those already on the board are left as they are."""
        self.ensure_one()
        if not self.employee_ids:
            raise UserError(_("Choose the employees (or a department) to add."))
        if self.group_id.kind != "staff":
            raise UserError(_("%(group)s is not a staff board.", group=self.group_id.name))
        employees = self.with_context(active_test=False).employee_ids
        archived = employees.filtered(lambda e: not e.active)
        if archived:
            raise UserError(_(
                "Only current employees can join: %(names)s archived. Take them off "
                "the list.", names=", ".join(archived.mapped("name"))))
        no_contact = employees.filtered(lambda e: not e.work_contact_id)
        if no_contact:
            raise UserError(_(
                "These employees have no linked contact: %(names)s. Open each employee "
                "and set their work contact first.", names=", ".join(no_contact.mapped("name"))))
        company = self.group_id.sudo().company_id
        elsewhere = employees - employees.filtered_domain(employees._check_company_domain(company))
        if elsewhere:
            raise UserError(_(
                "%(group)s is a staff board of %(company)s. These employees work for "
                "another company: %(names)s. Take them off the list.",
                group=self.group_id.name, company=company.name,
                names=", ".join(f"{e.name} ({e.company_id.name})" for e in elsewhere)))
        problems = self._seat_problems()
        if problems:
            raise UserError(_("There are not enough seats. Nobody was added.") + "\n\n"
                            + "\n\n".join(problems))
        memberships = self.env["coprod.membership"]
        already = memberships.search([
            ("group_id", "=", self.group_id.id),
            ("partner_id", "in", employees.work_contact_id.ids),
            "|", ("date_end", "=", False), ("date_end", ">=", self.date_start),
        ]).partner_id
        to_add = employees.filtered(lambda e: e.work_contact_id not in already)
        memberships.create([
            {"group_id": self.group_id.id, "employee_id": employee.id, "role": self.role,
             "date_start": self.date_start}
            for employee in to_add
        ])
        if not to_add:
            message = _("Nobody was added to %(group)s.", group=self.group_id.name)
        elif len(to_add) == 1:
            message = _("1 employee added to %(group)s: %(name)s.",
                        group=self.group_id.name, name=to_add.name)
        else:
            message = _("%(count)s employees added to %(group)s.",
                        count=len(to_add), group=self.group_id.name)
        skipped = employees - to_add
        if skipped:
            message += " " + _("Already on the board: %(names)s.", names=", ".join(skipped.mapped("name")))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                # a message that names people stays until it is closed: no hurry to read it
                "sticky": bool(skipped),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
