import functools
import subprocess

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

# Without the patched Qt that Odoo recommends (the wkhtmltopdf of Linux
# distributions), wkhtmltopdf shrinks every page to about 0.77 of its size, whatever
# its --zoom and --dpi: an 18pt body would print at 14pt. Easy-read papers need their
# real size, so on such a wkhtmltopdf they zoom themselves back in CSS
# (.o_coprod_print_zoom in static/src/scss/coprod_report.scss).


@functools.cache
def wkhtmltopdf_is_patched():
    try:
        out = subprocess.run([_get_wkhtmltopdf_bin(), "--version"], capture_output=True,
                             check=False, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return True
    return b"patched qt" in out.lower()
