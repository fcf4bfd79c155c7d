"""Pages of the commitments app, one module per audience: the public, authors, group leaders, organisers."""
