"""Tacitus."""
