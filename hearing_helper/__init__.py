"""Hearing Helper (庭审协助助手): the help-desk clerk's tool for assisted online court hearings."""

__version__ = "0.1.0"
APP_NAME = "HearingHelper"
APP_ORG = "HearingHelper"
