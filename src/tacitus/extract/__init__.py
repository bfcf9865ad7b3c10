"""Extraction from parsed text: quotes, claims (counts with hedges), modality and events."""
