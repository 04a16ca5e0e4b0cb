"""Supervisor reports: aggregation for a period and filters, and the CSV/XLSX/PDF exporters.

Everything here is plain Python; the PDF summary is painted with Qt in ``ui/pdf/`` and handed to
:func:`~hearing_helper.reports.export.export_log` as its ``write_pdf``.
"""
