"""The method's rules as pure functions (method.md §1–§6), one module per layer or concern.

Import from the modules themselves (`kamtui.domain.rules.org`, `.key`, …): this package
imports nothing, so a light module (e.g. `.dated` for the portfolio) does not pull in the
pydantic models that others need.
"""
