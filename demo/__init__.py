"""Demo content: the five seed documents and the texts in ``texts/``, turned into published content.

A leaf app: it imports the feature apps, none imports it. Its commands are ``load_demo`` and ``demo_staff``.
"""
