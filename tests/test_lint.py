"""The addon passes pylint with the pylint-odoo plugin (see .pylintrc)."""
import os
import subprocess
import sys
import unittest

ADDON = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class TestLint(unittest.TestCase):
    def test_pylint_odoo_reports_nothing(self):
        """pylint-odoo (18.0 checks, pylint errors) finds no message in the addon."""
        result = subprocess.run(
            [sys.executable, "-m", "pylint", f"--rcfile={ADDON}/.pylintrc",
             "--disable=no-member", os.path.basename(ADDON)],
            cwd=os.path.dirname(ADDON),
            capture_output=True, text=True, timeout=600, check=False,
        )
        self.assertEqual(
            result.returncode, 0,
            f"pylint-odoo found problems:\n{result.stdout}\n{result.stderr[-2000:]}",
        )
