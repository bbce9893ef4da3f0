"""Pieces shared by the muhtar portal and the staff portal."""
