"""CLI commands beyond the core ones, one module per concern; each registers on `cli.app`."""
