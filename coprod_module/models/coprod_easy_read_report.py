from odoo import api, models

from .wkhtmltopdf import wkhtmltopdf_is_patched

# The easy-read papers (report/coprod_easy_read_reports.xml): each in easy read and
# in large print.
PAPERS = ("invitation", "agenda", "meeting_summary", "ballot_paper", "ballot_result",
          "values_poster", "you_said_we_did")


class CoprodPaperReport(models.AbstractModel):
    """Rendering values of an easy-read paper: the records, after checking that the
    user may read them (a paper never shows what its reader may not see)."""

    _name = "report.coprod.paper"
    _description = "Easy-read paper"

    @api.model
    def _get_report_values(self, docids, data=None):
        report = self.env["ir.actions.report"]._get_report(self._name.removeprefix("report."))
        docs = self.env[report.model].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": report.model,
            "docs": docs,
            "coprod_print_zoom": (data or {}).get("report_type") == "pdf" and not wkhtmltopdf_is_patched(),
        }


class CoprodEvidenceSummaryReport(models.AbstractModel):
    _name = "report.coprod.report_evidence_summary"
    _inherit = ["report.coprod.paper"]
    _description = "Easy-read summary of the evidence pack"


class CoprodEvidencePackReport(models.AbstractModel):
    _name = "report.coprod.report_evidence_pack"
    _inherit = ["report.coprod.paper"]
    _description = "Evidence pack"


for _paper in PAPERS:
    for _suffix in ("", "_large"):
        _report_name = f"coprod.report_{_paper}{_suffix}"
        type(f"CoprodPaperReport_{_paper}{_suffix}", (models.AbstractModel,), {
            "_name": f"report.{_report_name}",
            "_inherit": ["report.coprod.paper"],
            "_description": f"Easy-read paper {_paper}{_suffix}",
            "__module__": __name__,
        })
