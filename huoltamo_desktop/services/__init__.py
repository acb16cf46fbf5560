"""Use cases: each takes a Session and returns plain objects. No Qt here."""
