"""İş Zekası Portalı: the statistics of requests, places and units, the stationery
savings and the quarterly municipal report, with their exports (pure Python).

The views: general, places, units, savings, quarterly; filters and scope (who sees
what); export (Excel and CSV). Underneath: facts (the SQL over requests and
assignments), rollup (the per-period tables and their refresh), periods (a date range
cut into rollup periods and live days), reading, tally and unit_tally (rollups and live
rows added up) and buckets (duration histograms and percentiles).
"""
