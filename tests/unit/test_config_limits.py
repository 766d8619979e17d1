"""Configuration for sign-in limits behind a proxy: trusted proxy count and shared limit storage."""

import pytest

from lms.config import ConfigError, build_config


def test_no_proxy_is_trusted_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("LMS_PROXY_COUNT", raising=False)
    assert build_config(tmp_path, {"LMS_ENV": "testing"})["LMS_PROXY_COUNT"] == 0


def test_proxy_count_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_PROXY_COUNT", "1")
    assert build_config(tmp_path, {"LMS_ENV": "testing"})["LMS_PROXY_COUNT"] == 1


@pytest.mark.parametrize("value", ["-1", "one"])
def test_a_wrong_proxy_count_refuses_to_start(monkeypatch, tmp_path, value):
    monkeypatch.setenv("LMS_PROXY_COUNT", value)
    with pytest.raises(ConfigError):
        build_config(tmp_path, {"LMS_ENV": "testing"})


def test_limit_storage_is_in_memory_unless_a_shared_store_is_given(monkeypatch, tmp_path):
    monkeypatch.delenv("LMS_RATELIMIT_STORAGE_URI", raising=False)
    assert build_config(tmp_path, {"LMS_ENV": "testing"})["RATELIMIT_STORAGE_URI"] == "memory://"
    monkeypatch.setenv("LMS_RATELIMIT_STORAGE_URI", "redis://localhost:6379/0")
    config = build_config(tmp_path, {"LMS_ENV": "testing"})
    assert config["RATELIMIT_STORAGE_URI"] == "redis://localhost:6379/0"


def test_sign_in_limits_per_account_from_everywhere_sit_far_above_one_address(tmp_path):
    config = build_config(tmp_path, {"LMS_ENV": "testing"})
    assert config["SIGN_IN_LIMITS"] == "5 per minute;20 per hour"
    assert config["SIGN_IN_ADDRESS_LIMITS"] == "30 per minute;300 per hour"
    assert config["SIGN_IN_ACCOUNT_LIMITS"] == "100 per hour"
