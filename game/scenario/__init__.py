"""Scenario files: the format (schema), loading with line numbers, and finding scenarios."""
