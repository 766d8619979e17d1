"""Ed25519 signing keys as plain values: generation, encryption at rest, JWKs (no Flask, no DB)."""

import base64
import secrets

# `cryptography` (about 7 MB) is imported by the functions that use it, when a credential
# is issued or checked, not in every web worker.

# A fixed label: a key derived for signing keys can never be confused with one for backups.
_HKDF_INFO = b"pathways open badges signing key encryption v1"


class KeyUnavailable(Exception):
    """The private key cannot be decrypted with the configured secret (it was changed)."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _fernet(secret: str):
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
        secret.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def new_kid() -> str:
    """Return a random key id: it says nothing about the organisation or when it was made."""
    return "key-" + secrets.token_hex(6)


def new_key_pair(secret: str) -> tuple[str, str]:
    """Return (encrypted private key, public key as base64url of its 32 raw bytes)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return encrypt_private(raw, secret), b64url(public)


def encrypt_private(raw: bytes, secret: str) -> str:
    return _fernet(secret).encrypt(raw).decode("ascii")


def decrypt_private(token: str, secret: str) -> bytes:
    """Return the raw private key; raise KeyUnavailable when the secret does not open it."""
    from cryptography.fernet import InvalidToken

    try:
        return _fernet(secret).decrypt(token.encode("ascii"))
    except (InvalidToken, ValueError) as error:
        raise KeyUnavailable("the signing key does not open with this secret") from error


def public_jwk(public_x: str, kid: str) -> dict:
    """Return the public key as a JSON Web Key (RFC 8037)."""
    return {"kty": "OKP", "crv": "Ed25519", "x": public_x, "kid": kid, "alg": "EdDSA", "use": "sig"}


def private_jwk(raw_private: bytes, public_x: str) -> dict:
    return {"kty": "OKP", "crv": "Ed25519", "x": public_x, "d": b64url(raw_private)}
