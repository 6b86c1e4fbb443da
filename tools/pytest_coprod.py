"""pytest plugin for coprod's Odoo test cases (loaded by tools/test).

Odoo logs an error when its test framework is imported outside test mode, and
pytest-odoo and the test files import it before any test runs: import it here, once,
in test mode. pytest-odoo then sets test mode around each test module itself.
"""
from odoo.tools import config

_test_enable = config["test_enable"]
config["test_enable"] = True
try:
    import odoo.tests  # noqa: F401  pylint: disable=unused-import
finally:
    config["test_enable"] = _test_enable
