"""pytest plugin for coprod's Odoo test cases (loaded by tools/test).

Odoo logs an error when its test framework is imported outside test mode, which
pytest does while it collects these files: collect in test mode, then give the flag
back to pytest-odoo, which sets it around each test module.
"""
from odoo.tools import config

_test_enable = config["test_enable"]
config["test_enable"] = True


def pytest_collection_finish(session):
    config["test_enable"] = _test_enable
