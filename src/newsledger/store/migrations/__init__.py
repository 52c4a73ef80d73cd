"""Alembic migrations of the store (``alembic upgrade head``, or automatically on first use)."""
