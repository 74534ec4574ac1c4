"""Migrations for what people write from the app (actions, evaluations, coaching).

Registered on the same `migrations` as the import schema, after it: numbered
from 0010 so the importer's own migrations (0001-0009) keep their order.
"""

from __future__ import annotations

from floortui.store.schema import migrations  # noqa: F401 - registered on import
