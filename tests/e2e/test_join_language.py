"""A new member whose phone speaks Chinese joins from an invitation and stays in Chinese."""

from playwright.sync_api import expect

from lms.accounts.models import User
from lms.extensions import db
from lms.orgs import services
from lms.orgs.models import Organisation

from .conftest import assert_accessible, screenshot, sign_in


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


def test_staff_choose_bengali_for_an_invitation_opened_in_an_english_browser(site, phone, new_page):
    sign_in(phone, site.url, "staff")
    phone.goto(site.url + "/staff/invitations")
    phone.get_by_label("The language their joining page starts in").select_option("bn")
    assert_accessible(phone, "invitation form with a language")
    phone.get_by_role("button", name="Make an invitation").click()
    code = phone.locator(".code-display").first.inner_text().strip()

    newcomer = new_page(locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    newcomer.goto(f"{site.url}/join?code={code}")
    expect(newcomer.locator("html")).to_have_attribute("lang", "bn")
    expect(newcomer.locator("select[name=locale]")).to_have_value("bn")
    assert_accessible(newcomer, "join in Bengali, as the inviter chose")
    screenshot(newcomer, "join-bn-chosen-phone")
    newcomer.locator("input[name=username]").fill("rahima")
    newcomer.locator("input[name=display_name]").fill("রহিমা")
    newcomer.locator("input[name=password]").fill("river boat monsoon light")
    newcomer.locator("input[name=confirm]").fill("river boat monsoon light")
    newcomer.locator('form[action="/join/account"][novalidate] button[type=submit]').click()
    expect(newcomer.get_by_role("heading", name="রহিমা", exact=False)).to_be_visible()
    expect(newcomer.locator("html")).to_have_attribute("lang", "bn")
    assert_accessible(newcomer, "first dashboard in Bengali")
    with site.app.app_context():
        assert db.session.scalar(db.select(User.locale).where(User.username == "rahima")) == "bn"
