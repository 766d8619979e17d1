"""Test helpers for Open Badges: the bundled 1EdTech schema, and a verifier independent of joserfc.

The app signs with joserfc; these tests check every signature with `cryptography`'s Ed25519
directly over the JWS signing input (RFC 7515 §5.2), so a bug in how joserfc is called (or in
joserfc) cannot hide behind the same library verifying its own output.
"""

import base64
import json
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft201909Validator

SCHEMA_FILE = Path(__file__).parent / "fixtures" / "ob3" / "achievementcredential-schema.json"
SCHEMA = Draft201909Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def independent_verify(token: str, public_x: str) -> tuple[dict, dict]:
    """Return (header, payload) when the Ed25519 signature holds; raise InvalidSignature if not."""
    header_b64, payload_b64, signature_b64 = token.split(".")
    header = json.loads(_b64(header_b64))
    if header.get("alg") != "EdDSA":
        raise InvalidSignature("unexpected alg")
    key = Ed25519PublicKey.from_public_bytes(_b64(public_x))
    key.verify(_b64(signature_b64), f"{header_b64}.{payload_b64}".encode("ascii"))
    return header, json.loads(_b64(payload_b64))


def schema_errors(credential: dict) -> list[str]:
    return [error.message for error in SCHEMA.iter_errors(credential)]
