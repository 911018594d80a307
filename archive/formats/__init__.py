"""File formats made from the archive: feeds, exports, citations and link previews."""
