"""The assistance wizard: step navigator and one page per step."""
