docs:
	mkdocs build
