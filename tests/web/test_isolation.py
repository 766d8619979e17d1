"""The test fixtures themselves: each test starts from empty tables, whatever earlier tests
committed; a `real_database` test really commits."""

import pytest
from sqlalchemy.exc import IntegrityError

from lms.extensions import db
from lms.orgs.models import Organisation


def _rows_in_every_table() -> dict[str, int]:
    return {
        table.name: db.session.scalar(db.select(db.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


@pytest.mark.parametrize("attempt", [1, 2])
def test_committed_rows_are_gone_by_the_next_test(app, attempt):
    assert set(_rows_in_every_table().values()) == {0}
    db.session.add(Organisation(name=f"Committed by attempt {attempt}"))
    db.session.commit()  # released into the test's outer transaction, rolled back afterwards
    assert _rows_in_every_table()["organisations"] == 1


def test_a_failed_write_rolls_back_only_itself(app, world):
    db.session.add(Organisation(name=None))  # NOT NULL: the database refuses
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(Organisation, world.org.id).name == "Harbour Group"


@pytest.mark.real_database
def test_a_real_database_test_commits_for_real(app):
    assert set(_rows_in_every_table().values()) == {0}
    db.session.add(Organisation(name="Kept"))
    db.session.commit()
    with db.engine.connect() as other:  # a connection of its own sees the commit
        count = other.scalar(db.select(db.func.count(Organisation.id)))
    assert count == 1
