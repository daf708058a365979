"""GCM Collect: offline collection of State-level surveys of GCM practices."""

__version__ = "0.1.0"
