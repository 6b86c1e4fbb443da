from odoo import api, models

# Communication needs are personal data: the fields that hold or show them are
# restricted to this group (and the managers, who imply it).
NEEDS_GROUP = "coprod.group_coprod_officer"


def _is_needs_field(field):
    return bool(field.groups) and NEEDS_GROUP in field.groups.split(",")


def check_needs_domain(model, domain):
    """Raise the AccessError of a read if ``domain`` tests a communication-needs field
    the user may not read, at any step of a path (``partner_id.coprod_need_ids``,
    ``user_ids.coprod_need_ids``) or inside an ``any`` condition."""
    for leaf in domain:
        if not isinstance(leaf, (list, tuple)) or len(leaf) != 3 or not isinstance(leaf[0], str):
            continue
        path, operator, value = leaf
        current = model
        for fname in path.split("."):
            field = current._fields.get(fname)
            if field is None:
                break
            if _is_needs_field(field):
                current.check_field_access_rights("read", [fname])
            if not field.relational:
                break
            current = current.env[field.comodel_name]
        else:
            if operator in ("any", "not any") and isinstance(value, (list, tuple)):
                check_needs_domain(current, value)


class CoprodSearchChecked(models.AbstractModel):
    """Records with communication-needs fields (``groups=`` officers).

    Odoo 18 checks a field's groups when it reads it, orders by it or compares its
    column, but not when a domain tests a many2many or a computed field, nor when
    grouping by a many2many: ``[("coprod_need_ids", "in", ids)]`` or a group-by on
    the needs would name the people who have them. Searching or grouping by such a
    field, directly or along a path, is therefore checked as reading it (as res.users
    does for its private fields). Code that must search by needs for a user who may
    not read them does it in sudo() and shows nothing personal.
    """

    _name = "coprod.search.checked"
    _description = "Needs fields checked when searched or grouped by"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if domain and not self.env.su:
            check_needs_domain(self, domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _read_group_groupby(self, groupby_spec, query):
        fname, __, __ = models.parse_read_group_spec(groupby_spec)
        field = self._fields.get(fname)
        if field is not None and _is_needs_field(field):
            self.check_field_access_rights("read", [fname])
        return super()._read_group_groupby(groupby_spec, query)
