"""Roles speak the member's language: titles and descriptions from roles.<tag>.yaml."""

from lms.accounts.models import User
from lms.extensions import db


def set_locale(world, name, locale):
    db.session.get(User, world.users[name].id).locale = locale
    db.session.commit()


def test_a_chinese_learner_sees_the_roles_in_chinese(client, auth, world, synced):
    set_locale(world, "learner", "zh_Hans")
    auth.sign_in("learner")
    page = client.get("/roles").get_data(as_text=True)
    assert "同伴支持者" in page and "一线救援志愿者" in page
    assert "一对一地倾听另一位幸存者。" in page
    assert "Peer supporter" not in page and "Frontline rescue volunteer" not in page
    detail = client.get("/roles/peer-supporter").get_data(as_text=True)
    assert "同伴支持者" in detail and "你永远不需要讲自己的经历。" in detail
    assert "Listening to another survivor" not in detail


def test_a_language_without_role_translations_falls_back_to_english(client, auth, world, synced):
    set_locale(world, "learner", "bn")
    auth.sign_in("learner")
    page = client.get("/roles").get_data(as_text=True)
    assert "Peer supporter" in page and "同伴支持者" not in page
