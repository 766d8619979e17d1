"""Prebuilt statements find their compiled SQL by identity (lms.dbutil.PrebuiltStatementCache),
on SQLite and PostgreSQL alike: the same rows as SQLAlchemy's own cache, compiled once, an
equal statement built again still found, and the cache bounded."""

from lms.accounts.models import User
from lms.dbutil import PrebuiltStatementCache, plain_rows
from lms.extensions import db


def _names_statement():
    return db.select(User.username).where(User.id == db.bindparam("user_id"))


def _run(statement, cache, user_id):
    return db.session.connection().execute(
        statement, {"user_id": user_id}, execution_options={"compiled_cache": cache}
    )


def test_a_kept_statement_is_compiled_once_and_gives_the_same_rows(app, world):
    learner = world.users["learner"]
    staff = world.users["staff"]
    statement = _names_statement()
    cache = PrebuiltStatementCache()
    first = _run(statement, cache, learner.id)
    assert first.context.cache_hit == db.engine.dialect.CACHE_MISS
    assert first.scalars().all() == [learner.username]
    again = _run(statement, cache, staff.id)
    assert again.context.cache_hit == db.engine.dialect.CACHE_HIT
    assert again.context.compiled is first.context.compiled
    # Bound values are this run's, not the first one's.
    assert again.scalars().all() == [staff.username]


def test_an_equal_statement_built_again_is_found_by_value(app, world):
    learner = world.users["learner"]
    cache = PrebuiltStatementCache()
    first = _run(_names_statement(), cache, learner.id)
    rebuilt = _run(_names_statement(), cache, learner.id)
    assert rebuilt.context.cache_hit == db.engine.dialect.CACHE_HIT
    assert rebuilt.context.compiled is first.context.compiled
    assert rebuilt.scalars().all() == [learner.username]


def test_a_different_statement_is_never_given_another_ones_sql(app, world):
    learner = world.users["learner"]
    cache = PrebuiltStatementCache()
    _run(_names_statement(), cache, learner.id).all()
    other = db.select(User.display_name).where(User.id == db.bindparam("user_id"))
    assert _run(other, cache, learner.id).scalars().all() == [learner.display_name]


def test_the_cache_stays_bounded(app, world, monkeypatch):
    monkeypatch.setattr(PrebuiltStatementCache, "KEPT", 3)
    cache = PrebuiltStatementCache()
    learner = world.users["learner"]
    for limit in range(1, 8):
        rows = _run(_names_statement().limit(limit), cache, learner.id).scalars().all()
        assert rows == [learner.username]
        assert len(cache._by_value) <= 3 and len(cache._by_identity) <= 3


def test_plain_rows_uses_the_identity_cache(app, world):
    learner = world.users["learner"]
    statement = _names_statement()
    plain_rows(statement, {"user_id": learner.id}).all()
    result = plain_rows(statement, {"user_id": learner.id})
    assert result.context.cache_hit == db.engine.dialect.CACHE_HIT
    assert result.context.execution_options["compiled_cache"].__class__ is PrebuiltStatementCache
    assert result.scalars().all() == [learner.username]
