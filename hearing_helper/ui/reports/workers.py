"""Moved to :mod:`hearing_helper.ui.background`; this name stays only until the branches that
import it from here are merged (then their import lines change and this file goes)."""

from hearing_helper.ui.background import RUNNING, Task, TaskSignals, start_task

__all__ = ["RUNNING", "Task", "TaskSignals", "start_task"]
