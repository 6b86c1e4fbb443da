from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoprodGroupSeat(models.Model):
    """Seats on a staff group for one department or one work location, so that the
    board represents the whole workforce. The group shows which seats are empty."""

    _name = "coprod.group.seat"
    _description = "Seats for a department or work location"
    _order = "group_id, id"
    _check_company_auto = True

    group_id = fields.Many2one("coprod.group", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="group_id.company_id", store=True, index=True)
    department_id = fields.Many2one("hr.department", ondelete="restrict", check_company=True)
    work_location_id = fields.Many2one("hr.work.location", string="Work location",
        ondelete="restrict", check_company=True)
    seats = fields.Integer(default=1, required=True)
    member_employee_ids = fields.Many2many(
        "hr.employee", compute="_compute_filled", string="On the board",
    )
    filled = fields.Integer(compute="_compute_filled")
    empty = fields.Integer(compute="_compute_filled")
    over = fields.Integer(
        compute="_compute_filled", string="Too many",
        help="How many more people than seats are on the board for this line.")

    _sql_constraints = [
        ("seats_positive", "CHECK (seats > 0)", "A seat line needs at least one seat."),
    ]

    @api.depends("group_id.membership_ids", "department_id", "work_location_id", "seats")
    @api.depends_context("date")
    def _compute_filled(self):
        memberships = self.group_id.sudo()._current_memberships().filtered("employee_id")
        for seat in self:
            employees = memberships.filtered(lambda m, s=seat: m.group_id == s.group_id).employee_id
            # each member fills one seat: their department's line, else their place's
            seat.member_employee_ids = employees.filtered(
                lambda e, s=seat: s.group_id._seat_for(e) == s)
            seat.filled = len(seat.member_employee_ids)
            seat.empty = max(seat.seats - seat.filled, 0)
            seat.over = max(seat.filled - seat.seats, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_seats_value(vals)
        return super().create(vals_list)

    def write(self, vals):
        for seat in self:
            seat._check_seats_value(vals)
        return super().write(vals)

    def _check_seats_value(self, vals):
        """At least one seat on a line (the database refuses fewer): say so in plain
        words, naming the department or place, before the database does."""
        if "seats" not in vals or (vals["seats"] or 0) > 0:
            return
        department = self.env["hr.department"].browse(vals.get("department_id") or [])
        place = self.env["hr.work.location"].browse(vals.get("work_location_id") or [])
        where = (department or place or self.department_id or self.work_location_id).sudo()
        raise ValidationError(_(
            "%(where)s needs at least one seat on the board (you gave %(seats)s). "
            "To give it no seats, delete its line.",
            where=where.name or _("Each line"), seats=vals["seats"] or 0,
        ))

    @api.model
    def _unlink_except_seats(self, records, field):
        """Departments and work locations with seats on a board are kept: say which
        boards, and what to do, before the database refuses."""
        seats = self.sudo().search([(field, "in", records.ids)])
        if seats:
            raise UserError(_(
                "%(name)s has seats on %(boards)s. Remove its line of seats from the "
                "board first, or archive it instead.",
                name=seats[0][field].name,
                boards=", ".join(seats.group_id.mapped("name")),
            ))

    def _holds(self, employee):
        """Does this seat line stand for the employee (their department or place)?"""
        self.ensure_one()
        if self.department_id:
            return employee.department_id == self.department_id
        return employee.work_location_id == self.work_location_id

    @api.constrains("department_id", "work_location_id", "group_id")
    def _check_one_kind(self):
        for seat in self:
            if bool(seat.department_id) == bool(seat.work_location_id):
                raise ValidationError(_(
                    "Each line of seats is for one department or one work location: "
                    "choose one of the two."))

    def _compute_display_name(self):
        for seat in self:
            where = seat.department_id.name or seat.work_location_id.name or ""
            seat.display_name = _("%(where)s: %(seats)s seats", where=where, seats=seat.seats)
