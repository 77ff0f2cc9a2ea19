"""Moving the Boussole's content in and out, for the three transfer commands.

- ``boussole_export`` / ``boussole_import``: the whole content in one archive
  (:mod:`knowledge.transfer.archive` for the file, :mod:`~knowledge.transfer.exporter` and
  :mod:`~knowledge.transfer.importer` for its content, :mod:`~knowledge.transfer.references` for
  the ids that change on the way);
- ``boussole_import_markdown``: drafts written as Markdown files with a YAML header
  (:mod:`~knowledge.transfer.markdown_import`, its front matter in
  :mod:`~knowledge.transfer.frontmatter`, its rich text in :mod:`~knowledge.transfer.richtext`,
  its bulk writes in :mod:`~knowledge.transfer.bulk`).

The commands only parse their arguments and print; everything else lives here. Nothing here
imports the search app: the commands rebuild the search index through its own command.
"""
