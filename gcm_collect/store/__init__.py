"""The durable local store: SQLite (WAL, synchronous=FULL), migrations, audit, backups.

All SQL of the application lives in this package; everything else calls ``Store``.
"""

from gcm_collect.store.records import AuditEntry, FormRecord, Submission, TrustedKey
from gcm_collect.store.repository import UNCHECKED, Store
from gcm_collect.store.schema import REGIONS, SCHEMA_VERSION, STATUSES

__all__ = [
    "REGIONS",
    "SCHEMA_VERSION",
    "STATUSES",
    "UNCHECKED",
    "AuditEntry",
    "FormRecord",
    "Store",
    "Submission",
    "TrustedKey",
]
