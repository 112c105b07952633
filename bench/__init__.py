"""Build benchmark: synthetic catalogs against the same pages in plain Material (python -m bench)."""
