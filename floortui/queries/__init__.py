"""What the screens and the CLI ask of the store, answered in one read transaction each.

The one layer that may use both `store` (SQL) and `domain` (pure logic): screens
never import `store`, the domain never imports `store`, and each answer here is
read in one snapshot of the database so a list and its count always agree.
"""
