"""The reviewed content (YAML files and `locales/`), installed as the package `rueckenwind_data`.

No code lives here: this file only makes the folder a regular package, so that
`importlib.resources.files("rueckenwind_data")` finds it both in an installed wheel and in an
editable install. Read it through `dialogs.common.content.data_path`.
"""
