"""`outcomes diff`: what a change to the roadmap changes, between two git revisions."""
