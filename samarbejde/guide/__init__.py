"""The guide as the program reads it: the content file validated into a frozen `Guide`, the UI
texts, and pydantic's errors as Danish fault keys."""
