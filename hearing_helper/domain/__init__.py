"""Domain model and validation of an assisted hearing. Pure Python: no Qt, no I/O."""
