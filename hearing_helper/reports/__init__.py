"""Supervisor reports: aggregation for a period and filters, and the CSV/XLSX/PDF exporters.

Everything here is plain Python except ``reports/pdf*.py``, which paint with Qt.
"""
