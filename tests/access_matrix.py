"""Shared by the security tests: who may read, write, create and delete what, tried
for real as each kind of user, each attempt undone afterwards."""
from contextlib import contextmanager, suppress

from odoo.exceptions import AccessError

# the kinds of user, in the order of each row of rights ("rwcd" letters)
ROLES = ("portal", "employee", "member", "officer", "manager")
OPERATIONS = {"r": "read", "w": "write", "c": "create", "d": "unlink"}


class _Rollback(Exception):
    pass


class AccessMatrixMixin:
    """For a CoprodCase: its users by role, and the access matrix check."""

    @classmethod
    def _users_by_role(cls):
        return {
            "portal": cls.user_portal, "employee": cls.user_employee, "member": cls.user_coprod,
            "officer": cls.user_officer, "manager": cls.user_manager,
        }

    @contextmanager
    def _rolled_back(self):
        """Run a block, then undo it (also when it fails)."""
        with suppress(_Rollback), self.env.cr.savepoint():
            yield
            self.env.flush_all()
            raise _Rollback()

    def _allowed(self, operation):
        """True if ``operation`` runs, False if it raises AccessError (undone either way)."""
        try:
            with self._rolled_back():
                operation()
        except AccessError:
            return False
        return True

    def _visible(self, user, model, **context):
        env = self.env(user=user, context=dict(self.env.context, **context))
        return env[model].search([])

    def _check_access_matrix(self, access, cases):
        """``access``: per model, the rights of each role in ROLES' order (e.g. "rwcd");
        ``cases``: per model, the record to read and write, a field to read, values to
        create and write, and a factory of a record that may be deleted."""
        self.assertEqual(set(cases), set(access))
        for model, expected in access.items():
            record, field, create_vals, write_vals, spare = cases[model]
            for role, rights in zip(ROLES, expected):
                user = self.users_by_role[role]
                operations = {
                    "r": lambda r=record, f=field, u=user: self.assertTrue(
                        r.with_user(u).read([f])[0][f]),
                    "w": lambda r=record, v=write_vals, u=user: r.with_user(u).write(v),
                    "c": lambda m=model, v=create_vals, u=user: self.assertTrue(
                        self.env[m].with_user(u).create(v)),
                    "d": lambda s=spare, u=user: s().with_user(u).unlink(),
                }
                for op, operation in operations.items():
                    with self.subTest(model=model, role=role, operation=OPERATIONS[op]):
                        self.assertEqual(self._allowed(operation), op in rights,
                                         f"{role} {'may' if op in rights else 'may not'} "
                                         f"{OPERATIONS[op]} {model}")
