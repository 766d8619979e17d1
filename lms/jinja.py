"""The Jinja environment Pathways draws its pages with: Flask's, with plain globals (speed)."""

from flask.templating import Environment


class PagesEnvironment(Environment):
    """Flask's Jinja environment, whose templates share its globals dictionary.

    Jinja gives each template a ChainMap of the template's own globals over the environment's,
    so that a template's globals never change the environment's. Pathways gives no template
    globals of its own, and the ChainMap costs on every page: Jinja copies it into each page's
    context name by name (about ten microseconds a page), and each `{% from ... import ... %}`
    compares it with the page's globals name by name (about fourteen microseconds an import;
    sixty templates import form macros). A template loaded without globals of its own shares
    the environment's dictionary instead, which also sees globals added later, as the ChainMap
    did. Globals given with a template (`get_template(name, globals=...)`) are refused: on a
    shared dictionary they would become everyone's.
    """

    def make_globals(self, d):
        _refuse(d)
        return self.globals

    # A template already loaded would take given globals without make_globals.
    def get_template(self, name, parent=None, globals=None):
        _refuse(globals)
        return super().get_template(name, parent)

    def select_template(self, names, parent=None, globals=None):
        _refuse(globals)
        return super().select_template(names, parent)


def _refuse(template_globals) -> None:
    if template_globals:
        raise ValueError("Pathways templates take no globals of their own (lms/jinja.py)")
