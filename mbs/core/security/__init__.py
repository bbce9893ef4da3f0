"""Passwords, and later other security helpers of the staff login."""
