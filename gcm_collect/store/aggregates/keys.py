"""The register of trusted keys (a reviewer's) and the first signer of each submission."""

from __future__ import annotations

from collections.abc import Mapping

from gcm_collect.store import values
from gcm_collect.store.aggregates.base import StoreBase
from gcm_collect.store.records import (
    TrustedKey,
)


class KeysPart(StoreBase):
    def trust_key(self, key: TrustedKey) -> bool:
        """Add ``key`` (or replace its holder and States); True when it was new."""
        with self.atomic():
            known = self._conn.execute(
                "SELECT 1 FROM trusted_keys WHERE fingerprint = ?", (key.fingerprint,)
            ).fetchone()
            self._conn.execute(
                "INSERT INTO trusted_keys (fingerprint, public_key, officer, device_id, states, "
                "created, added_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO "
                "UPDATE SET officer = excluded.officer, device_id = excluded.device_id, "
                "states = excluded.states, added_at = excluded.added_at",
                (
                    key.fingerprint,
                    key.public_key,
                    key.officer,
                    key.device_id,
                    values.dumps(list(key.states)),
                    key.created,
                    key.added_at,
                ),
            )
        return known is None

    def trusted_keys(self) -> list[TrustedKey]:
        with self._guard():
            rows = self._conn.execute(
                "SELECT fingerprint, public_key, officer, device_id, states, created, added_at "
                "FROM trusted_keys ORDER BY officer, fingerprint"
            ).fetchall()
        return [
            TrustedKey(r[0], r[1], r[2], r[3], tuple(values.decode(r[4])), r[5], r[6]) for r in rows
        ]

    def submission_keys(self) -> dict[str, str]:
        """uuid -> the fingerprint of the key that first signed it, as consolidations saw."""
        with self._guard():
            rows = self._conn.execute("SELECT uuid, fingerprint FROM submission_keys").fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def bind_submission_keys(self, owners: Mapping[str, str]) -> int:
        """Remember the first signer of submissions not seen before; returns how many."""
        at = self.now()
        with self.atomic():
            before = self._conn.total_changes
            self._conn.executemany(
                "INSERT OR IGNORE INTO submission_keys (uuid, fingerprint, first_seen) "
                "VALUES (?, ?, ?)",
                [(uuid, fp, at) for uuid, fp in sorted(owners.items())],
            )
            return self._conn.total_changes - before

    def untrust_key(self, fingerprint: str) -> bool:
        """Remove the key; False when it was not in the register."""
        with self.atomic():
            cursor = self._conn.execute(
                "DELETE FROM trusted_keys WHERE fingerprint = ?", (fingerprint,)
            )
        return cursor.rowcount > 0
