"""`tradescreen` commands for scan (registered on cli.app)."""
