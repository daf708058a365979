"""Reference data files (a package so that the wheel includes them)."""
