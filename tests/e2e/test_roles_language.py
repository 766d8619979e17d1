"""A Chinese-reading learner meets the roles in Chinese, on a 360 px phone, with and without JS."""

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot, sign_in


def test_a_chinese_learner_reads_the_roles_in_chinese(site, phone):
    sign_in(phone, site.url, "learner")
    phone.goto(site.url + "/roles")
    phone.get_by_role("button", name="中文").click()
    phone.goto(site.url + "/roles")
    expect(phone.get_by_role("link", name="同伴支持者")).to_be_visible()
    expect(phone.get_by_role("link", name="一线救援志愿者")).to_be_visible()
    expect(phone.get_by_text("Peer supporter")).to_have_count(0)
    assert_accessible(phone, "roles in Chinese")
    phone.get_by_role("link", name="同伴支持者").click()
    expect(phone.get_by_text("你永远不需要讲自己的经历。")).to_be_visible()
    assert_accessible(phone, "role in Chinese")
    screenshot(phone, "role-zh-phone")


def test_roles_in_chinese_without_javascript(site, phone_no_js):
    page = phone_no_js
    sign_in(page, site.url, "learner")
    page.goto(site.url + "/roles")
    page.get_by_role("button", name="中文").click()
    page.goto(site.url + "/roles/rescue-volunteer")
    expect(page.get_by_text("一线救援志愿者").first).to_be_visible()
    assert_accessible(page, "role in Chinese without JS")
