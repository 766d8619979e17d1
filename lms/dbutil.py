"""Create-if-missing that holds when identical requests arrive at the same moment.

A "look, then add" leaves a gap: two requests both find nothing, both insert, and the second
meets the unique constraint (an HTTP 500 for a double-tapped button). `INSERT … ON CONFLICT DO
NOTHING` closes the gap on both databases we support: the loser's insert waits for the winner,
then does nothing, and both read back the same row. No SAVEPOINT is needed, so it also behaves
the same under pysqlite's own transaction handling.
"""

from importlib import import_module

from lms.extensions import db


def _insert(dialect: str):
    """`insert` of `dialect` ("sqlite" or "postgresql"), imported when first asked: SQLAlchemy's
    PostgreSQL dialect is about 0.6-2 MB in every worker of a SQLite server otherwise."""
    if dialect not in ("sqlite", "postgresql"):
        raise KeyError(dialect)
    return import_module(f"sqlalchemy.dialects.{dialect}").insert


def insert_if_missing(model, keys: dict, values: dict | None = None) -> bool:
    """Insert a row of `model` unless one with `keys` (the columns of one of its unique
    constraints) exists already; return True when this call inserted it."""
    dialect = db.session.get_bind().dialect.name
    statement = (
        _insert(dialect)(model)
        .values(**keys, **(values or {}))
        .on_conflict_do_nothing(index_elements=list(keys))
        .returning(model.id)
    )
    return db.session.execute(statement).scalar() is not None


def ensure_row(model, keys: dict, values: dict | None = None):
    """Return (the one row of `model` with `keys`, whether this call created it).

    `values` fill the other columns of a new row only; an existing row is returned unchanged.
    """
    query = db.select(model).filter_by(**keys)
    found = db.session.scalar(query)
    if found is not None:
        return found, False
    created = insert_if_missing(model, keys, values)
    # Ours or the other request's: either way the row now exists and is committed or ours.
    return db.session.scalar(query.execution_options(populate_existing=True)), created


class PrebuiltStatementCache:
    """SQLAlchemy's cache of compiled statements (its `compiled_cache` execution option),
    finding a statement built once and kept (a module's constant) by identity.

    SQLAlchemy finds a statement's compiled SQL under the statement's cache key, a nested tuple
    of its whole structure, which it hashes again on every run: about ten microseconds for the
    statement that loads the signed-in member, a few for smaller ones, on every page. A kept
    statement keeps its key (SQLAlchemy memoises it), so the same key object means the same
    statement: that is looked up first, by `id()`, with the objects held so that an id is never
    reused while its entry lives. Any other statement (an equal one built again) is found by
    value as SQLAlchemy would, and compiled once. Both maps are bounded.
    """

    KEPT = 256

    def __init__(self):
        self._by_identity: dict[tuple, tuple] = {}
        self._by_value: dict[tuple, object] = {}

    @staticmethod
    def _identity(key: tuple) -> tuple:
        dialect, statement_key, *rest = key
        return (id(dialect), id(statement_key), *rest)

    def get(self, key: tuple):
        found = self._by_identity.get(self._identity(key))
        if found is not None and found[0] is key[0] and found[1] is key[1]:
            return found[2]
        compiled = self._by_value.get(key)
        if compiled is not None:
            self._keep_identity(key, compiled)
        return compiled

    def __setitem__(self, key: tuple, compiled) -> None:
        if len(self._by_value) >= self.KEPT:
            self._by_value.clear()
        self._by_value[key] = compiled
        self._keep_identity(key, compiled)

    def _keep_identity(self, key: tuple, compiled) -> None:
        if len(self._by_identity) >= self.KEPT:
            self._by_identity.clear()
        # The key's dialect and statement key are held, so their ids stay theirs.
        self._by_identity[self._identity(key)] = (key[0], key[1], compiled)


_KEPT_COMPILED = {"compiled_cache": PrebuiltStatementCache()}


def plain_rows(statement, parameters: dict | None = None):
    """Run a prebuilt select of plain columns on the session's connection and transaction.

    For the statements every page runs: the ORM's own handling of a statement costs more than
    the query, and rows of columns need no objects mapped from them. Their compiled SQL is
    found by identity (`PrebuiltStatementCache`).
    """
    return db.session.connection().execute(
        statement, parameters or {}, execution_options=_KEPT_COMPILED
    )


def dialect_name() -> str:
    """The database in use: "sqlite" or "postgresql"."""
    return db.session.get_bind().dialect.name


def insert_or_update(dialect: str, model, keys: list[str], values: dict, update):
    """Return INSERT … ON CONFLICT (`keys`) DO UPDATE for `dialect`: a row of `model` with
    `values` (all its columns, usually bind parameters), or when a row with the same `keys` (a
    unique constraint's columns) exists, that row changed by `update(new)`, a {column name: SQL
    expression} mapping where `new` is the offered row (`excluded`) and the model's columns
    are the existing row.

    One statement, atomic on both databases: identical requests at the same moment both
    succeed, and nothing loaded in the session is touched or expired. Build it once and keep
    it (making `excluded` copies every column of the table, slower than running it).
    """
    statement = _insert(dialect)(model).values(**values)
    return statement.on_conflict_do_update(index_elements=keys, set_=update(statement.excluded))


def one_at_a_time(model, row_id: int) -> None:
    """Hold one row's write lock until this transaction ends; call before checking a rule.

    For a rule no unique constraint can hold ("one certificate per course, unless revoked"):
    identical requests queue here, and each checks the rule only after the one before it has
    committed. A no-op UPDATE locks the row on PostgreSQL and takes the write lock on SQLite;
    in both, what the earlier request committed is then visible.
    """
    db.session.execute(
        db.update(model)
        .where(model.id == row_id)
        .values(id=model.id)
        .execution_options(synchronize_session=False)
    )
