"""Translation markers usable from Qt-free code.

Core modules return codes; the English source texts they map to are marked with
``QT_TRANSLATE_NOOP(context, text)`` so that ``pyside6-lupdate`` extracts them, while this module
keeps the core free of Qt. The UI translates with ``QCoreApplication.translate(context, text)``.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return ``text`` unchanged; the call only marks it for extraction."""
    del context
    return text
