"""Settings: any JSON value under a key (the officer's name, the device id ...)."""

from __future__ import annotations

from typing import Any

from gcm_collect.store import values
from gcm_collect.store.aggregates.base import StoreBase
from gcm_collect.store.ids import new_uuid

_DEVICE_KEY = "device_id"


class SettingsPart(StoreBase):
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._guard():
            row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else values.decode(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON-compatible value under ``key``."""
        text = values.dumps(value)
        with self.atomic():
            self._conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    def _ensure_device_id(self) -> str:
        device_id = self.get_setting(_DEVICE_KEY)
        if device_id is None:
            device_id = new_uuid()
            self.set_setting(_DEVICE_KEY, device_id)
        return device_id
