"""People from contact files (`kamtui people import`, the map's `i`): CRM exports, address
books and spreadsheets into an account's people and departments.

readers (CSV, spreadsheets) and vcards turn a file into a table; presets and mapping say which
column gives which field and check each row; plan decides, person by person, what importing
would do; apply writes it in one transaction; words says it all in English and 中文.
"""
