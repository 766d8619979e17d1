"""Authorisation rows for Open Badge credentials (see test_authz.py).

A badge is only its learner's: staff issue and revoke certificates, but the badge, with the
learner's choices about name and title, is the learner's own ("not found" for everyone else).
The issuer profiles, status lists and /verify/credential are public (PUBLIC, ELSEWHERE there).
"""


def OBJECTS(world):  # noqa: N802 (the name test_authz.py looks for)
    return {}  # the learner's issued certificate comes from test_authz.objects


PAGES = [("/certificates/{certificate}/badge", ["learner"])]

ACTIONS = [("/certificates/{certificate}/badge", ["learner"], {"title_choice": "public"})]
