"""Sending a desk's outbox to the court's central PostgreSQL: batches, the sender, backoff.

Pure Python (no Qt). The outbox lives in the desk's SQLite (``store/sqlite/outbox.py``), the
server-side merge in ``store/postgres/delivery.py``; this package moves batches between them.
"""
