from lms.certificates.codes import (
    ALPHABET,
    Eligibility,
    is_eligible,
    new_certificate_code,
    normalise_certificate_code,
)


def test_codes_are_long_random_and_not_sequential():
    codes = [new_certificate_code() for _ in range(300)]
    assert len(set(codes)) == 300
    for code in codes:
        raw = code.replace("-", "")
        assert len(raw) == 20 and set(raw) <= set(ALPHABET)
    assert sorted(codes) != codes  # not issued in order


def test_typed_codes_are_normalised():
    assert normalise_certificate_code(" k7qm rt4x9chd-wx3p 7mna ") == "K7QM-RT4X-9CHD-WX3P-7MNA"
    assert normalise_certificate_code("Ｋ７ＱＭ") == "K7QM"


def test_eligibility():
    assert is_eligible(Eligibility(True, True))
    assert not is_eligible(Eligibility(False, True))
    assert not is_eligible(Eligibility(True, False))
    assert not is_eligible(Eligibility(True, True, best_quiz_score=70, minimum_quiz_score=80))
    assert is_eligible(Eligibility(True, True, best_quiz_score=85, minimum_quiz_score=80))
    assert not is_eligible(Eligibility(True, True, best_quiz_score=None, minimum_quiz_score=80))
