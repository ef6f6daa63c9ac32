"""A minimal Compound File Binary writer (MS-CFB version 3, 512-byte sectors), for building test
fixtures only: Outlook .msg files are compound files, and no permissively licensed Python library
writes them.

``write_cfb(tree)`` takes a tree of names: a ``bytes`` value is a stream, a ``dict`` a storage. The
output is deterministic (no timestamps, no CLSIDs) and laid out as: regular streams, the mini
stream, the MiniFAT, the directory, then the FAT, whose sector numbers sit in the header's DIFAT
(up to 109 FAT sectors, about 7 MB of file: plenty for a fixture).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096  # streams shorter than this live in the mini stream
ENTRIES_PER_SECTOR = SECTOR // 4  # FAT and MiniFAT entries are 32-bit sector numbers

MAXREGSECT = 0xFFFFFFFA
FATSECT = 0xFFFFFFFD
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
NOSTREAM = 0xFFFFFFFF

STORAGE, STREAM, ROOT = 1, 2, 5
BLACK = 1

Tree = dict[str, "bytes | Tree"]


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN
    size: int = 0


def _key(name: str) -> tuple[int, str]:
    # MS-CFB 2.6.4: a shorter name sorts first; names of one length compare upper-cased.
    return (len(name), name.upper())


def _build(name: str, node: bytes | Tree, kind: int) -> _Entry:
    if len(name) > 31 or not name or any(c in name for c in "/\\:!"):
        raise ValueError(f"bad compound-file name: {name!r}")
    if isinstance(node, bytes):
        return _Entry(name, STREAM, data=node)
    entry = _Entry(name, kind, start=0)  # a storage's start and size are zero (MS-CFB 2.6.3)
    entry.children = [_build(k, v, STORAGE) for k, v in node.items()]
    keys = [_key(c.name) for c in entry.children]
    if len(set(keys)) != len(keys):
        raise ValueError(f"two entries in {name!r} have the same name (names compare case-blind)")
    return entry


def _number(entry: _Entry, order: list[_Entry]) -> None:
    """Give every entry its directory index, parents before children."""
    entry.sid = len(order)
    order.append(entry)
    for child in entry.children:
        _number(child, order)


def _link(entry: _Entry) -> None:
    """Hang each storage's children on a balanced binary search tree (all black: MS-CFB allows a
    red-black tree with every node black)."""

    def subtree(items: list[_Entry]) -> int:
        if not items:
            return NOSTREAM
        mid = len(items) // 2
        items[mid].left = subtree(items[:mid])
        items[mid].right = subtree(items[mid + 1 :])
        return items[mid].sid

    entry.child = subtree(sorted(entry.children, key=lambda c: _key(c.name)))
    for child in entry.children:
        _link(child)


def _chain(table: list[int], start: int, count: int) -> None:
    """Mark ``count`` consecutive sectors from ``start`` as one chain in a FAT or MiniFAT."""
    for i in range(count):
        table[start + i] = start + i + 1 if i < count - 1 else ENDOFCHAIN


def _pad(data: bytes, size: int) -> bytes:
    return data + b"\0" * (-len(data) % size)


def _dir_entry(e: _Entry | None) -> bytes:
    if e is None:  # an unused slot: empty name, type 0, no links
        return b"\0" * 64 + struct.pack("<HBBIII", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM) + b"\0" * 52
    name = e.name.encode("utf-16-le") + b"\0\0"
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(name), e.kind, BLACK, e.left, e.right, e.child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times: none, so the bytes are reproducible
        + struct.pack("<IQ", e.start, e.size)
    )


def write_cfb(tree: Tree) -> bytes:
    """The compound file holding ``tree`` (streams as bytes, storages as dicts)."""
    root = _build("Root Entry", tree, ROOT)
    order: list[_Entry] = []
    _number(root, order)
    _link(root)
    streams = [e for e in order if e.kind == STREAM]

    # Small streams go into the mini stream, 64 bytes a mini sector, chained in the MiniFAT.
    mini = bytearray()
    minifat: list[int] = []
    for e in streams:
        e.size = len(e.data)
        if 0 < e.size < MINI_CUTOFF:
            e.start = len(minifat)
            count = -(-e.size // MINI_SECTOR)
            minifat.extend([FREESECT] * count)
            _chain(minifat, e.start, count)
            mini += _pad(e.data, MINI_SECTOR)

    # Regular sectors in file order: big streams, the mini stream, the MiniFAT, the directory.
    body = bytearray()
    fat: list[int] = []

    def place(data: bytes) -> int:
        if not data:
            return ENDOFCHAIN
        start, count = len(fat), -(-len(data) // SECTOR)
        fat.extend([FREESECT] * count)
        _chain(fat, start, count)
        body.extend(_pad(data, SECTOR))
        return start

    for e in streams:
        if e.size >= MINI_CUTOFF:
            e.start = place(e.data)
    root.start, root.size = place(bytes(mini)), len(mini)
    minifat += [FREESECT] * (-len(minifat) % ENTRIES_PER_SECTOR)  # unused slots are free
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    minifat_start, minifat_count = place(minifat_bytes), len(minifat_bytes) // SECTOR
    slots: list[_Entry | None] = [*order, *[None] * (-len(order) % (SECTOR // 128))]
    dir_start = place(b"".join(_dir_entry(e) for e in slots))

    # The FAT covers every sector, its own included.
    fat_count = 1
    while len(fat) + fat_count > fat_count * ENTRIES_PER_SECTOR:
        fat_count += 1
    if fat_count > 109:
        raise ValueError("too big for a header-only DIFAT (109 FAT sectors)")
    fat_sectors = list(range(len(fat), len(fat) + fat_count))
    fat.extend([FATSECT] * fat_count)
    fat.extend([FREESECT] * (fat_count * ENTRIES_PER_SECTOR - len(fat)))
    if len(fat) - 1 > MAXREGSECT:
        raise ValueError("too many sectors")
    body += struct.pack(f"<{len(fat)}I", *fat)

    difat = fat_sectors + [FREESECT] * (109 - fat_count)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16  # header CLSID
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)  # minor, major 3, byte order, shifts
        + b"\0" * 6
        + struct.pack("<IIII", 0, fat_count, dir_start, 0)  # no directory-sector count in version 3
        + struct.pack("<IIIII", MINI_CUTOFF, minifat_start, minifat_count, ENDOFCHAIN, 0)
        + struct.pack("<109I", *difat)
    )
    assert len(header) == SECTOR
    return header + bytes(body)
