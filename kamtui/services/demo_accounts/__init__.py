"""Data tables of the demo accounts; kamtui.services.demo_content builds models from them."""

from kamtui.services.demo_accounts import auto, bank, grid, telecom
from kamtui.services.demo_accounts.spec import AccountSpec

ACCOUNTS: tuple[AccountSpec, ...] = (telecom.SPEC, grid.SPEC, bank.SPEC, auto.SPEC)

__all__ = ["ACCOUNTS", "AccountSpec"]
