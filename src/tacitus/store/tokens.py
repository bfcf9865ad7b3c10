"""API bearer tokens: created once, shown once, stored only as a SHA-256 hash.

Why hashes: a copy of the database (handed to a colleague, opened in datasette) must not hand out write
access. The secret is ``secrets.token_urlsafe(32)`` (256 bits), so a plain SHA-256 is enough: there is
nothing to brute-force the way there is with a password.

Both backends (SQLite and PostgreSQL), through :mod:`tacitus.store.sql`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING, Literal

from tacitus.errors import StoreError
from tacitus.model import Record
from tacitus.store.sql import access

if TYPE_CHECKING:
    from tacitus.store.sql import SqlRepository

Role = Literal["reader", "analyst", "admin"]
ROLES: tuple[Role, ...] = ("reader", "analyst", "admin")
#: What each role may do; a role can do everything the roles before it can.
ROLE_RANK: dict[str, int] = {role: rank for rank, role in enumerate(ROLES)}


class TokenInfo(Record):
    """A token as listed: never the secret, which exists only in the creator's hands."""

    id: int
    name: str
    role: Role
    created_at: str
    revoked_at: str | None = None


def hash_token(secret: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(repo: SqlRepository, name: str, role: str) -> tuple[TokenInfo, str]:
    """Create a token; returns its info and the secret (shown once, never stored)."""
    if role not in ROLE_RANK:
        raise StoreError(f"role must be one of {list(ROLES)}, not {role!r}")
    if not name.strip():
        raise StoreError("a token needs a name (who or what uses it), e.g. --name alice")
    secret = secrets.token_urlsafe(32)
    now = repo.now()
    with access(repo).transaction("create_token") as conn:
        if conn.one("SELECT 1 AS found FROM api_tokens WHERE name = ?", (name,)) is not None:
            raise StoreError(f"a token named {name!r} exists; revoke it first or choose another name")
        row = conn.one(
            "INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
            (name, role, hash_token(secret), now),
        )
    if row is None:
        raise StoreError("the database did not return an id for the new token")
    info = TokenInfo.model_validate({"id": row["id"], "name": name, "role": role, "created_at": now})
    return info, secret


def list_tokens(repo: SqlRepository) -> list[TokenInfo]:
    """Every token, revoked ones included (with their revocation time)."""
    rows = access(repo).rows("SELECT id, name, role, created_at, revoked_at FROM api_tokens ORDER BY id")
    return [TokenInfo.model_validate(row) for row in rows]


def revoke_token(repo: SqlRepository, name: str) -> bool:
    """Revoke a token by name; False when no live token has that name."""
    with access(repo).transaction("revoke_token") as conn:
        changed = conn.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
            (repo.now(), name),
        )
    return changed > 0


def verify_token(repo: SqlRepository, secret: str) -> TokenInfo | None:
    """The live token with this secret, or None (unknown or revoked)."""
    digest = hash_token(secret)
    row = access(repo).one(
        "SELECT id, name, role, created_at, revoked_at, token_hash FROM api_tokens"
        " WHERE token_hash = ? AND revoked_at IS NULL",
        (digest,),
    )
    if row is None or not hmac.compare_digest(row["token_hash"], digest):
        return None
    return TokenInfo.model_validate({k: row[k] for k in ("id", "name", "role", "created_at", "revoked_at")})
