"""Sources: discover what to fetch, fetch it into raw/, extract candidate rows from raw/ (no network)."""
