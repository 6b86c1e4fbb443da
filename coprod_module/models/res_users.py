from odoo import models


class ResUsers(models.Model):
    """A user's contact fields are theirs too (``_inherits``): their communication
    needs are searched and grouped by as carefully as on the contact."""

    _name = "res.users"
    _inherit = ["res.users", "coprod.search.checked"]
