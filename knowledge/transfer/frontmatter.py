"""A Markdown file's YAML header ("front matter") with the line of every key.

::

    ---
    type: remontee-de-terrain
    title: Ce que le diagnostic m'a appris
    theme: [sante-mentale, participation-des-habitants]
    ---
    Le corps du texte, en Markdown.

The header sits between a first line ``---`` and the next line ``---`` (or ``...``). Lines are
counted from 1 in the file, so that every error can point to the line to fix: the YAML parser
gives the position of its own errors, and the composed YAML tree the line of each key and of
each list item. libyaml is used when PyYAML was built with it (it is on most platforms).
"""

from dataclasses import dataclass, field

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

FENCE = "---"
CLOSING = {"---", "..."}
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(Exception):
    def __init__(self, line, message):
        super().__init__(message)
        self.line, self.message = line, message


@dataclass
class FrontMatter:
    data: dict
    body: str
    body_line: int  # the file line where the body starts
    key_lines: dict = field(default_factory=dict)  # key → line of the key
    item_lines: dict = field(default_factory=dict)  # key → [line of each list item]

    def line_of(self, key, index=None):
        """The line of ``key`` (of its ``index``-th item for a list), or 1 when it is absent."""
        if index is not None and index < len(self.item_lines.get(key, ())):
            return self.item_lines[key][index]
        return self.key_lines.get(key, 1)


def parse(text):
    """``text`` (a whole file) → :class:`FrontMatter`, or :class:`FrontMatterError`."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise FrontMatterError(1, _("en-tête YAML absent : la première ligne doit être « --- »."))
    closing = next(
        (number for number in range(1, len(lines)) if lines[number].rstrip() in CLOSING), None
    )
    if closing is None:
        raise FrontMatterError(1, _("en-tête YAML non fermé : une ligne « --- » doit le terminer."))
    header = "\n".join(lines[1:closing])
    # The header's first line is the file's line 2.
    data, key_lines, item_lines = _load(header, first_line=2)
    return FrontMatter(
        data=data,
        body="\n".join(lines[closing + 1 :]),
        body_line=closing + 2,
        key_lines=key_lines,
        item_lines=item_lines,
    )


# The parser's most frequent complaints, in French; any other is shown as the parser says it.
YAML_PROBLEMS = {
    "did not find expected ',' or ']'": _lazy(
        "« , » ou « ] » attendu (liste entre crochets non fermée ?)"
    ),
    "did not find expected ',' or '}'": _lazy("« , » ou « } » attendu (accolade non fermée ?)"),
    "mapping values are not allowed here": _lazy(
        "« : » inattendu ici (une valeur qui contient « : » doit être entre guillemets)"
    ),
    "could not find expected ':'": _lazy("« : » attendu après la clé"),
    "found character '\\t' that cannot start any token": _lazy(
        "tabulation interdite : indentez avec des espaces"
    ),
    "found unexpected end of stream": _lazy("fin de l'en-tête inattendue (guillemet non fermé ?)"),
    "did not find expected key": _lazy("clé attendue (indentation incohérente ?)"),
    "did not find expected '-' indicator": _lazy("« - » attendu (liste mal indentée ?)"),
    "found undefined alias": _lazy(
        "alias YAML inconnu (« * » en début de valeur : mettez-la entre guillemets)"
    ),
}


def _located(error, first_line, header):
    """(file line, French message) of a YAML error: where the parser stopped, within the
    header, and where the construct it was reading began when that is another line."""
    last_line = first_line + max(0, header.count("\n"))
    problem_mark, context_mark = error.problem_mark, error.context_mark
    mark = problem_mark or context_mark
    line = min(last_line, first_line + mark.line) if mark else first_line
    problem = (error.problem or error.context or str(error)).strip()
    problem = str(YAML_PROBLEMS[problem]) if problem in YAML_PROBLEMS else problem
    message = _("YAML invalide : %s.") % problem
    if context_mark is not None and problem_mark is not None:
        started = first_line + context_mark.line
        if started != line:
            message = _("YAML invalide : %(problem)s (commencé ligne %(line)d).") % {
                "problem": problem,
                "line": started,
            }
    return line, message


def _load(header, first_line):
    loader = Loader(header)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        raise FrontMatterError(*_located(error, first_line, header)) from error
    except yaml.YAMLError as error:
        raise FrontMatterError(first_line, _("YAML invalide : %s.") % error) from error
    finally:
        loader.dispose()
    if node is None:
        return {}, {}, {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            first_line,
            _("l'en-tête YAML doit être une liste de « clé: valeur », une par ligne."),
        )
    key_lines, item_lines = {}, {}
    for key_node, value_node in node.value:
        key = key_node.value
        line = first_line + key_node.start_mark.line
        if key in key_lines:
            raise FrontMatterError(
                line,
                _("clé « %(key)s » en double (déjà ligne %(line)d).")
                % {"key": key, "line": key_lines[key]},
            )
        key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [first_line + item.start_mark.line for item in value_node.value]
    return data, key_lines, item_lines
