"""Server-rendered pages (Chinese UI), one module per area, over the same services as the API."""

from fastapi import APIRouter, Depends, Request

from ipops.web.auth import OptionalUser, SignedIn
from ipops.web.pages import account, custody, home, imports, indicators, patents, quality, search, wall
from ipops.web.pages import finance as finance_pages
from ipops.web.pages import market as market_pages
from ipops.web.pages import valuation as valuation_pages


def _user_in_state(request: Request, user: OptionalUser) -> None:
    """Every page knows who is signed in (for the navigation bar)."""
    request.state.user = SignedIn.of(user)


router = APIRouter(include_in_schema=False, dependencies=[Depends(_user_in_state)])
router.include_router(account.router)
router.include_router(home.router)
router.include_router(patents.router)
router.include_router(imports.router)
router.include_router(quality.router)
router.include_router(search.router)
router.include_router(indicators.router)
router.include_router(wall.router)
router.include_router(valuation_pages.router)
router.include_router(custody.router)
router.include_router(finance_pages.router)
router.include_router(market_pages.router)
