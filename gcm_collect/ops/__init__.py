"""One small function per user action, shared by the command line and the app.

Each calls the core and returns what changed, so the caller can report or refresh.
"""
