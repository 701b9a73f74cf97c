"""One module per measure; each has run(suite) -> list of report.Row."""
