"""Sending the SMS outbox: providers (providers/), the sender that claims and delivers
rows (sender.py, rows.py, with its promises in sender.py's docstring), delivery reports
(reports.py), pacing (pacing.py) and settings (config.py)."""
