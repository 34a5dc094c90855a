"""JSON API, version 1: one module per area, the JSON twin of every page."""

from fastapi import APIRouter

from ipops.web.api import custody, finance, health, imports, indicators, patents, quality, search, valuation
from ipops.web.api import market as market_api

router = APIRouter()
router.include_router(health.router)
router.include_router(patents.router)
router.include_router(imports.router)
router.include_router(quality.router)
router.include_router(search.router)
router.include_router(indicators.router)
router.include_router(valuation.router)
router.include_router(custody.router)
router.include_router(finance.router)
router.include_router(market_api.router)
