"""`build.py import`: statements as they arrive (plain texts, saved web pages, scraper output
as JSON Lines or CSV) into content/statements/, with what their source said kept apart from
what a curator writes, duplicates recognised and changed texts kept as versions.
"""
