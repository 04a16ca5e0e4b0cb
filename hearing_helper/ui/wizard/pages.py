"""The wizard's step pages in STEP_ORDER. Each feature replaces exactly one line here."""

from __future__ import annotations

from hearing_helper.services import AppServices
from hearing_helper.ui.checks import ChecksPage
from hearing_helper.ui.install import InstallPage
from hearing_helper.ui.join import JoinPage
from hearing_helper.ui.wizard.base import StepPage
from hearing_helper.ui.wizard.finish_page import FinishPage
from hearing_helper.ui.wizard.intake_page import IntakePage


def make_pages(services: AppServices) -> list[StepPage]:
    """One page per step, in STEP_ORDER (Intake, Device checks, App install, Join, Finish)."""
    return [
        IntakePage(services),
        ChecksPage(services),
        InstallPage(services),
        JoinPage(services),
        FinishPage(services),
    ]
