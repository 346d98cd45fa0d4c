"""Reading articles: corpora on disk, page clutter, and generated test reports."""
