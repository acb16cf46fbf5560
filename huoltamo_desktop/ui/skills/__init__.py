"""Skill mapping: the matrix, analyses, catalogue, role profiles, future needs and cards."""
