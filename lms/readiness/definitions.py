"""Check-in files in assessments/checkins/: read, validated with file and line, translations beside."""

from pathlib import Path

from lms.catalog.yamlfile import ContentError, Problem, parse_yaml

from .rules import CheckinDefinition, Item

FILE_TAGS = ("zh-Hans", "bn")


def _definition(data: dict, slug: str, base: CheckinDefinition | None = None) -> CheckinDefinition:
    if base is None:
        items = tuple(
            Item(i["id"], i["domain"], i["text"], bool(i.get("safety_signal")))
            for i in data["items"]
        )
        return CheckinDefinition(
            slug=slug,
            kind=data.get("kind", "readiness"),
            title=data["title"],
            purpose=data["purpose"],
            scale=tuple((s["value"], s["label"]) for s in data["scale"]),
            domains=tuple((d["id"], d["title"]) for d in data["domains"]),
            items=items,
            ready_from=data.get("ready_from"),
            instruction=data.get("instruction", ""),
            attribution=data.get("attribution", ""),
        )
    texts = {i["id"]: i["text"] for i in data["items"]}
    labels = {s["value"]: s["label"] for s in data["scale"]}
    domains = {d["id"]: d["title"] for d in data["domains"]}
    return CheckinDefinition(
        slug=slug,
        kind=base.kind,
        title=data["title"],
        purpose=data["purpose"],
        scale=tuple((value, labels[value]) for value, _ in base.scale),
        domains=tuple((d, domains[d]) for d, _ in base.domains),
        items=tuple(Item(i.id, i.domain, texts[i.id], i.safety_signal) for i in base.items),
        ready_from=base.ready_from,
        instruction=data.get("instruction", base.instruction),
        attribution=base.attribution,
        translation_note=data.get("translation_note", ""),
    )


def _check(data, lines, rel: str, base: CheckinDefinition | None) -> list[Problem]:
    problems = []

    def error(where, message):
        problems.append(Problem(rel, lines.of(*where), message))

    if not isinstance(data, dict):
        return [Problem(rel, 1, "expected a mapping of fields")]
    for key in ("title", "purpose"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            error((key,), f"missing field '{key}'")
    for key, fields in (
        ("scale", ("value", "label")),
        ("domains", ("id", "title")),
        ("items", ("id", "text")),
    ):
        entries = data.get(key)
        if not isinstance(entries, list) or not entries:
            error((key,), f"'{key}' must be a non-empty list")
            continue
        for position, entry in enumerate(entries):
            if not isinstance(entry, dict) or any(entry.get(f) in (None, "") for f in fields):
                error((key, position), f"each of '{key}' needs {' and '.join(fields)}")
    if problems:
        return problems
    if base is None:
        domains = {d["id"] for d in data["domains"]}
        ids = [i["id"] for i in data["items"]]
        if len(set(ids)) != len(ids):
            error(("items",), "duplicate item ids")
        for position, item in enumerate(data["items"]):
            if item.get("domain") not in domains:
                error(
                    ("items", position),
                    f"item '{item['id']}' has an unknown domain '{item.get('domain')}'",
                )
        values = [s["value"] for s in data["scale"]]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            error(("scale",), "scale values must be whole numbers")
    else:
        if [i["id"] for i in data["items"]] != [i.id for i in base.items]:
            error(("items",), "item ids differ from the original check-in")
        if sorted(s["value"] for s in data["scale"]) != sorted(v for v, _ in base.scale):
            error(("scale",), "scale values differ from the original check-in")
        if sorted(d["id"] for d in data["domains"]) != sorted(d for d, _ in base.domains):
            error(("domains",), "domain ids differ from the original check-in")
    return problems


def load_checkins(folder: Path | str, root: Path | str) -> tuple[dict, list[Problem]]:
    """Return {slug: CheckinDefinition} and every problem in assessments/checkins/."""
    folder, root = Path(folder), Path(root)
    found, problems = {}, []
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.glob("*.yaml")):
        if path.name.count(".") != 1:
            continue
        rel = str(path.relative_to(root))
        try:
            data, lines = parse_yaml(path.read_text(encoding="utf-8"), rel)
        except ContentError as error:
            problems.append(error.problem)
            continue
        found_problems = _check(data, lines, rel, None)
        problems.extend(found_problems)
        if found_problems:
            continue
        base = _definition(data, path.stem)
        translations = {}
        for tag in FILE_TAGS:
            tpath = path.with_name(f"{path.stem}.{tag}.yaml")
            if not tpath.exists():
                problems.append(
                    Problem(rel, 1, f"missing {tag} translation of this check-in", "warning")
                )
                continue
            trel = str(tpath.relative_to(root))
            try:
                tdata, tlines = parse_yaml(tpath.read_text(encoding="utf-8"), trel)
            except ContentError as error:
                problems.append(error.problem)
                continue
            tproblems = _check(tdata, tlines, trel, base)
            problems.extend(tproblems)
            if not tproblems:
                translations[tag] = _definition(tdata, path.stem, base)
        found[path.stem] = CheckinDefinition(**{**base.__dict__, "translations": translations})
    return found, problems


def to_data(definition: CheckinDefinition) -> dict:
    """Return a check-in definition as JSON-ready data (stored at sync)."""
    return {
        **{
            k: v
            for k, v in definition.__dict__.items()
            if k not in ("items", "translations", "scale", "domains")
        },
        "scale": [list(s) for s in definition.scale],
        "domains": [list(d) for d in definition.domains],
        "items": [item.__dict__ for item in definition.items],
        "translations": {tag: to_data(t) for tag, t in definition.translations.items()},
    }


def from_data(data: dict) -> CheckinDefinition:
    """Rebuild a check-in definition from to_data's output."""
    return CheckinDefinition(
        **{
            **{
                k: v
                for k, v in data.items()
                if k not in ("items", "translations", "scale", "domains")
            },
            "scale": tuple(tuple(s) for s in data["scale"]),
            "domains": tuple(tuple(d) for d in data["domains"]),
            "items": tuple(Item(**item) for item in data["items"]),
            "translations": {tag: from_data(t) for tag, t in data.get("translations", {}).items()},
        }
    )
