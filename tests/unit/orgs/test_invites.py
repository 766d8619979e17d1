from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lms.orgs.invites import (
    CODE_ALPHABET,
    CodeState,
    code_status,
    hash_code,
    new_code,
    normalise_code,
    outranks,
    roles_inviter_may_grant,
)

NOW = datetime(2026, 11, 25, 12, 0)


def test_codes_are_random_grouped_and_unambiguous():
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(CODE_ALPHABET)
        assert not set("0O1IL5S2Z") & set("".join(groups))


def test_typed_codes_are_forgiving():
    assert normalise_code(" k7qm rt4x-9chd ") == "K7QMRT4X9CHD"
    assert normalise_code("Ｋ７ＱＭ") == "K7QM"  # full-width, as a Chinese keyboard may type
    assert hash_code("k7qm-rt4x-9chd") == hash_code("K7QMRT4X9CHD")


@given(st.text(max_size=50))
def test_normalise_never_fails(text):
    assert normalise_code(text).isalnum() or normalise_code(text) == ""


def test_code_status():
    future = NOW + timedelta(days=1)
    assert code_status(CodeState(future), NOW) == "valid"
    assert code_status(CodeState(NOW), NOW) == "expired"
    assert code_status(CodeState(future, used_at=NOW), NOW) == "used"
    assert code_status(CodeState(future, revoked_at=NOW), NOW) == "revoked"
    # A used code stays "used" after expiry: the most useful word for the person.
    assert code_status(CodeState(NOW - timedelta(days=1), used_at=NOW), NOW) == "used"


def test_only_admins_invite_staff_or_admins():
    assert roles_inviter_may_grant("admin") == ("learner", "mentor", "staff", "admin")
    assert roles_inviter_may_grant("staff") == ("learner", "mentor")
    assert roles_inviter_may_grant("mentor") == ()
    assert roles_inviter_may_grant("learner") == ()


def test_outranks():
    assert outranks("admin", "staff")
    assert outranks("staff", "staff")
    assert not outranks("staff", "admin")
