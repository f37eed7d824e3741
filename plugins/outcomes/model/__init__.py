"""The resolved roadmap: every reference checked, every derived figure computed."""
