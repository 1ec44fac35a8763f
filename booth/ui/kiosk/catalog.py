"""Transitional: the catalog moved to booth.ui.common.catalog (the operator panel reads it too); booth.app
still imports it from here until the wiring's move lands. Delete with that import."""

from booth.ui.common.catalog import Catalog

__all__ = ["Catalog"]
