"""The method's domain: models, vocabulary and rules. Pure: stdlib and pydantic only."""
