"""`KINDS`: every question kind by the name quiz files use, and `HOOKS`, what each module holds.

The package docstring (`lms/questions/__init__.py`) describes each hook. Pure.
"""

from . import matching, multiple_choice, ordering, short_text, single_choice, true_false

HOOKS = (
    "NAME",
    "TEMPLATE",
    "parse",
    "shape",
    "grade",
    "feedback",
    "also_accept",
    "translation_gap",
    "ask",
    "read",
)

# In the order quiz authors are told about them.
KINDS = {
    kind.NAME: kind
    for kind in (single_choice, multiple_choice, true_false, short_text, matching, ordering)
}
