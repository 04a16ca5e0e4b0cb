"""Screens of visits (issue 13): visit kind and earlier visits at intake, the preparation outcome
with the recommended way to join, the follow-up list, and the litigant's own rating."""
