"""Analyst review: accept, edit or reject claims and events, merge or split incidents, with an audit trail.

Reviewed values are stored beside the machine rows (migration 0003), keyed by a stable key of the record,
so a re-extraction that rewrites the machine rows never overwrites them; see docs/api.md.
"""

from tacitus.review.keys import RecordRef, parse_ref, review_key
from tacitus.review.service import ReviewError, ReviewService

__all__ = ["RecordRef", "ReviewError", "ReviewService", "parse_ref", "review_key"]
