"""./maplab report --pdf: a report's HTML printed to PDF by the system's Chromium.

nbconvert's WebPDFExporter (7.17) cannot be pointed at a browser binary: it calls Playwright's
launch() without an executable path, which looks for Playwright's own downloaded Chromium (or
downloads one with --allow-chromium-download). So the HTML that report.py already made is printed
here instead, with the same Playwright and Debian's Chromium (scripts/browser.py): the PDF shows
exactly what the HTML report shows, and the notebook runs once for both.

In the page, diagrams are SVG (nbconvert embeds them as data-URI images) and Chromium prints SVG
as vector paths and text, never as pixels; the template's print CSS (report-template/maplab-static) keeps cells and outputs from being cut
across pages where they fit on one. Nothing is fetched while printing: every request other than
the page's own data: URIs is aborted (a report is self-contained; report.py checks that too).
"""
import browser

# A4 with the margins of nbconvert's lab template (0.5 in); the footer shows the page number.
PAGE = {"format": "A4", "print_background": True, "display_header_footer": True,
        "header_template": "<span></span>",
        "footer_template": '<div style="font-size:8px;width:100%;text-align:center;color:#666">'
                           '<span class="title"></span> &middot; <span class="pageNumber"></span>'
                           ' / <span class="totalPages"></span></div>',
        "margin": {"top": "0.5in", "bottom": "0.6in", "left": "0.5in", "right": "0.5in"}}


class PdfPrinter:
    """One Chromium for a whole run, started at the first print and closed by close()."""

    def __init__(self):
        self._playwright = None
        self._browser = None

    def print(self, html):
        """The PDF (bytes) of a self-contained HTML page."""
        if self._browser is None:
            from playwright.sync_api import sync_playwright
            self._playwright = sync_playwright().start()
            self._browser = browser.launch(self._playwright)
        page = self._browser.new_page()
        try:
            page.route("**/*", lambda route: route.abort())
            page.set_content(html, wait_until="load")
            page.emulate_media(media="print")
            return page.pdf(**PAGE)
        finally:
            page.close()

    def close(self):
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None
