"""The schema version this program writes: the number of migrations in `migrations`.

Kept apart so that opening a current workspace needs neither the migrations nor sqlite-utils
(`migrations` checks at import that the two agree).
"""

SCHEMA_VERSION = 10
