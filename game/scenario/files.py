"""Reading a file a player, a student or a mod handed over: only a regular file, only so big.

Every file the game reads from outside its own code (scenarios, mods, pictures, saves, result
files) goes through `read_regular_file`. A named pipe (FIFO), a device such as /dev/zero, a
socket or a folder is refused before a byte is read, so nothing can hang the game or fill its
memory; a file over the limit is refused from its size, and the read itself stops one byte past
the limit in case the file grows meanwhile. A refusal is a `FileRefused`, an OSError whose
`strerror` is a sentence to show.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path


class FileRefused(OSError):
    """The file was not read: not a regular file, or over the size limit. str(e) and
    e.strerror say why, in words a player can act on."""

    def __init__(self, path: str | Path, why: str):
        super().__init__(errno.EINVAL, why, str(path))

    def __str__(self) -> str:
        return self.strerror or "refused"


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in a player's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def not_regular(path: str | Path, mode: int) -> FileRefused:
    return FileRefused(path, f"it is {kind_of(mode)}, not an ordinary file; the game reads only ordinary files")


def too_big(path: str | Path, size: int, limit: int) -> FileRefused:
    return FileRefused(path, f"it is {size:,} bytes, over the {_size(limit)} limit for this kind of file")


def _size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n // 1000} kB" if n >= 1000 else f"{n} bytes"


def check_regular(path: str | Path) -> os.stat_result:
    """The file's stat (links followed); FileRefused when it is not a regular file, OSError
    when it cannot be reached."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(path, st.st_mode)
    return st


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of an ordinary file of at most `limit` bytes.

    Raises FileRefused for anything else (a FIFO, a device, a folder, a file too big) and
    OSError when it cannot be opened or read. Never blocks on a FIFO and never reads more than
    limit + 1 bytes."""
    st = check_regular(path)
    if st.st_size > limit:
        raise too_big(path, st.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)  # what was opened, in case the name was swapped after the check
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(path, st.st_mode)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise too_big(path, len(data), limit)
    return data


# Characters a terminal acts on instead of showing: C0 controls (escape, bell, backspace,
# carriage return...), DEL and C1 controls, and the invisible or direction-changing ones.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_UNSAFE = re.compile(f"[{_CONTROLS}]")
_UNSAFE_ONE_LINE = re.compile(f"[\t\n{_CONTROLS}]")


def printable(text: object, one_line: bool = False) -> str:
    """Text from a file (a save's label, a team's name, a file name) made safe to print on a
    terminal: escape codes and other control characters are shown as \\x1b, \\u202e... instead
    of being acted on. Line breaks and tabs are kept unless one_line."""
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_escape, str(text))


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
