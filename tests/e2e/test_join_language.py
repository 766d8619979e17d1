"""A new member whose phone speaks Chinese joins from an invitation and stays in Chinese."""

from playwright.sync_api import expect

from lms.accounts.models import User
from lms.extensions import db
from lms.orgs import services
from lms.orgs.models import Organisation

from .conftest import assert_accessible, screenshot


def _invitation_code(site) -> str:
    with site.app.app_context():
        org = db.session.scalar(db.select(Organisation))
        staff = db.session.scalar(db.select(User).where(User.username == "staff"))
        _invitation, code = services.create_invitation(org.id, "learner", staff.id, 7)
        db.session.commit()
        return code


def test_an_invitation_in_a_chinese_browser(site, new_page):
    code = _invitation_code(site)
    phone = new_page(locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    phone.goto(f"{site.url}/join?code={code}")
    expect(phone.locator("html")).to_have_attribute("lang", "zh-Hans")
    language = phone.locator("select[name=locale]")
    expect(language).to_have_value("zh_Hans")  # the page's language, not English
    assert_accessible(phone, "join in Chinese")
    screenshot(phone, "join-zh-phone")
    phone.locator("input[name=username]").fill("lin")
    phone.locator("input[name=display_name]").fill("林")
    phone.locator("input[name=password]").fill("lantern harbour evening")
    phone.locator("input[name=confirm]").fill("lantern harbour evening")
    phone.get_by_role("button", name="创建我的账号").click()
    expect(phone.get_by_role("heading", name="你好，林")).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert_accessible(phone, "first dashboard in Chinese")
    with site.app.app_context():
        assert db.session.scalar(db.select(User.locale).where(User.username == "lin")) == "zh_Hans"
