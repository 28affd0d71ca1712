"""A throw-away content type, built as docs/architecture.md "Adding a content type" says.

Installed by tests/settings.py only; tests/architecture/test_content_type_walkthrough.py registers it
(content_types.py) and its admin for the length of a test, so no other test sees it.
"""
