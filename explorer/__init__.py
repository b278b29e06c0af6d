"""Kroniek: an offline timeline explorer of the Russian invasion of Ukraine."""

__version__ = "0.1.0"
