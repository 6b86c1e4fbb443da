import base64
import io
import re
import struct
import zlib
from collections import OrderedDict

import lxml.html

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from .wkhtmltopdf import wkhtmltopdf_is_patched


def _white_png(width, height):
    """A white RGB PNG of width x height pixels."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = (b"\x00" + b"\xff" * 3 * width) * height
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# Marks where each record's pages start in a PDF of several records (see
# _coprod_render_as_one_pdf): a white picture of a size no picture on a paper has,
# drawn at that size on the white page. A picture with no words in an untagged PDF is
# not read out by screen readers, nor copied or found with the paper's text, as text
# would be.
PAPER_MARKER_SIZE = (7, 3)
PAPER_MARKER_SRC = "data:image/png;base64," + base64.b64encode(_white_png(*PAPER_MARKER_SIZE)).decode()
# an XObject drawn by a page's content stream: /Name Do
PDF_DRAWN_XOBJECT = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+Do\b")
ARTICLE_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"


class IrActionsReport(models.Model):
    """coprod's papers printed for several records at once.

    Odoo gives wkhtmltopdf one input document a record. The wkhtmltopdf of Linux
    distributions (built on an unpatched Qt) refuses more than one: it writes nothing
    and exits with code 1, which Odoo takes for success, and the print fails on the
    empty file ("Cannot read an empty file"). On such a wkhtmltopdf, coprod's papers of
    several records are printed as ONE document (each record's article on new pages,
    one QWeb rendering, one wkhtmltopdf run), then cut into one PDF a record, as Odoo
    does with a patched wkhtmltopdf. Other reports, and any report on a patched
    wkhtmltopdf, are left to Odoo.
    """

    _inherit = "ir.actions.report"

    def _coprod_is_paper(self):
        """Whether this report is one of coprod's (report/*.xml)."""
        self.ensure_one()
        return (self.report_name or "").startswith("coprod.")

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        report_sudo = self._get_report(report_ref)
        if (wkhtmltopdf_is_patched() or not report_sudo._coprod_is_paper()
                or not res_ids or len(res_ids) < 2):
            return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        data = dict(data or {})
        data.setdefault("report_type", "pdf")
        data.setdefault("debug", False)
        has_duplicated_ids = len(res_ids) != len(set(res_ids))
        if (report_sudo.attachment and not has_duplicated_ids
                and not self.env.context.get("report_pdf_no_attachment")):
            # Each record saved as its own attachment (or read back from it): each
            # printed as Odoo prints one record.
            streams = OrderedDict()
            for res_id in res_ids:
                streams.update(super()._render_qweb_pdf_prepare_streams(
                    report_ref, dict(data), res_ids=[res_id]))
            return streams
        pdf, order = self._coprod_render_as_one_pdf(report_ref, res_ids, data)
        if pdf is None:  # no article: Odoo prints the page as one document
            return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        papers = {}
        if not has_duplicated_ids and sorted(order) == sorted(res_ids):
            papers = self._coprod_split_papers(pdf, order)
        if set(papers) == set(res_ids):
            return OrderedDict(
                (res_id, {"stream": io.BytesIO(papers[res_id]), "attachment": None})
                for res_id in res_ids)
        # Not one paper a record (a poster is one paper of all its records): the
        # whole PDF, as Odoo gives it when it cannot tell the records' pages apart.
        return OrderedDict({False: {"stream": io.BytesIO(pdf), "attachment": None}})

    def _run_wkhtmltopdf(self, bodies, report_ref=False, **kwargs):
        # An unpatched wkhtmltopdf makes no PDF at all of several input documents:
        # say so in plain words rather than fail on the empty file.
        if len(bodies) > 1 and report_ref and not wkhtmltopdf_is_patched():
            report = self._get_report(report_ref)
            if report._coprod_is_paper():
                raise UserError(_(
                    "This server cannot print \"%(paper)s\" for several records at once. "
                    "Print them one at a time, or ask your administrator to install "
                    "wkhtmltopdf with patched Qt.",
                    paper=report.name,
                ))
        return super()._run_wkhtmltopdf(bodies, report_ref=report_ref, **kwargs)

    @api.model
    def _coprod_render_papers(self, report_ref, res_ids, data):
        """Each record's paper from ONE QWeb rendering and ONE wkhtmltopdf run, cut
        into one PDF a record: {record id: PDF bytes}.

        Should the rendering not be one article a record, or the papers not be found
        in the PDF, the papers are rendered one by one.
        """
        pdf, order = self._coprod_render_as_one_pdf(report_ref, res_ids, data)
        papers = {}
        if pdf and sorted(order) == sorted(set(res_ids)):
            papers = self._coprod_split_papers(pdf, order)
        if set(papers) != set(res_ids):
            Report = self.with_context(debug=False)
            papers = {
                res_id: Report._render_qweb_pdf(report_ref, [res_id], data=dict(data))[0]
                for res_id in dict.fromkeys(res_ids)
            }
        return papers

    @api.model
    def _coprod_render_as_one_pdf(self, report_ref, res_ids, data):
        """The records' papers as ONE document, each starting on a new page with a
        marker picture in its h1, printed by one wkhtmltopdf run: (PDF bytes, the
        articles' record ids in order, 0 for an article without one), or (None, [])
        when the rendering has no article.
        """
        Report = self.with_context(debug=False)
        report = Report._get_report(report_ref)
        html = Report._render_qweb_html(report_ref, res_ids, data=dict(data, report_type="pdf"))[0]
        root = lxml.html.fromstring(html)
        articles = root.xpath(ARTICLE_XPATH)
        if not articles:
            return None, []
        order = [int(node.get("data-oe-id") or 0) for node in articles]
        combined = lxml.html.Element("div", {"class": "article", "data-oe-model": report.model})
        articles[0].addprevious(combined)
        for index, node in enumerate(articles):
            node.getparent().remove(node)
            classes = node.get("class", "").split()
            node.set("class", " ".join("o_coprod_paper" if c == "article" else c for c in classes))
            # in the heading: wkhtmltopdf leaves out what is placed before the page
            # at its own size (a wkhtmltopdf on patched Qt shrinks pictures drawn
            # smaller than their pixels), out of the heading's flow
            marker = lxml.html.Element("img", {
                "src": PAPER_MARKER_SRC, "alt": "",
                "style": "position: absolute; width: %dpx; height: %dpx; border: 0; "
                         "margin: 0; padding: 0;" % PAPER_MARKER_SIZE})
            (node.xpath(".//h1") or [node])[0].insert(0, marker)
            page = lxml.html.Element("div", style="page-break-before: always;" if index else "")
            page.append(node)
            combined.append(page)
        bodies, _ids, header, footer, args = report._prepare_html(
            lxml.html.tostring(root, encoding="unicode"), report_model=report.model)
        pdf = Report._run_wkhtmltopdf(
            bodies, report_ref=report_ref, header=header, footer=footer,
            specific_paperformat_args=args)
        return pdf, order

    @api.model
    def _coprod_split_papers(self, pdf, record_ids):
        """Split a PDF whose papers each start on a page with a marker picture:
        {record id: PDF bytes}, the papers being those of record_ids in order; {} if
        the markers are not one per record, the first on the first page."""
        reader = PdfFileReader(io.BytesIO(pdf))
        starts = [n for n, page in enumerate(reader.pages) if self._coprod_page_has_marker(page)]
        if len(starts) != len(record_ids) or starts[:1] != [0]:
            return {}
        papers = {}
        for record_id, start, end in zip(record_ids, starts, starts[1:] + [len(reader.pages)]):
            writer = PdfFileWriter()
            for page in reader.pages[start:end]:
                writer.add_page(page)
            stream = io.BytesIO()
            writer.write(stream)
            papers[record_id] = stream.getvalue()
        return papers

    @api.model
    def _coprod_page_has_marker(self, page):
        """Whether the page draws a picture of the marker's size."""
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        contents = page.get_contents()
        if xobjects is None or contents is None:
            return False
        xobjects = xobjects.get_object()
        for name in set(PDF_DRAWN_XOBJECT.findall(contents.get_data())):
            xobject = xobjects.get("/" + name.decode("latin-1"))
            xobject = xobject.get_object() if xobject is not None else None
            if (xobject is not None and xobject.get("/Subtype") == "/Image"
                    and (xobject.get("/Width"), xobject.get("/Height")) == PAPER_MARKER_SIZE):
                return True
        return False
