"""Tables, enums and pure rules. No Qt and no database session here."""
