"""Headless commands, one module a capability; each has ``register(subparsers)``.

Registering only builds the parser: a command imports what it needs when it runs,
so opening the window does not pay for ReportLab or openpyxl.
"""
