"""Migrations are history: a database upgraded before a revision was edited still ends up with
the schema the models describe, because the fix came as a new revision."""

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import create_engine, inspect

from tests.web.migrated import _migrated_template, migrated_url, upgrade  # noqa: F401 (fixtures)


def _columns(url: str, table: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        names = {column["name"] for column in inspect(connection).get_columns(table)}
    engine.dispose()
    return names


def test_a_database_built_before_held_back_category_gets_it(migrated_url):  # noqa: F811
    # Revision 96054fdc160f gained mentor_notes.held_back_category after it had landed; a
    # database upgraded to it before that edit has every other column but this one.
    url = migrated_url("before_held_back_category", migrate=False)
    upgrade(url, "96054fdc160f")
    engine = create_engine(url)
    with engine.begin() as connection:
        with Operations(MigrationContext.configure(connection)).batch_alter_table(
            "mentor_notes"
        ) as batch:
            batch.drop_column("held_back_category")
    engine.dispose()
    assert "held_back_category" not in _columns(url, "mentor_notes")

    upgrade(url)

    assert "held_back_category" in _columns(url, "mentor_notes")


def test_a_database_that_has_the_column_upgrades_without_error(migrated_url):  # noqa: F811
    # Built after the edit: 96054fdc160f made the column, the new revision leaves it be.
    url = migrated_url("with_held_back_category", migrate=False)
    upgrade(url, "96054fdc160f")
    assert "held_back_category" in _columns(url, "mentor_notes")

    upgrade(url)

    assert "held_back_category" in _columns(url, "mentor_notes")
