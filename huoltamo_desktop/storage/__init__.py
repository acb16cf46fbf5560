"""Engine and sessions, SQLite pragmas, Alembic migrations and backups."""
