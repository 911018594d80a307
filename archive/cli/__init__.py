"""The command line: build, serve, check, extract and import, and the link checker."""
