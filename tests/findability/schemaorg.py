"""Check JSON-LD against the schema.org vocabulary, as generated into pydantic models by pydantic2-schemaorg."""

import importlib


def schema_type(name):
    """Return the model class of the schema.org type ``name``."""
    return getattr(importlib.import_module(f"pydantic2_schemaorg.{name}"), name)


def validate_schema_org(data):
    """Return ``data`` parsed into schema.org models; fail on an unknown type, an unknown property or a bad value.

    Nested objects are parsed first, by their own ``@type``: the generated models accept a sub-type only as an
    instance (a ScholarlyArticle where a CreativeWork is expected).
    """
    if isinstance(data, list):
        return [validate_schema_org(item) for item in data]
    if not isinstance(data, dict):
        return data
    model = schema_type(data["@type"])
    properties = {field.alias for field in model.__fields__.values()}
    unknown = set(data) - properties - {"@context"}
    if unknown:
        raise AssertionError(f"{data['@type']} has no properties {sorted(unknown)}")
    values = {key: validate_schema_org(value) for key, value in data.items() if key not in ("@context", "@type")}
    return model.parse_obj(values)
