"""What a reviewer believes about a workbook's signature, given their register of keys.

A workbook is *trusted* when its signature is valid and its key is in the register (or is
the reviewer's own); *unknown* when the signature is valid but the key is not registered;
*unsigned* or *invalid* otherwise. A trusted key may only vouch for the States it was
registered for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from gcm_collect.i18n import N_, _
from gcm_collect.workbook.signing import INVALID, SIGNED, UNSIGNED, Signature

TRUSTED, UNKNOWN = "trusted", "unknown"
# What each verdict is called on the Sources sheet, in the dialog and on the command line.
VERDICT_LABELS = {
    TRUSTED: N_("signed by a trusted key"),
    UNKNOWN: N_("signed by an unknown key"),
    UNSIGNED: N_("unsigned"),
    INVALID: N_("signature invalid"),
}


@dataclass(frozen=True)
class Holder:
    """A registered key's holder; ``states`` None: any State (the reviewer's own key)."""

    officer: str
    states: frozenset[str] | None


@dataclass(frozen=True)
class Verdict:
    status: str  # trusted, unknown, unsigned, invalid
    fingerprint: str = ""  # the signer's key, when the signature could be read
    holder: Holder | None = None

    @property
    def trusted(self) -> bool:
        return self.status == TRUSTED

    def may_sign_for(self, state: str) -> bool:
        return (
            self.trusted
            and self.holder is not None
            and (self.holder.states is None or state in self.holder.states)
        )

    def states_text(self) -> str:
        if self.holder is None or self.holder.states is None:
            return ""
        return ", ".join(sorted(self.holder.states))


@dataclass(frozen=True)
class Register:
    """Fingerprint -> holder: the keys a reviewer believes."""

    keys: Mapping[str, Holder] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(
        cls, entries: Iterable[tuple[str, str, Iterable[str]]], own: tuple[str, str] | None = None
    ) -> Register:
        """From (fingerprint, officer, States) entries; ``own`` (fingerprint, officer) is the
        reviewer's own key, believed for any State."""
        keys = {fp: Holder(officer, frozenset(states)) for fp, officer, states in entries}
        if own is not None:
            keys[own[0]] = Holder(own[1], None)
        return cls(MappingProxyType(keys))

    def judge(self, signature: Signature) -> Verdict:
        if signature.status != SIGNED or signature.signer is None:
            fp = signature.signer.fingerprint if signature.signer is not None else ""
            return Verdict(signature.status, fp)
        fp = signature.signer.fingerprint
        holder = self.keys.get(fp)
        return Verdict(TRUSTED if holder is not None else UNKNOWN, fp, holder)


def describe(verdict: Verdict, officer: str = "", tr: Callable[[str], str] = _) -> str:
    """``signed by a trusted key (Amina Diallo, FRA)``, ``unsigned`` ...: how a workbook is
    signed, with the name its signer gave (``officer``; the register's, when trusted) and the
    States the key is registered for (``tr``: the language)."""
    text = tr(VERDICT_LABELS[verdict.status])
    who = ", ".join(x for x in (officer, verdict.states_text()) if x)
    return f"{text} ({who})" if who and verdict.status in (TRUSTED, UNKNOWN) else text


def signer_name(verdict: Verdict | None, signature: Signature) -> str:
    """The signer's name as the reviewer knows it: the register's, else the one it gives."""
    if verdict is not None and verdict.holder is not None:
        return verdict.holder.officer
    return signature.signer.officer if signature.signer is not None else ""
