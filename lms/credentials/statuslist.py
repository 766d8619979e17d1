"""W3C Bitstring Status List: the compressed list of revoked indexes (no Flask, no DB)."""

import gzip
import secrets
from collections.abc import Iterable

from .keys import b64url, b64url_decode

# 131,072 bits (16 KB): the minimum the standard advises, so one list hides any one learner
# among many possible positions, and fetching it tells the issuer nothing about who is checked.
SIZE = 131_072


class BadList(Exception):
    """The encoded list is not gzip + base64url of a whole number of bytes."""


def encode(revoked: Iterable[int], size: int = SIZE) -> str:
    """Return the multibase (u + base64url, no padding) gzip of the bitstring; bit 0 is leftmost."""
    bits = bytearray(size // 8)
    for index in revoked:
        if not 0 <= index < size:
            raise ValueError(f"index {index} is outside the list")
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + b64url(gzip.compress(bytes(bits), mtime=0))


def decode(encoded: str) -> bytes:
    """Return the bitstring; accept it with or without the multibase 'u' prefix."""
    text = encoded[1:] if encoded.startswith("u") else encoded
    try:
        return gzip.decompress(b64url_decode(text))
    except (ValueError, OSError, EOFError) as error:
        raise BadList("not a gzip, base64url bitstring") from error


def is_set(bits: bytes, index: int) -> bool:
    """Return True when the bit at `index` is 1 (revoked); raise IndexError outside the list."""
    if not 0 <= index < len(bits) * 8:
        raise IndexError(index)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def random_free_index(used: set[int], size: int = SIZE) -> int:
    """Return a random index nobody holds yet: never sequential, so it tells nothing of others."""
    if len(used) >= size:
        raise ValueError("the status list is full")
    while True:
        index = secrets.randbelow(size)
        if index not in used:
            return index
