"""Reading, validating and rendering module sources (see ``modules/content/README.md``)."""
