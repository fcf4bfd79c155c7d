"""The outcomes: commitments, the published commitment document and the live results."""
