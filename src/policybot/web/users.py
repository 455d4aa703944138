"""People who may open the chat page: a users file of `name:hash` lines, hashed with scrypt.

scrypt comes with Python (hashlib), is memory-hard, and keeps its parameters in the hash,
so they can be raised later without breaking older lines. The file is re-read when it
changes, like the API keys file: adding or removing a person needs no restart.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import threading
from pathlib import Path

from policybot.errors import PolicybotError

# n=2**14, r=8, p=1: about 16 MB and 50 ms a check; enough to make guessing slow.
_N, _R, _P = 2**14, 8, 1
_NAME = re.compile(r"^[^\s:#]{1,64}$")


def hash_password(password: str, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$hash`, base64 without padding."""
    if not password:
        raise PolicybotError("mật khẩu trống / the password is empty")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = _unb64(digest)
        got = hashlib.scrypt(
            password.encode(),
            salt=_unb64(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise PolicybotError(
            f"tên đăng nhập không hợp lệ: {name!r} (không khoảng trắng, ':' hay '#') "
            f"/ invalid user name"
        )
    return name


class UserFile:
    """The users file; lines `name:scrypt$...`, `#` comments, re-read when it changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._users: dict[str, str] = {}
        self._mtime: float | None = None
        self._lock = threading.Lock()
        if not path.is_file():
            raise PolicybotError(f"users file {path} does not exist (policybot user add NAME)")
        self._reload()

    def _reload(self) -> None:
        try:
            mtime = self.path.stat().st_mtime
        except OSError:
            return  # a file being replaced keeps the users we had; it never opens the page
        if mtime == self._mtime:
            return
        with self._lock:
            self._users = read_users(self.path)
            self._mtime = mtime

    def users(self) -> dict[str, str]:
        self._reload()
        return dict(self._users)

    def check(self, name: str, password: str) -> bool:
        """A wrong name costs as much as a wrong password, so timing tells no names."""
        stored = self.users().get(name)
        if stored is None:
            verify_password(password, _dummy())
            return False
        return verify_password(password, stored)

    def has(self, name: str) -> bool:
        return name in self.users()


def read_users(path: Path) -> dict[str, str]:
    users: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" in line:
            name, _, stored = line.partition(":")
            users[name.strip()] = stored.strip()
    return users


def set_user(path: Path, name: str, password: str) -> bool:
    """Add or replace one person's line; True when the name was new. Other lines, comments
    included, are kept as they were."""
    check_name(name)
    line = f"{name}:{hash_password(password)}"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    new = True
    for i, old in enumerate(lines):
        if old.partition(":")[0].strip() == name and not old.lstrip().startswith("#"):
            lines[i] = line
            new = False
    if new:
        lines.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return new


def remove_user(path: Path, name: str) -> bool:
    if not path.exists():
        return False
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [
        ln for ln in lines if ln.partition(":")[0].strip() != name or ln.lstrip().startswith("#")
    ]
    if len(kept) == len(lines):
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(kept) + ("\n" if kept else ""), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return True


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


@functools.cache
def _dummy() -> str:
    return hash_password("policybot-no-such-user", salt=b"\0" * 16)
