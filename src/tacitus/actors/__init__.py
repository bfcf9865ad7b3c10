"""Actors: a curated dictionary of conflict actors and the stage that resolves mentions to them."""
