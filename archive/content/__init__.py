"""Reading the project: statement files, people.yaml, site settings and curated files, strictly."""
